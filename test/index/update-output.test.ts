import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, linkSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { historyFile, indexUpdate, makeEntry, readJson, realEntry, snapshot, STANDARD_INDEX, standardRegistry, temporaryLeftovers } from './index-fixtures.js';

/** --output writes elsewhere (histories beside it); files are replaced atomically. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

describe('index-update --output', () => {
  it('into a folder that does not exist yet, with nothing new: the index is written there, the input untouched', async () => {
    const { work, index: input } = standardRegistry(temp, 'packreg-output-', 'in');
    const output = join(work, 'out', 'site', 'index.json');
    const before = snapshot(join(work, 'in'));
    const run = await indexUpdate(work, input, realEntry('consul'), ['--output', output, '--policy', 'standard'], 'e.json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(output).equals(readFileSync(STANDARD_INDEX))).toBe(true);
    expect(snapshot(join(work, 'in'))).toEqual(before);
    expect(Object.keys(snapshot(join(work, 'out')))).toEqual(['site/index.json']);
  });

  it('with a new version: index and history beside the output, the input untouched', async () => {
    const { work, index: input } = standardRegistry(temp, 'packreg-output-', 'in');
    const output = join(work, 'out', 'index.json');
    const next = makeEntry({ version: '0.2.0' });
    const before = snapshot(join(work, 'in'));
    const run = await indexUpdate(work, input, next, ['--output', output], 'e.json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(snapshot(join(work, 'in'))).toEqual(before);
    expect(readJson<RegistryIndex>(output).packs.find((p) => p.ref === 'consul')).toEqual(next);
    expect(readJson<{ versions: IndexEntry[] }>(historyFile(output, 'consul')).versions).toEqual([next, realEntry('consul')]);
    expect(run.stdout).toContain(`  wrote ${historyFile(output, 'consul')}`);
    expect(run.stdout).toContain(`  wrote ${output}`);
  });
});

describe('atomic replacement', () => {
  it('index.json and the history are replaced by new files (a hard link to the old one keeps the old bytes), no temporary file left', async () => {
    const { work, index } = standardRegistry(temp, 'packreg-atomic-');
    expect((await indexUpdate(work, index, makeEntry({ version: '0.2.0' }), [], 'first.json')).code).toBe(0);
    const oldIndex = readFileSync(index);
    const oldHistory = readFileSync(historyFile(index, 'consul'));
    linkSync(index, join(work, 'index.link'));
    linkSync(historyFile(index, 'consul'), join(work, 'history.link'));

    expect((await indexUpdate(work, index, makeEntry({ version: '0.3.0' }), [], 'second.json')).code).toBe(0);
    // the new content is in place...
    expect(readJson<RegistryIndex>(index).packs.find((p) => p.ref === 'consul')?.version).toBe('0.3.0');
    expect(readFileSync(index).equals(oldIndex)).toBe(false);
    // ...in new files: the old inodes were never truncated or rewritten in place
    expect(readFileSync(join(work, 'index.link')).equals(oldIndex)).toBe(true);
    expect(readFileSync(join(work, 'history.link')).equals(oldHistory)).toBe(true);
    expect(temporaryLeftovers(work)).toEqual([]);
    expect(existsSync(join(work, 'registry', 'packs', 'consul', 'index.json'))).toBe(true);
  });
});
