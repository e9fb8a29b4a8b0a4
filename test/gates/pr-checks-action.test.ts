import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrChecks } from '../../src/contract/actions.js';
import { COMMENT_MARKER } from '../../src/core/gates/render-markdown.js';
import { makeEntry } from '../index/index-fixtures.js';
import { errorLines, ROOT, runBuiltActionAsync, warningLines } from '../helpers/action-runner.js';
import type { ActionRun } from '../helpers/action-runner.js';
import { runPackreg } from '../helpers/cli.js';
import { createRepo, git } from '../helpers/git-repo.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';
import { packTree, packYaml, publish, pullRequest } from './gate-fixtures.js';

/**
 * dist/pr-checks.js as the GitHub runner runs it (test/helpers/action-runner.ts), on real git
 * checkouts with pull_request event payloads, commenting through the GitHub REST stand-in.
 * Build first: PACKREG_ONLY=pr-checks,cli npx rollup -c rollup.config.js
 */
const O = PrChecks.outputs;
const temp = tempDirs();
const github = useFakeGitHub();
beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'pr-checks.js'))) throw new Error('dist/pr-checks.js is missing: build first');
});
afterAll(() => {
  temp.cleanup();
});

/** The pull_request event GitHub writes to GITHUB_EVENT_PATH (the fields the action reads). */
function pullRequestEvent(number: number, base: string, repository: string): string {
  const path = join(temp.make('packreg-event-'), 'event.json');
  writeFileSync(path, JSON.stringify({ action: 'synchronize', number, pull_request: { number, base: { ref: 'main', sha: base }, head: { ref: 'feature', sha: '0'.repeat(40) } }, repository: { full_name: repository } }));
  return path;
}

function run(workspace: string, inputs: Record<string, string>, env: Record<string, string>): Promise<ActionRun> {
  return runBuiltActionAsync(temp, PrChecks.name, workspace, inputs, { GITHUB_API_URL: github.url, ...env });
}

