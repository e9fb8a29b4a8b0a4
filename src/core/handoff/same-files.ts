import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteError } from '../errors.js';
import type { GitAuth, RepoGit } from '../git/repo-git.js';
import type { Logger } from '../logger.js';

/**
 * Whether origin's `branch` already holds `files` (relative to `top`) as the work tree has
 * them. An index's last_updated is left out of the comparison: every run stamps its own
 * time, and a re-run must still see the pull request it opened earlier as the same.
 */
export async function branchHolds(top: string, branch: string, files: readonly string[], repoGit: RepoGit, auth: GitAuth | undefined, logger: Logger): Promise<boolean> {
  try {
    await repoGit.fetchBranch(top, branch, auth);
  } catch (error) {
    // A pull request whose branch is gone: push it again.
    if (error instanceof RemoteError) {
      logger.debug(`cannot fetch ${branch}: ${error.message}`);
      return false;
    }
    throw error;
  }
  for (const file of files) {
    const theirs = await repoGit.readFile(top, `refs/remotes/origin/${branch}`, file);
    const ours = await readFile(join(top, ...file.split('/')));
    if (!theirs || !sameDocument(theirs, ours)) return false;
  }
  return true;
}

/** Byte-equal, or JSON documents equal but for a top-level last_updated. */
function sameDocument(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  const normal = (bytes: Buffer): string | undefined => {
    try {
      const value: unknown = JSON.parse(bytes.toString('utf8'));
      if (!value || typeof value !== 'object' || Array.isArray(value) || !('last_updated' in value)) return undefined;
      return JSON.stringify({ ...value, last_updated: '' });
    } catch {
      return undefined;
    }
  };
  const left = normal(a);
  return left !== undefined && left === normal(b);
}
