import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { tempDirs } from '../helpers/temp.js';
import { checksumOf, gitSource, historyFile, indexUpdate, makeEntry, publishedRegistry, snapshot } from './index-fixtures.js';

/** --dry-run prints the plan in a diff-like form and writes nothing. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const NEW_INDEX = ['--registry-name', 'Dry Run Test', '--registry-url', 'https://packs.example.com/index.json'];

/** consul 0.9.0 and 1.0.0 published in a registry folder beside the work files. */
const published = () => publishedRegistry(temp, 'packreg-dry-', [makeEntry({ version: '0.9.0' }), makeEntry({ version: '1.0.0' })], 'Dry Run Test');

const dryRun = (work: string, index: string, entries: IndexEntry[], ...flags: string[]) => indexUpdate(work, index, entries, ['--dry-run', ...flags], 'incoming.json');

describe('index-update --dry-run', () => {
  it('prints +, = and ! lines with their reasons, exits 1 for the refusal and writes nothing', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const changed = makeEntry({ version: '0.9.0', gitChecksum: 'rebuilt' });
    const run = await dryRun(work, index, [makeEntry({ version: '1.1.0' }), makeEntry({ version: '1.0.0' }), changed]);
    expect(run.code).toBe(ExitCode.CheckFailed);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        `index ${index}: nothing written`,
        '+ consul 1.1.0 (latest): new version',
        '= consul 1.0.0: already published with the same content',
        `! consul 0.9.0: consul@0.9.0 is already published and versions are immutable: git checksum published ${gitSource(makeEntry({ version: '0.9.0' })).checksum}, new ${checksumOf('git:rebuilt')}. Release a new version, or pass --force to replace it`,
        '',
      ].join('\n'),
    );
    expect(snapshot(registry)).toEqual(before);
  });

  it('with --force prints the ~ line and the files it would write, exits 0 and writes nothing', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await dryRun(work, index, [makeEntry({ version: '1.1.0' }), makeEntry({ version: '0.9.0', archiveChecksum: 'fixed' })], '--force');
    expect(run.code).toBe(ExitCode.Ok);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`index ${index}: dry run, nothing written`);
    expect(lines[1]).toBe('+ consul 1.1.0 (latest): new version');
    expect(lines[2]).toMatch(/^~ consul 0\.9\.0: REPLACED a published version \(--force\): archive checksum published sha256:[0-9a-f]{64}, new sha256:[0-9a-f]{64}$/);
    expect(lines.slice(3)).toEqual([`  would write ${historyFile(index, 'consul')}`, `  would write ${index}`, '']);
    // the replacement is announced even on a dry run
    expect(run.stderr).toMatch(/^warning: consul@0\.9\.0: REPLACED/m);
    expect(snapshot(registry)).toEqual(before);
  });

  it('creating a new index: the plan says so, and no file or folder appears', async () => {
    const work = temp.make('packreg-dry-new-');
    const index = join(work, 'registry', 'index.json');
    const run = await indexUpdate(work, index, [makeEntry({ version: '1.0.0' })], ['--dry-run', ...NEW_INDEX], 'e.json');
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(run.stdout.split('\n')[0]).toBe(`new index ${index}: dry run, nothing written`);
    expect(run.stdout).toContain('+ consul 1.0.0 (latest): new version');
    expect(run.stdout).toContain(`  would write ${index}`);
    expect(existsSync(join(work, 'registry'))).toBe(false);
  });

  it('--json reports changed and the plan, written false', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await dryRun(work, index, [makeEntry({ version: '2.0.0' })], '--json');
    expect(run.code).toBe(ExitCode.Ok);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ changed: true, written: false, dryRun: true, refused: 0, created: false, indexPath: index });
    expect(result.plan).toEqual([{ ref: 'consul', version: '2.0.0', action: 'added', reason: 'new version', latest: true }]);
    expect(result.files).toEqual([historyFile(index, 'consul'), index]);
    expect(snapshot(registry)).toEqual(before);
  });

  it('nothing to do: changed false and "no change"', async () => {
    const { work, registry, index } = await published();
    const before = snapshot(registry);
    const run = await dryRun(work, index, [makeEntry({ version: '1.0.0' })], '--json');
    expect(run.code).toBe(ExitCode.Ok);
    expect(JSON.parse(run.stdout)).toMatchObject({ changed: false, written: false, files: [] });
    expect(snapshot(registry)).toEqual(before);
  });
});
