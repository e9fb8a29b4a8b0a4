import { describe, expect, it } from '@jest/globals';
import { inflateRawSync } from 'node:zlib';
import { BLOCK, deflateWhole, ParallelDeflater } from '../../src/core/archive/parallel-deflate.js';
import { compressible, noise, pushInPieces } from '../helpers/archive-read.js';

/** Raw DEFLATE of `input` pushed in pieces of the given sizes (cycled). */
async function deflate(input: Buffer, pieces: readonly number[], level?: number): Promise<Buffer> {
  const out: Buffer[] = [];
  const deflater = new ParallelDeflater(async (data) => {
    out.push(Buffer.from(data));
  }, level);
  await pushInPieces(deflater, input, pieces);
  return Buffer.concat(out);
}

const MiB = 1 << 20;

/** Text that repeats across block boundaries, so each block needs the previous block's tail. */
function repeatingAcrossBlocks(length: number): Buffer {
  const unit = noise(20_000, 99); // shorter than the 32 KiB window: matches reach back into the previous block
  const out = Buffer.alloc(length);
  for (let offset = 0; offset < length; offset += unit.length) unit.copy(out, offset, 0, Math.min(unit.length, length - offset));
  return out;
}

const CASES: [string, Buffer][] = [
  ['0 bytes', Buffer.alloc(0)],
  ['1 byte', Buffer.from('x')],
  ['128 KiB exactly', compressible(BLOCK)],
  ['128 KiB + 1', noise(BLOCK + 1, 5)],
  ['several MiB repeating across block seams', repeatingAcrossBlocks(4 * MiB + 3)],
  ['several MiB of noise', noise(3 * MiB + 17, 8)],
];

describe('ParallelDeflater', () => {
  it.each(CASES)('%s: one valid raw DEFLATE stream, identical for any piece sizes', async (_name, input) => {
    const outputs: Buffer[] = [];
    for (const pieces of [[input.length || 1], [1, 3, 1021, 77_777, 200_003], [BLOCK], [BLOCK - 1, 2], [65_536]]) {
      const output = await deflate(input, pieces);
      expect(inflateRawSync(output).equals(input)).toBe(true);
      outputs.push(output);
    }
    for (const output of outputs.slice(1)) expect(output.equals(outputs[0])).toBe(true);
  });

  it('primes each block with the previous block\'s tail: repeated data across seams still compresses', async () => {
    const input = repeatingAcrossBlocks(2 * MiB);
    const output = await deflate(input, [50_000]);
    // Without the dictionary each 128 KiB block would cost at least one 20 000-byte copy of the unit.
    expect(output.length).toBeLessThan(20_000 + (2 * MiB) / BLOCK * 2_000);
  });

  it('honours the compression level', async () => {
    const input = compressible(MiB);
    const fast = await deflate(input, [MiB], 1);
    const best = await deflate(input, [MiB], 9);
    expect(inflateRawSync(fast).equals(input)).toBe(true);
    expect(inflateRawSync(best).equals(input)).toBe(true);
    expect(best.length).toBeLessThan(fast.length);
  });

  it.each([1_000, 65_536, BLOCK, 200_000])('copies its input: a caller may refill its buffer once push() resolves (pieces of %d)', async (piece) => {
    const input = noise(MiB + 333, 4);
    const out: Buffer[] = [];
    const deflater = new ParallelDeflater(async (data) => {
      out.push(Buffer.from(data));
    });
    const scratch = Buffer.alloc(piece);
    for (let offset = 0; offset < input.length; offset += piece) {
      const n = input.copy(scratch, 0, offset, offset + piece);
      await deflater.push(scratch.subarray(0, n));
      scratch.fill(0xee); // what a reader reusing its buffer does next
    }
    await deflater.finish();
    expect(inflateRawSync(Buffer.concat(out)).equals(input)).toBe(true);
  });

  it('writes output strictly in order even with many blocks in flight', async () => {
    const input = noise(40 * BLOCK + 5, 21);
    const output = await deflate(input, [BLOCK * 3 + 7]);
    expect(inflateRawSync(output).equals(input)).toBe(true);
  });
});

describe('deflateWhole', () => {
  it.each([
    ['0 bytes', Buffer.alloc(0)],
    ['1 byte', Buffer.from('y')],
    ['1 MiB', compressible(MiB)],
  ])('%s: a complete raw DEFLATE stream', async (_name, input) => {
    expect(inflateRawSync(await deflateWhole(input)).equals(input)).toBe(true);
  });
});