describe('pr-checks as the runner runs it', () => {
  it('fails a pack without a version bump: outputs, summary, annotation and one comment, updated when fixed', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'actions/greet.sh': 'echo hi\n' });
    const env = { GITHUB_EVENT_PATH: pullRequestEvent(7, base, 'acme/hello'), GITHUB_REPOSITORY: 'acme/hello' };

    const failed = await run(repo.dir, { token: 'write' }, env);
    expect(failed.code).toBe(1);
    const state = github.repo('acme/hello');
    expect(state.comments).toHaveLength(1);
    const comment = state.comments[0];
    expect(failed.outputs).toEqual({ [O.result]: 'failed', [O.failures]: '1', [O.commentUrl]: `https://github.com/acme/hello/pull/7#issuecomment-${comment.id}` });
    expect(failed.summary).toContain('### ❌ packreg: pull request checks failed (1 problem)');
    expect(failed.summary).toContain("- ❌ **hello** `pack.yaml`: version 1.2.0 is not above the base branch's 1.2.0; a changed pack needs a new version: raise version in pack.yaml above 1.2.0, e.g. 1.2.1");
    expect(failed.summary).toContain('| Changelog | ⏭️ skipped: turned off |');
    expect(failed.summary).not.toContain(COMMENT_MARKER);
    expect(comment.body.trimEnd()).toBe(`${COMMENT_MARKER}\n${failed.summary.trimEnd()}`);
    expect(failed.stdout).toContain("::error file=pack.yaml,line=5::Version increment: hello: version 1.2.0 is not above the base branch's 1.2.0");
    expect(errorLines(failed.stdout)).toEqual(['::error::pr-checks: 1 problem(s) in version increment (see the job summary)']);
    expect(github.requests.filter((r) => r.path.startsWith('/repos/acme/hello/')).map((r) => r.authorization)).toEqual(['token write', 'token write']);

    repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1') });
    const passed = await run(repo.dir, { token: 'write' }, env);
    expect(passed.code).toBe(0);
    expect(passed.outputs).toEqual({ [O.result]: 'passed', [O.failures]: '0', [O.commentUrl]: `https://github.com/acme/hello/pull/7#issuecomment-${comment.id}` });
    expect(state.comments.map((c) => [c.id, c.body.split('\n')[1]])).toEqual([[comment.id, '### ✅ packreg: pull request checks passed']]);
    expect(github.requests.filter((r) => r.path.startsWith('/repos/acme/hello/')).map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
  });

  it("with a fork's read-only token, warns, posts nothing and keeps the gates' result", async () => {
    const { repo, base } = pullRequest(temp, packTree('packs/a', 'a', '1.0.0', { 'CHANGES.md': '# 1.0.0\n' }));
    repo.commit({ 'packs/a/pack.yaml': packYaml('a', '1.1.0'), 'packs/a/CHANGES.md': '# 1.1.0\n' });
    const result = await run(repo.dir, { token: 'read', changelog: 'true' }, { GITHUB_EVENT_PATH: pullRequestEvent(3, base, 'acme/fork'), GITHUB_REPOSITORY: 'acme/fork' });
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ [O.result]: 'passed', [O.failures]: '0', [O.commentUrl]: '' });
    expect(warningLines(result.stdout)).toEqual([expect.stringMatching(/^::warning::no comment on pull request #3 in acme\/fork \(.*403.*\); a pull request from a fork runs with a read-only token that may not comment: the results are in the job summary$/)]);
    expect(result.summary).toContain('- ✅ **a** `packs/a/CHANGES.md`: packs/a/CHANGES.md changed');
    expect(github.repo('acme/fork').comments).toEqual([]);
  });

  it('says to fetch the history when the checkout is shallow', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1') });
    const shallow = join(temp.make('packreg-shallow-'), 'work');
    git(repo.dir, ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, shallow]);
    const before = github.requests.length;
    const result = await run(shallow, { token: 'write' }, { GITHUB_EVENT_PATH: pullRequestEvent(1, base, 'acme/shallow'), GITHUB_REPOSITORY: 'acme/shallow' });
    expect(result.code).toBe(1);
    expect(errorLines(result.stdout)).toEqual([
      `::error::pr-checks: the pull request's base commit "${base}" names no commit in ${shallow}; a shallow checkout lacks the base branch: use actions/checkout with fetch-depth: 0 (or fetch the commit) and run again`,
    ]);
    expect(result.outputs).toEqual({});
    expect(github.requests.length).toBe(before);
  });

  it('outside a pull_request event, compares with base-ref and skips the comment', async () => {
    const { repo } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.3.0') });
    const event = join(temp.make('packreg-event-'), 'push.json');
    writeFileSync(event, JSON.stringify({ ref: 'refs/heads/feature', repository: { full_name: 'acme/push' } }));
    const before = github.requests.length;
    const result = await run(repo.dir, { token: 'write', 'base-ref': 'main' }, { GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'acme/push' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('not a pull_request event, so no pull request comment is posted (input comment)');
    expect(result.outputs[O.commentUrl]).toBe('');
    expect(github.requests.length).toBe(before);
    const noBase = await run(repo.dir, { token: 'write' }, { GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'acme/push' });
    expect(errorLines(noBase.stdout)).toEqual(['::error::pr-checks: input base-ref is empty and this is not a pull_request event: set base-ref (for example origin/main) to compare with']);
  });

  it('in a registry repository, fails a changed released entry', async () => {
    const repo = createRepo(temp);
    await publish(repo.dir, [makeEntry({ ref: 'hello', version: '1.2.0' })]);
    const base = repo.commit({}, 'released');
    repo.git('checkout', '-q', '-b', 'feature');
    await publish(repo.dir, [makeEntry({ ref: 'hello', version: '1.2.0', archiveChecksum: 'other' })], true);
    repo.commit({}, 'rewrite');
    const result = await run(repo.dir, { token: 'write', index: 'index.json', comment: 'false' }, { GITHUB_EVENT_PATH: pullRequestEvent(2, base, 'acme/registry'), GITHUB_REPOSITORY: 'acme/registry' });
    expect(result.code).toBe(1);
    expect(result.outputs).toEqual({ [O.result]: 'failed', [O.failures]: '1', [O.commentUrl]: '' });
    expect(result.summary).toContain('| Released entries | ❌ 1 problem |');
    expect(result.summary).toMatch(/- ❌ \*\*hello@1\.2\.0\*\* `packs\/hello\/index\.json`: hello 1\.2\.0 is released; its entry may not change \(archive checksum published sha256:\w+, new sha256:\w+\); publish a new version instead/);
    expect(errorLines(result.stdout)).toEqual(['::error::pr-checks: 1 problem(s) in released entries (see the job summary)']);
    expect(github.repo('acme/registry').comments).toEqual([]);
  });
});

