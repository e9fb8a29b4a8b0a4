import { describe, expect, it } from '@jest/globals';
import { gather } from '../../src/core/stream/gather.js';

async function* chunks(...sizes: number[]): AsyncGenerator<Buffer> {
  let n = 0;
  for (const size of sizes) yield Buffer.alloc(size, n++);
}

async function all(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('gather', () => {
  it('reads content of up to `limit` bytes whole, into a copy of its own', async () => {
    const big = Buffer.alloc(100, 7);
    async function* slice(): AsyncGenerator<Buffer> {
      yield big.subarray(0, 30);
    }
    const { whole, rest } = await gather(slice(), 30);
    expect(rest).toBeUndefined();
    expect(whole).toEqual(Buffer.alloc(30, 7));
    expect(whole?.buffer).not.toBe(big.buffer);
    expect((await gather(chunks(10, 20), 30)).whole).toEqual(Buffer.concat([Buffer.alloc(10, 0), Buffer.alloc(20, 1)]));
    expect((await gather(chunks(), 30)).whole).toEqual(Buffer.alloc(0));
  });

  it('past `limit`, yields everything in order: the chunks read so far, then the rest', async () => {
    const { whole, rest } = await gather(chunks(10, 20, 5, 40), 30);
    expect(whole).toBeUndefined();
    expect(await all(rest!)).toEqual(Buffer.concat([Buffer.alloc(10, 0), Buffer.alloc(20, 1), Buffer.alloc(5, 2), Buffer.alloc(40, 3)]));
  });

  it('reads no further than the chunk that passes `limit` until the rest is iterated', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 10; i++) {
        read += 1;
        yield Buffer.alloc(10);
      }
    }
    const { rest } = await gather(counted(), 25);
    expect(read).toBe(3);
    expect((await all(rest!)).length).toBe(100);
  });
});
