import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { makeEntry, makeIndex, packreg, pythonJson, readJson, realEntry, schemaErrors, STANDARD_INDEX, standardIndex, writeJson } from './index-fixtures.js';

/**
 * index-merge: a ref in several inputs takes its highest version by semver precedence (ties:
 * the first input wins), the registry identity comes from the first input, and the result is
 * a valid, canonical Attune index.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const MIRROR = { name: 'Mirror Registry', url: 'https://mirror.example.com/index.json' };
const COMMUNITY = { name: 'Community Registry', url: 'https://community.example.com/index.json' };

/** Write each index into a fresh folder, merge them with the CLI; returns the run and the result. */
async function merge(inputs: RegistryIndex[], ...flags: string[]) {
  const dir = temp.make('packreg-merge-');
  const paths = inputs.map((index, i) => writeJson(join(dir, `input-${i}.json`), index));
  const output = join(dir, 'merged.json');
  const run = await packreg(['index-merge', '--output', output, ...paths, ...flags], dir);
  return { run, output, paths, dir };
}

describe('index-merge picks each ref\'s highest version', () => {
  it.each([
    ['1.9.0', '1.10.0', '1.10.0'],
    ['1.10.0', '1.9.0', '1.10.0'],
    ['1.9.9', '2.0.0-rc.1', '2.0.0-rc.1'],
    ['2.0.0', '2.0.0-rc.1', '2.0.0'],
    ['2.0.0-rc.1', '2.0.0', '2.0.0'],
    ['2.0.0-rc.2', '2.0.0-rc.10', '2.0.0-rc.10'],
  ])('first input %s, second %s: %s', async (a, b, expected) => {
    const { run, output } = await merge([makeIndex([makeEntry({ version: a })], MIRROR), makeIndex([makeEntry({ version: b })], COMMUNITY)]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readJson<RegistryIndex>(output).packs).toEqual([makeEntry({ version: expected })]);
  });

  it('the same version in two inputs: the first input wins, whichever it is', async () => {
    const mine = makeEntry({ version: '1.0.0', gitChecksum: 'mine' });
    const theirs = makeEntry({ version: '1.0.0', gitChecksum: 'theirs' });
    const forward = await merge([makeIndex([mine], MIRROR), makeIndex([theirs], COMMUNITY)]);
    expect(readJson<RegistryIndex>(forward.output).packs).toEqual([mine]);
    const backward = await merge([makeIndex([theirs], COMMUNITY), makeIndex([mine], MIRROR)]);
    expect(readJson<RegistryIndex>(backward.output).packs).toEqual([theirs]);
  });

  it('three inputs: the highest wins wherever it is, --json names the input each ref came from', async () => {
    const inputs = [
      makeIndex([makeEntry({ version: '1.0.0' }), makeEntry({ ref: 'alpha', version: '0.1.0' })], MIRROR),
      makeIndex([makeEntry({ version: '1.2.0' }), makeEntry({ ref: 'beta', version: '5.0.0' })], COMMUNITY),
      makeIndex([makeEntry({ version: '1.1.0' }), makeEntry({ ref: 'alpha', version: '0.2.0' })]),
    ];
    const { run, output, paths } = await merge(inputs, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      output,
      changed: true,
      packs: 3,
      sources: [
        { ref: 'alpha', version: '0.2.0', input: paths[2] },
        { ref: 'beta', version: '5.0.0', input: paths[1] },
        { ref: 'consul', version: '1.2.0', input: paths[1] },
      ],
    });
    expect(readJson<RegistryIndex>(output).packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['alpha@0.2.0', 'beta@5.0.0', 'consul@1.2.0']);
  });
});

