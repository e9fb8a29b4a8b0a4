import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GzipWriter } from '../../src/core/archive/gzip-writer.js';
import { BLOCK } from '../../src/core/archive/parallel-deflate.js';
import { compressible, noise, pushInPieces, TempDirs, tool } from '../helpers/archive-read.js';

/** Compress `input` pushed in pieces of the given sizes (cycled), collecting the output. */
async function gzip(input: Buffer, pieces: readonly number[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const writer = new GzipWriter(async (data) => {
    out.push(Buffer.from(data));
  });
  await pushInPieces(writer, input, pieces);
  return Buffer.concat(out);
}

const MiB = 1 << 20;
/** Mixed content: compressible runs and noise, so blocks compress differently. */
function mixed(length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0, i = 0; offset < length; i++) {
    const part = i % 2 === 0 ? compressible(50_000 + i * 1_000) : noise(70_001 + i * 3, i + 1);
    part.copy(out, offset, 0, Math.min(part.length, length - offset));
    offset += part.length;
  }
  return out;
}

const CASES: [string, Buffer][] = [
  ['0 bytes', Buffer.alloc(0)],
  ['1 byte', Buffer.from([0x42])],
  ['exactly one block (128 KiB)', noise(BLOCK, 3)],
  ['one block + 1 byte', compressible(BLOCK + 1)],
  ['two blocks exactly', mixed(2 * BLOCK)],
  ['several MiB', mixed(5 * MiB + 12_345)],
];

/** Odd piece sizes, none a divisor of the block size. */
const PIECES: readonly (readonly number[])[] = [[1 << 30], [1, 7, 4093, 65_537, 131_071, 333_333], [BLOCK - 1], [BLOCK + 1], [12_289]];

describe('GzipWriter', () => {
  const temp = new TempDirs();
  afterAll(() => temp.removeAll());

  it('block size is 128 KiB (the boundaries these cases straddle)', () => {
    expect(BLOCK).toBe(128 * 1024);
  });

  it.each(CASES)('%s: gunzip restores the input, whatever the piece sizes, and the bytes are the same', async (_name, input) => {
    const outputs: Buffer[] = [];
    for (const pieces of PIECES) {
      const output = await gzip(input, pieces);
      expect(gunzipSync(output).equals(input)).toBe(true);
      outputs.push(output);
    }
    for (const output of outputs.slice(1)) expect(output.equals(outputs[0])).toBe(true);
  });

  it.each(CASES)('%s: GNU gzip -t accepts it and gzip -dc restores it', async (_name, input) => {
    const file = join(temp.make(), 'data.gz');
    writeFileSync(file, await gzip(input, [77_777]));
    tool('gzip', ['-t', file]);
    expect(tool('gzip', ['-dc', file]).stdout.equals(input)).toBe(true);
  });

  it('writes one member with a fixed header (no name, MTIME 0, OS 3) and a CRC-32/ISIZE trailer', async () => {
    const input = Buffer.from('hello gzip\n');
    const output = await gzip(input, [3]);
    expect([...output.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    expect(output.readUInt32LE(output.length - 4)).toBe(input.length);
    // python's gzip agrees on the content and finds no second member.
    const file = join(temp.make(), 'hello.gz');
    writeFileSync(file, output);
    const read = tool('python3', ['-c', 'import gzip, sys\nsys.stdout.buffer.write(gzip.open(sys.argv[1]).read())', file]).stdout;
    expect(read.equals(input)).toBe(true);
  });

  it('a caller may reuse its buffer once push() resolves', async () => {
    const input = mixed(2 * MiB + 5);
    const out: Buffer[] = [];
    const writer = new GzipWriter(async (data) => {
      out.push(Buffer.from(data));
    });
    const scratch = Buffer.alloc(10_000);
    for (let offset = 0; offset < input.length; offset += scratch.length) {
      const n = input.copy(scratch, 0, offset, offset + scratch.length);
      await writer.push(scratch.subarray(0, n));
      scratch.fill(0);
    }
    await writer.finish();
    expect(gunzipSync(Buffer.concat(out)).equals(input)).toBe(true);
    expect(Buffer.concat(out).equals(await gzip(input, [1 << 30]))).toBe(true);
  });

  it('empty pushes change nothing', async () => {
    const input = mixed(BLOCK * 2 + 3);
    const out: Buffer[] = [];
    const writer = new GzipWriter(async (data) => {
      out.push(Buffer.from(data));
    });
    await writer.push(Buffer.alloc(0));
    for (let offset = 0; offset < input.length; offset += 50_000) {
      await writer.push(input.subarray(offset, offset + 50_000));
      await writer.push(Buffer.alloc(0));
    }
    await writer.finish();
    expect(Buffer.concat(out).equals(await gzip(input, [1 << 30]))).toBe(true);
  });

  it('writes the header once even when finish() comes without any push()', async () => {
    const out: Buffer[] = [];
    const writer = new GzipWriter(async (data) => {
      out.push(Buffer.from(data));
    });
    await writer.finish();
    const output = Buffer.concat(out);
    expect(gunzipSync(output).length).toBe(0);
    expect(output.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(true);
    expect(output.indexOf(Buffer.from([0x1f, 0x8b]), 1)).toBe(-1);
  });
});
