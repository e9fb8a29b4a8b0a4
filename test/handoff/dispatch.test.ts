import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { InputError, UsageError } from '../../src/core/errors.js';
import { GitHubApiError } from '../../src/core/github/github-api.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';
import { handOff, nextConsul, REGISTRY_NAME } from './handoff-fixtures.js';

/** dispatch mode: one repository_dispatch event carrying the entry, nothing else. */
const temp = tempDirs();
const github = useFakeGitHub({ fresh: true });
afterAll(() => {
  temp.cleanup();
});

describe('handing an entry off as a repository_dispatch event', () => {
  it('sends event_type pack-updated with client_payload {entry, source} and nothing else', async () => {
    const workDir = temp.make('packreg-work-');
    const source = { repository: 'acme/consul-pack', tag: 'v1.1.0', sha: 'c'.repeat(40) };
    const { result } = await handOff(github.url, 'write', { mode: 'dispatch', entry: nextConsul(), workDir, source: { ...source, runUrl: '' } });
    expect(result).toEqual({ result: 'dispatched' });
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/acme/registry/dispatches']);
    expect(github.requests[0].json).toEqual({ event_type: 'pack-updated', client_payload: { entry: nextConsul(), source } });
    expect(github.repo(REGISTRY_NAME).dispatches).toEqual([{ event_type: 'pack-updated', client_payload: { entry: nextConsul(), source } }]);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('uses the given event type; without a source the payload still has its two keys', async () => {
    await handOff(github.url, 'write', { mode: 'dispatch', entry: nextConsul(), workDir: temp.make(), eventType: 'registry-update' });
    expect(github.repo(REGISTRY_NAME).dispatches).toEqual([{ event_type: 'registry-update', client_payload: { entry: nextConsul(), source: {} } }]);
  });

  it('403: one error naming the permission', async () => {
    const run = handOff(github.url, 'read', { mode: 'dispatch', entry: nextConsul(), workDir: temp.make() });
    await expect(run).rejects.toThrow(GitHubApiError);
    await expect(run).rejects.toThrow(
      'GitHub API: cannot send a repository_dispatch event in acme/registry: 403 Resource not accessible by integration; the token may lack permission (needs contents: write on the target repository (a fine-grained token or GitHub App; GITHUB_TOKEN cannot reach another repository)), or the repository does not exist',
    );
    expect(github.repo(REGISTRY_NAME).dispatches).toEqual([]);
  });

  it('refuses an invalid entry, an over-long event type and an over-large payload before any request', async () => {
    const broken = { ...nextConsul(), version: 'one' };
    await expect(handOff(github.url, 'write', { mode: 'dispatch', entry: broken, workDir: temp.make() })).rejects.toThrow(InputError);
    await expect(handOff(github.url, 'write', { mode: 'dispatch', entry: broken, workDir: temp.make() })).rejects.toThrow(/^the entry to hand off is not a valid Attune index entry \(policy custom\); nothing was sent:\n.*version/s);
    await expect(handOff(github.url, 'write', { mode: 'dispatch', entry: nextConsul(), workDir: temp.make(), eventType: 'x'.repeat(101) })).rejects.toThrow(UsageError);
    const huge = { ...nextConsul(), description: 'd'.repeat(70_000) };
    await expect(handOff(github.url, 'write', { mode: 'dispatch', entry: huge, workDir: temp.make() })).rejects.toThrow(/GitHub accepts less than 64 KB\. Use mode pull-request instead$/);
    expect(github.requests).toEqual([]);
  });
});
