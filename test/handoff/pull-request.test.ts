import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, IntegrityError, UsageError } from '../../src/core/errors.js';
import { validateIndexFile } from '../../src/core/index/validate-index.js';
import { cloneRepo, createRepo, git } from '../helpers/git-repo.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';
import { makeEntry, schemaErrors } from '../index/index-fixtures.js';
import { branches, fileAt, handOff, indexAt, merge, nextConsul, refsOf, REGISTRY_NAME, seedRegistry } from './handoff-fixtures.js';

/** pull-request mode against a real bare registry and the GitHub REST stand-in. */
const temp = tempDirs();
const github = useFakeGitHub({ fresh: true });
afterAll(() => {
  temp.cleanup();
});
const BRANCH = 'packreg/consul-1.1.0';
const source = { repository: 'acme/consul-pack', sha: 'c'.repeat(40), tag: 'v1.1.0', runUrl: 'https://github.com/acme/consul-pack/actions/runs/42' };

describe('handing an entry off as a pull request', () => {
  it('pushes packreg/<ref>-<version> with the updated, valid index and opens the pull request', async () => {
    const bare = await seedRegistry(temp);
    const workDir = temp.make('packreg-work-');
    const { result } = await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir, source });
    expect(result).toEqual({ result: 'opened', pullRequest: { number: 1, url: 'https://github.com/acme/registry/pull/1' }, branch: BRANCH });
    expect(readdirSync(workDir)).toEqual([]);

    const create = github.requests.filter((r) => r.method === 'POST');
    expect(create).toHaveLength(1);
    const body = create[0].json as { title: string; head: string; base: string; body: string };
    expect(create[0].path).toBe('/repos/acme/registry/pulls');
    expect({ title: body.title, head: body.head, base: body.base }).toEqual({ title: 'consul 1.1.0', head: BRANCH, base: 'main' });
    const entry = nextConsul();
    for (const s of entry.install_sources) expect(body.body).toContain(s.checksum);
    for (const s of entry.install_sources) expect(body.body).toContain(s.url);
    expect(body.body).toContain('`1.1.0`');
    expect(body.body).toContain('repository `acme/consul-pack`, tag `v1.1.0`, commit `' + 'c'.repeat(40) + '`, [workflow run](https://github.com/acme/consul-pack/actions/runs/42)');

    expect(branches(bare)).toEqual(['main', BRANCH]);
    expect(git(bare, ['log', '-1', '--format=%s', BRANCH])).toBe('Add consul 1.1.0');
    expect(git(bare, ['rev-parse', `${BRANCH}~1`])).toBe(git(bare, ['rev-parse', 'main']));
    const index = indexAt(bare, BRANCH);
    expect(index.packs.map((p) => [p.ref, p.version])).toEqual([
      ['consul', '1.1.0'],
      ['vault', '2.0.0'],
    ]);
    expect(index.last_updated).toBe('2026-02-03T04:05:06Z');
    expect(JSON.parse(fileAt(bare, BRANCH, 'packs/consul/index.json')).versions.map((v: { version: string }) => v.version)).toEqual(['1.1.0', '1.0.0']);
    expect(schemaErrors(index)).toEqual([]);
    const clone = cloneRepo(temp, bare, `origin/${BRANCH}`);
    expect(await validateIndexFile(join(clone, 'index.json'), 'custom')).toMatchObject({ valid: true, problems: [] });
  });

  it('a re-run while the pull request is open finds it (exists): no push, no write call', async () => {
    const bare = await seedRegistry(temp);
    const workDir = temp.make('packreg-work-');
    await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir });
    const refs = refsOf(bare);
    github.requests.length = 0;
    const { result } = await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir, now: new Date('2026-03-01T00:00:00Z') });
    expect(result).toEqual({ result: 'exists', pullRequest: { number: 1, url: 'https://github.com/acme/registry/pull/1' }, branch: BRANCH });
    expect(refsOf(bare)).toBe(refs);
    expect(github.writes()).toEqual([]);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('a re-run once the pull request is merged is unchanged: no push, no write call', async () => {
    const bare = await seedRegistry(temp);
    const workDir = temp.make('packreg-work-');
    await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir });
    merge(bare, BRANCH);
    const refs = refsOf(bare);
    github.requests.length = 0;
    const { result } = await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir, now: new Date('2026-03-01T00:00:00Z') });
    expect(result).toEqual({ result: 'unchanged' });
    expect(refsOf(bare)).toBe(refs);
    expect(github.writes()).toEqual([]);
  });

  it('replaces the open pull request\'s branch when main moved on (updated), without a new pull request', async () => {
    const bare = await seedRegistry(temp);
    const workDir = temp.make('packreg-work-');
    await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir });
    // Another release lands on main in the meantime.
    await handOff(github.url, 'write', { entry: makeEntry({ ref: 'vault', version: '2.1.0' }, 'consul'), gitUrl: bare, workDir });
    merge(bare, 'packreg/vault-2.1.0');
    github.requests.length = 0;
    const { result } = await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir });
    expect(result).toEqual({ result: 'updated', pullRequest: { number: 1, url: 'https://github.com/acme/registry/pull/1' }, branch: BRANCH });
    expect(github.writes()).toEqual([]);
    expect(git(bare, ['rev-parse', `${BRANCH}~1`])).toBe(git(bare, ['rev-parse', 'main']));
    expect(indexAt(bare, BRANCH).packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['consul@1.1.0', 'vault@2.1.0']);
  });

  it('refuses an entry whose ref@version the registry lists with other content: clear error, nothing pushed or called', async () => {
    const bare = await seedRegistry(temp);
    const refs = refsOf(bare);
    const changed = makeEntry({ ref: 'consul', version: '1.0.0', archiveChecksum: 'rebuilt' });
    const run = handOff(github.url, 'write', { entry: changed, gitUrl: bare, workDir: temp.make('packreg-work-') });
    await expect(run).rejects.toThrow(IntegrityError);
    await expect(run).rejects.toThrow(/^acme\/registry \(branch main\) already lists a different entry: consul@1\.0\.0 is already published and versions are immutable: .*archive.*Release a new version\. Nothing was pushed$/s);
    expect(refsOf(bare)).toBe(refs);
    expect(github.writes()).toEqual([]);
  });

  it('uses --index and --branch: a nested index on another base branch', async () => {
    const bare = await seedRegistry(temp, undefined, 'registry/index.json');
    git(bare, ['branch', '-m', 'main', 'stable']);
    const { result } = await handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir: temp.make('packreg-work-'), indexPath: 'registry/index.json', baseBranch: 'stable' });
    expect(result.result).toBe('opened');
    expect((github.repo(REGISTRY_NAME).pulls[0] ?? {}).base).toBe('stable');
    expect(indexAt(bare, BRANCH, 'registry/index.json').packs[0].version).toBe('1.1.0');
    expect(fileAt(bare, BRANCH, 'registry/packs/consul/index.json')).toContain('"1.1.0"');
    expect(github.repo(REGISTRY_NAME).pulls[0].body).toContain('`registry/packs/consul/index.json`');
  });

  it('refuses a registry whose index does not validate, naming the registry, not the scratch clone', async () => {
    const repo = createRepo(temp);
    repo.commit({ 'index.json': '{"registry_name": "Broken", "packs": []}\n' });
    const bare = join(temp.make('packreg-registry-'), 'registry.git');
    git(repo.dir, ['init', '-q', '--bare', '-b', 'main', bare]);
    repo.git('push', '-q', bare, 'main');
    const run = handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir: temp.make('packreg-work-') });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(/^acme\/registry \(branch main\): index index\.json is not a valid Attune index \(\d+ problem\(s\)\); it was not changed/);
    expect(branches(bare)).toEqual(['main']);
    expect(github.writes()).toEqual([]);
  });

  it('names a missing index, and an index path outside the repository, before touching anything', async () => {
    const bare = await seedRegistry(temp);
    const refs = refsOf(bare);
    const workDir = temp.make('packreg-work-');
    await expect(handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir, indexPath: 'packs.json' })).rejects.toThrow(
      new UsageError('acme/registry (branch main) has no packs.json; check the index path, or create the registry\'s index first (packreg index-update --registry-name NAME --registry-url URL)'),
    );
    await expect(handOff(github.url, 'write', { entry: nextConsul(), gitUrl: bare, workDir, indexPath: '../index.json' })).rejects.toThrow(/index path "\.\.\/index\.json": expected the index file's path relative to the top/);
    expect(refsOf(bare)).toBe(refs);
    expect(github.writes()).toEqual([]);
    expect(readdirSync(workDir)).toEqual([]);
  });
});
