import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import {
  historyFile,
  indexUpdate,
  makeEntry,
  packreg,
  pythonJson,
  readJson,
  realEntry,
  schemaErrors,
  snapshot,
  STANDARD_INDEX,
  standardIndex,
  standardRegistry,
  temporaryLeftovers,
} from './index-fixtures.js';

/** index-update on a copy of the real Attune standard index (44 packs), with its own rules. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const ORIGINAL = readFileSync(STANDARD_INDEX, 'utf8');

/** A copy of the standard index in a fresh registry folder. */
function registry(): { dir: string; index: string } {
  const { work, index } = standardRegistry(temp, 'packreg-standard-');
  return { dir: work, index };
}

const update = (dir: string, index: string, entries: IndexEntry | IndexEntry[]) => indexUpdate(dir, index, entries, ['--policy', 'standard']);

describe('index-update on the real standard index', () => {
  it('the fixture round-trips through the Python-style writer the expectations use', () => {
    expect(pythonJson(standardIndex())).toBe(ORIGINAL);
    expect(schemaErrors(standardIndex())).toEqual([]);
    expect(standardIndex().packs).toHaveLength(44);
  });

  it('a new version of one real pack: only its entry and last_updated change, the history holds both versions', async () => {
    const { dir, index } = registry();
    const old = realEntry('consul');
    const next = makeEntry({ version: '0.2.0' }, 'consul');
    const run = await update(dir, index, next);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('+ consul 0.2.0 (latest): new version');

    const written = readJson<RegistryIndex>(index);
    expect(written.last_updated).not.toBe(standardIndex().last_updated);
    expect(written.last_updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Byte for byte: the original with consul's entry and last_updated replaced, nothing else.
    const expected = standardIndex();
    expected.last_updated = written.last_updated;
    expected.packs = expected.packs.map((p) => (p.ref === 'consul' ? next : p));
    expect(readFileSync(index, 'utf8')).toBe(pythonJson(expected));
    expect(schemaErrors(written)).toEqual([]);

    // The history: the new entry and the old one migrated from index.json, newest first.
    expect(readJson(historyFile(index, 'consul'))).toEqual({ ref: 'consul', versions: [next, old] });
    expect(readFileSync(historyFile(index, 'consul'), 'utf8')).toBe(pythonJson({ ref: 'consul', versions: [next, old] }));
    // Only those two files exist; no temporary file is left behind.
    expect(Object.keys(snapshot(dir)).sort()).toEqual(['entry.json', 'registry/index.json', 'registry/packs/consul/index.json']);
    expect(temporaryLeftovers(dir)).toEqual([]);
  });

  it('the version published in index.json is still served after the new release: consul@0.1.0 stays in the history', async () => {
    const { dir, index } = registry();
    await update(dir, index, makeEntry({ version: '0.2.0' }, 'consul'));
    await update(dir, index, makeEntry({ version: '0.3.0' }, 'consul'));
    const history = readJson<{ versions: IndexEntry[] }>(historyFile(index, 'consul'));
    expect(history.versions.map((v) => v.version)).toEqual(['0.3.0', '0.2.0', '0.1.0']);
    expect(history.versions[2]).toEqual(realEntry('consul'));
    expect(readJson<RegistryIndex>(index).packs.find((p) => p.ref === 'consul')?.version).toBe('0.3.0');
  });

  it('an older version changes the history but not index.json (last_updated included)', async () => {
    const { dir, index } = registry();
    const older = makeEntry({ version: '0.0.9' }, 'consul');
    const run = await update(dir, index, older);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('+ consul 0.0.9: new version');
    expect(readFileSync(index, 'utf8')).toBe(ORIGINAL);
    expect(readJson(historyFile(index, 'consul'))).toEqual({ ref: 'consul', versions: [realEntry('consul'), older] });
  });

  it('the published entry again is a no-op: every file byte-identical, no history file appears', async () => {
    const { dir, index } = registry();
    const before = snapshot(dir);
    const run = await update(dir, index, realEntry('consul'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('= consul 0.1.0 (latest): already published with the same content');
    expect(snapshot(dir)).toEqual({ ...before, 'entry.json': snapshot(dir)['entry.json'] });
    expect(existsSync(historyFile(index, 'consul'))).toBe(false);
  });

  it('every real entry again (the whole index as --entry) changes nothing', async () => {
    const { dir, index } = registry();
    const before = readFileSync(index);
    const run = await packreg(['index-update', '--index', index, '--entry', STANDARD_INDEX, '--policy', 'standard', '--json'], dir);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { changed: boolean; written: boolean; files: string[]; plan: { action: string }[] };
    expect(result).toMatchObject({ changed: false, written: false, files: [] });
    expect(result.plan).toHaveLength(44);
    expect(new Set(result.plan.map((p) => p.action))).toEqual(new Set(['unchanged']));
    expect(readFileSync(index).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'registry', 'packs'))).toBe(false);
  });

  it('new refs are inserted in byte order of their refs (- before _ before letters, digits before letters)', async () => {
    const { dir, index } = registry();
    const refs = ['python-example', 'aws2', 'a', 'zabbix_agent', 'git-lfs', 'git9'];
    const run = await update(dir, index, refs.map((ref) => makeEntry({ ref, version: '1.0.0' }, 'consul')));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const order = readJson<RegistryIndex>(index).packs.map((p) => p.ref);
    const expected = [...standardIndex().packs.map((p) => p.ref), ...refs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(order).toEqual(expected);
    // spot checks, spelled out
    expect(order.slice(0, 2)).toEqual(['a', 'activedirectory']);
    expect(order.slice(order.indexOf('git'), order.indexOf('git') + 4)).toEqual(['git', 'git-lfs', 'git9', 'github']);
    expect(order.slice(order.indexOf('prometheus') + 1, order.indexOf('prometheus') + 3)).toEqual(['python-example', 'python_example']);
    expect(order.at(-1)).toBe('zabbix_agent');
    expect(schemaErrors(readJson(index))).toEqual([]);
  });
});
