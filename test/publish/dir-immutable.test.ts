import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import type { RegistryIndex } from '../../src/core/index/model.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import { expectPublishError, folderState, publishCli, publishJson, readJsonFile, registryKeys, writePack } from './publish-fixtures.js';

/**
 * Published versions are immutable: the same content again is a no-op that touches no
 * file, a changed tree under the same version is refused and nothing is overwritten.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** alpha@1.0.0 published to a folder registry; returns the pack, the registry and the first run's result. */
async function published() {
  const root = temp.make('packreg-dir-immutable-');
  const pack = writePack(join(root, 'pack'), { ref: 'alpha', version: '1.0.0' });
  const registry = join(root, 'reg');
  const first = await publishJson(pack, registry);
  return { root, pack, registry, first };
}

/** The tree checksum a pack would publish with, from a throw-away registry. */
async function treeChecksumOf(pack: string): Promise<string> {
  return (await publishJson(pack, join(temp.make('packreg-dir-scratch-'), 'reg'))).treeChecksum;
}

describe('publishing the same content again', () => {
  it('is a no-op: exit 0, alreadyPublished, every file byte-identical with its mtime', async () => {
    const { pack, registry, first } = await published();
    const before = folderState(registry);
    const again = await publishJson(pack, registry);
    expect(again).toMatchObject({ alreadyPublished: true, archive: 'unchanged', entry: 'unchanged', checksum: first.checksum, archiveUrl: first.archiveUrl, index: { changed: false } });
    expect(folderState(registry)).toEqual(before);
    // Both runs report the entry the registry holds (what a handoff to a registry repository sends).
    expect(first.published).toMatchObject({ ref: 'alpha', version: '1.0.0' });
    expect(first.published.install_sources.find((s) => s.type === 'archive')).toMatchObject({ url: first.archiveUrl, checksum: first.checksum });
    expect(again.published).toEqual(first.published);
  });

  it('with --skip-existing builds nothing and says it is already published', async () => {
    const { pack, registry } = await published();
    const before = folderState(registry);
    const run = await publishCli(pack, registry, ['--skip-existing']);
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toMatch(/^alpha@1\.0\.0 is already published in /);
    expect(run.stderr).toContain('nothing to build');
    // buildArchive logs every archive it writes: none was.
    expect(run.stderr).not.toContain('archive of directory');
    expect(folderState(registry)).toEqual(before);
  });

  it('with --skip-existing still publishes a version that is not there yet', async () => {
    const { pack, registry } = await published();
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    const result = await publishJson(pack, registry, ['--skip-existing']);
    expect(result).toMatchObject({ version: '1.1.0', alreadyPublished: false, archive: 'uploaded', entry: 'uploaded' });
    expect(folderState(registry)).toHaveProperty([registryKeys('alpha', '1.1.0').archive]);
    expect(readJsonFile<RegistryIndex>(join(registry, 'index.json')).packs.map((p) => p.version)).toEqual(['1.1.0']);
  });

  it('built with another SOURCE_DATE_EPOCH (other archive bytes, same tree) keeps the published archive', async () => {
    const { pack, registry, first } = await published();
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    // Shown on a throw-away registry: this epoch really gives other bytes.
    const elsewhere = await publishJson(pack, join(temp.make('packreg-dir-scratch-'), 'reg'), [], { env });
    expect(elsewhere.checksum).not.toBe(first.checksum);
    const before = folderState(registry);
    const again = await publishJson(pack, registry, [], { env });
    expect(again).toMatchObject({ alreadyPublished: true, archive: 'unchanged', entry: 'unchanged', checksum: first.checksum });
    expect(folderState(registry)).toEqual(before);
  });
});

describe('a changed tree under a published version', () => {
  /** The published registry, with a file of the pack changed but the version kept. */
  async function changed() {
    const state = await published();
    writeTree(state.pack, { 'actions/greet.sh': { content: '#!/bin/sh\necho changed\n', executable: true } });
    return { ...state, changedTree: await treeChecksumOf(state.pack) };
  }

  for (const flags of [[], ['--skip-existing'], ['--dry-run']]) {
    it(`is refused${flags.length ? ` with ${flags[0]}` : ''}: exit 1 naming both trees, every file untouched`, async () => {
      const { pack, registry, first, changedTree } = await changed();
      expect(changedTree).not.toBe(first.treeChecksum);
      const before = folderState(registry);
      const run = await publishCli(pack, registry, flags);
      expectPublishError(run, ExitCode.CheckFailed, 'alpha@1.0.0 is already published', first.treeChecksum, changedTree, /bump version/);
      expect(folderState(registry)).toEqual(before);
    });
  }
});
