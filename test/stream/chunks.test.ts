import { describe, expect, it } from '@jest/globals';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import { chunksOf } from '../../src/core/stream/chunks.js';

const turns = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A source that counts how many chunks the stream machinery has pulled from it. */
function counted(chunks: Buffer[]): { stream: Readable; pulled: () => number } {
  let next = 0;
  const stream = new Readable({
    highWaterMark: 1,
    read() {
      this.push(next < chunks.length ? chunks[next++] : null);
    },
  });
  return { stream, pulled: () => next };
}

describe('chunksOf', () => {
  it('yields every chunk in order, each as emitted (never joined into a copy)', async () => {
    const chunks = Array.from({ length: 20 }, (_, i) => Buffer.alloc(1000, i));
    const { stream } = counted(chunks);
    const seen: Buffer[] = [];
    for await (const chunk of chunksOf(stream, 10_000)) {
      seen.push(chunk);
      await turns(); // a slow consumer: several chunks wait at once
    }
    expect(seen).toHaveLength(20);
    seen.forEach((chunk, i) => expect(chunk).toBe(chunks[i]));
  });

  it('reads ahead while the consumer waits, but only about `ahead` bytes', async () => {
    const { stream, pulled } = counted(Array.from({ length: 100 }, () => Buffer.alloc(1000)));
    const iterator = chunksOf(stream, 5000)[Symbol.asyncIterator]();
    await iterator.next();
    for (let i = 0; i < 20; i++) await turns();
    // 1 taken + 5 waiting, plus what the stream itself buffers (a chunk or two).
    expect(pulled()).toBeGreaterThanOrEqual(6);
    expect(pulled()).toBeLessThanOrEqual(9);
    let rest = 0;
    for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) rest += 1;
    expect(rest).toBe(99);
  });

  it('lets zlib inflate ahead into its own chunks', async () => {
    const data = Buffer.alloc(3 << 20, 7);
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    gunzip.end(gzipSync(data));
    const sizes: number[] = [];
    for await (const chunk of chunksOf(gunzip, 4 << 20)) sizes.push(chunk.length);
    expect(sizes).toEqual([1 << 20, 1 << 20, 1 << 20]);
  });

  it('throws the stream error, without the chunks still waiting', async () => {
    const stream = new PassThrough();
    stream.write(Buffer.from('a'));
    stream.write(Buffer.from('b'));
    const seen: string[] = [];
    const run = (async () => {
      for await (const chunk of chunksOf(stream, 1 << 20)) {
        seen.push(chunk.toString());
        stream.destroy(new Error('broken'));
        await turns();
      }
    })();
    await expect(run).rejects.toThrow('broken');
    expect(seen).toEqual(['a']);
  });

  it('throws when the stream closes before its end without an error', async () => {
    const stream = new PassThrough();
    stream.write(Buffer.from('a'));
    setImmediate(() => stream.destroy());
    await expect(
      (async () => {
        for await (const chunk of chunksOf(stream, 1 << 20)) void chunk;
      })(),
    ).rejects.toThrow('the stream closed before its end');
  });

  it('throws an error the stream had before the loop started', async () => {
    const stream = new PassThrough();
    stream.on('error', () => undefined);
    stream.destroy(new Error('early'));
    await new Promise((resolve) => setImmediate(resolve)); // its error and close events are gone
    await expect(chunksOf(stream, 100).next()).rejects.toThrow('early');
  });

  it('throws for a stream destroyed without an error before the loop started', async () => {
    const stream = new PassThrough();
    stream.destroy();
    await turns();
    await expect(chunksOf(stream, 100).next()).rejects.toThrow('the stream closed before its end');
  });

  it('leaving early removes its listeners and leaves the stream paused', async () => {
    const { stream } = counted(Array.from({ length: 10 }, () => Buffer.alloc(10)));
    const before = ['data', 'end', 'error', 'close'].map((e) => stream.listenerCount(e));
    for await (const chunk of chunksOf(stream, 100)) {
      void chunk;
      break;
    }
    expect(['data', 'end', 'error', 'close'].map((e) => stream.listenerCount(e))).toEqual(before);
    expect(stream.isPaused()).toBe(true);
  });
});
