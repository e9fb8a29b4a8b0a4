import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BUNDLE, packYaml } from '../helpers/archive-read.js';
import { tempDirs } from '../helpers/temp.js';
import { tarFile, targz } from './hostile-archives.js';

const MiB = 1 << 20;

/**
 * `packreg fetch ARCHIVE --out OUT` as a child process whose file size limit (RLIMIT_FSIZE,
 * set with prlimit) is `limit`: writes past it fail with EFBIG, a disk-full stand-in that
 * only this process sees. Large files are finished in the background while later entries
 * are read, so a failed write surfaces after its file was handed over.
 */
function fetchWithFileSizeLimit(archive: string, out: string, limit: number): { code: number; stderr: string } {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: build it first (npx rollup -c rollup.config.js)`);
  const run = spawnSync('prlimit', [`--fsize=${limit}`, process.execPath, CLI_BUNDLE, 'fetch', archive, '--out', out], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: out } });
  if (run.error) throw run.error;
  return { code: run.status ?? -1, stderr: run.stderr };
}

describe('extraction on a full disk', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  const small = (n: number, from: number) => Array.from({ length: n }, (_, i) => tarFile(`top/d${i % 3}/f${from + i}.txt`, `file ${from + i}\n`.repeat(100)));
  const manifest = tarFile('top/pack.yaml', packYaml());

  it('a file that cannot be written fails the fetch with the file named, and nothing is left behind', () => {
    const archive = join(temp.make(), 'pack.tar.gz');
    // The limit is passed by the last write of big.bin; other.bin and the small files fit.
    writeFileSync(archive, targz([manifest, ...small(50, 0), tarFile('top/big.bin', Buffer.alloc(3 * MiB + 100, 7)), tarFile('top/other.bin', Buffer.alloc(2 * MiB, 8)), ...small(50, 50)]));
    const parent = temp.make();
    const { code, stderr } = fetchWithFileSizeLimit(archive, join(parent, 'out'), 3 * MiB);
    expect(stderr).toMatch(/extracted file \S*\/top\/big\.bin cannot be used \(EFBIG/);
    expect(code).toBe(3);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('the same archive fetches under a limit it fits in', () => {
    const archive = join(temp.make(), 'pack.tar.gz');
    writeFileSync(archive, targz([manifest, ...small(50, 0), tarFile('top/big.bin', Buffer.alloc(3 * MiB, 7)), ...small(50, 50)]));
    const parent = temp.make();
    const { code, stderr } = fetchWithFileSizeLimit(archive, join(parent, 'out'), 3 * MiB);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(readdirSync(join(parent, 'out', 'd0')).length).toBeGreaterThan(0);
  });
});
