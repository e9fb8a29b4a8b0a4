import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { checksumOf, runPackreg } from '../helpers/cli.js';
import { createRepo, git } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { packYaml, publishJson } from '../publish/publish-fixtures.js';

/**
 * Registry entries with a git source (a real bare repository behind a file:// URL, as a local
 * registry may list) and an archive source: git first, verified by the framed checksum at the
 * pinned commit; any git failure falls back to the archive, and the result says why.
 */
const temp = tempDirs();
let work: string;
let registry: string;
let entry: IndexEntry;
let gitSource: { type: 'git'; url: string; ref: string; checksum: string };

beforeAll(async () => {
  work = temp.make('packreg-fetch-git-');
  const repo = createRepo(temp);
  const commit = repo.commit({ 'pack.yaml': packYaml('gamma', '2.0.0'), 'actions/hello.sh': { content: '#!/bin/sh\necho hi\n', executable: true } });
  const bare = join(work, 'gamma.git');
  git(repo.dir, ['init', '-q', '--bare', '-b', 'main', bare]);
  repo.git('push', '-q', bare, 'main');
  registry = join(work, 'registry');
  await publishJson(repo.dir, registry);
  const index = JSON.parse(readFileSync(join(registry, 'index.json'), 'utf8')) as RegistryIndex;
  entry = index.packs[0];
  gitSource = { type: 'git', url: pathToFileURL(bare).href, ref: commit, checksum: await checksumOf([repo.dir, '--git-ref', commit]) };
});
afterAll(() => temp.cleanup());

/** Serve a registry whose only entry has these sources (index.json beside the published one). */
function registryWith(sources: IndexEntry['install_sources']): string {
  const index = JSON.parse(readFileSync(join(registry, 'index.json'), 'utf8')) as RegistryIndex;
  const file = join(registry, `index-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...index, packs: [{ ...entry, install_sources: sources }] }, null, 2));
  return file;
}

async function fetchFrom(indexFile: string) {
  const cwd = temp.make('packreg-fetch-git-cwd-');
  const result = await runPackreg(['fetch', 'gamma', '--json', '--no-cache'], cwd, { HOME: cwd, ATTUNE__PACK_REGISTRY__INDICES: indexFile });
  return { cwd, result, json: result.code === 0 ? JSON.parse(result.stdout) : undefined };
}

describe('fetching a registry entry with a git source', () => {
  it('clones the pinned commit and verifies its framed checksum', async () => {
    const { cwd, result, json } = await fetchFrom(registryWith([gitSource, entry.install_sources[0]]));
    expect(result.stderr).not.toMatch(/warning|error/);
    expect(json).toMatchObject({ ref: 'gamma', version: '2.0.0', source: { type: 'git', url: gitSource.url, ref: gitSource.ref }, checksum: gitSource.checksum, fallbacks: [] });
    expect(readdirSync(join(cwd, 'gamma-2.0.0')).sort()).toEqual(['actions', 'pack.yaml']);
  });

  it('falls back to the archive when the git repository cannot be fetched, and reports it', async () => {
    const missing = { ...gitSource, url: pathToFileURL(join(work, 'gone.git')).href };
    const { result, json } = await fetchFrom(registryWith([missing, entry.install_sources[0]]));
    expect(json).toMatchObject({ source: { type: 'archive' }, fallbacks: [expect.stringMatching(/^git source file:\/\/.*gone\.git failed: /)] });
    expect(result.stderr).toMatch(/warning: gamma@2\.0\.0: git source .* failed/);
  });

  it('falls back to the archive when the git tree does not match its checksum', async () => {
    const wrong = { ...gitSource, checksum: `sha256:${'0'.repeat(64)}` };
    const { json } = await fetchFrom(registryWith([wrong, entry.install_sources[0]]));
    expect(json).toMatchObject({ source: { type: 'archive' }, fallbacks: [expect.stringContaining('expected')] });
  });

  it('fails with the last error when every source fails, leaving nothing', async () => {
    const wrong = { ...gitSource, checksum: `sha256:${'0'.repeat(64)}` };
    const badArchive = { ...entry.install_sources[0], checksum: `sha256:${'1'.repeat(64)}` };
    const { cwd, result } = await fetchFrom(registryWith([wrong, badArchive]));
    expect(result.code).toBe(5);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
