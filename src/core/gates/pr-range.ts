import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Git } from '../git/git.js';

/** The two commits a pull request is checked between, and what changed from one to the other. */
export interface PrRange {
  /** The work tree's top directory. */
  readonly top: string;
  /** The checked folder below `top` (`/`-separated, '' at the top). */
  readonly prefix: string;
  /** Full commit ids. */
  readonly base: string;
  readonly head: string;
  /** Paths (relative to `top`) that head changes since it forked from base (`git diff base...head`). */
  readonly paths: ReadonlySet<string>;
}

/** Where to look and what to compare. */
export interface RangeSettings {
  /** A folder in the git work tree: the checkout, or a folder of packs in it. */
  readonly top: string;
  readonly base: string;
  /** Where `base` came from (an input or flag), for messages. */
  readonly baseName?: string;
  /** Default HEAD. */
  readonly head?: string;
}

/** Resolve both commits and list the changed paths; a missing commit says how to fetch it. */
export async function resolveRange(settings: RangeSettings, git: Git): Promise<PrRange> {
  const folder = resolve(settings.top);
  const location = await git.locate(folder);
  if (!location) throw new InputError(`${folder} is not a git work tree; check out the repository (actions/checkout with fetch-depth: 0) before checking a pull request`);
  const base = await commitOf(git, location.top, settings.base, settings.baseName ?? 'base');
  const head = await commitOf(git, location.top, settings.head ?? 'HEAD', 'head');
  const paths = new Set(await git.changedPaths(location.top, base, head));
  return { top: location.top, prefix: location.prefix, base, head, paths };
}

async function commitOf(git: Git, top: string, rev: string, name: string): Promise<string> {
  try {
    return await git.resolveCommit(top, rev);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // No cause: git's own message names --git-ref (another command's flag), which would mislead here.
    throw new InputError(`${name} "${rev}" names no commit in ${top}; a shallow checkout lacks the base branch: use actions/checkout with fetch-depth: 0 (or fetch the commit) and run again`);
  }
}

/** `path` (relative to the repository top) as seen from the checked folder `prefix`. */
export function shownPath(prefix: string, path: string): string {
  if (prefix === '') return path === '' ? '.' : path;
  if (path === prefix) return '.';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : path;
}

/** `name` inside the folder `dir` ('' for the top). */
export function inFolder(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
