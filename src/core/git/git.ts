/** Where a directory sits in a git work tree. */
export interface GitLocation {
  /** Absolute path of the work tree's top directory. */
  readonly top: string;
  /** The directory's path below `top`, `/`-separated, '' at the top, no trailing slash. */
  readonly prefix: string;
}

/** One blob tracked in a commit. */
export interface GitBlob {
  /** Path below the repository top, `/`-separated. */
  readonly path: string;
  readonly mode: string;
  readonly oid: string;
  readonly size: number;
}

/**
 * What core code needs from git. Declared here so tests and other hosts can supply
 * their own; {@link ./git-cli.ts} implements it with the git command line.
 */
export interface Git {
  /** The work tree holding `dir`, or undefined when `dir` is not in one (or git is absent). */
  locate(dir: string): Promise<GitLocation | undefined>;
  /** The full 40-character commit id `rev` names in the repository at `top`. */
  resolveCommit(top: string, rev: string): Promise<string>;
  /** Every blob tracked at `commit` at or below the path `prefix` (all, when ''), any order. */
  listTree(top: string, commit: string, prefix: string): Promise<GitBlob[]>;
  /** The paths among `paths` that carry the `export-ignore` attribute at `commit`. */
  exportIgnored(top: string, commit: string, paths: readonly string[]): Promise<Set<string>>;
  /** Blob contents in the order given; each blob's chunks must be read before the next is requested. */
  readBlobs(top: string, oids: readonly string[]): AsyncIterable<{ oid: string; size: number; chunks: AsyncIterable<Buffer> }>;
  /** Paths below `prefix` whose work-tree state differs from HEAD (modified or untracked). */
  dirtyPaths(top: string, prefix: string): Promise<string[]>;
  /**
   * Paths (relative to `top`) that `head` changes since it forked from `base`: what a pull
   * request changes (`git diff base...head`), renames listed under both names.
   */
  changedPaths(top: string, base: string, head: string): Promise<string[]>;
}
