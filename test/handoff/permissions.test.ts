import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { RepoGitCli } from '../../src/core/git/repo-git-cli.js';
import { GitHubApiError } from '../../src/core/github/github-api.js';
import type { GitHubApi } from '../../src/core/github/github-api.js';
import { handOffEntry } from '../../src/core/handoff/handoff.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { octokitApi } from '../../src/github/octokit-api.js';
import { git } from '../helpers/git-repo.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';
import { branches, handOff, nextConsul, refsOf, REGISTRY, REGISTRY_NAME, seedRegistry } from './handoff-fixtures.js';

/** A token the API refuses: one clear error, and the registry left exactly as it was. */
const temp = tempDirs();
const github = useFakeGitHub({ fresh: true });
afterAll(() => {
  temp.cleanup();
});

describe('a token without permission', () => {
  it('403 on opening the pull request: one error naming the permission, and the pushed branch is deleted again', async () => {
    const bare = await seedRegistry(temp);
    const refs = refsOf(bare);
    const workDir = temp.make('packreg-work-');
    const error = await handOff(github.url, 'read', { entry: nextConsul(), gitUrl: bare, workDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(403);
    expect((error as Error).message).toBe(
      'GitHub API: cannot open a pull request in acme/registry: 403 Resource not accessible by integration; the token may lack permission (needs contents: write and pull-requests: write on the registry repository), or the repository does not exist; the branch packreg/consul-1.1.0 pushed for it was deleted again, so acme/registry is unchanged',
    );
    expect(branches(bare)).toEqual(['main']);
    expect(refsOf(bare)).toBe(refs);
    expect(github.repo(REGISTRY_NAME).pulls).toEqual([]);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('says so when the branch cannot be deleted again', async () => {
    const bare = await seedRegistry(temp);
    git(bare, ['config', 'receive.denyDeletes', 'true']);
    const error = await handOff(github.url, 'read', { entry: nextConsul(), gitUrl: bare, workDir: temp.make('packreg-work-') }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/403 Resource not accessible by integration; .*; the branch packreg\/consul-1\.1\.0 pushed for it could not be deleted; delete it by hand$/);
    expect(branches(bare)).toEqual(['main', 'packreg/consul-1.1.0']);
  });

  it('401 fails on the first read, before anything is cloned or pushed', async () => {
    const bare = await seedRegistry(temp);
    const refs = refsOf(bare);
    const workDir = temp.make('packreg-work-');
    const error = await handOff(github.url, 'expired', { entry: nextConsul(), gitUrl: bare, workDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe(
      'GitHub API: cannot list pull requests in acme/registry: 401 Bad credentials; the token was rejected (expired or revoked); check the token input',
    );
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/registry/pulls']);
    expect(refsOf(bare)).toBe(refs);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('a pull request another run opened meanwhile (422 on create) is taken as ours: updated, branch kept', async () => {
    const bare = await seedRegistry(temp);
    const api = octokitApi('write', github.url);
    let lookups = 0;
    // The other run opens its pull request right after our first lookup found none.
    const racing: GitHubApi = {
      ...api,
      findPullRequest: async (repo, head, base) => {
        const found = await api.findPullRequest(repo, head, base);
        if (lookups++ === 0) github.repo(REGISTRY_NAME).pulls.push({ number: 7, title: 'consul 1.1.0', body: '', head, base, state: 'open' });
        return found;
      },
    };
    const logger = new MemoryLogger();
    const settings = { mode: 'pull-request' as const, repository: REGISTRY, policy: 'custom' as const, entry: nextConsul(), gitUrl: bare, workDir: temp.make('packreg-work-'), now: new Date() };
    const result = await handOffEntry(settings, { logger, github: racing, repoGit: new RepoGitCli(nodeProcessRunner) });
    expect(result).toEqual({ result: 'updated', pullRequest: { number: 7, url: 'https://github.com/acme/registry/pull/7' }, branch: 'packreg/consul-1.1.0' });
    expect(github.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/repos/acme/registry/pulls']);
    expect(branches(bare)).toEqual(['main', 'packreg/consul-1.1.0']);
  });

  it('a 422 with no open pull request behind it stands, and the branch is deleted again', async () => {
    const bare = await seedRegistry(temp);
    github.fail({ method: 'POST', path: /\/pulls$/, status: 422, message: 'Validation Failed' });
    const run = handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir: temp.make('packreg-work-') });
    await expect(run).rejects.toThrow(/^GitHub API: cannot open a pull request in acme\/registry: 422 Validation Failed; the branch packreg\/consul-1\.1\.0 pushed for it was deleted again/);
    expect(branches(bare)).toEqual(['main']);
  });
});
