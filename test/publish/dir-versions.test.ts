import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackHistory } from '../../src/core/index/history.js';
import type { RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { folderState, publishJson, readJsonFile, registryKeys, writePack } from './publish-fixtures.js';

/**
 * Several releases in one folder registry: index.json keeps each ref's highest version
 * (whatever the publishing order), the history every version newest first, refs in order.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const versionsOf = (history: PackHistory) => history.versions.map((e) => e.version);
const indexed = (index: RegistryIndex) => index.packs.map((p) => `${p.ref}@${p.version}`);

/** Publish `ref` at each version in turn (one pack folder per version) to `registry`. */
async function publishVersions(root: string, registry: string, ref: string, versions: readonly string[]): Promise<void> {
  for (const version of versions) {
    const pack = writePack(join(root, `${ref}-${version}`), { ref, version, files: { 'CHANGES.md': `${version}\n` } });
    await publishJson(pack, registry);
  }
}

describe('versions of one pack', () => {
  it('index.json lists the highest even when an older one is published last; the history lists all, newest first', async () => {
    const root = temp.make('packreg-dir-versions-');
    const registry = join(root, 'reg');
    await publishVersions(root, registry, 'alpha', ['1.0.0', '1.2.0', '1.1.0']);
    expect(indexed(readJsonFile(join(registry, 'index.json')))).toEqual(['alpha@1.2.0']);
    expect(versionsOf(readJsonFile(join(registry, registryKeys('alpha', '1.0.0').history)))).toEqual(['1.2.0', '1.1.0', '1.0.0']);
    for (const version of ['1.0.0', '1.1.0', '1.2.0']) expect(folderState(registry)).toHaveProperty([registryKeys('alpha', version).archive]);
  });
});

describe('several packs', () => {
  it('are listed sorted by ref, each with its own history', async () => {
    const root = temp.make('packreg-dir-versions-');
    const registry = join(root, 'reg');
    await publishVersions(root, registry, 'zeta', ['2.0.0']);
    await publishVersions(root, registry, 'alpha', ['1.0.0']);
    expect(indexed(readJsonFile(join(registry, 'index.json')))).toEqual(['alpha@1.0.0', 'zeta@2.0.0']);
    expect(versionsOf(readJsonFile(join(registry, registryKeys('zeta', '2.0.0').history)))).toEqual(['2.0.0']);
    expect(versionsOf(readJsonFile(join(registry, registryKeys('alpha', '1.0.0').history)))).toEqual(['1.0.0']);
  });
});

describe('last_updated', () => {
  const OLD = '2020-01-01T00:00:00Z';

  /** A registry with alpha 1.0.0 whose index says it was last updated long ago. */
  async function agedRegistry(): Promise<{ root: string; registry: string; indexPath: string }> {
    const root = temp.make('packreg-dir-versions-');
    const registry = join(root, 'reg');
    await publishVersions(root, registry, 'alpha', ['1.0.0']);
    const indexPath = join(registry, 'index.json');
    const index = readJsonFile<RegistryIndex>(indexPath);
    writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace(`"last_updated": "${index.last_updated}"`, `"last_updated": "${OLD}"`));
    expect(readJsonFile<RegistryIndex>(indexPath).last_updated).toBe(OLD);
    return { root, registry, indexPath };
  }

  it('is unchanged (index.json byte-identical) when a re-run changes nothing', async () => {
    const { root, registry, indexPath } = await agedRegistry();
    const before = readFileSync(indexPath);
    const result = await publishJson(join(root, 'alpha-1.0.0'), registry);
    expect(result).toMatchObject({ alreadyPublished: true, index: { changed: false } });
    expect(readFileSync(indexPath)).toEqual(before);
  });

  it('moves when a new version is published', async () => {
    const { root, registry, indexPath } = await agedRegistry();
    await publishVersions(root, registry, 'alpha', ['1.0.1']);
    expect(readJsonFile<RegistryIndex>(indexPath).last_updated).not.toBe(OLD);
  });
});
