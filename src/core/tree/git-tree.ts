import { InputError } from '../errors.js';
import type { Git, GitBlob, GitLocation } from '../git/git.js';
import type { Logger } from '../logger.js';
import type { PathFilter } from './fs-tree.js';
import type { PackTree, TreeFile } from './tree.js';
import { comparePathBytes } from './tree.js';

const SYMLINK = '120000';
const SUBMODULE = '160000';

/** A pack tree read from a commit: what a clone of that commit contains. */
export interface GitPackTree extends PackTree {
  /** The full commit id the tree was read from. */
  readonly commit: string;
  /** Where the pack sits in the repository. */
  readonly location: GitLocation;
  /** The tracked blobs of the pack (paths relative to the pack root), sorted. */
  readonly blobs: readonly GitBlob[];
}

/**
 * The files tracked at `rev` below the pack directory `location`, leaving out paths
 * marked `export-ignore` (as a host's source archive does) and whatever `exclude` rejects.
 * Untracked files in the work tree never count. A tracked symlink is an InputError.
 */
export async function gitTree(git: Git, location: GitLocation, rev: string, logger: Logger, exclude?: PathFilter): Promise<GitPackTree> {
  const commit = await git.resolveCommit(location.top, rev);
  // Only what lies below the pack directory: at this commit `prefix` may also be a file.
  const below = location.prefix === '' ? '' : `${location.prefix}/`;
  const listed = (await git.listTree(location.top, commit, location.prefix)).filter((blob) => blob.path.startsWith(below));
  if (listed.length === 0 && location.prefix !== '') {
    // A clone of this commit has no such directory: hashing an empty tree would pin nothing.
    throw new InputError(
      `${location.prefix}/ holds no tracked files at commit ${commit} of ${location.top}; commit the pack first, or pick a revision that has it`,
    );
  }
  const strip = below.length;
  const ignored = await git.exportIgnored(location.top, commit, candidatePaths(listed));
  const blobs: (GitBlob & { pathBytes: Buffer })[] = [];
  for (const blob of listed) {
    if (isExportIgnored(blob.path, ignored)) continue;
    const path = blob.path.slice(strip);
    if (blob.mode === SUBMODULE) {
      logger.warning(`${path} is a git submodule; its files are not part of the pack tree (a clone does not contain them)`);
      continue;
    }
    if (exclude && (exclude(path, false) || ancestors(path).some((dir) => exclude(`${dir}/`, true)))) continue;
    if (blob.mode === SYMLINK) {
      throw new InputError(`${path} is a symbolic link tracked at commit ${commit}; Attune packs may contain only regular files. Commit a regular file instead`);
    }
    blobs.push({ ...blob, path, pathBytes: Buffer.from(path, 'utf8') });
  }
  blobs.sort((a, b) => comparePathBytes(a.pathBytes, b.pathBytes));
  const origin = `commit ${commit} of ${location.top}${location.prefix ? ` (${location.prefix}/)` : ''}`;
  return { origin, commit, location, blobs, files: () => readFiles(git, location.top, blobs) };
}

async function* readFiles(git: Git, top: string, blobs: readonly (GitBlob & { pathBytes: Buffer })[]): AsyncGenerator<TreeFile> {
  let index = 0;
  for await (const blob of git.readBlobs(top, blobs.map((b) => b.oid))) {
    const entry = blobs[index++];
    yield {
      path: entry.path,
      pathBytes: entry.pathBytes,
      size: blob.size,
      executable: entry.mode === '100755',
      content: () => blob.chunks,
    };
  }
}

/** Every file path and every ancestor directory (with a trailing slash, as git archive asks). */
function candidatePaths(blobs: readonly GitBlob[]): string[] {
  const paths = new Set<string>();
  for (const blob of blobs) {
    paths.add(blob.path);
    for (const dir of ancestors(blob.path)) paths.add(`${dir}/`);
  }
  return [...paths];
}

function isExportIgnored(path: string, ignored: Set<string>): boolean {
  return ignored.has(path) || ancestors(path).some((dir) => ignored.has(`${dir}/`));
}

/** `a/b/c.txt` → [`a`, `a/b`]. */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
