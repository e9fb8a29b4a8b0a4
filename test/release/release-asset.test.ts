import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, IntegrityError } from '../../src/core/errors.js';
import type { GitHubApi, Release } from '../../src/core/github/github-api.js';
import { GitHubApiError } from '../../src/core/github/github-api.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { attachReleaseAsset } from '../../src/core/release/release-asset.js';
import { octokitApi } from '../../src/github/octokit-api.js';
import { runPackreg } from '../helpers/cli.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import type { RecordedRequest } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
const github = useFakeGitHub();
let count = 0;
let slug: string;
const TAG = 'v1.2.3';
const COMMIT = 'c'.repeat(40);

afterAll(() => {
  temp.cleanup();
});
beforeEach(() => {
  slug = `acme/pack-${++count}`;
  github.repo(slug).tags.set(TAG, COMMIT);
});
const repository = () => ({ owner: 'acme', repo: slug.split('/')[1] });

/** Requests this test made for its own repository (API and uploads). */
const mine = (): RecordedRequest[] => github.requests.filter((r) => r.path.includes(`/repos/${slug}/`));
const uploads = () => mine().filter((r) => r.path.startsWith('/uploads/'));
const downloads = () => mine().filter((r) => /\/releases\/assets\/\d+$/.test(r.path) && r.accept === 'application/octet-stream');

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** An archive file with `data` (random, over one stream chunk, by default). */
function archive(data: Buffer = randomBytes(200_000), name = 'hello-1.2.3.tar.gz'): { path: string; data: Buffer } {
  const path = join(temp.make('packreg-archive-'), name);
  writeFileSync(path, data);
  return { path, data };
}

/**
 * GitHub computes asset digests only for uploads since mid 2025 (and GitHub Enterprise
 * Server may not at all): this client reports the stand-in's assets without one.
 */
function withoutDigests(api: GitHubApi): GitHubApi {
  const strip = (release: Release | undefined) => release && { ...release, assets: release.assets.map(({ digest: _digest, ...asset }) => asset) };
  return { ...api, getReleaseByTag: async (repo, tag) => strip(await api.getReleaseByTag(repo, tag)) };
}

function attach(path: string, api: GitHubApi = octokitApi('write', github.url), logger = new MemoryLogger()) {
  return attachReleaseAsset({ repository: repository(), tag: TAG, archivePath: path }, { logger, github: api });
}

