import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitHubApiError } from '../../src/core/github/github-api.js';
import { octokitApi } from '../../src/github/octokit-api.js';
import { tempDirs } from '../helpers/temp.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';

const repo = { owner: 'acme', repo: 'registry' };
const SHA = 'a'.repeat(40);
const github = useFakeGitHub();
const temp = tempDirs();

afterAll(() => {
  temp.cleanup();
});

describe('octokitApi against the GitHub REST stand-in', () => {
  it('sends the token as an Authorization header and maps pull requests', async () => {
    const api = octokitApi('write', github.url);
    expect(await api.findPullRequest(repo, 'packreg/hello-1.0.0', 'main')).toBeUndefined();
    const pr = await api.createPullRequest(repo, { title: 't', head: 'packreg/hello-1.0.0', base: 'main', body: 'b' });
    expect(pr).toEqual({ number: 1, url: 'https://github.com/acme/registry/pull/1', head: 'packreg/hello-1.0.0', base: 'main' });
    expect(await api.findPullRequest(repo, 'packreg/hello-1.0.0', 'main')).toEqual(pr);
    const list = github.requests.find((r) => r.method === 'GET' && r.path.endsWith('/pulls'));
    expect(list?.query.get('head')).toBe('acme:packreg/hello-1.0.0');
    expect(list?.authorization).toBe('token write');
  });

  it('pages through every comment and updates one', async () => {
    const api = octokitApi('write', github.url);
    for (let i = 0; i < 105; i++) await api.createComment(repo, 7, `c${i}`);
    const all = await api.listComments(repo, 7);
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 105 }, (_, i) => `c${i}`));
    const updated = await api.updateComment(repo, all[3].id, 'new');
    expect(updated.body).toBe('new');
  });

  it('creates tags, finds them, and returns undefined for a missing one', async () => {
    const api = octokitApi('write', github.url);
    expect(await api.getTag(repo, 'v1.0.0')).toBeUndefined();
    expect(await api.createTag(repo, 'v1.0.0', SHA)).toEqual({ tag: 'v1.0.0', sha: SHA, type: 'commit' });
    expect(await api.getTag(repo, 'v1.0.0')).toEqual({ tag: 'v1.0.0', sha: SHA, type: 'commit' });
    await expect(api.createTag(repo, 'v1.0.0', SHA)).rejects.toMatchObject({ status: 422 });
  });

  it('streams an asset up and down', async () => {
    const api = octokitApi('write', github.url);
    const release = await api.createRelease(repo, { tag: 'v1.0.0', name: 'v1.0.0', body: '' });
    const file = join(temp.make('packreg-asset-'), 'a.tar.gz');
    const data = Buffer.alloc(300_000, 7);
    writeFileSync(file, data);
    const asset = await api.uploadAsset(release, { name: 'a.tar.gz', path: file, size: data.length, contentType: 'application/gzip' });
    expect(asset.digest).toBe(`sha256:${createHash('sha256').update(data).digest('hex')}`);
    expect((await api.getReleaseByTag(repo, 'v1.0.0'))?.assets.map((a) => a.name)).toEqual(['a.tar.gz']);
    const hash = createHash('sha256');
    for await (const chunk of await api.downloadAsset(repo, asset.id)) hash.update(chunk);
    expect(`sha256:${hash.digest('hex')}`).toBe(asset.digest);
  });

  it('sends a dispatch event with its payload', async () => {
    await octokitApi('write', github.url).dispatch(repo, 'pack-updated', { entry: { ref: 'x' } });
    expect(github.repo('acme/registry').dispatches).toEqual([{ event_type: 'pack-updated', client_payload: { entry: { ref: 'x' } } }]);
  });

  it('explains a 403 with the permission needed and a 401 as a rejected token, never quoting the token', async () => {
    const denied = await octokitApi('read', github.url)
      .dispatch(repo, 'pack-updated', {})
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(GitHubApiError);
    expect((denied as GitHubApiError).status).toBe(403);
    expect((denied as Error).message).toMatch(/403 Resource not accessible by integration.*needs contents: write/);
    const rejected = await octokitApi('s3cr3t-token', github.url)
      .createComment(repo, 1, 'x')
      .catch((e: unknown) => e);
    expect((rejected as GitHubApiError).status).toBe(401);
    expect((rejected as Error).message).toMatch(/token was rejected/);
    expect((rejected as Error).message).not.toContain('s3cr3t');
  });
});
