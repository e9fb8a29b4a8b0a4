import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GitHubApiError } from '../../src/core/github/github-api.js';
import { InputError, IntegrityError, UsageError } from '../../src/core/errors.js';
import { GitCli } from '../../src/core/git/git-cli.js';
import { RepoGitCli } from '../../src/core/git/repo-git-cli.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import type { TagVersionSettings } from '../../src/core/release/tag-version.js';
import { tagRaisedVersions } from '../../src/core/release/tag-version.js';
import { octokitApi } from '../../src/github/octokit-api.js';
import { runPackreg } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import type { RecordedRequest } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
const github = useFakeGitHub();
let repoCount = 0;

afterAll(() => {
  temp.cleanup();
});

/** A fresh GitHub repository name per test, so state never leaks between tests. */
let slug: string;
beforeEach(() => {
  slug = `acme/pack-${++repoCount}`;
});
const repository = () => ({ owner: 'acme', repo: slug.split('/')[1] });

const manifest = (ref: string, version: string) => `ref: ${ref}\nlabel: ${ref}\ndescription: The ${ref} pack\nversion: ${version}\nauthor: Example Team\nlicense: MIT\n`;

/** Requests this test made to its own repository. */
const mine = (): RecordedRequest[] => github.requests.filter((r) => r.path.startsWith(`/repos/${slug}/`));
const tagPosts = () => mine().filter((r) => r.method === 'POST');

function run(settings: Omit<TagVersionSettings, 'repository'>, token = 'write', logger = new MemoryLogger()) {
  return tagRaisedVersions({ ...settings, repository: repository() }, { logger, git: new GitCli(nodeProcessRunner), repoGit: new RepoGitCli(nodeProcessRunner), github: octokitApi(token, github.url) });
}

/** A repository whose last commit moves pack.yaml from `from` to `to`. */
function history(from: string, to: string): { repo: TestRepo; before: string; sha: string } {
  const repo = createRepo(temp);
  const before = repo.commit({ 'pack.yaml': manifest('hello', from), 'README.md': '# hello\n' });
  const sha = repo.commit({ 'pack.yaml': manifest('hello', to) });
  return { repo, before, sha };
}

