import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamedExtraction } from '../../src/core/client/streamed-extraction.js';
import type { BodySink } from '../../src/core/http/http-client.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { noise } from '../helpers/archive-read.js';
import { tempDirs } from '../helpers/temp.js';
import { tarFile, targz, zip } from '../extract/hostile-archives.js';

/**
 * The tee that unpacks a download while it arrives, driven the way the HTTP client drives it:
 * open per attempt, batches written in order (awaiting any backpressure), then end or abort.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const BIG = noise(3 << 20);
const ARCHIVE = targz([tarFile('pack/pack.yaml', 'ref: demo\n'), tarFile('pack/big.bin', BIG)]);

function scene(ahead?: number) {
  const parent = temp.make('packreg-streamed-');
  const into = join(parent, 'tree');
  return { parent, into, tee: new StreamedExtraction(into, 'https://example.test/demo.tar.gz', new MemoryLogger(), ahead) };
}

/** Write `body` to `sink` in batches of `batch` bytes, waiting whenever it asks to. */
async function feed(sink: BodySink, body: Buffer, batch = 64 << 10): Promise<number> {
  let waits = 0;
  for (let at = 0; at < body.length; at += batch) {
    const pending = sink.write([body.subarray(at, at + batch)]);
    if (pending !== undefined) {
      waits += 1;
      await pending;
    }
  }
  return waits;
}

describe('StreamedExtraction', () => {
  it('unpacks a gzip body as it is written, holding the writer back when it runs ahead', async () => {
    const { into, tee } = scene(256 << 10);
    const sink = tee.open({ declaredLength: ARCHIVE.length })!;
    const waits = await feed(sink, ARCHIVE);
    sink.end();
    const outcome = await tee.outcome();
    expect(outcome?.kind).toBe('extracted');
    expect(outcome?.kind === 'extracted' && outcome.result).toMatchObject({ root: join(into, 'pack'), files: 2, stripped: 'pack' });
    expect(readFileSync(join(into, 'pack', 'big.bin')).equals(BIG)).toBe(true);
    // 3 MiB of noise through 256 KiB of room: the writer had to wait.
    expect(waits).toBeGreaterThan(0);
  });

  it('takes only the first attempt: after an abort, a retried body is left to the file, and what was unpacked is removed', async () => {
    const { parent, tee } = scene();
    const first = tee.open({ declaredLength: ARCHIVE.length })!;
    await feed(first, ARCHIVE.subarray(0, ARCHIVE.length >> 1));
    first.abort(new Error('connection reset'));
    expect(tee.open({ declaredLength: ARCHIVE.length })).toBeUndefined();
    expect(await tee.outcome()).toBeUndefined();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('leaves a body without a declared length, or one that is not gzip (a zip), to the file', async () => {
    const chunked = scene();
    expect(chunked.tee.open({})).toBeUndefined();
    expect(await chunked.tee.outcome()).toBeUndefined();
    const zipped = scene();
    const body = zip([{ name: 'pack/pack.yaml', data: 'ref: demo\n' }]);
    const sink = zipped.tee.open({ declaredLength: body.length })!;
    expect(sink.write([body])).toBeUndefined();
    sink.end();
    expect(await zipped.tee.outcome()).toBeUndefined();
    expect(readdirSync(zipped.parent)).toEqual([]);
  });

  it('keeps taking bytes after the content is refused (the checksum decides which error counts), without holding the writer', async () => {
    const hostile = targz([tarFile('../escape', 'x'), tarFile('pack/big.bin', BIG)]);
    const { parent, tee } = scene(64 << 10);
    const sink = tee.open({ declaredLength: hostile.length })!;
    await feed(sink, hostile);
    sink.end();
    const outcome = await tee.outcome();
    expect(outcome?.kind).toBe('failed');
    expect(outcome?.kind === 'failed' && (outcome.error as Error).message).toMatch(/entry "\.\.\/escape"/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('discard removes a finished extraction (the checksum did not match) and stops a running one', async () => {
    const done = scene();
    const sink = done.tee.open({ declaredLength: ARCHIVE.length })!;
    await feed(sink, ARCHIVE);
    sink.end();
    expect((await done.tee.outcome())?.kind).toBe('extracted');
    await done.tee.discard();
    expect(readdirSync(done.parent)).toEqual([]);

    const running = scene(64 << 10);
    const half = running.tee.open({ declaredLength: ARCHIVE.length })!;
    void feed(half, ARCHIVE.subarray(0, ARCHIVE.length >> 1));
    await running.tee.discard();
    expect(existsSync(running.into)).toBe(false);
    expect(readdirSync(running.parent)).toEqual([]);
  });
});
