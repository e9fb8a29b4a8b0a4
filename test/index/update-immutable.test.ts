import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { checksumOf, commitOf, gitSource, historyFile, indexUpdate, makeEntry, publishedRegistry, readJson, realEntry, snapshot, standardRegistry, temporaryLeftovers } from './index-fixtures.js';

/**
 * A published ref@version is immutable: the same content again is a no-op, a different
 * checksum or source is refused naming both values and nothing is written, unless --force,
 * which replaces it loudly.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const PUBLISHED = makeEntry({ version: '1.0.0' });

/** A registry folder (separate from the entry files) where consul 1.0.0 and 0.9.0 are published. */
const published = () => publishedRegistry(temp, 'packreg-immutable-', [makeEntry({ version: '0.9.0' }), PUBLISHED], 'Immutable Test');

const upsert = (work: string, index: string, entries: IndexEntry[], ...flags: string[]) => indexUpdate(work, index, entries, flags, 'incoming.json');

describe('the same content again', () => {
  it('is a no-op: "=" in the plan, exit 0, every file byte-identical', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await upsert(work, index, [makeEntry({ version: '1.0.0' })]);
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(run.stdout).toContain('= consul 1.0.0 (latest): already published with the same content');
    expect(run.stdout).toContain('no change');
    expect(snapshot(registry)).toEqual(before);
  });

  it('is a no-op when the entry comes with its keys in another order', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const reordered = Object.fromEntries(Object.entries(makeEntry({ version: '1.0.0' })).reverse()) as unknown as IndexEntry;
    const run = await upsert(work, index, [reordered]);
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(snapshot(registry)).toEqual(before);
  });
});

describe('a different entry for a published version is refused (exit 1), nothing written', () => {
  const published100 = gitSource(PUBLISHED);
  const archive100 = PUBLISHED.install_sources.find((s) => s.type === 'archive')!;
  const cases: { name: string; entry: IndexEntry; values: string[] }[] = [
    { name: 'another git checksum', entry: makeEntry({ version: '1.0.0', gitChecksum: 'rebuilt' }), values: [published100.checksum, checksumOf('git:rebuilt')] },
    {
      name: 'another archive checksum',
      entry: makeEntry({ version: '1.0.0', archiveChecksum: 'recompressed' }),
      values: [archive100.checksum, checksumOf('archive:recompressed')],
    },
    {
      name: 'another git source URL',
      entry: makeEntry({ version: '1.0.0', gitUrl: 'https://git.example.org/fork/consul.git' }),
      values: [published100.url, 'https://git.example.org/fork/consul.git'],
    },
    {
      name: 'another commit',
      entry: makeEntry({ version: '1.0.0', commit: 'retagged', gitChecksum: 'consul@1.0.0', archiveChecksum: 'consul@1.0.0' }),
      values: [published100.ref, commitOf('retagged')],
    },
  ];

  it.each(cases)('$name: the plan names the published and the new value', async ({ entry, values }) => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await upsert(work, index, [entry]);
    expect(run.code).toBe(ExitCode.CheckFailed);
    const refusal = run.stdout.split('\n').find((l) => l.startsWith('! consul 1.0.0'));
    expect(refusal).toBeDefined();
    for (const value of values) expect(refusal).toContain(value);
    expect(refusal).toMatch(/immutable/);
    expect(refusal).toMatch(/--force/);
    expect(run.stdout).toContain('nothing written');
    expect(snapshot(registry)).toEqual(before);
  });

  it('the same sources with other metadata are refused too, naming the fields', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await upsert(work, index, [makeEntry({ version: '1.0.0', description: 'Rewritten after release' })]);
    expect(run.code).toBe(ExitCode.CheckFailed);
    expect(run.stdout).toMatch(/^! consul 1\.0\.0 .*same sources but different description/m);
    expect(snapshot(registry)).toEqual(before);
  });

  it('one refusal stops the whole run: a valid new version in the same run is not written either', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await upsert(work, index, [makeEntry({ version: '1.1.0' }), makeEntry({ version: '1.0.0', gitChecksum: 'rebuilt' }), makeEntry({ ref: 'vault', version: '2.0.0' }, 'vault')]);
    expect(run.code).toBe(ExitCode.CheckFailed);
    expect(run.stdout).toMatch(/^\+ consul 1\.1\.0/m);
    expect(run.stdout).toMatch(/^\+ vault 2\.0\.0/m);
    expect(run.stdout).toMatch(/^! consul 1\.0\.0/m);
    expect(run.stdout).not.toMatch(/wrote/);
    expect(snapshot(registry)).toEqual(before);
    expect(temporaryLeftovers(work)).toEqual([]);
  });

  it('a version published only in index.json (no history file yet) is protected too', async () => {
    const { work, index } = standardRegistry(temp, 'packreg-immutable-std-');
    const before = snapshot(join(work, 'registry'));
    const real = gitSource(realEntry('consul'));
    const run = await upsert(work, index, [makeEntry({ version: '0.1.0', commit: 'other' })], '--policy', 'standard');
    expect(run.code).toBe(ExitCode.CheckFailed);
    expect(run.stdout).toContain(real.checksum);
    expect(run.stdout).toContain(real.ref);
    expect(run.stdout).toContain(commitOf('other'));
    expect(snapshot(join(work, 'registry'))).toEqual(before);
  });
});

describe('--force', () => {
  it('replaces the published version and says so loudly: a stderr warning and a "~" plan line', async () => {
    const { work, index } = await published();
    const replacement = makeEntry({ version: '1.0.0', gitChecksum: 'rebuilt' });
    const run = await upsert(work, index, [replacement], '--force');
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stderr).toMatch(/warning/i);
    expect(run.stderr).toContain('consul@1.0.0');
    expect(run.stderr).toContain('REPLACED');
    expect(run.stderr).toContain(gitSource(PUBLISHED).checksum);
    expect(run.stderr).toContain(checksumOf('git:rebuilt'));
    expect(run.stdout).toMatch(/^~ consul 1\.0\.0 \(latest\): REPLACED a published version \(--force\)/m);
    expect(readJson<RegistryIndex>(index).packs).toEqual([replacement]);
    expect(readJson<{ versions: IndexEntry[] }>(historyFile(index, 'consul')).versions).toEqual([replacement, makeEntry({ version: '0.9.0' })]);
  });

  it('replacing an older version changes its history entry only', async () => {
    const { work, index } = await published();
    const indexBefore = snapshot(join(work, 'registry'))['index.json'];
    const replacement = makeEntry({ version: '0.9.0', archiveChecksum: 'fixed' });
    const run = await upsert(work, index, [replacement], '--force');
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toMatch(/^~ consul 0\.9\.0: REPLACED/m);
    expect(snapshot(join(work, 'registry'))['index.json']).toBe(indexBefore);
    expect(readJson<{ versions: IndexEntry[] }>(historyFile(index, 'consul')).versions).toEqual([PUBLISHED, replacement]);
  });

  it('with the same content is still a quiet no-op', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await upsert(work, index, [makeEntry({ version: '1.0.0' })], '--force');
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(run.stdout).toMatch(/^= consul 1\.0\.0/m);
    expect(snapshot(registry)).toEqual(before);
  });
});
