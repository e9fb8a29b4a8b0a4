import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { expectOneError, makeEntry, makeIndex, packreg, snapshot, STANDARD_INDEX, standardIndex, temporaryLeftovers, writeJson } from './index-fixtures.js';

/**
 * index-merge validates every input before writing anything: a bad input is one clear
 * message and a non-zero exit, and an existing output stays byte-identical.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A folder with a good input, a merged output made from it, and room for a bad input. */
async function withOutput(): Promise<{ dir: string; good: string; output: string }> {
  const dir = temp.make('packreg-merge-bad-');
  const good = writeJson(join(dir, 'good.json'), makeIndex([makeEntry({ version: '1.0.0' })]));
  const output = join(dir, 'out', 'merged.json');
  mkdirSync(join(dir, 'out'));
  expect((await packreg(['index-merge', '--output', output, good, STANDARD_INDEX], dir)).code).toBe(0);
  return { dir, good, output };
}

const BAD_INPUTS: { name: string; write: (path: string) => void; messages: (path: string) => (string | RegExp)[] }[] = [
  {
    name: 'malformed JSON',
    write: (path) => writeFileSync(path, '{\n  "registry_name": "x",\n  "packs": [}\n'),
    messages: (path) => [`${path}:3:13: not valid JSON`],
  },
  {
    name: 'a ref listed twice',
    write: (path) => {
      const index = makeIndex([makeEntry({ version: '2.0.0' }), makeEntry({ ref: 'vault', version: '1.0.0' }, 'vault')]);
      index.packs.push(makeEntry({ ref: 'vault', version: '2.0.0' }, 'vault'));
      writeJson(path, index);
    },
    messages: (path) => [`input index ${path} is not a valid Attune index`, /\/packs\/2\/ref: ref "vault" is listed twice \(also at \/packs\/1\)/],
  },
  {
    name: 'a version that is not semver',
    write: (path) => writeJson(path, makeIndex([makeEntry({ version: '2.0.0.1' })])),
    messages: () => [/\/packs\/0\/version/],
  },
  {
    name: 'an entry failing the schema',
    write: (path) => {
      const entry = makeEntry({ version: '2.0.0' }) as Partial<IndexEntry>;
      delete entry.install_sources;
      writeJson(path, makeIndex([entry as IndexEntry]));
    },
    messages: () => [/\/packs\/0: missing required field "install_sources"/],
  },
  {
    name: 'index format "2.0"',
    write: (path) => writeJson(path, { ...makeIndex([makeEntry({ version: '2.0.0' })]), version: '2.0' }),
    messages: (path) => [`input index ${path} is index format version "2.0"`],
  },
  {
    name: 'a file that does not exist',
    write: () => undefined,
    messages: (path) => [`input index ${path} does not exist`],
  },
];

describe('a bad input: exit 3, one message, the existing output byte-identical', () => {
  it.each(BAD_INPUTS)('$name, as the last input', async ({ write, messages }) => {
    const { dir, good, output } = await withOutput();
    const bad = join(dir, 'bad.json');
    write(bad);
    const before = snapshot(dir);
    const run = await packreg(['index-merge', '--output', output, good, bad], dir);
    expectOneError(run, 'index-merge', ExitCode.Input, ...messages(bad));
    expect(snapshot(dir)).toEqual(before);
    expect(temporaryLeftovers(dir)).toEqual([]);
  });

  it.each(BAD_INPUTS)('$name, as the first input, with no output yet: nothing is created', async ({ write, messages }) => {
    const dir = temp.make('packreg-merge-bad-new-');
    const bad = join(dir, 'bad.json');
    write(bad);
    const before = snapshot(dir);
    const run = await packreg(['index-merge', '--output', join(dir, 'merged.json'), bad, STANDARD_INDEX], dir);
    expectOneError(run, 'index-merge', ExitCode.Input, ...messages(bad));
    expect(snapshot(dir)).toEqual(before);
  });

  it('--policy standard refuses an input whose git source is pinned to a tag', async () => {
    const { dir, good, output } = await withOutput();
    const tagged = writeJson(join(dir, 'tagged.json'), makeIndex([makeEntry({ ref: 'vault', version: '9.0.0', gitRef: 'v9.0.0' }, 'vault')]));
    const before = snapshot(dir);
    const run = await packreg(['index-merge', '--output', output, good, tagged, '--policy', 'standard'], dir);
    expectOneError(run, 'index-merge', ExitCode.Input, /git source ref "v9\.0\.0" must be a full 40-character lower-case commit SHA/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('an input that is valid under --policy custom but not standard: merged with custom, refused with standard', async () => {
    const dir = temp.make('packreg-merge-policy-');
    const tagged = writeJson(join(dir, 'tagged.json'), makeIndex([makeEntry({ version: '1.0.0', gitRef: 'main' })]));
    expect((await packreg(['index-merge', '--output', join(dir, 'custom.json'), tagged], dir)).code).toBe(0);
    expect((await packreg(['index-merge', '--output', join(dir, 'standard.json'), tagged, '--policy', 'standard'], dir)).code).toBe(ExitCode.Input);
    expect(Object.keys(snapshot(dir))).toEqual(['custom.json', 'tagged.json']);
  });
});

describe('command-line mistakes: exit 2', () => {
  it.each([
    ['no --output', (good: string) => [good], /--output FILE is required/],
    ['no input', () => ['--output', 'merged.json'], /give at least one input index/],
    ['an unknown flag', (good: string) => ['--output', 'merged.json', good, '--prefer', 'last'], /--prefer/],
  ])('%s', async (_name, args, message) => {
    const dir = temp.make('packreg-merge-usage-');
    const good = writeJson(join(dir, 'good.json'), standardIndex());
    const run = await packreg(['index-merge', ...args(good)], dir);
    expectOneError(run, 'index-merge', ExitCode.Usage, message);
    expect(Object.keys(snapshot(dir))).toEqual(['good.json']);
  });

  it('an output that is a directory: exit 3, nothing written', async () => {
    const dir = temp.make('packreg-merge-dir-');
    mkdirSync(join(dir, 'merged.json'));
    const run = await packreg(['index-merge', '--output', join(dir, 'merged.json'), STANDARD_INDEX], dir);
    expectOneError(run, 'index-merge', ExitCode.Input, /is a directory/);
    expect(snapshot(dir)).toEqual({});
  });
});
