/** Who a commit is by. */
export interface CommitAuthor {
  readonly name: string;
  readonly email: string;
}

/**
 * Credentials for an https remote. The token travels in an `http.<origin>/.extraheader`
 * set through GIT_CONFIG_* variables: never in the URL, the arguments or .git/config.
 */
export interface GitAuth {
  readonly token: string;
}

/**
 * How a push ended. `moved`: the branch moved on (non-fast-forward), so fetch and try again;
 * `refused`: the server turned the ref update down (a pre-receive hook, branch protection, or
 * a lost race for the ref lock). Failures to reach or authenticate to the remote throw.
 */
export type PushResult = { readonly pushed: true } | { readonly pushed: false; readonly kind: 'moved' | 'refused'; readonly reason: string };

/**
 * The git work that changes repositories: cloning a registry, committing an index update and
 * pushing it. Declared by the core; {@link ./repo-git-cli.ts} implements it on the git
 * command line. `top` is a work tree's top directory; the remote is always `origin`.
 */
export interface RepoGit {
  /** Clone branch `branch` of `url` into the new folder `dir` (shallow, no tags). */
  clone(url: string, dir: string, branch: string, auth?: GitAuth): Promise<void>;
  /** Fetch `branch` from origin into refs/remotes/origin/<branch>; returns its commit. */
  fetchBranch(top: string, branch: string, auth?: GitAuth): Promise<string>;
  /** Point branch `branch` at `start` and check it out, discarding work-tree changes. */
  resetBranch(top: string, branch: string, start: string): Promise<void>;
  /** Stage `paths` (additions, changes and deletions below them). */
  stage(top: string, paths: readonly string[]): Promise<void>;
  /** Whether the index differs from HEAD. */
  hasStagedChanges(top: string): Promise<boolean>;
  /** Commit the index (hooks skipped); returns the new commit id. */
  commit(top: string, message: string, author: CommitAuthor): Promise<string>;
  /** Push HEAD to origin's `branch`; `force` replaces it (for packreg's own handoff branches). */
  push(top: string, branch: string, options?: { force?: boolean; auth?: GitAuth }): Promise<PushResult>;
  /**
   * Delete origin's branch `branch` (to take back a push whose follow-up failed). Optional,
   * so wrappers written before it keep compiling; without it such a branch stays.
   */
  deleteBranch(top: string, branch: string, auth?: GitAuth): Promise<void>;
  /** A file's bytes at `rev`, or undefined when it has no such file. */
  readFile(top: string, rev: string, path: string): Promise<Buffer | undefined>;
  /** The branch checked out at `top`; undefined on a detached HEAD. */
  currentBranch(top: string): Promise<string | undefined>;
  /** The commit HEAD is at. */
  head(top: string): Promise<string>;
}
