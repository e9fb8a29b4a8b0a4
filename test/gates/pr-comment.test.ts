import { afterAll, describe, expect, it } from '@jest/globals';
import { upsertPullRequestComment } from '../../src/core/gates/pr-comment.js';
import { COMMENT_MARKER } from '../../src/core/gates/render-markdown.js';
import { GitHubApiError } from '../../src/core/github/github-api.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { octokitApi } from '../../src/github/octokit-api.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';
import { check, gitDeps, packTree, packYaml, pullRequest } from './gate-fixtures.js';

/** The one packreg comment on a pull request, against the GitHub REST stand-in. */
const temp = tempDirs();
const github = useFakeGitHub();
afterAll(() => {
  temp.cleanup();
});

let next = 0;
/** A repository of the fake no other test touches. */
const freshRepo = () => {
  next += 1;
  return { owner: 'acme', repo: `packs-${next}` };
};
const requestsTo = (name: string) => github.requests.filter((r) => r.path.startsWith(`/repos/acme/${name}/`)).map((r) => r.method);

describe('upsertPullRequestComment', () => {
  it('creates the comment once, updates the same one on a re-run, and makes no call when nothing changed', async () => {
    const repo = freshRepo();
    const api = octokitApi('write', github.url);
    const state = github.repo(`acme/${repo.repo}`);
    state.comments.push({ id: 1, issue: 7, body: 'looks good to me', user: 'alice' });
    state.comments.push({ id: 2, issue: 7, body: `> ${COMMENT_MARKER}\n> quoted by a reviewer`, user: 'bob' });
    state.comments.push({ id: 3, issue: 8, body: `${COMMENT_MARKER}\nanother pull request`, user: 'github-actions[bot]' });
    const logger = new MemoryLogger();

    const first = await upsertPullRequestComment(api, repo, 7, '### failed', logger);
    expect(first).toMatchObject({ posted: true, action: 'created' });
    const second = await upsertPullRequestComment(api, repo, 7, '### passed', logger);
    expect(second).toMatchObject({ posted: true, action: 'updated', id: first.posted ? first.id : -1, url: first.posted ? first.url : '' });
    const third = await upsertPullRequestComment(api, repo, 7, '### passed', logger);
    expect(third).toMatchObject({ posted: true, action: 'unchanged', id: first.posted ? first.id : -1 });

    expect(requestsTo(repo.repo)).toEqual(['GET', 'POST', 'GET', 'PATCH', 'GET']);
    expect(state.comments.map((c) => [c.id, c.issue, c.body])).toEqual([
      [1, 7, 'looks good to me'],
      [2, 7, `> ${COMMENT_MARKER}\n> quoted by a reviewer`],
      [3, 8, `${COMMENT_MARKER}\nanother pull request`],
      [first.posted ? first.id : -1, 7, `${COMMENT_MARKER}\n### passed`],
    ]);
    expect(first.posted && first.url).toBe(`https://github.com/acme/${repo.repo}/pull/7#issuecomment-${first.posted ? first.id : ''}`);
  });

  it('finds its comment behind more than one page of others', async () => {
    const repo = freshRepo();
    const state = github.repo(`acme/${repo.repo}`);
    for (let i = 1; i <= 120; i++) state.comments.push({ id: i, issue: 3, body: `comment ${i}`, user: 'someone' });
    state.comments.push({ id: 121, issue: 3, body: `${COMMENT_MARKER}\nold result`, user: 'github-actions[bot]' });
    const result = await upsertPullRequestComment(octokitApi('write', github.url), repo, 3, 'new result', new MemoryLogger());
    expect(result).toMatchObject({ posted: true, action: 'updated', id: 121 });
    expect(requestsTo(repo.repo)).toEqual(['GET', 'GET', 'PATCH']);
    expect(state.comments).toHaveLength(121);
    expect(state.comments[120].body).toBe(`${COMMENT_MARKER}\nnew result`);
  });

  it('keeps a body that already starts with the marker as it is', async () => {
    const repo = freshRepo();
    await upsertPullRequestComment(octokitApi('write', github.url), repo, 1, `${COMMENT_MARKER}\nbody`, new MemoryLogger());
    expect(github.repo(`acme/${repo.repo}`).comments.map((c) => c.body)).toEqual([`${COMMENT_MARKER}\nbody`]);
  });

  it('warns and returns posted: false on 403 (a fork\'s read-only token), both to create and to update', async () => {
    const repo = freshRepo();
    const state = github.repo(`acme/${repo.repo}`);
    const logger = new MemoryLogger();
    const created = await upsertPullRequestComment(octokitApi('read', github.url), repo, 4, 'body', logger);
    expect(created.posted).toBe(false);
    expect(state.comments).toEqual([]);
    state.comments.push({ id: 9, issue: 4, body: `${COMMENT_MARKER}\nold`, user: 'github-actions[bot]' });
    const updated = await upsertPullRequestComment(octokitApi('read', github.url), repo, 4, 'body', logger);
    expect(updated.posted).toBe(false);
    expect(state.comments[0].body).toBe(`${COMMENT_MARKER}\nold`);
    expect(logger.at('warning')).toHaveLength(2);
    expect(logger.at('warning')[0]).toMatch(
      new RegExp(`^no comment on pull request #4 in acme/${repo.repo} \\(GitHub API: cannot comment on the pull request in acme/${repo.repo}: 403 Resource not accessible by integration; .*\\); a pull request from a fork runs with a read-only token that may not comment: the results are in the job summary$`),
    );
  });

  it('treats a 404 like a 403, and throws any other failure', async () => {
    const repo = freshRepo();
    github.fail({ method: 'GET', path: new RegExp(`/repos/acme/${repo.repo}/issues/5/comments`), status: 404, message: 'Not Found' });
    expect(await upsertPullRequestComment(octokitApi('write', github.url), repo, 5, 'x', new MemoryLogger())).toMatchObject({ posted: false });
    const error = await upsertPullRequestComment(octokitApi('expired', github.url), repo, 5, 'x', new MemoryLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 401 });
    expect(github.repo(`acme/${repo.repo}`).comments).toEqual([]);
  });
});

