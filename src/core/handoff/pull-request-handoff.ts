import { join } from 'node:path';
import { messageOf, RemoteError } from '../errors.js';
import type { PullRequest } from '../github/github-api.js';
import { GitHubApiError, isApiStatus, repoText } from '../github/github-api.js';
import { applyEntry } from './apply-entry.js';
import type { HandoffDeps, HandoffResult, ResolvedHandoff } from './handoff-settings.js';
import { entryName, headBranch, pullRequestBody } from './pull-request-body.js';
import { branchHolds } from './same-files.js';

/**
 * Propose the entry to the registry as a pull request, as krew's release bot does: clone the
 * base branch into `scratch`, upsert the entry, and push the result to packreg's own branch
 * `packreg/<ref>-<version>`. Nothing is pushed when the registry already lists the entry
 * (`unchanged`) or the open pull request already proposes it (`exists`), so a re-run is a
 * no-op. A pull request that cannot be created takes its pushed branch back with it.
 */
export async function handOffByPullRequest(s: ResolvedHandoff, deps: HandoffDeps, scratch: string): Promise<HandoffResult> {
  const { github, repoGit, logger } = deps;
  const branch = headBranch(s.entry);
  // A read first: a token the API rejects fails here, before anything is cloned or pushed.
  const open = await github.findPullRequest(s.repository, branch, s.baseBranch);
  const top = join(scratch, 'registry');
  logger.info(`cloning ${s.baseBranch} of ${repoText(s.repository)}`);
  await repoGit.clone(s.gitUrl!, top, s.baseBranch, s.auth);
  await repoGit.resetBranch(top, branch, 'HEAD');
  const files = await applyEntry(top, s, logger);
  if (files.length === 0) {
    logger.info(`${repoText(s.repository)} already lists ${entryName(s.entry)} on ${s.baseBranch}; nothing to do`);
    return { result: 'unchanged' };
  }
  if (open && (await branchHolds(top, branch, files, repoGit, s.auth, logger))) {
    logger.info(`pull request #${open.number} already proposes ${entryName(s.entry)}: ${open.url}`);
    return { result: 'exists', pullRequest: link(open), branch };
  }
  await repoGit.stage(top, files);
  await repoGit.commit(top, `Add ${entryName(s.entry)}`, s.author);
  const pushed = await repoGit.push(top, branch, { force: true, auth: s.auth });
  if (!pushed.pushed) throw new RemoteError(`git push of ${branch} to ${repoText(s.repository)} was rejected: ${pushed.reason}`);
  logger.info(`pushed ${branch} to ${repoText(s.repository)}`);
  if (open) return { result: 'updated', pullRequest: link(open), branch };
  const created = await createPullRequest(s, deps, top, branch);
  return { result: created.raced ? 'updated' : 'opened', pullRequest: link(created.pr), branch };
}

/** Open the pull request; on failure, delete the pushed branch so the registry is as it was. */
async function createPullRequest(s: ResolvedHandoff, deps: HandoffDeps, top: string, branch: string): Promise<{ pr: PullRequest; raced: boolean }> {
  const request = { title: entryName(s.entry), head: branch, base: s.baseBranch, body: pullRequestBody(s.entry, s.indexPath, branch, s.source) };
  try {
    return { pr: await deps.github.createPullRequest(s.repository, request), raced: false };
  } catch (error) {
    // Another run opened it in the meantime: that pull request now shows our push.
    const theirs = isApiStatus(error, 422) ? await deps.github.findPullRequest(s.repository, branch, s.baseBranch) : undefined;
    if (theirs) return { pr: theirs, raced: true };
    throw await takeBack(error, s, deps, top, branch);
  }
}

/** Delete the branch pushed for a pull request that could not be opened; the error says how that went. */
async function takeBack(error: unknown, s: ResolvedHandoff, deps: HandoffDeps, top: string, branch: string): Promise<unknown> {
  let outcome: string;
  try {
    await deps.repoGit.deleteBranch(top, branch, s.auth);
    outcome = `the branch ${branch} pushed for it was deleted again, so ${repoText(s.repository)} is unchanged`;
  } catch (deleteError) {
    deps.logger.warning(`could not delete ${branch} from ${repoText(s.repository)}: ${messageOf(deleteError)}`);
    outcome = `the branch ${branch} pushed for it could not be deleted; delete it by hand`;
  }
  if (!(error instanceof GitHubApiError)) return error;
  return new GitHubApiError(`${error.message}; ${outcome}`, error.status, { cause: error.cause });
}

const link = (pr: PullRequest) => ({ number: pr.number, url: pr.url });