describe('tagRaisedVersions against the GitHub stand-in', () => {
  it('creates v<version> at the pushed commit when the version was raised, with exactly one POST', async () => {
    const { repo, before, sha } = history('1.0.0', '1.1.0');
    const results = await run({ top: repo.dir, before, sha });
    expect(results).toEqual([{ packDir: '.', ref: 'hello', version: '1.1.0', previousVersion: '1.0.0', outcome: 'created', tag: 'v1.1.0', commit: sha }]);
    expect(tagPosts().map((r) => [r.path, r.json])).toEqual([[`/repos/${slug}/git/refs`, { ref: 'refs/tags/v1.1.0', sha }]]);
    expect(github.repo(slug).tags).toEqual(new Map([['v1.1.0', sha]]));
  });

  it('does nothing on a re-run: the tag is already at this commit (no POST)', async () => {
    const { repo, before, sha } = history('1.0.0', '1.1.0');
    await run({ top: repo.dir, before, sha });
    const posts = tagPosts().length;
    const again = await run({ top: repo.dir, before, sha });
    expect(again.map((r) => r.outcome)).toEqual(['exists']);
    expect(tagPosts()).toHaveLength(posts);
  });

  it('leaves an unchanged version alone and makes no API call', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'pack.yaml': manifest('hello', '1.0.0') });
    const sha = repo.commit({ 'README.md': 'docs only\n' });
    const results = await run({ top: repo.dir, before, sha });
    expect(results).toEqual([{ packDir: '.', ref: 'hello', version: '1.0.0', previousVersion: '1.0.0', outcome: 'unchanged', commit: sha }]);
    expect(mine()).toEqual([]);
  });

  it('does not tag a lowered version, and warns', async () => {
    const { repo, before, sha } = history('1.1.0', '1.0.5');
    const logger = new MemoryLogger();
    const results = await run({ top: repo.dir, before, sha }, 'write', logger);
    expect(results.map((r) => r.outcome)).toEqual(['unchanged']);
    expect(logger.at('warning')).toEqual([expect.stringContaining('version 1.0.5 is lower than 1.1.0')]);
    expect(mine()).toEqual([]);
  });

  it('compares by semver, not as text (1.10.0 raises 1.9.0; a pre-release of the same version does not raise it)', async () => {
    const raised = history('1.9.0', '1.10.0');
    expect((await run({ top: raised.repo.dir, before: raised.before, sha: raised.sha }))[0]).toMatchObject({ outcome: 'created', tag: 'v1.10.0' });
    const pre = history('2.0.0', '2.0.0-rc.1');
    expect((await run({ top: pre.repo.dir, before: pre.before, sha: pre.sha }))[0].outcome).toBe('unchanged');
  });

  it('tags a new pack, and treats an all-zeros or empty before (a new branch) as no previous commit', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'README.md': 'no pack yet\n' });
    const sha = repo.commit({ 'pack.yaml': manifest('hello', '0.1.0') });
    expect(await run({ top: repo.dir, before, sha })).toEqual([{ packDir: '.', ref: 'hello', version: '0.1.0', outcome: 'created', tag: 'v0.1.0', commit: sha }]);
    expect((await run({ top: repo.dir, before: '0'.repeat(40), sha }))[0].outcome).toBe('exists');
    expect((await run({ top: repo.dir, before: '', sha }))[0].outcome).toBe('exists');
    expect(tagPosts()).toHaveLength(1);
  });

  it('tags each raised pack of a monorepo with {ref}-v{version}', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'packs/alpha/pack.yaml': manifest('alpha', '1.0.0'), 'packs/beta/pack.yaml': manifest('beta', '2.0.0') });
    const sha = repo.commit({ 'packs/alpha/pack.yaml': manifest('alpha', '1.1.0'), 'packs/beta/README.md': 'docs\n', 'packs/gamma/pack.yaml': manifest('gamma', '0.1.0') });
    const results = await run({ top: repo.dir, before, sha, packDirs: ['packs/alpha', 'packs/beta', 'packs/gamma/'], tagFormat: '{ref}-v{version}' });
    expect(results.map((r) => [r.packDir, r.outcome, r.tag])).toEqual([
      ['packs/alpha', 'created', 'alpha-v1.1.0'],
      ['packs/beta', 'unchanged', undefined],
      ['packs/gamma/', 'created', 'gamma-v0.1.0'],
    ]);
    expect(tagPosts().map((r) => r.json)).toEqual([
      { ref: 'refs/tags/alpha-v1.1.0', sha },
      { ref: 'refs/tags/gamma-v0.1.0', sha },
    ]);
  });

  it('reads pack folders relative to a checkout below the repository top', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'src/packs/alpha/pack.yaml': manifest('alpha', '1.0.0') });
    const sha = repo.commit({ 'src/packs/alpha/pack.yaml': manifest('alpha', '1.0.1') });
    const results = await run({ top: `${repo.dir}/src`, before, sha, packDirs: ['packs/alpha'] });
    expect(results[0]).toMatchObject({ outcome: 'created', tag: 'v1.0.1' });
  });

  it('fails when the tag already names another commit, naming both, and creates no tag at all', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'packs/alpha/pack.yaml': manifest('alpha', '1.0.0'), 'packs/beta/pack.yaml': manifest('beta', '1.0.0') });
    const sha = repo.commit({ 'packs/alpha/pack.yaml': manifest('alpha', '1.1.0'), 'packs/beta/pack.yaml': manifest('beta', '1.1.0') });
    // beta-v1.1.0 was released earlier from another commit; alpha's tag must not be created either.
    github.repo(slug).tags.set('beta-v1.1.0', before);
    const error = await run({ top: repo.dir, before, sha, packDirs: ['packs/alpha', 'packs/beta'], tagFormat: '{ref}-v{version}' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toBe(
      `beta-v1.1.0 already tags ${before}, not ${sha}, where packs/beta/pack.yaml raises beta to 1.1.0; a released version is immutable: raise the version in packs/beta/pack.yaml and merge again`,
    );
    expect(tagPosts()).toEqual([]);
    expect([...github.repo(slug).tags.keys()]).toEqual(['beta-v1.1.0']);
  });

  it('accepts a tag a concurrent run created at the same commit (422, then re-read)', async () => {
    const { repo, before, sha } = history('1.0.0', '1.1.0');
    github.repo(slug).tags.set('v1.1.0', sha);
    // The first look-up misses it (the other run had not created it yet); the POST then gets 422.
    github.fail({ method: 'GET', path: new RegExp(`^/repos/${slug}/git/ref/tags/v1\\.1\\.0$`), status: 404, message: 'Not Found' });
    expect((await run({ top: repo.dir, before, sha }))[0].outcome).toBe('exists');
    expect(tagPosts()).toHaveLength(1);
  });

  it('refuses a tag a concurrent run created at another commit', async () => {
    const { repo, before, sha } = history('1.0.0', '1.1.0');
    github.repo(slug).tags.set('v1.1.0', before);
    github.fail({ method: 'GET', path: new RegExp(`^/repos/${slug}/git/ref/tags/v1\\.1\\.0$`), status: 404, message: 'Not Found' });
    await expect(run({ top: repo.dir, before, sha })).rejects.toThrow(`v1.1.0 already tags ${before}, not ${sha}`);
    expect(github.repo(slug).tags.get('v1.1.0')).toBe(before);
  });

  it('fails clearly with a read-only token (403) and creates nothing', async () => {
    const { repo, before, sha } = history('1.0.0', '1.1.0');
    const error = await run({ top: repo.dir, before, sha }, 'read').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/cannot create tag v1\.1\.0 in acme\/pack-\d+: 403 Resource not accessible by integration; the token may lack permission \(needs contents: write\)/);
    expect((error as Error).message).not.toContain('read');
    expect(github.repo(slug).tags.size).toBe(0);
  });

  it('refuses two packs that would get one tag, a format without {version}, and a before the checkout lacks, before any API call', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'a/pack.yaml': manifest('alpha', '1.0.0'), 'b/pack.yaml': manifest('beta', '1.0.0') });
    const sha = repo.commit({ 'a/pack.yaml': manifest('alpha', '2.0.0'), 'b/pack.yaml': manifest('beta', '2.0.0') });
    const shared = await run({ top: repo.dir, before, sha, packDirs: ['a', 'b'] }).catch((e: unknown) => e);
    expect(shared).toBeInstanceOf(UsageError);
    expect((shared as Error).message).toBe('a/pack.yaml and b/pack.yaml would both get the tag v2.0.0; with several packs use a tag format holding {ref}, such as {ref}-v{version}');
    await expect(run({ top: repo.dir, before, sha, packDirs: ['a'], tagFormat: 'release-{ref}' })).rejects.toThrow('lacks {version}');
    await expect(run({ top: repo.dir, before, sha, packDirs: ['a'], tagFormat: 'v{versoin}' })).rejects.toThrow('unknown placeholder {versoin}');
    await expect(run({ top: repo.dir, before, sha, packDirs: ['a'], tagFormat: 'v {version}' })).rejects.toThrow('not a valid git tag name');
    const missing = await run({ top: repo.dir, before: 'f'.repeat(40), sha, packDirs: ['a'] }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as Error).message).toContain(`the commit before the push (${'f'.repeat(40)}) is not in the checkout`);
    expect((missing as Error).message).toContain('fetch-depth: 0');
    await expect(run({ top: repo.dir, before, sha, packDirs: ['nowhere'] })).rejects.toThrow(`no pack.yaml in nowhere at commit ${sha}`);
    await expect(run({ top: repo.dir, before, sha, packDirs: ['../x'] })).rejects.toThrow('outside the repository');
    expect(mine()).toEqual([]);
  });

  it('refuses an invalid pack.yaml at the pushed commit but reads an old one leniently', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'pack.yaml': 'ref: hello\nversion: 1.0.0\n' }); // lacks fields today's rules require
    const sha = repo.commit({ 'pack.yaml': manifest('hello', '1.0.0') });
    expect((await run({ top: repo.dir, before, sha }))[0]).toMatchObject({ previousVersion: '1.0.0', outcome: 'unchanged' });
    const bad = repo.commit({ 'pack.yaml': 'ref: hello\nversion: 2.0.0\n' });
    await expect(run({ top: repo.dir, before: sha, sha: bad })).rejects.toThrow(`pack.yaml at commit ${bad} is not a valid pack manifest`);
    expect(mine()).toEqual([]);
  });
});