describe('checkPullRequest with a comment', () => {
  it('posts the report behind the marker; a read-only token leaves the gates\' result as it was', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'actions/greet.sh': 'echo hi\n' });
    const target = freshRepo();
    const comment = { repository: target, pullRequest: 12 };

    const denied = gitDeps();
    const readOnly = await check(repo.dir, base, { comment }, { ...denied, github: octokitApi('read', github.url) });
    expect(readOnly.report).toMatchObject({ passed: false, failures: 1 });
    expect(readOnly.comment).toMatchObject({ posted: false });
    expect(denied.logger.at('warning')).toEqual([expect.stringContaining('a pull request from a fork runs with a read-only token')]);

    const posted = await check(repo.dir, base, { comment }, { ...gitDeps(), github: octokitApi('write', github.url) });
    expect(posted.report).toEqual(readOnly.report);
    expect(posted.comment).toMatchObject({ posted: true, action: 'created' });
    const [body] = github.repo(`acme/${target.repo}`).comments.map((c) => c.body);
    expect(body.startsWith(`${COMMENT_MARKER}\n### ❌ packreg: pull request checks failed (1 problem)\n`)).toBe(true);
    expect(body).toContain("- ❌ **hello** `pack.yaml`: version 1.2.0 is not above the base branch's 1.2.0");

    repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1') });
    const fixed = await check(repo.dir, base, { comment }, { ...gitDeps(), github: octokitApi('write', github.url) });
    expect(fixed.comment).toMatchObject({ posted: true, action: 'updated' });
    expect(github.repo(`acme/${target.repo}`).comments.map((c) => c.body.split('\n')[1])).toEqual(['### ✅ packreg: pull request checks passed']);
  });

  it('returns an API failure other than permission as failed, with the report intact', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1') });
    const result = await check(repo.dir, base, { comment: { repository: freshRepo(), pullRequest: 1 } }, { ...gitDeps(), github: octokitApi('expired', github.url) });
    expect(result.report.passed).toBe(true);
    expect(result.comment).toMatchObject({ posted: false, failed: true, reason: expect.stringMatching(/^the pull request comment could not be posted: GitHub API: .*401 Bad credentials/) });
  });

  it('refuses a comment without an API client before doing anything', async () => {
    await expect(check('/nonexistent', 'main', { comment: { repository: freshRepo(), pullRequest: 1 } })).rejects.toThrow('commenting on the pull request needs the GitHub API: give a token');
  });
});
