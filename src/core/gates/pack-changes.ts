import { posix } from 'node:path';
import type { Git } from '../git/git.js';
import type { RepoGit } from '../git/repo-git.js';
import { changedPacks } from '../install/changed-packs.js';
import type { Logger } from '../logger.js';
import type { PrRange } from './pr-range.js';
import { inFolder } from './pr-range.js';

/** The manifest names a pack folder may hold, in the order they are looked for. */
export const MANIFEST_NAMES = ['pack.yaml', 'pack.yml'];

/** A pack manifest's text at one commit. */
export interface ManifestAt {
  /** Path relative to the repository top. */
  readonly file: string;
  readonly text: string;
}

/** A pack folder the pull request touches, with its manifest on both sides. */
export interface PackChange {
  /** The folder relative to the repository top ('' for a pack at the top). */
  readonly dir: string;
  /** The manifest at head; undefined when the pull request deletes the pack. */
  readonly head?: ManifestAt;
  /** The manifest at base; undefined for a new pack. */
  readonly base?: ManifestAt;
}

/**
 * Every pack folder the pull request changes (found as install-verify finds them, by
 * {@link changedPacks}), plus the folders whose manifest it deletes. The manifests are read
 * from the commits, not the work tree. A warning notes when head is not the checkout, since
 * pack folders are found in the checked-out files.
 */
export async function packChanges(range: PrRange, deps: { git: Git; repoGit: RepoGit; logger: Logger }, workspace: string, baseName: string): Promise<PackChange[]> {
  if ((await deps.repoGit.head(range.top)) !== range.head) {
    deps.logger.warning(`head ${range.head} is not the checked-out commit; pack folders are found in the checked-out files, so check out head for exact results`);
  }
  const listed = await changedPacks({ workspace, base: range.base, head: range.head, baseName }, deps.git);
  const dirs = new Set(listed.map((p) => (p.path === '.' ? range.prefix : posix.join(range.prefix, p.path))));
  for (const path of range.paths) {
    if (!MANIFEST_NAMES.includes(posix.basename(path))) continue;
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    if (inside(range.prefix, dir)) dirs.add(dir);
  }
  const changes: PackChange[] = [];
  for (const dir of [...dirs].sort()) {
    const head = await manifestAt(deps.repoGit, range.top, range.head, dir);
    const base = await manifestAt(deps.repoGit, range.top, range.base, dir);
    if (head || base) changes.push({ dir, head, base });
  }
  return changes;
}

/** Whether `dir` is `prefix` or below it. */
function inside(prefix: string, dir: string): boolean {
  return prefix === '' || dir === prefix || dir.startsWith(`${prefix}/`);
}

/** The first manifest name present in `dir` at `rev`. */
async function manifestAt(repoGit: RepoGit, top: string, rev: string, dir: string): Promise<ManifestAt | undefined> {
  for (const name of MANIFEST_NAMES) {
    const file = inFolder(dir, name);
    const bytes = await repoGit.readFile(top, rev, file);
    if (bytes) return { file, text: bytes.toString('utf8') };
  }
  return undefined;
}
