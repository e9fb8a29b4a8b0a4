import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { computeChecksum } from '../../src/core/checksum/compute.js';
import { defaultDeps } from '../../src/core/deps.js';
import { ALGORITHMS } from '../../src/core/hash/algorithms.js';
import { digestFile } from '../../src/core/hash/file-digest.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { cliCommand } from '../helpers/cli.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

/** The digest reader's chunk size (1 MiB); sizes around it cross the double-buffer hand-over. */
const CHUNK = 1 << 20;

/** What `openssl dgst` says about the file: the independent reference. */
function openssl(algorithm: string, path: string): string {
  const out = execFileSync('openssl', ['dgst', `-${algorithm}`, '-r', path], { encoding: 'utf8' });
  return out.split(' ')[0];
}

const packreg = cliCommand('checksum');

describe('file checksums', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  const dir = temp.make();
  // Random bytes: a repeating pattern could hide a chunk hashed twice or in the wrong order.
  const big = randomBytes(3.5 * CHUNK);
  writeTree(dir, {
    'pack-1.0.0.tar.gz': Buffer.from('not really a tarball, but bytes\n'),
    'empty.bin': Buffer.alloc(0),
    'big.bin': big,
    'chunk-minus-1.bin': big.subarray(0, CHUNK - 1),
    'chunk.bin': big.subarray(0, CHUNK),
    'chunk-plus-1.bin': big.subarray(0, CHUNK + 1),
    'two-chunks.bin': big.subarray(0, 2 * CHUNK),
  });
  const file = join(dir, 'pack-1.0.0.tar.gz');

  it('defaults to sha256 of the bytes and prints algorithm:hex', async () => {
    const hex = openssl('sha256', file);
    expect(hex).toBe(createHash('sha256').update('not really a tarball, but bytes\n').digest('hex'));
    expect(await packreg(['pack-1.0.0.tar.gz'], dir)).toEqual({ code: 0, stdout: `sha256:${hex}\n`, stderr: '' });
  });

  it.each(ALGORITHMS.map((a) => [a]))('--algorithm %s equals openssl dgst on the same bytes', async (algorithm) => {
    const hex = openssl(algorithm, file);
    expect(await packreg([file, '--algorithm', algorithm], '/')).toEqual({ code: 0, stdout: `${algorithm}:${hex}\n`, stderr: '' });
  });

  it('hashes a 0-byte file', async () => {
    const path = join(dir, 'empty.bin');
    for (const algorithm of ALGORITHMS) {
      const result = await computeChecksum({ path, algorithm }, defaultDeps(new MemoryLogger()));
      expect(result).toEqual({ path, kind: 'file', algorithm, hex: openssl(algorithm, path), checksum: `${algorithm}:${openssl(algorithm, path)}`, bytes: 0 });
    }
    expect((await packreg([path], '/')).stdout).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n');
  });

  it.each([['chunk-minus-1.bin'], ['chunk.bin'], ['chunk-plus-1.bin'], ['two-chunks.bin'], ['big.bin']])(
    'hashes %s across the 1 MiB read chunks like openssl and node:crypto',
    async (name) => {
      const path = join(dir, name);
      for (const algorithm of ['sha256', 'md5'] as const) {
        const digest = await digestFile(path, algorithm);
        expect(digest.hex).toBe(openssl(algorithm, path));
        const size = { 'chunk-minus-1.bin': CHUNK - 1, 'chunk.bin': CHUNK, 'chunk-plus-1.bin': CHUNK + 1, 'two-chunks.bin': 2 * CHUNK, 'big.bin': 3.5 * CHUNK }[name];
        expect(digest).toEqual({ algorithm, hex: createHash(algorithm).update(big.subarray(0, size)).digest('hex'), size });
      }
    },
  );

  it('the 3.5 MiB file through the CLI, all algorithms, with byte count in --json', async () => {
    const path = join(dir, 'big.bin');
    for (const algorithm of ALGORITHMS) {
      const hex = createHash(algorithm).update(big).digest('hex');
      const result = await packreg([path, '--algorithm', algorithm, '--json'], '/');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ path, kind: 'file', algorithm, hex, checksum: `${algorithm}:${hex}`, bytes: big.length });
    }
  });
});
