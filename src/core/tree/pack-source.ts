import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fsInputError, InputError } from '../errors.js';
import type { Git, GitLocation } from '../git/git.js';
import type { Logger } from '../logger.js';
import { assertDirectory, directoryTree } from './fs-tree.js';
import type { PathFilter } from './fs-tree.js';
import { gitTree } from './git-tree.js';
import { excludeFilter, PACKIGNORE } from './packignore.js';
import type { PackTree } from './tree.js';

/** Which files of a pack to take. */
export interface SourceSelection {
  /** The pack directory. */
  readonly packDir: string;
  /** Read the tree tracked at this revision (the directory must be in a git work tree). */
  readonly gitRef?: string;
  /** Read the files on disk even inside a git work tree. */
  readonly noGit?: boolean;
  /**
   * Without `gitRef`, whether a directory inside a git work tree means its committed tree
   * at HEAD (archives, like `git archive`) rather than the files on disk (checksums).
   */
  readonly preferGitHead?: boolean;
}

/** What to leave out of a tree (archives apply these; checksums of a source tree do not). */
export interface Excludes {
  /** Apply the pack's own `.packignore`. */
  readonly packignore: boolean;
  /** Extra gitignore-syntax patterns. */
  readonly patterns: readonly string[];
  /** Exact relative paths to leave out. */
  readonly paths?: readonly string[];
}

/** A chosen pack source: single files on demand, and the whole tree. */
export interface PackSource {
  readonly kind: 'git' | 'directory';
  readonly packDir: string;
  /** Commit id, for git sources. */
  readonly commit?: string;
  /** Where the files come from, for messages. */
  readonly origin: string;
  /** A file of the pack as text (path relative to the pack root), or undefined if absent. */
  readText(path: string): Promise<string | undefined>;
  /** The pack's files, sorted; every entry is listed and checked before this resolves. */
  tree(excludes?: Excludes): Promise<PackTree>;
}

/** Pick the committed tree or the files on disk, as {@link SourceSelection} asks. */
export async function openPackSource(selection: SourceSelection, git: Git, logger: Logger): Promise<PackSource> {
  const packDir = resolve(selection.packDir);
  assertDirectory(packDir, 'pack directory');
  const location = selection.noGit ? undefined : await git.locate(packDir);
  if (selection.gitRef !== undefined && !location) {
    const why = selection.noGit ? ' (--no-git was given)' : '';
    throw new InputError(`--git-ref ${selection.gitRef}: ${packDir} is not inside a git work tree${why}; drop --git-ref to use the files on disk`);
  }
  if (location && (selection.gitRef !== undefined || selection.preferGitHead)) {
    return gitSource(git, logger, packDir, location, selection.gitRef);
  }
  return directorySource(packDir);
}

async function gitSource(git: Git, logger: Logger, packDir: string, location: GitLocation, gitRef: string | undefined): Promise<PackSource> {
  const commit = await resolveSourceCommit(git, location, gitRef);
  if (gitRef === undefined) await warnIfDirty(git, location, logger);
  const readText = gitReader(git, location, commit);
  const origin = `commit ${commit} of ${location.top}${location.prefix ? ` (${location.prefix}/)` : ''}`;
  return {
    kind: 'git',
    packDir,
    commit,
    origin,
    readText,
    tree: async (excludes) => gitTree(git, location, commit, logger, await filterFor(excludes, readText)),
  };
}

/** The commit to read: `gitRef`, else HEAD (which a repository without any commit lacks). */
async function resolveSourceCommit(git: Git, location: GitLocation, gitRef: string | undefined): Promise<string> {
  if (gitRef !== undefined) return git.resolveCommit(location.top, gitRef);
  try {
    return await git.resolveCommit(location.top, 'HEAD');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      `HEAD of the git repository at ${location.top} names no commit (a repository without any commit yet?), so there is no committed tree to read; commit the pack, or pass --no-git to use the files on disk`,
      { cause: error },
    );
  }
}

function directorySource(packDir: string): PackSource {
  const readText = (path: string) => readOptional(join(packDir, path));
  return {
    kind: 'directory',
    packDir,
    origin: `directory ${packDir}`,
    readText,
    tree: async (excludes) => directoryTree(packDir, await filterFor(excludes, readText)),
  };
}

async function filterFor(excludes: Excludes | undefined, readText: (p: string) => Promise<string | undefined>): Promise<PathFilter | undefined> {
  if (!excludes) return undefined;
  const packignore = excludes.packignore ? await readText(PACKIGNORE) : undefined;
  const byPattern = excludeFilter(packignore, excludes.patterns);
  const paths = new Set(excludes.paths ?? []);
  if (paths.size === 0) return byPattern;
  return (path, isDirectory) => paths.has(path) || (byPattern?.(path, isDirectory) ?? false);
}

function gitReader(git: Git, location: GitLocation, commit: string): (path: string) => Promise<string | undefined> {
  return async (path) => {
    const full = location.prefix === '' ? path : `${location.prefix}/${path}`;
    const blob = (await git.listTree(location.top, commit, full)).find((b) => b.path === full);
    if (!blob) return undefined;
    const parts: Buffer[] = [];
    for await (const object of git.readBlobs(location.top, [blob.oid])) for await (const chunk of object.chunks) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  };
}

async function warnIfDirty(git: Git, location: GitLocation, logger: Logger): Promise<void> {
  const dirty = await git.dirtyPaths(location.top, location.prefix);
  if (dirty.length === 0) return;
  const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? `, and ${dirty.length - 5} more` : '');
  logger.warning(`uncommitted or untracked files are not included (the committed tree at HEAD is used): ${shown}. Commit them, or pass --no-git to use the files on disk`);
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsInputError(error, 'file', path);
  }
}
