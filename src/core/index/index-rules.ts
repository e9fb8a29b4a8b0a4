/** The index rules: the Attune schema plus the cross-entry and policy checks. */
import semver from 'semver';
import { compareByteOrder } from '../pack/byte-order.js';
import { entrySchemaProblems, indexSchemaProblems } from './index-schema-validator.js';
import type { IndexProblem, UrlScope } from './index-schema-validator.js';
import { urlScopeOf } from './index-schema-validator.js';
import type { IndexEntry } from './model.js';

export type { IndexProblem, UrlScope } from './index-schema-validator.js';
export { urlScopeOf } from './index-schema-validator.js';

import type { IndexPolicy } from './policy.js';
export { INDEX_POLICIES, type IndexPolicy } from './policy.js';

const COMMIT_SHA = /^[0-9a-f]{40}$/;
const KINDS = ['actions', 'sensors', 'triggers', 'rules', 'workflows'] as const;

/**
 * Every problem of an index document: the schema first, then the policy rules. An index whose
 * registry_url is a file:// URL is checked as a local development registry.
 */
export function indexProblems(value: unknown, policy: IndexPolicy): IndexProblem[] {
  const problems = indexSchemaProblems(value, urlScopeOf((value as { registry_url?: unknown } | undefined)?.registry_url));
  const packs = (value as { packs?: unknown } | undefined)?.packs;
  if (!Array.isArray(packs)) return problems;
  problems.push(...refOrderProblems(packs.map((pack) => (pack as { ref?: unknown } | undefined)?.ref)));
  packs.forEach((pack, i) => problems.push(...entryRuleProblems(pack, `/packs/${i}`, policy)));
  return problems;
}

/** Problems of one entry: the schema's pack definition and the per-entry rules. */
export function entryProblems(value: unknown, policy: IndexPolicy, base = '', scope: UrlScope = 'https'): IndexProblem[] {
  return [...entrySchemaProblems(value, base, scope), ...entryRuleProblems(value, base, policy)];
}

/** Duplicate and unsorted refs; `refs[i]` is the `ref` of `/packs/i` (non-strings are skipped). */
export function refOrderProblems(refs: readonly unknown[]): IndexProblem[] {
  const problems: IndexProblem[] = [];
  const seen = new Map<string, number>();
  let previous: string | undefined;
  refs.forEach((ref, i) => {
    if (typeof ref !== 'string') return;
    const first = seen.get(ref);
    if (first !== undefined) problems.push({ path: `/packs/${i}/ref`, message: `ref "${ref}" is listed twice (also at /packs/${first}); an index has one entry per ref: keep only the entry of its highest version` });
    else seen.set(ref, i);
    if (previous !== undefined && compareByteOrder(previous, ref) > 0) {
      problems.push({ path: `/packs/${i}/ref`, message: `packs are not sorted by ref: "${ref}" comes after "${previous}"; sort them by ref in byte order (index-update and index-merge write them sorted)` });
    }
    previous = ref;
  });
  return problems;
}

function entryRuleProblems(value: unknown, base: string, policy: IndexPolicy): IndexProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  const entry = value as Partial<IndexEntry>;
  const problems: IndexProblem[] = [];
  if (typeof entry.version === 'string' && semver.valid(entry.version) === null) {
    problems.push({ path: `${base}/version`, message: `"${entry.version}" is not a semantic version (MAJOR.MINOR.PATCH)` });
  }
  problems.push(...componentProblems(entry, base));
  if (policy === 'standard') problems.push(...standardSourceProblems(entry, base));
  return problems;
}

function componentProblems(entry: Partial<IndexEntry>, base: string): IndexProblem[] {
  const problems: IndexProblem[] = [];
  for (const kind of KINDS) {
    const list = entry.contents?.[kind];
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    list.forEach((component, i) => {
      const name = (component as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string') return;
      if (seen.has(name)) problems.push({ path: `${base}/contents/${kind}/${i}/name`, message: `${kind} name "${name}" is listed twice; component names are unique within each kind` });
      seen.add(name);
    });
  }
  return problems;
}

function standardSourceProblems(entry: Partial<IndexEntry>, base: string): IndexProblem[] {
  if (!Array.isArray(entry.install_sources)) return [];
  const git = entry.install_sources.map((s, i) => [s, i] as const).filter(([s]) => (s as { type?: unknown })?.type === 'git');
  if (git.length !== 1) {
    return [{ path: `${base}/install_sources`, message: `the standard index needs exactly one git source per pack, found ${git.length}` }];
  }
  const [source, i] = git[0];
  const ref = (source as { ref?: unknown }).ref;
  if (typeof ref === 'string' && !COMMIT_SHA.test(ref)) {
    return [{ path: `${base}/install_sources/${i}/ref`, message: `git source ref "${ref}" must be a full 40-character lower-case commit SHA (a tag or branch can move)` }];
  }
  return [];
}

/** Problems as indented lines, at most `limit` of them. */
export function formatIndexProblems(problems: readonly IndexProblem[], limit = 50): string {
  const lines = problems.slice(0, limit).map((p) => `  ${p.path || '/'}: ${p.message}`);
  if (problems.length > limit) lines.push(`  ... and ${problems.length - limit} more`);
  return lines.join('\n');
}

