import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeIndices } from '../../src/core/index/index-merge.js';
import type { RegistryIndex } from '../../src/core/index/model.js';
import { createRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { makeEntry, makeIndex, packreg, readJson, snapshot, STANDARD_INDEX, temporaryLeftovers, writeJson } from './index-fixtures.js';

/** Re-merging the same inputs leaves the output byte-identical, last_updated included. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const T1 = new Date('2031-01-01T00:00:01.999Z');
const T2 = new Date('2031-06-01T00:00:00Z');
const T3 = new Date('2031-12-01T00:00:00Z');

describe('index-merge is idempotent', () => {
  it('the same inputs again: "unchanged", every byte of the output kept', async () => {
    const dir = temp.make('packreg-merge-again-');
    const community = writeJson(join(dir, 'community.json'), makeIndex([makeEntry({ version: '0.2.0' }, 'consul'), makeEntry({ ref: 'extra', version: '1.0.0' })]));
    const output = join(dir, 'merged.json');
    const args = ['index-merge', '--output', output, STANDARD_INDEX, community];
    expect(await packreg(args, dir)).toMatchObject({ code: 0, stdout: `${output}: 45 packs, written\n`, stderr: '' });
    const first = snapshot(dir);
    expect(await packreg(args, dir)).toMatchObject({ code: 0, stdout: `${output}: 45 packs, unchanged\n`, stderr: '' });
    expect(snapshot(dir)).toEqual(first);
    expect(temporaryLeftovers(dir)).toEqual([]);
  });

  it('in a git repository holding the registry: the re-merge leaves git status clean', async () => {
    const repo = createRepo(temp);
    writeJson(join(repo.dir, 'sources', 'community.json'), makeIndex([makeEntry({ ref: 'extra', version: '1.0.0' }), makeEntry({ version: '9.0.0' }, 'vault')]));
    repo.commit({}, 'sources');
    const args = ['index-merge', '--output', 'index.json', STANDARD_INDEX, 'sources/community.json'];
    expect((await packreg(args, repo.dir)).code).toBe(0);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('?? index.json');
    repo.commit({}, 'merged');
    expect((await packreg(args, repo.dir)).code).toBe(0);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('merging into one of the inputs converges: the second run changes nothing', async () => {
    const dir = temp.make('packreg-merge-into-');
    const main = writeJson(join(dir, 'index.json'), makeIndex([makeEntry({ version: '1.0.0' })]));
    const incoming = writeJson(join(dir, 'incoming.json'), makeIndex([makeEntry({ version: '1.1.0' }), makeEntry({ ref: 'alpha', version: '0.1.0' })]));
    expect((await packreg(['index-merge', '--output', main, main, incoming], dir)).code).toBe(0);
    expect(readJson<RegistryIndex>(main).packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['alpha@0.1.0', 'consul@1.1.0']);
    const once = snapshot(dir);
    expect((await packreg(['index-merge', '--output', main, main, incoming], dir)).stdout).toContain('unchanged');
    expect(snapshot(dir)).toEqual(once);
  });
});

describe('last_updated of the merged index', () => {
  it('is set when the packs change and kept when they do not', async () => {
    const dir = temp.make('packreg-merge-time-');
    const a = writeJson(join(dir, 'a.json'), makeIndex([makeEntry({ version: '1.0.0' })]));
    const b = writeJson(join(dir, 'b.json'), makeIndex([makeEntry({ ref: 'beta', version: '1.0.0' })]));
    const output = join(dir, 'merged.json');
    const merge = (now: Date) => mergeIndices({ inputs: [a, b], output, policy: 'custom', now });

    expect(await merge(T1)).toMatchObject({ changed: true, packs: 2 });
    expect(readJson<RegistryIndex>(output).last_updated).toBe('2031-01-01T00:00:01Z');
    const first = readFileSync(output);

    // same inputs, later: nothing moves
    expect(await merge(T2)).toMatchObject({ changed: false });
    expect(readFileSync(output).equals(first)).toBe(true);

    // the inputs' own last_updated changing is not a change of packs
    writeJson(a, makeIndex([makeEntry({ version: '1.0.0' })], { lastUpdated: '2031-05-05T05:05:05Z' }));
    expect(await merge(T2)).toMatchObject({ changed: false });
    expect(readFileSync(output).equals(first)).toBe(true);

    // a new version in an input: last_updated moves
    writeJson(b, makeIndex([makeEntry({ ref: 'beta', version: '1.0.1' })]));
    expect(await merge(T3)).toMatchObject({ changed: true });
    expect(readJson<RegistryIndex>(output).last_updated).toBe('2031-12-01T00:00:00Z');
  });
});
