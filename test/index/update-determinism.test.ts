import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifyHistory } from '../../src/core/index/history.js';
import { updateIndex } from '../../src/core/index/index-update.js';
import type { IndexUpdateSettings } from '../../src/core/index/index-update.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { createRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import {
  copyStandardIndex,
  historyFile,
  makeEntry,
  packreg,
  pythonJson,
  readJson,
  realEntry,
  schemaErrors,
  snapshot,
  STANDARD_INDEX,
  temporaryLeftovers,
  writeEntryFile,
} from './index-fixtures.js';

/**
 * Deterministic output: canonical key order, two-space JSON with a final newline, packs in
 * byte order, last_updated moved only when index.json's packs change, byte-identical files
 * on a re-run (no git diff), files replaced atomically.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const T1 = new Date('2030-01-01T10:00:00.123Z');
const T2 = new Date('2030-02-02T11:00:00Z');
const T3 = new Date('2030-03-03T12:00:00Z');
const T4 = new Date('2030-04-04T13:00:00Z');

function settings(indexPath: string, entries: IndexEntry[], now: Date, more: Partial<IndexUpdateSettings> = {}): IndexUpdateSettings {
  return { indexPath, entries, now, policy: 'custom', dryRun: false, force: false, registryName: 'Determinism', registryUrl: 'https://packs.example.com/index.json', ...more };
}

describe('byte-identical results', () => {
  it('a re-run on the same input leaves the files byte-identical and git status clean', async () => {
    const repo = createRepo(temp);
    copyStandardIndex(repo.dir);
    repo.commit({}, 'the standard index');
    const work = temp.make('packreg-det-work-');
    const file = writeEntryFile(join(work, 'release.json'), [makeEntry({ version: '0.2.0' }, 'consul'), makeEntry({ version: '1.1.0' }, 'vault'), makeEntry({ version: '0.0.1' }, 'slack')]);
    const args = ['index-update', '--index', join(repo.dir, 'index.json'), '--entry', file, '--policy', 'standard'];

    const first = await packreg(args, work);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(repo.git('status', '--porcelain', '--untracked-files=all').split('\n').sort()).toEqual([
      ' M index.json',
      '?? packs/consul/index.json',
      '?? packs/slack/index.json',
      '?? packs/vault/index.json',
    ]);
    repo.commit({}, 'release');
    const committed = snapshot(repo.dir);

    const again = await packreg(args, work);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('no change');
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(snapshot(repo.dir)).toEqual(committed);
    expect(temporaryLeftovers(repo.dir)).toEqual([]);
  });

  it('the arrival order of the entries does not change a byte', async () => {
    const entries = [
      makeEntry({ version: '1.9.0' }),
      makeEntry({ version: '1.10.0' }),
      makeEntry({ ref: 'pack-b', version: '0.1.0' }),
      makeEntry({ ref: 'pack_a', version: '2.0.0-rc.1' }),
      makeEntry({ ref: 'pack_a', version: '1.0.0' }),
      makeEntry({ ref: 'aaa', version: '3.0.0' }),
    ];
    const results: Record<string, string>[] = [];
    for (const order of [entries, [...entries].reverse(), [entries[3], entries[0], entries[5], entries[1], entries[4], entries[2]]]) {
      const dir = temp.make('packreg-det-order-');
      await updateIndex(settings(join(dir, 'index.json'), order, T1), new MemoryLogger());
      results.push(snapshot(dir));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(Object.keys(results[0])).toEqual(['index.json', 'packs/aaa/index.json', 'packs/consul/index.json', 'packs/pack-b/index.json', 'packs/pack_a/index.json']);
  });
});

describe('versions that differ only in build metadata', () => {
  it('are ordered the same whatever their arrival order', async () => {
    const a = makeEntry({ version: '1.0.0+build.1' });
    const b = makeEntry({ version: '1.0.0+build.2' });
    const results: Record<string, string>[] = [];
    for (const order of [[a, b], [b, a]]) {
      const dir = temp.make('packreg-det-build-');
      await updateIndex(settings(join(dir, 'index.json'), order, T1), new MemoryLogger());
      results.push(snapshot(dir));
    }
    for (const order of [[a], [b]]) {
      const dir = temp.make('packreg-det-build-');
      await updateIndex(settings(join(dir, 'index.json'), order, T1), new MemoryLogger());
      await updateIndex(settings(join(dir, 'index.json'), order[0] === a ? [b] : [a], T1), new MemoryLogger());
      results.push(snapshot(dir));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[3]).toEqual(results[0]);
  });
});

describe('canonical text', () => {
  it('a history is written newest first whatever order its versions are held in', () => {
    const versions = ['1.0.0', '1.10.0', '1.2.0-beta', '1.2.0'].map((version) => makeEntry({ version }));
    expect(stringifyHistory({ ref: 'consul', versions })).toBe(pythonJson({ ref: 'consul', versions: [versions[1], versions[3], versions[2], versions[0]] }));
  });

  it('keys in the builder order, two-space indent, \\u escapes, final newline: whatever the input looked like', async () => {
    const dir = temp.make('packreg-det-text-');
    const entry = makeEntry({ version: '1.0.0', description: 'Consul für Rechenzentren — naïve ✓' });
    // the same entry with every object's keys reversed
    const reverse = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reverse) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, k === 'meta' ? v : reverse(v)])) : value;
    await updateIndex(settings(join(dir, 'index.json'), [reverse(entry) as IndexEntry], T1), new MemoryLogger());
    const text = readFileSync(join(dir, 'index.json'), 'utf8');
    // Python's json.dumps(indent=2) layout, exactly: the builder's own
    expect(text).toBe(pythonJson(JSON.parse(text)));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"description": "Consul f\\u00fcr Rechenzentren \\u2014 na\\u00efve \\u2713"');
    expect([...text].every((c) => c.charCodeAt(0) < 0x7f)).toBe(true);
    const written = JSON.parse(text) as RegistryIndex;
    expect(Object.keys(written)).toEqual(['registry_name', 'registry_url', 'version', 'last_updated', 'packs']);
    // the key order of the real standard index's consul entry, at every level
    const real = realEntry('consul');
    expect(Object.keys(written.packs[0])).toEqual(Object.keys(real));
    expect(Object.keys(written.packs[0].install_sources[0])).toEqual(Object.keys(real.install_sources[0]));
    expect(Object.keys(written.packs[0].install_sources[1])).toEqual(Object.keys(real.install_sources[1]));
    expect(Object.keys(written.packs[0].contents)).toEqual(Object.keys(real.contents));
    expect(Object.keys(written.packs[0].contents.actions[0])).toEqual(['name', 'description']);
    expect(written.packs[0]).toEqual(entry);
    // the history file is written the same way
    const history = readFileSync(historyFile(join(dir, 'index.json'), 'consul'), 'utf8');
    expect(history).toBe(pythonJson({ ref: 'consul', versions: [entry] }));
    // last_updated: UTC to the second, like the standard index
    expect(written.last_updated).toBe('2030-01-01T10:00:00Z');
    expect(schemaErrors(written)).toEqual([]);
  });

  it('the real standard index stays byte-identical when only a history changes', async () => {
    const dir = temp.make('packreg-det-std-');
    const index = copyStandardIndex(dir);
    await updateIndex(settings(index, [makeEntry({ version: '0.0.1' }, 'jira')], T2, { policy: 'standard' }), new MemoryLogger());
    expect(readFileSync(index).equals(readFileSync(STANDARD_INDEX))).toBe(true);
  });
});

describe('last_updated moves only when index.json\'s packs change', () => {
  it('create, older version, newer version, same again', async () => {
    const dir = temp.make('packreg-det-time-');
    const index = join(dir, 'index.json');
    const logger = new MemoryLogger();
    const run = async (entry: IndexEntry, now: Date) => {
      const result = await updateIndex(settings(index, [entry], now), logger);
      return { result, index: readJson<RegistryIndex>(index), text: readFileSync(index, 'utf8') };
    };

    const created = await run(makeEntry({ version: '2.0.0' }), T1);
    expect(created.index.last_updated).toBe('2030-01-01T10:00:00Z');
    expect(created.result).toMatchObject({ created: true, changed: true, written: true, lastUpdated: '2030-01-01T10:00:00Z' });

    // an older version: the history changes, index.json does not (not even last_updated)
    const older = await run(makeEntry({ version: '1.5.0' }), T2);
    expect(older.text).toBe(created.text);
    expect(older.result).toMatchObject({ changed: true, files: [historyFile(index, 'consul')] });
    expect(readJson<{ versions: IndexEntry[] }>(historyFile(index, 'consul')).versions.map((v) => v.version)).toEqual(['2.0.0', '1.5.0']);

    // a new top version of another ref: last_updated moves
    const other = await run(makeEntry({ ref: 'vault', version: '1.0.0' }, 'vault'), T3);
    expect(other.index.last_updated).toBe('2030-03-03T12:00:00Z');
    expect(other.index.packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['consul@2.0.0', 'vault@1.0.0']);

    // the same again: nothing moves
    const same = await run(makeEntry({ ref: 'vault', version: '1.0.0' }, 'vault'), T4);
    expect(same.text).toBe(other.text);
    expect(same.result).toMatchObject({ changed: false, written: false, files: [], lastUpdated: '2030-03-03T12:00:00Z' });
    expect(temporaryLeftovers(dir)).toEqual([]);
  });

  it('an index whose folder holds other files: only index.json and packs/<ref>/index.json are touched', async () => {
    const dir = temp.make('packreg-det-other-');
    mkdirSync(join(dir, 'packs', 'consul'), { recursive: true });
    writeEntryFile(join(dir, 'packs', 'consul', 'notes.json'), []);
    const index = join(dir, 'index.json');
    await updateIndex(settings(index, [makeEntry({ version: '1.0.0' })], T1), new MemoryLogger());
    expect(Object.keys(snapshot(dir))).toEqual(['index.json', 'packs/consul/index.json', 'packs/consul/notes.json']);
  });
});
