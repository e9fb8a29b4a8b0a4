import { afterAll, describe, expect, it } from '@jest/globals';
import { runPackreg } from '../helpers/cli.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';
import { makeEntry } from '../index/index-fixtures.js';
import { branches, entryFile, indexAt, REGISTRY_NAME, refsOf, seedRegistry } from './handoff-fixtures.js';

/** `packreg handoff`: the same core function, the token from the environment only. */
const temp = tempDirs();
const github = useFakeGitHub();
afterAll(() => {
  temp.cleanup();
});

describe('packreg handoff', () => {
  it('opens the pull request and prints the result; --json gives the result object', async () => {
    const bare = await seedRegistry(temp);
    const file = entryFile(temp, makeEntry({ ref: 'consul', version: '1.1.0' }));
    const env = { GITHUB_TOKEN: 'write', GITHUB_API_URL: github.url };
    const run = await runPackreg(['handoff', '--entry', file, '--repository', 'acme/registry', '--git-url', bare], '/', env);
    expect(run).toEqual({
      code: 0,
      stdout: 'opened pull request #1 (https://github.com/acme/registry/pull/1) in acme/registry adding consul 1.1.0 (branch packreg/consul-1.1.0)\n',
      stderr: expect.stringContaining('pushed packreg/consul-1.1.0 to acme/registry'),
    });
    expect(indexAt(bare, 'packreg/consul-1.1.0').packs[0].version).toBe('1.1.0');
    const again = await runPackreg(['handoff', '--entry', file, '--repository', 'acme/registry', '--git-url', bare, '--json'], '/', env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ result: 'exists', pullRequest: { number: 1, url: 'https://github.com/acme/registry/pull/1' }, branch: 'packreg/consul-1.1.0' });
    expect(github.repo(REGISTRY_NAME).pulls).toHaveLength(1);
  });

  it('exits 2 without a token, naming where it looks, and touches nothing', async () => {
    const bare = await seedRegistry(temp);
    const refs = refsOf(bare);
    const requests = github.requests.length;
    const file = entryFile(temp, makeEntry({ ref: 'consul', version: '1.2.0' }));
    const run = await runPackreg(['handoff', '--entry', file, '--repository', 'acme/registry', '--git-url', bare], '/', { GITHUB_API_URL: github.url });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'packreg handoff: error: packreg handoff needs a GitHub token but neither GITHUB_TOKEN nor GH_TOKEN is set; export one, or name its variable with --token-env\n',
    });
    expect(github.requests.length).toBe(requests);
    expect(refsOf(bare)).toBe(refs);
    expect(branches(bare)).toEqual(['main']);
  });

  it('exits 5 for a different entry under a published version, and 2 for a bad mode', async () => {
    const bare = await seedRegistry(temp);
    const file = entryFile(temp, makeEntry({ ref: 'consul', version: '1.0.0', gitChecksum: 'other' }));
    const env = { GITHUB_TOKEN: 'write', GITHUB_API_URL: github.url };
    const refused = await runPackreg(['handoff', '--entry', file, '--repository', 'acme/registry', '--git-url', bare], '/', env);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/^packreg handoff: error: acme\/registry \(branch main\) already lists a different entry: consul@1\.0\.0 is already published/m);
    expect(branches(bare)).toEqual(['main']);
    const mode = await runPackreg(['handoff', '--entry', file, '--repository', 'acme/registry', '--mode', 'email'], '/', env);
    expect(mode).toMatchObject({ code: 2, stderr: 'packreg handoff: error: --mode: "email" is not a mode; use pull-request or dispatch\n' });
  });
});
