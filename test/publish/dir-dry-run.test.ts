import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import { tempDirs } from '../helpers/temp.js';
import { folderState, publishCli, publishJson, writePack } from './publish-fixtures.js';

/** --dry-run builds and compares with the registry, and writes nothing at all. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

function setup(version = '1.0.0') {
  const root = temp.make('packreg-dir-dry-run-');
  return { pack: writePack(join(root, 'pack'), { ref: 'alpha', version }), registry: join(root, 'reg') };
}

describe('--dry-run', () => {
  it('on a registry that does not exist yet says what it would upload and does not even create the folder', async () => {
    const { pack, registry } = setup();
    const run = await publishCli(pack, registry, ['--dry-run']);
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toMatch(/^dry run: alpha@1\.0\.0 would be published to .*; nothing was written$/m);
    expect(run.stdout).toMatch(/^ {2}archive .*alpha-1\.0\.0\.tar\.gz \(would upload\)$/m);
    expect(run.stdout).toMatch(/^ {2}entry {5}would upload$/m);
    expect(run.stdout).toMatch(/^ {2}index .*not touched \(dry run\)$/m);
    expect(existsSync(registry)).toBe(false);
  });

  it('reports the planned outcome with --json, and a later real run publishes exactly that', async () => {
    const { pack, registry } = setup();
    const planned = await publishJson(pack, registry, ['--dry-run']);
    expect(planned).toMatchObject({ dryRun: true, alreadyPublished: false, archive: 'would upload', entry: 'would upload' });
    expect(planned.index).toBeUndefined();
    expect(existsSync(registry)).toBe(false);
    const real = await publishJson(pack, registry);
    expect(real).toMatchObject({ archiveUrl: planned.archiveUrl, checksum: planned.checksum, treeChecksum: planned.treeChecksum });
  });

  it('on a registry holding other versions writes nothing either', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry);
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    const before = folderState(registry);
    const planned = await publishJson(pack, registry, ['--dry-run']);
    expect(planned).toMatchObject({ version: '1.1.0', archive: 'would upload', entry: 'would upload' });
    expect(folderState(registry)).toEqual(before);
  });

  it('on an already published version says so, exit 0, nothing written', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry);
    const before = folderState(registry);
    const run = await publishCli(pack, registry, ['--dry-run']);
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toMatch(/^dry run: alpha@1\.0\.0 is already published in /);
    expect(folderState(registry)).toEqual(before);
  });
});
