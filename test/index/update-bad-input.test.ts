import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import type { CliRun } from './index-fixtures.js';
import {
  expectOneError,
  historyFile,
  indexUpdate,
  makeEntry,
  makeIndex,
  packreg,
  publishedRegistry,
  readJson,
  schemaErrors,
  snapshot,
  standardIndex,
  standardRegistry,
  writeEntryFile,
  writeJson,
} from './index-fixtures.js';

/**
 * Bad input to index-update: each gives one clear message naming the problem, a non-zero
 * exit code, nothing on standard output and no write (every file byte-identical).
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A work folder with a registry holding consul 1.0.0 (index and history). */
const registry = () => publishedRegistry(temp, 'packreg-bad-', makeEntry({ version: '1.0.0' }), 'Bad Input Test');

async function withEntryText(text: string, ...flags: string[]): Promise<{ run: CliRun; before: Record<string, string>; after: Record<string, string>; file: string }> {
  const { work, registry: reg, index } = await registry();
  const file = join(work, 'incoming.json');
  writeFileSync(file, text);
  const before = snapshot(reg);
  const run = await packreg(['index-update', '--index', index, '--entry', file, ...flags], work);
  return { run, before, after: snapshot(reg), file };
}

async function withEntries(entries: unknown, ...flags: string[]) {
  return withEntryText(`${JSON.stringify(entries, null, 2)}\n`, ...flags);
}

describe('malformed JSON names the file, line and column', () => {
  const BROKEN = ['{', '  "registry_name": "Broken",', '  "version": "1.0",', '  "packs": [', '    {"ref": "a",}', '  ]', '}', ''].join('\n');

  it('as --index: exit 3, the index untouched', async () => {
    const work = temp.make('packreg-bad-json-');
    const index = join(work, 'index.json');
    writeFileSync(index, BROKEN);
    const file = writeEntryFile(join(work, 'e.json'), makeEntry({ version: '1.0.0' }));
    const before = snapshot(work);
    const run = await packreg(['index-update', '--index', index, '--entry', file], work);
    expectOneError(run, 'index-update', ExitCode.Input, `${index}:5:17: not valid JSON`);
    expect(snapshot(work)).toEqual(before);
  });

  it('as --entry: exit 3, the registry untouched', async () => {
    const { run, before, after, file } = await withEntryText('[\n  {\n    "ref": "consul"\n    "version": "2.0.0"\n  }\n]\n');
    expectOneError(run, 'index-update', ExitCode.Input, `${file}:4:5: not valid JSON`);
    expect(after).toEqual(before);
  });

  it('an empty --entry file: exit 3', async () => {
    const { run, before, after, file } = await withEntryText('');
    expectOneError(run, 'index-update', ExitCode.Input, `${file}:1:1: not valid JSON`);
    expect(after).toEqual(before);
  });
});

describe('an --entry file that is an index', () => {
  it('of format "2.0" is refused: exit 3', async () => {
    const index = { ...makeIndex([makeEntry({ version: '2.0.0' })]), version: '2.0' };
    const { run, before, after } = await withEntries(index);
    expectOneError(run, 'index-update', ExitCode.Input, /format version "2\.0"/, /format "1\.0" only/);
    expect(after).toEqual(before);
  });

  it('of format 1.0 with the same ref listed twice is refused: exit 3, naming the ref', async () => {
    const index = makeIndex([makeEntry({ version: '2.0.0' })]);
    index.packs.push(makeEntry({ version: '3.0.0' }));
    const { run, before, after } = await withEntries(index);
    expectOneError(run, 'index-update', ExitCode.Input, /"consul" is listed twice/);
    expect(after).toEqual(before);
  });
});

describe('an existing index that does not validate is never rewritten', () => {
  const cases: { name: string; spoil: (index: ReturnType<typeof standardIndex>) => void; messages: RegExp[] }[] = [
    {
      name: 'the same ref listed twice',
      spoil: (index) => index.packs.splice(6, 0, structuredClone(index.packs[6])),
      messages: [/\/packs\/7\/ref: ref "consul" is listed twice \(also at \/packs\/6\)/],
    },
    { name: 'packs out of order', spoil: (index) => index.packs.reverse(), messages: [/packs are not sorted by ref/] },
    {
      name: 'an entry without contents and a version that is not semver',
      spoil: (index) => {
        delete (index.packs[3] as Partial<IndexEntry>).contents;
        index.packs[5].version = '1.0';
      },
      messages: [/\/packs\/3: .*contents/, /\/packs\/5\/version/, /3 problem\(s\)/],
    },
    { name: 'a registry URL that is not https', spoil: (index) => (index.registry_url = 'http://example.com/index.json'), messages: [/registry_url/] },
  ];

  it.each(cases)('$name: exit 3, the problems listed, every byte kept', async ({ spoil, messages }) => {
    const { work, index } = standardRegistry(temp, 'packreg-bad-index-');
    const spoiled = standardIndex();
    spoil(spoiled);
    writeJson(index, spoiled);
    const before = snapshot(join(work, 'registry'));
    const run = await indexUpdate(work, index, makeEntry({ version: '0.2.0' }), [], 'e.json');
    expectOneError(run, 'index-update', ExitCode.Input, `index ${index} is not a valid Attune index`, /it was not changed/, ...messages);
    expect(snapshot(join(work, 'registry'))).toEqual(before);
  });

  it('a corrupt pack history is not rewritten either', async () => {
    const { work, registry: reg, index } = await registry();
    writeFileSync(historyFile(index, 'consul'), '{"ref": "consul", "versions": [{"ref": "consul", "version": "1.0.0"}]}\n');
    const before = snapshot(reg);
    const run = await indexUpdate(work, index, makeEntry({ version: '1.1.0' }), [], 'e.json');
    expectOneError(run, 'index-update', ExitCode.Input, `pack history ${historyFile(index, 'consul')} is not valid`, /\/versions\/0/);
    expect(snapshot(reg)).toEqual(before);
  });
});

