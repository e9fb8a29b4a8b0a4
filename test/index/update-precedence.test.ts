import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { historyFile, indexUpdate, makeEntry, readJson, schemaErrors } from './index-fixtures.js';

/**
 * The top-level entry of a ref is its highest version by semver precedence: never string
 * order, never arrival order. Every version stays in packs/<ref>/index.json, newest first,
 * while index.json keeps exactly the Attune shape.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const NEW_INDEX = ['--registry-name', 'Precedence Test', '--registry-url', 'https://packs.example.com/index.json'];

interface History {
  ref: string;
  versions: IndexEntry[];
}

/** Upsert `versions` of consul into a new index: all in one run, or one run per version. */
async function upsert(versions: string[], runs: 'one run' | 'separate runs'): Promise<{ index: RegistryIndex; history: History }> {
  const dir = temp.make('packreg-precedence-');
  const indexPath = join(dir, 'registry', 'index.json');
  const entries = versions.map((version) => makeEntry({ version }));
  const batches = runs === 'one run' ? [entries] : entries.map((e) => [e]);
  for (const [i, batch] of batches.entries()) {
    const run = await indexUpdate(dir, indexPath, batch, NEW_INDEX, `entries-${i}.json`);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  }
  return { index: readJson<RegistryIndex>(indexPath), history: readJson<History>(historyFile(indexPath, 'consul')) };
}

const CASES: { name: string; versions: string[]; latest: string; newestFirst: string[] }[] = [
  { name: '1.10.0 beats 1.9.0 (not string order)', versions: ['1.9.0', '1.10.0'], latest: '1.10.0', newestFirst: ['1.10.0', '1.9.0'] },
  { name: '2.0.0-rc.1 beats 1.9.9', versions: ['1.9.9', '2.0.0-rc.1'], latest: '2.0.0-rc.1', newestFirst: ['2.0.0-rc.1', '1.9.9'] },
  { name: '2.0.0 beats 2.0.0-rc.1', versions: ['2.0.0-rc.1', '2.0.0'], latest: '2.0.0', newestFirst: ['2.0.0', '2.0.0-rc.1'] },
  {
    name: 'a mixed set: release, pre-releases and two-digit parts',
    versions: ['1.2.0', '1.10.0', '2.0.0-rc.2', '2.0.0-rc.10', '1.9.0', '2.0.0-alpha'],
    latest: '2.0.0-rc.10',
    newestFirst: ['2.0.0-rc.10', '2.0.0-rc.2', '2.0.0-alpha', '1.10.0', '1.9.0', '1.2.0'],
  },
];

describe.each(CASES)('$name', ({ versions, latest, newestFirst }) => {
  const orders = [
    ['oldest first', [...versions]],
    ['newest first', [...newestFirst]],
    ['reversed input order', [...versions].reverse()],
  ] as const;
  describe.each(['one run', 'separate runs'] as const)('%s', (runs) => {
    it.each(orders)('arriving %s', async (_order, arrival) => {
      const { index, history } = await upsert([...arrival], runs);
      // index.json: one entry per ref, the highest version, exactly the Attune shape
      expect(index.packs.map((p) => [p.ref, p.version])).toEqual([['consul', latest]]);
      expect(index.packs[0]).toEqual(makeEntry({ version: latest }));
      expect(schemaErrors(index)).toEqual([]);
      // the history keeps every version, newest first, each exactly as given
      expect(history.ref).toBe('consul');
      expect(history.versions.map((v) => v.version)).toEqual(newestFirst);
      for (const entry of history.versions) expect(entry).toEqual(makeEntry({ version: entry.version }));
    });
  });
});

describe('an older release after a newer one', () => {
  it('keeps the newer entry on top and adds the older one to the history only', async () => {
    const { index, history } = await upsert(['3.1.0', '3.0.5'], 'separate runs');
    expect(index.packs.map((p) => p.version)).toEqual(['3.1.0']);
    expect(history.versions.map((v) => v.version)).toEqual(['3.1.0', '3.0.5']);
  });
});
