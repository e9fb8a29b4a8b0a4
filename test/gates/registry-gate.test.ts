import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../src/core/errors.js';
import { makeEntry } from '../index/index-fixtures.js';
import type { LooseJson } from '../index/index-fixtures.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { check, lines, publish, status } from './gate-fixtures.js';

/**
 * The registry gate on a registry repository built by index-update itself: main holds the
 * released versions, feature the pull request's changes to index.json and packs/<ref>/index.json.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A registry in `registry/` with hello 1.1.0 and 1.2.0 and world 0.1.0 released on main; feature checked out. */
async function registry(): Promise<{ repo: TestRepo; base: string; dir: string }> {
  const repo = createRepo(temp);
  const dir = join(repo.dir, 'registry');
  await publish(dir, [makeEntry({ ref: 'hello', version: '1.1.0' }), makeEntry({ ref: 'hello', version: '1.2.0' }), makeEntry({ ref: 'world', version: '0.1.0' })]);
  const base = repo.commit({ 'README.md': '# registry\n' }, 'released');
  repo.git('checkout', '-q', '-b', 'feature');
  return { repo, base, dir };
}

const registryCheck = (repo: TestRepo, base: string, index = 'registry/index.json') => check(repo.dir, base, { versionGate: false, index });
const editJson = (path: string, edit: (value: LooseJson) => void): void => {
  const value = JSON.parse(readFileSync(path, 'utf8'));
  edit(value);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};