describe('entries that are not valid Attune index entries', () => {
  it.each([
    ['1.0', /\/version/],
    ['01.2.3', /"01\.2\.3" is not a semantic version/],
    ['1.2.3-01', /"1\.2\.3-01" is not a semantic version/],
    ['v1.2.3', /\/version/],
  ])('version %s is refused: exit 3, naming it', async (version, message) => {
    const { run, before, after } = await withEntries([makeEntry({ version: '1.1.0' }), makeEntry({ version })]);
    expectOneError(run, 'index-update', ExitCode.Input, `entry consul@${version} is not a valid Attune index entry`, message, /nothing was written/);
    expect(after).toEqual(before);
  });

  it('an entry failing the schema (no license, a bad checksum, an unknown field) is refused: exit 3, each problem listed', async () => {
    const entry = makeEntry({ version: '1.1.0' }) as unknown as Record<string, unknown>;
    delete entry.license;
    (entry.install_sources as { checksum: string }[])[0].checksum = 'md5:abc';
    entry.popularity = 5;
    const { run, before, after } = await withEntries(entry);
    expectOneError(run, 'index-update', ExitCode.Input, /entry consul@1\.1\.0 is not a valid Attune index entry/, /license/, /\/install_sources\/0/, /popularity/);
    expect(after).toEqual(before);
  });

  it('an entry file holding a bare string is refused: exit 3', async () => {
    const { run, before, after } = await withEntries('consul');
    expectOneError(run, 'index-update', ExitCode.Input, /expected an entry object, an array of entries or an index/);
    expect(after).toEqual(before);
  });

  it('--policy standard refuses a git source pinned to a tag: exit 3, asking for the commit SHA', async () => {
    const { run, before, after } = await withEntries(makeEntry({ version: '1.1.0', gitRef: 'v1.1.0' }), '--policy', 'standard');
    expectOneError(run, 'index-update', ExitCode.Input, /git source ref "v1\.1\.0" must be a full 40-character lower-case commit SHA/, /policy standard/);
    expect(after).toEqual(before);
  });

  it('--policy custom accepts the same entry', async () => {
    const { run } = await withEntries(makeEntry({ version: '1.1.0', gitRef: 'v1.1.0' }), '--policy', 'custom');
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
  });
});

describe('a new index needs its identity', () => {
  it.each([
    ['no --registry-name and --registry-url', []],
    ['only --registry-name', ['--registry-name', 'X']],
    ['only --registry-url', ['--registry-url', 'https://packs.example.com/index.json']],
  ])('%s: exit 2, nothing created', async (_name, flags) => {
    const work = temp.make('packreg-bad-new-');
    const index = join(work, 'registry', 'index.json');
    const run = await indexUpdate(work, index, makeEntry({ version: '1.0.0' }), flags, 'e.json');
    expectOneError(run, 'index-update', ExitCode.Usage, `index ${index} does not exist`, /--registry-name and --registry-url/);
    expect(Object.keys(snapshot(work))).toEqual(['e.json']);
  });

  it('with both: the index is created with them, schema-valid, holding the entry', async () => {
    const work = temp.make('packreg-bad-new-');
    const index = join(work, 'registry', 'index.json');
    const entry = makeEntry({ version: '1.0.0' });
    const run = await indexUpdate(work, index, entry, ['--registry-name', 'Team Packs', '--registry-url', 'https://packs.example.com/team/index.json'], 'e.json');
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(run.stdout.split('\n')[0]).toBe(`new index ${index}: written`);
    const created = readJson<RegistryIndex>(index);
    expect(created).toMatchObject({ registry_name: 'Team Packs', registry_url: 'https://packs.example.com/team/index.json', version: '1.0', packs: [entry] });
    expect(schemaErrors(created)).toEqual([]);
  });

  it('a registry URL that is not https: exit 2, nothing created', async () => {
    const work = temp.make('packreg-bad-new-');
    const index = join(work, 'index.json');
    const run = await indexUpdate(work, index, makeEntry({ version: '1.0.0' }), ['--registry-name', 'X', '--registry-url', 'http://packs.example.com/'], 'e.json');
    expectOneError(run, 'index-update', ExitCode.Usage, `cannot create ${index}`, /registry_url/);
    expect(Object.keys(snapshot(work))).toEqual(['e.json']);
  });
});

describe('command-line mistakes', () => {
  it.each([
    ['no --index', ['--entry', 'e.json'], /--index FILE is required/],
    ['no entries at all', ['--index', 'index.json'], /give one <pack-dir> with source flags, or --entry FILE/],
    ['a pack dir and --entry together', ['--index', 'index.json', '--entry', 'e.json', 'pack'], /not both/],
    ['an unknown policy', ['--index', 'index.json', '--entry', 'e.json', '--policy', 'strict'], /"strict" is not a policy/],
    ['an empty entry array', ['--index', 'index.json', '--entry', 'empty.json'], /no entries to add/],
  ])('%s: exit 2', async (_name, args, message) => {
    const { work, registry: reg } = await registry();
    writeEntryFile(join(work, 'e.json'), makeEntry({ version: '3.0.0' }));
    writeJson(join(work, 'empty.json'), []);
    const before = snapshot(reg);
    const run = await packreg(['index-update', ...args.map((a) => (a === 'index.json' ? join(reg, 'index.json') : a))], work);
    expectOneError(run, 'index-update', ExitCode.Usage, message);
    expect(snapshot(reg)).toEqual(before);
  });
});