describe('the merged index', () => {
  it('takes registry_name and registry_url from the first input', async () => {
    const { output } = await merge([makeIndex([makeEntry({ version: '1.0.0' })], MIRROR), makeIndex([makeEntry({ version: '2.0.0' })], COMMUNITY)]);
    expect(readJson<RegistryIndex>(output)).toMatchObject({ registry_name: MIRROR.name, registry_url: MIRROR.url, version: '1.0' });
    const swapped = await merge([makeIndex([makeEntry({ version: '2.0.0' })], COMMUNITY), makeIndex([makeEntry({ version: '1.0.0' })], MIRROR)]);
    expect(readJson<RegistryIndex>(swapped.output)).toMatchObject({ registry_name: COMMUNITY.name, registry_url: COMMUNITY.url });
  });

  it('the real standard index with a community index: 44 + new packs, sorted by ref in byte order, schema-valid, canonical text', async () => {
    const community = makeIndex(
      [makeEntry({ version: '0.2.0' }, 'consul'), makeEntry({ version: '0.0.1' }, 'vault'), makeEntry({ ref: 'python-example', version: '1.0.0' }), makeEntry({ ref: 'zz_top', version: '1.0.0' })],
      COMMUNITY,
    );
    const dir = temp.make('packreg-merge-std-');
    const communityPath = writeJson(join(dir, 'community.json'), community);
    const output = join(dir, 'merged.json');
    const run = await packreg(['index-merge', '--output', output, STANDARD_INDEX, communityPath, '--policy', 'standard'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`${output}: 46 packs, written\n`);

    const merged = readJson<RegistryIndex>(output);
    expect(schemaErrors(merged)).toEqual([]);
    expect(merged.registry_name).toBe(standardIndex().registry_name);
    const refs = merged.packs.map((p) => p.ref);
    expect(refs).toEqual([...refs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(refs.indexOf('python-example')).toBe(refs.indexOf('python_example') - 1);
    const byRef = new Map(merged.packs.map((p) => [p.ref, p]));
    expect(byRef.get('consul')).toEqual(makeEntry({ version: '0.2.0' }, 'consul'));
    // vault 0.0.1 is older than the standard index's 1.0.0
    expect(byRef.get('vault')).toEqual(realEntry('vault'));
    for (const entry of standardIndex().packs.filter((p) => p.ref !== 'consul')) expect(byRef.get(entry.ref)).toEqual(entry);
    // the same layout as the standard index: Python's json.dumps(indent=2), final newline
    expect(readFileSync(output, 'utf8')).toBe(pythonJson(merged));

    const validate = await packreg(['index-validate', output, '--policy', 'standard'], dir);
    expect(validate).toMatchObject({ code: 0, stdout: `valid: ${output} (46 packs, policy standard)\n` });
  });

  it('one input alone is rewritten canonically: the standard index text with only last_updated new', async () => {
    const dir = temp.make('packreg-merge-one-');
    const output = join(dir, 'merged.json');
    const run = await packreg(['index-merge', '--output', output, STANDARD_INDEX], dir);
    expect(run.code).toBe(0);
    const merged = readJson<RegistryIndex>(output);
    // everything but last_updated is the standard index
    expect({ ...merged, last_updated: 'x' }).toEqual({ ...standardIndex(), last_updated: 'x' });
    expect(readFileSync(output, 'utf8')).toBe(pythonJson({ ...standardIndex(), last_updated: merged.last_updated }));
  });

  it('keys are written in the builder order whatever order the inputs use', async () => {
    const entry = makeEntry({ version: '1.0.0' });
    const scrambled = Object.fromEntries(Object.entries(entry).reverse()) as unknown as IndexEntry;
    const index = makeIndex([scrambled], MIRROR);
    const { output } = await merge([Object.fromEntries(Object.entries(index).reverse()) as unknown as RegistryIndex]);
    const merged = readJson<RegistryIndex>(output);
    expect(Object.keys(merged)).toEqual(['registry_name', 'registry_url', 'version', 'last_updated', 'packs']);
    expect(Object.keys(merged.packs[0])).toEqual(Object.keys(realEntry('consul')));
  });
});