describe('attachReleaseAsset against the GitHub stand-in', () => {
  it('creates the release named after the tag and uploads the bytes intact', async () => {
    const { path, data } = archive();
    const result = await attach(path);
    expect(result).toEqual({
      archiveUrl: `https://github.com/${slug}/releases/download/${TAG}/hello-1.2.3.tar.gz`,
      releaseUrl: `https://github.com/${slug}/releases/tag/${TAG}`,
      checksum: sha256(data),
      alreadyPublished: false,
    });
    const state = github.repo(slug);
    expect(state.releases).toEqual([expect.objectContaining({ tag: TAG, name: TAG, draft: false })]);
    expect(state.releases[0].body).toContain(sha256(data));
    expect(state.assets).toHaveLength(1);
    expect(state.assets[0]).toMatchObject({ name: 'hello-1.2.3.tar.gz', contentType: 'application/gzip' });
    expect(state.assets[0].data.equals(data)).toBe(true);
    expect(uploads()).toHaveLength(1);
  });

  it('is a no-op on a re-run with the same bytes: already published, nothing uploaded', async () => {
    const { path } = archive();
    const first = await attach(path);
    const writes = mine().filter((r) => r.method !== 'GET').length;
    const again = await attach(path);
    expect(again).toEqual({ ...first, alreadyPublished: true });
    expect(mine().filter((r) => r.method !== 'GET')).toHaveLength(writes);
    expect(downloads()).toEqual([]); // GitHub's digest was enough
  });

  it('uploads into an existing release without creating another', async () => {
    const { path } = archive(Buffer.from('zip bytes'), 'hello-1.2.3.zip');
    github.repo(slug).releases.push({ id: 1, tag: TAG, name: 'Hand made', body: '', draft: false });
    const result = await attach(path);
    expect(result.releaseUrl).toBe(`https://github.com/${slug}/releases/tag/${TAG}`);
    expect(github.repo(slug).releases).toHaveLength(1);
    expect(github.repo(slug).assets[0]).toMatchObject({ release: 1, contentType: 'application/zip' });
  });

  it('refuses different bytes under the released name with both checksums, uploading nothing', async () => {
    const original = archive(Buffer.from('released bytes'));
    await attach(original.path);
    const changed = archive(Buffer.from('rebuilt bytes'));
    const before = uploads().length;
    const error = await attach(changed.path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toBe(
      `release ${TAG} of ${slug} already has hello-1.2.3.tar.gz with ${sha256(original.data)}, but ${changed.path} is ${sha256(changed.data)}; a released archive never changes: raise the version and release again`,
    );
    expect(uploads()).toHaveLength(before);
    expect(github.repo(slug).assets[0].data.equals(original.data)).toBe(true);
  });

  it('downloads and hashes an asset GitHub gives no digest for: same bytes pass, other bytes fail', async () => {
    const { path, data } = archive();
    await attach(path);
    const api = withoutDigests(octokitApi('write', github.url));
    expect(await attach(path, api)).toMatchObject({ alreadyPublished: true, checksum: sha256(data) });
    expect(downloads()).toHaveLength(1);
    const other = archive(randomBytes(1000));
    await expect(attach(other.path, api)).rejects.toThrow(`already has hello-1.2.3.tar.gz with ${sha256(data)}, but ${other.path} is ${sha256(other.data)}`);
    expect(downloads()).toHaveLength(2);
    expect(uploads()).toHaveLength(1);
  });

  it('uses the release a concurrent run created first (422 on create, then re-read)', async () => {
    const { path, data } = archive();
    github.repo(slug).releases.push({ id: 2, tag: TAG, name: TAG, body: '', draft: false });
    github.fail({ method: 'GET', path: new RegExp(`^/repos/${slug}/releases/tags/`), status: 404, message: 'Not Found' });
    expect(await attach(path)).toMatchObject({ alreadyPublished: false, checksum: sha256(data) });
    expect(mine().filter((r) => r.method === 'POST' && r.path.endsWith('/releases'))).toHaveLength(1);
    expect(github.repo(slug).releases).toHaveLength(1);
    expect(github.repo(slug).assets[0]).toMatchObject({ release: 2 });
  });

  it('accepts an asset a concurrent run uploaded first with the same bytes (422 on upload, then re-read)', async () => {
    const { path } = archive();
    await attach(path);
    // The release as it was read just before the other run's upload landed: no assets yet.
    const api = octokitApi('write', github.url);
    let stale = true;
    const racing: GitHubApi = {
      ...api,
      getReleaseByTag: async (repo, tag) => {
        const release = await api.getReleaseByTag(repo, tag);
        if (!stale || !release) return release;
        stale = false;
        return { ...release, assets: [] };
      },
    };
    expect(await attach(path, racing)).toMatchObject({ alreadyPublished: true });
    expect(uploads()).toHaveLength(2); // the refused second upload
    expect(github.repo(slug).assets).toHaveLength(1);
  });

  it('refuses a tag that does not exist instead of letting GitHub create it at the default branch', async () => {
    const { path } = archive();
    const error = await attachReleaseAsset({ repository: repository(), tag: 'v9.9.9', archivePath: path }, { logger: new MemoryLogger(), github: octokitApi('write', github.url) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`tag v9.9.9 does not exist in ${slug}; push the tag first`);
    expect(mine().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('refuses a missing archive before any API call', async () => {
    const missing = join(temp.make('packreg-archive-'), 'nope.tar.gz');
    const error = await attach(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`archive ${missing} does not exist; check the path`);
    expect(mine()).toEqual([]);
  });

  it('fails clearly with a read-only token (403) and leaves no release behind', async () => {
    const { path } = archive();
    const error = await attach(path, octokitApi('read', github.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/cannot create a release in acme\/pack-\d+: 403 Resource not accessible by integration; the token may lack permission \(needs contents: write\)/);
    expect(github.repo(slug).releases).toEqual([]);
  });
});

describe('packreg release-asset', () => {
  it('uploads, prints the URL and checksum, and reports already published on a re-run', async () => {
    const { path, data } = archive();
    const env = { GITHUB_TOKEN: 'write', GITHUB_API_URL: github.url };
    const first = await runPackreg(['release-asset', path, '--tag', TAG, '--repository', slug], '/', env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^https://github\\.com/${slug}/releases/download/v1\\.2\\.3/hello-1\\.2\\.3\\.tar\\.gz\\n  checksum  ${sha256(data)}\\n`));
    const again = await runPackreg(['release-asset', path, '--tag', TAG, '--json'], '/', { ...env, GITHUB_REPOSITORY: slug });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ alreadyPublished: true, checksum: sha256(data) });
    expect(uploads()).toHaveLength(1);
  });

  it('exits 5 for other bytes, 2 without --tag or token', async () => {
    const env = { GITHUB_TOKEN: 'write', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: slug };
    await runPackreg(['release-asset', archive(Buffer.from('one')).path, '--tag', TAG], '/', env);
    const changed = await runPackreg(['release-asset', archive(Buffer.from('two')).path, '--tag', TAG], '/', env);
    expect(changed.code).toBe(5);
    expect(changed.stderr).toContain('a released archive never changes');
    expect((await runPackreg(['release-asset', 'x.tar.gz'], '/', env)).stderr).toContain('--tag TAG is required');
    const tokenless = await runPackreg(['release-asset', 'x.tar.gz', '--tag', TAG], '/', { GITHUB_REPOSITORY: slug });
    expect(tokenless.code).toBe(2);
    expect(tokenless.stderr).toContain('release-asset needs a GitHub token');
    expect(uploads()).toHaveLength(1);
  });
});