describe('pr-checks policy input', () => {
  it('validates the head index under the policy given: standard refuses a git source on a branch', async () => {
    const repo = createRepo(temp);
    await publish(repo.dir, [makeEntry({ ref: 'hello', version: '1.2.0' })]);
    const base = repo.commit({}, 'released');
    repo.git('checkout', '-q', '-b', 'feature');
    await publish(repo.dir, [makeEntry({ ref: 'hello', version: '1.3.0', gitRef: 'main' })]);
    repo.commit({}, 'add 1.3.0 from a branch');
    const env = { GITHUB_EVENT_PATH: pullRequestEvent(3, base, 'acme/registry'), GITHUB_REPOSITORY: 'acme/registry' };
    const custom = await run(repo.dir, { index: 'index.json', comment: 'false' }, env);
    expect([custom.code, custom.outputs[O.result]]).toEqual([0, 'passed']);
    const standard = await run(repo.dir, { index: 'index.json', comment: 'false', policy: 'standard' }, env);
    expect([standard.code, standard.outputs[O.result]]).toEqual([1, 'failed']);
    expect(standard.summary).toMatch(/commit SHA/i);
  });
});

describe('packreg pr-check', () => {
  it('prints the report, exits 1 on a failed gate, and --json gives the same checks', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/a', 'a', '1.0.0'), ...packTree('packs/b', 'b', '2.0.0') });
    repo.commit({ 'packs/a/pack.yaml': packYaml('a', '1.0.1'), 'packs/a/CHANGES.md': '1.0.1\n', 'packs/b/x.txt': 'x\n' });
    const text = await runPackreg(['pr-check', '--base', 'main', '--changelog'], repo.dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(
      [
        `pull request checks FAILED (2 problems): base ${base.slice(0, 12)}, head ${repo.revParse('HEAD').slice(0, 12)}`,
        'Version increment: failed',
        '  ok  a (packs/a/pack.yaml:5): 1.0.0 → 1.0.1',
        "  FAIL  b (packs/b/pack.yaml:5): version 2.0.0 is not above the base branch's 2.0.0; a changed pack needs a new version: raise version in packs/b/pack.yaml above 2.0.0, e.g. 2.0.1",
        'Changelog: failed',
        '  ok  a (packs/a/CHANGES.md): packs/a/CHANGES.md changed',
        '  FAIL  b (packs/b/CHANGES.md): the pack changed but neither packs/b/CHANGES.md nor packs/b/CHANGELOG.md did; describe the change in one of them (create packs/b/CHANGES.md if the pack has no changelog)',
        '',
      ].join('\n'),
    );
    const json = await runPackreg(['pr-check', 'packs', '--base', 'main', '--no-version-gate', '--json'], repo.dir);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ passed: true, failures: 0, base, head: repo.revParse('HEAD') });
    expect(report.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).toEqual(['version:skipped', 'changelog:skipped']);
    const usage = await runPackreg(['pr-check'], repo.dir);
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toContain('--base REV is required');
  });
});