describe('the registry gate', () => {
  it('passes a new version and lists it', async () => {
    const { repo, base, dir } = await registry();
    await publish(dir, [makeEntry({ ref: 'hello', version: '1.3.0' }), makeEntry({ ref: 'newpack', version: '1.0.0' })]);
    repo.commit({}, 'release');
    const result = await registryCheck(repo, base);
    expect(result.report).toMatchObject({ passed: true, failures: 0 });
    expect(lines(result, 'registry')).toEqual(['info hello@1.3.0: hello 1.3.0: new version', 'info newpack@1.0.0: newpack 1.0.0: new version']);
    expect(result.report.checks.find((c) => c.name === 'registry')?.details[0].file).toBe('registry/packs/hello/index.json');
  });

  it('fails a released entry whose content changed, saying what differs', async () => {
    const { repo, base, dir } = await registry();
    await publish(dir, [makeEntry({ ref: 'hello', version: '1.2.0', gitChecksum: 'rebuilt' })], true);
    repo.commit({}, 'rewrite hello 1.2.0');
    const result = await registryCheck(repo, base);
    expect(result.report).toMatchObject({ passed: false, failures: 1 });
    const [line] = lines(result, 'registry');
    expect(line).toMatch(/^error hello@1\.2\.0: hello 1\.2\.0 is released; its entry may not change \(git checksum published sha256:[0-9a-f]{64}, new sha256:[0-9a-f]{64}\); publish a new version instead$/);
  });

  it('fails an old released version changed in its history only', async () => {
    const { repo, base, dir } = await registry();
    editJson(join(dir, 'packs/hello/index.json'), (h) => (h.versions[1].description = 'rewritten'));
    repo.commit({}, 'edit 1.1.0');
    expect(lines(await registryCheck(repo, base), 'registry')).toEqual([
      'error hello@1.1.0: hello 1.1.0 is released; its entry may not change (same sources but different description); publish a new version instead',
    ]);
  });

  it('fails a removed version', async () => {
    const { repo, base, dir } = await registry();
    editJson(join(dir, 'packs/hello/index.json'), (h) => h.versions.splice(1, 1));
    repo.commit({}, 'drop 1.1.0');
    expect(lines(await registryCheck(repo, base), 'registry')).toEqual([
      'error hello@1.1.0: hello 1.1.0 is released but was removed from registry/packs/hello/index.json; released versions stay so that installs pinned to them keep working: restore it (if the base branch moved on, merge it into this branch first)',
    ]);
  });

  it('fails a pack dropped from index.json and a listed version that went down', async () => {
    const { repo, base, dir } = await registry();
    const older = makeEntry({ ref: 'hello', version: '1.1.0' });
    editJson(join(dir, 'index.json'), (index) => {
      index.packs = [older];
    });
    repo.commit({}, 'downgrade');
    expect(lines(await registryCheck(repo, base), 'registry')).toEqual([
      "error hello: hello's version in registry/index.json went down from 1.2.0 to 1.1.0; the index lists each pack's highest version: restore 1.2.0",
      'error world: world is no longer listed in registry/index.json; released packs stay in the registry: restore its entry (0.1.0)',
    ]);
  });

  it('fails when index.json and a pack history disagree about a version', async () => {
    const { repo, base, dir } = await registry();
    await publish(dir, [makeEntry({ ref: 'hello', version: '1.3.0' })]);
    editJson(join(dir, 'index.json'), (index) => {
      index.packs[0].description = 'not what the history says';
    });
    repo.commit({}, 'release with a hand edit');
    expect(lines(await registryCheck(repo, base), 'registry')).toEqual([
      'error hello@1.3.0: hello 1.3.0 in registry/index.json differs from its entry in registry/packs/hello/index.json (same sources but different description); write both with index-update',
      'info hello@1.3.0: hello 1.3.0: new version',
    ]);
  });

  it('fails an invalid head index, listing its problems', async () => {
    const { repo, base, dir } = await registry();
    editJson(join(dir, 'index.json'), (index) => {
      index.packs.reverse();
      delete index.packs[0].license;
    });
    repo.commit({}, 'break the index');
    const result = await registryCheck(repo, base);
    expect(result.report.passed).toBe(false);
    const errors = lines(result, 'registry').filter((l) => l.startsWith('error'));
    expect(errors).toEqual([
      expect.stringMatching(/^error -: \/packs\/0.*license/),
      'error -: /packs/1/ref: packs are not sorted by ref: "hello" comes after "world"; sort them by ref in byte order (index-update and index-merge write them sorted)',
      // the edit also made index.json's world 0.1.0 differ from its history
      'error world@0.1.0: world 0.1.0 in registry/index.json differs from its entry in registry/packs/world/index.json (same sources but different license); write both with index-update',
    ]);
  });

  it('fails a head index that is not JSON, and a history that is not JSON, without listing its versions as removed', async () => {
    const { repo, base, dir } = await registry();
    writeFileSync(join(dir, 'index.json'), '{"packs": [\n');
    writeFileSync(join(dir, 'packs/hello/index.json'), '{');
    repo.commit({}, 'truncate');
    const result = await registryCheck(repo, base);
    const details = result.report.checks.find((c) => c.name === 'registry')!.details;
    expect(details.map((d) => [d.level, d.file])).toEqual([
      ['error', 'registry/index.json'],
      ['error', 'registry/packs/hello/index.json'],
      ['error', 'registry/index.json'],
      ['error', 'registry/index.json'],
    ]);
    expect(details[0].message).toMatch(/^registry\/index\.json:2:1: not valid JSON \(.+\); fix the syntax at that point$/);
    expect(details.slice(2).map((d) => d.message)).toEqual([
      'hello is no longer listed in registry/index.json; released packs stay in the registry: restore its entry (1.2.0)',
      'world is no longer listed in registry/index.json; released packs stay in the registry: restore its entry (0.1.0)',
    ]);
  });

  it('passes a pull request that leaves the registry alone, and one that creates it', async () => {
    const { repo, base } = await registry();
    repo.commit({ 'README.md': 'more\n' });
    expect(lines(await registryCheck(repo, base), 'registry')).toEqual(['info -: no released entry changed']);
    const fresh = createRepo(temp);
    const empty = fresh.commit({ 'README.md': 'x\n' });
    await publish(join(fresh.dir, 'registry'), [makeEntry({ ref: 'hello', version: '1.0.0' })]);
    fresh.commit({});
    expect(lines(await registryCheck(fresh, empty), 'registry')).toEqual(['info -: registry/index.json is new', 'info hello@1.0.0: hello 1.0.0: new version']);
  });

  it('fails when the index does not exist at head, and refuses an index outside the checked folder', async () => {
    const { repo, base } = await registry();
    const missing = await registryCheck(repo, base, 'index.json');
    expect(status(missing, 'registry')).toBe('failed');
    expect(lines(missing, 'registry')[0]).toMatch(/^error -: index\.json does not exist at head [0-9a-f]{12}; set the index to the path of index.json relative to the checked folder$/);
    await expect(registryCheck(repo, base, '../index.json')).rejects.toThrow(UsageError);
    await expect(registryCheck(repo, base, '../index.json')).rejects.toThrow(`index "../index.json" is not a file inside ${repo.dir}; give the path of index.json relative to it`);
  });
});