describe('packreg tag-version', () => {
  it('tags, prints the result, and is a no-op when run again', async () => {
    const { repo, before, sha } = history('1.0.0', '1.1.0');
    const env = { GITHUB_TOKEN: 'write', GITHUB_API_URL: github.url };
    const first = await runPackreg(['tag-version', '--before', before, '--repository', slug], repo.dir, env);
    expect(first).toMatchObject({ code: 0, stdout: 'hello 1.0.0 -> 1.1.0: v1.1.0 created\n' });
    const again = await runPackreg(['tag-version', '.', '--before', before, '--sha', sha, '--json'], repo.dir, { ...env, GITHUB_REPOSITORY: slug });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([expect.objectContaining({ outcome: 'exists', tag: 'v1.1.0', commit: sha })]);
    expect(tagPosts()).toHaveLength(1);
  });

  it('exits 2 without a token, 4 with a read-only one, and 5 for a tag at another commit, one error each', async () => {
    const { repo, before, sha } = history('1.0.0', '1.1.0');
    const args = ['tag-version', '--before', before, '--repository', slug];
    const none = await runPackreg(args, repo.dir, { GITHUB_API_URL: github.url });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('tag-version needs a GitHub token but neither GITHUB_TOKEN nor GH_TOKEN is set');
    const denied = await runPackreg(args, repo.dir, { GITHUB_TOKEN: 'read', GITHUB_API_URL: github.url });
    expect(denied.code).toBe(4);
    expect(denied.stderr.trim().split('\n').filter((l) => /error/.test(l))).toEqual([expect.stringContaining('403 Resource not accessible by integration')]);
    github.repo(slug).tags.set('v1.1.0', before);
    const taken = await runPackreg(args, repo.dir, { GITHUB_TOKEN: 'write', GITHUB_API_URL: github.url });
    expect(taken.code).toBe(5);
    expect(taken.stderr).toContain(`v1.1.0 already tags ${before}, not ${sha}`);
    expect(tagPosts().map((r) => r.authorization)).toEqual(['token read']);
  });

  it('requires --before and a repository', async () => {
    expect((await runPackreg(['tag-version', '--repository', 'a/b'], '/', { GITHUB_TOKEN: 'write' })).stderr).toContain('--before REV is required');
    expect((await runPackreg(['tag-version', '--before', ''], '/', { GITHUB_TOKEN: 'write' })).stderr).toContain('--repository OWNER/NAME is required');
  });
});
