import type { ErrorObject, ValidateFunction } from 'ajv';
import * as https from '../validators/index-https.generated.js';
import * as local from '../validators/index-local.generated.js';

/** One problem in an index, located by its JSON pointer. */
export interface IndexProblem {
  /** JSON pointer of the offending value, e.g. `/packs/3/version`; `` for the whole document. */
  readonly path: string;
  readonly message: string;
}

/**
 * Which URLs an index may hold. `https`: the Attune schema as published (every URL https).
 * `local`: a local development registry (the specification's "local filesystem registry"),
 * whose registry and source URLs may also be file:// URLs; installable on its own machine only.
 */
export type UrlScope = 'https' | 'local';

/** A registry whose `registry_url` is a file:// URL is a local development registry. */
export function urlScopeOf(registryUrl: unknown): UrlScope {
  return typeof registryUrl === 'string' && registryUrl.startsWith('file://') ? 'local' : 'https';
}

/**
 * The index and entry validators for each scope, generated at build time from the schemas
 * (scripts/gen-validators.mjs): no schema is compiled while a command runs.
 */
const validators: Record<UrlScope, { index: ValidateFunction; entry: ValidateFunction }> = {
  https: { index: https.index as unknown as ValidateFunction, entry: https.entry as unknown as ValidateFunction },
  local: { index: local.index as unknown as ValidateFunction, entry: local.entry as unknown as ValidateFunction },
};

/** Schema problems of a whole index document. */
export function indexSchemaProblems(value: unknown, scope: UrlScope = 'https'): IndexProblem[] {
  const validate = validators[scope].index;
  return validate(value) ? [] : describe(validate.errors ?? [], value, '');
}

/** Schema problems of one pack entry; `base` prefixes the reported paths. */
export function entrySchemaProblems(value: unknown, base = '', scope: UrlScope = 'https'): IndexProblem[] {
  const validate = validators[scope].entry;
  return validate(value) ? [] : describe(validate.errors ?? [], value, base);
}

/**
 * Readable problems from ajv errors. For install sources, errors from the `oneOf` branch
 * that does not match the source's `type` are dropped: "git source lacks ref" helps,
 * "must match exactly one schema" and the archive branch's complaints do not.
 */
function describe(errors: readonly ErrorObject[], root: unknown, base: string): IndexProblem[] {
  const kept = errors.filter((e) => e.keyword !== 'oneOf' && !wrongBranch(e, root));
  const problems = (kept.length > 0 ? kept : errors).map((e) => ({ path: base + e.instancePath, message: sentence(e) }));
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.path + p.message) ? false : (seen.add(p.path + p.message), true)));
}

function wrongBranch(error: ErrorObject, root: unknown): boolean {
  const branch = /\/oneOf\/(\d)\//.exec(error.schemaPath);
  if (!branch) return false;
  const source = /^(.*\/install_sources\/\d+)/.exec(error.instancePath);
  if (!source) return false;
  const type = (pointer(root, source[1]) as { type?: unknown } | undefined)?.type;
  if (type === 'git') return branch[1] !== '0';
  if (type === 'archive') return branch[1] !== '1';
  return branch[1] !== '0'; // unknown type: report once, against the first branch
}

function pointer(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

function sentence(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing required field "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `field "${String(p.additionalProperty)}" is not allowed by the Attune index schema; remove it (extra data belongs in meta)`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `does not match ${String(p.pattern)}`;
    case 'format':
      return `is not a valid ${String(p.format)}`;
    case 'uniqueItems':
      // ajv reports the later position as j: name them in reading order.
      return `has duplicate items (positions ${Math.min(Number(p.i), Number(p.j))} and ${Math.max(Number(p.i), Number(p.j))})`;
    case 'type':
      return `must be of type ${String(p.type)}`;
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return `must have at least ${String(p.limit)} item(s)`;
    default:
      return e.message ?? e.keyword;
  }
}
