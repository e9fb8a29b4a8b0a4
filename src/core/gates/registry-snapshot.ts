import { posix } from 'node:path';
import { InputError } from '../errors.js';
import type { RepoGit } from '../git/repo-git.js';
import { parseHistory } from '../index/history.js';
import { packAt, scanIndex } from '../index/index-scan.js';
import { checkScanned } from '../index/index-stream.js';
import type { UrlScope } from '../index/index-rules.js';
import type { IndexEntry } from '../index/model.js';
import { INDEX_FORMAT_VERSION } from '../index/model.js';
import type { IndexPolicy } from '../index/policy.js';
import { PACKS_PREFIX } from '../registry/layout.js';
import type { GateDetail } from './report.js';

/** Where a registry's files are in the repository, and how to name them to people. */
export interface RegistryFiles {
  /** index.json, relative to the repository top. */
  readonly index: string;
  readonly policy: IndexPolicy;
  /** A repository path as shown in messages. */
  shown(path: string): string;
}

/** One released version and the file it was read from (repository path). */
export interface VersionAt {
  readonly ref: string;
  readonly version: string;
  readonly entry: IndexEntry;
  readonly file: string;
}

/** index.json at one commit. `strict` reads (head) report why it is invalid. */
export interface IndexAt {
  readonly exists: boolean;
  /** index.json's entry of each ref: its highest version. */
  readonly top: ReadonlyMap<string, IndexEntry>;
  readonly scope: UrlScope;
  readonly problems: GateDetail[];
}

/** `packs/<ref>/index.json` beside the index: every version of one pack. */
export function historyFile(files: RegistryFiles, ref: string): string {
  const dir = posix.dirname(files.index);
  return `${dir === '.' ? '' : `${dir}/`}${PACKS_PREFIX}${ref}/index.json`;
}

/** The ref whose history `path` is, or undefined. */
export function historyRef(files: RegistryFiles, path: string): string | undefined {
  const dir = posix.dirname(files.index);
  const below = dir === '.' ? path : path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
  return below === undefined ? undefined : /^packs\/([^/]+)\/index\.json$/.exec(below)?.[1];
}

/**
 * index.json at `rev`. With `strict`, every reason it is not a valid index is an error
 * detail (the head must validate); otherwise what parses is taken as it is (the base branch's
 * index is not this pull request's doing).
 */
export async function indexAt(repoGit: RepoGit, top: string, rev: string, files: RegistryFiles, strict: boolean): Promise<IndexAt> {
  const bytes = await repoGit.readFile(top, rev, files.index);
  const empty = { top: new Map<string, IndexEntry>(), scope: 'https' as UrlScope };
  if (!bytes) return { exists: false, ...empty, problems: [] };
  const file = files.shown(files.index);
  const problem = (message: string): GateDetail => ({ file, message, level: strict ? 'error' : 'warning' });
  let scanned;
  try {
    scanned = scanIndex(bytes, file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { exists: true, ...empty, problems: [problem(error.message)] };
  }
  const problems: GateDetail[] = [];
  const version = scanned.header.version;
  if (version !== undefined && version !== INDEX_FORMAT_VERSION) problems.push(problem(`is index format version ${JSON.stringify(version)}; packreg reads format "1.0" only`));
  const checked = checkScanned(scanned, files.policy);
  if (strict) problems.push(...checked.problems.map((p) => problem(`${p.path || '/'}: ${p.message}`)));
  const entries = new Map<string, IndexEntry>();
  for (const slice of scanned.packs ?? []) {
    const entry = entryOf(() => packAt(scanned, slice));
    if (entry) entries.set(entry.ref, entry);
  }
  return { exists: true, top: entries, scope: checked.scope, problems };
}

/** The released versions read from pack histories, keyed `ref@version`. */
export interface HistoriesAt {
  readonly versions: Map<string, VersionAt>;
  /** Refs whose history exists but is not JSON: their versions are unknown, not removed. */
  readonly unreadable: Set<string>;
}

/**
 * The versions in the histories of `refs` at `rev`. With `strict`, an invalid history is an
 * error detail in `problems`; what can still be read of it is used either way.
 */
export async function historiesAt(
  repoGit: RepoGit,
  top: string,
  rev: string,
  refs: Iterable<string>,
  files: RegistryFiles,
  options: { strict: boolean; scope: UrlScope; problems: GateDetail[] },
): Promise<HistoriesAt> {
  const result: HistoriesAt = { versions: new Map(), unreadable: new Set() };
  for (const ref of refs) {
    const file = historyFile(files, ref);
    const bytes = await repoGit.readFile(top, rev, file);
    if (!bytes) continue;
    const entries = historyEntries(bytes.toString('utf8'), ref, files.shown(file), files.policy, options);
    if (!entries) result.unreadable.add(ref);
    for (const entry of entries ?? []) result.versions.set(versionKey(entry.ref, entry.version), { ref: entry.ref, version: entry.version, entry, file });
  }
  return result;
}

/** A history's entries of `ref`; undefined when it is not JSON. */
function historyEntries(text: string, ref: string, shown: string, policy: IndexPolicy, options: { strict: boolean; scope: UrlScope; problems: GateDetail[] }): IndexEntry[] | undefined {
  if (options.strict) {
    try {
      return parseHistory(text, shown, ref, policy, options.scope).versions;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      options.problems.push({ pack: ref, file: shown, message: error.message, level: 'error' });
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const list = (value as { versions?: unknown } | null)?.versions;
  return (Array.isArray(list) ? list : []).map((item) => entryOf(() => item)).filter((e): e is IndexEntry => e !== undefined && e.ref === ref);
}

/** `read()` as an entry when it is an object with a string ref and version; undefined otherwise. */
function entryOf(read: () => unknown): IndexEntry | undefined {
  try {
    const value = read() as Partial<IndexEntry> | null;
    return value && typeof value === 'object' && typeof value.ref === 'string' && typeof value.version === 'string' ? (value as IndexEntry) : undefined;
  } catch (error) {
    if (error instanceof InputError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** The key of one released version. */
export const versionKey = (ref: string, version: string): string => `${ref}@${version}`;
