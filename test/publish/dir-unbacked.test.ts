import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { makeEntry, makeIndex } from '../index/index-fixtures.js';
import { folderState, publishJson, readJsonFile, registryKeys, writePack } from './publish-fixtures.js';

/**
 * An index.json may list packs that have no entry object (an index written by hand or by
 * index-update before the registry was published to): publishing keeps them, unchanged.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const BASE = 'https://packs.example.com/reg';

/** A registry folder holding only `index.json`, made from the folder's path. */
function registryWith(index: (registry: string) => RegistryIndex): string {
  const registry = join(temp.make('packreg-dir-unbacked-'), 'reg');
  mkdirSync(registry);
  writeFileSync(join(registry, 'index.json'), `${JSON.stringify(index(registry), null, 2)}\n`);
  return registry;
}

/** consul 1.0.0 as a local registry would list it: its archive under the folder's file:// URL. */
function localEntry(registry: string): IndexEntry {
  const entry = makeEntry({ version: '1.0.0' });
  const url = pathToFileURL(join(registry, registryKeys('consul', '1.0.0').archive)).href;
  return { ...entry, install_sources: entry.install_sources.filter((s) => s.type === 'archive').map((s) => ({ ...s, url })) };
}

async function publishAlpha(registry: string, flags: readonly string[]) {
  const pack = writePack(join(registry, '..', 'pack'), { ref: 'alpha', version: '1.0.0' });
  return publishJson(pack, registry, flags);
}

describe('index entries without entry objects', () => {
  it('are kept when another pack is published to an https registry', async () => {
    const unbacked = makeEntry({ version: '1.0.0' });
    const registry = registryWith(() => makeIndex([unbacked], { url: `${BASE}/` }));
    const result = await publishAlpha(registry, ['--base-url', BASE]);
    expect(result.index).toMatchObject({ packs: 2, unbacked: ['consul@1.0.0'] });
    const index = readJsonFile<RegistryIndex>(join(registry, 'index.json'));
    expect(index.packs.map((p) => p.ref)).toEqual(['alpha', 'consul']);
    expect(index.packs[1]).toEqual(unbacked);
    // Nothing was invented for it: only alpha's objects were written.
    expect(Object.keys(folderState(registry)!).filter((k) => k.includes('consul'))).toEqual([]);
  });

  it('are kept in a local (file://) registry too', async () => {
    const registry = registryWith((folder) => makeIndex([localEntry(folder)], { url: `${pathToFileURL(folder).href}/` }));
    const unbacked = localEntry(registry);
    const result = await publishAlpha(registry, []);
    expect(result.index).toMatchObject({ packs: 2, unbacked: ['consul@1.0.0'] });
    const index = readJsonFile<RegistryIndex>(join(registry, 'index.json'));
    expect(index.packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['alpha@1.0.0', 'consul@1.0.0']);
    expect(index.packs[1]).toEqual(unbacked);
  });
});
