import type { Problem } from './problem.js';

/** Same rule as the schema's `ref` pattern; used to decide whether `name` can stand in for `ref`. */
const REF_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** The manifest to validate, plus what the fallbacks had to say about it. */
export interface FallbackResult {
  /** The raw manifest with `ref` and `label` filled in where a fallback applies. */
  effective: Record<string, unknown>;
  warnings: Problem[];
  errors: Problem[];
  /** Paths already reported in `errors`; the schema's own error for them is redundant. */
  reported: Set<string>;
}

type Located = (path: string[]) => { line?: number; column?: number };

/**
 * Apply the fallbacks that let Attune packs and older StackStorm-style packs load:
 * `ref` from `name`, `label` from `name` or the ref. Also warns about fields an index
 * entry will miss (license, author) and StackStorm keys Attune ignores.
 */
export function applyFallbacks(raw: Record<string, unknown>, locate: Located): FallbackResult {
  const result: FallbackResult = { effective: { ...raw }, warnings: [], errors: [], reported: new Set() };
  fillRef(raw, locate, result);
  fillLabel(raw, locate, result);
  warnIndexGaps(raw, locate, result);
  warnStackStormKeys(raw, locate, result);
  return result;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

function fillRef(raw: Record<string, unknown>, locate: Located, r: FallbackResult): void {
  if (!isMissing(raw.ref)) return;
  const name = raw.name;
  if (typeof name === 'string' && REF_PATTERN.test(name)) {
    r.effective.ref = name;
    r.warnings.push({
      path: 'ref',
      ...locate(['name']),
      message: `ref missing; using name ${JSON.stringify(name)}`,
      fix: `add ref: ${JSON.stringify(name)}`,
    });
  } else if (!isMissing(name)) {
    // Without this, the user would only hear "ref is missing" and wonder why name did not count.
    r.errors.push({
      path: 'ref',
      ...locate(['name']),
      message: `ref missing, and name ${JSON.stringify(name)} cannot be used as a ref`,
      fix: `add ref: lower-case letters, digits, '_' and '-', starting with a letter, e.g. "${suggestRef(name)}"`,
    });
    r.reported.add('ref');
  }
}

/** A ref that resembles `name`, for the advice only. */
function suggestRef(name: unknown): string {
  const ref = String(name)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[^a-z]+/, '');
  return ref === '' ? 'my_pack' : ref;
}

function fillLabel(raw: Record<string, unknown>, locate: Located, r: FallbackResult): void {
  if (!isMissing(raw.label)) return;
  const name = raw.name;
  const from = typeof name === 'string' && name !== '' ? 'name' : 'ref';
  const value = from === 'name' ? name : r.effective.ref;
  if (typeof value !== 'string') return; // nothing to fall back to: the schema reports it
  r.effective.label = value;
  r.warnings.push({
    path: 'label',
    ...locate([from]),
    message: `label missing; using ${from} ${JSON.stringify(value)}`,
    fix: 'add label: a short display name, e.g. "My Pack"',
  });
}

function warnIndexGaps(raw: Record<string, unknown>, locate: Located, r: FallbackResult): void {
  const meta = raw.meta as Record<string, unknown> | undefined;
  if (isMissing(raw.license) && isMissing(meta?.license)) {
    r.warnings.push({
      path: 'license',
      ...locate([]),
      message: "license missing; index entries will use the repository's LICENSE file or NOASSERTION",
      fix: 'add license: an SPDX identifier, e.g. "Apache-2.0"',
    });
  }
  if (isMissing(raw.author)) {
    r.warnings.push({
      path: 'author',
      ...locate([]),
      message: 'author missing; an index entry needs an author',
      fix: 'add author: the person or team that maintains the pack, e.g. "Example Team"',
    });
  }
}

function warnStackStormKeys(raw: Record<string, unknown>, locate: Located, r: FallbackResult): void {
  if ('python_versions' in raw) {
    r.warnings.push({
      path: 'python_versions',
      ...locate(['python_versions']),
      message: 'python_versions is a StackStorm key that Attune ignores',
      fix: 'declare runtime_deps: [python3] instead (and dependencies.python_version for a version range)',
    });
  }
  if ('stackstorm_version' in raw) {
    r.warnings.push({
      path: 'stackstorm_version',
      ...locate(['stackstorm_version']),
      message: 'stackstorm_version is a StackStorm key that Attune ignores',
      fix: 'declare the Attune versions the pack supports as dependencies.attune_version instead',
    });
  }
}
