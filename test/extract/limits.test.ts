import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GUNZIP_CHUNK } from '../../src/core/extract/tar-reader.js';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw, createGzip, crc32 } from 'node:zlib';
import { UsageError } from '../../src/core/errors.js';
import { DEFAULT_LIMITS, extractArchive } from '../../src/core/extract/extract.js';
import { resolveLimits } from '../../src/core/extract/limits.js';
import { tempDirs } from '../helpers/temp.js';
import type { Scene } from './extract-harness.js';
import { expectRefused, scene, watchTarget } from './extract-harness.js';
import { tarFile, tarHeader, targz, zip } from './hostile-archives.js';

const MiB = 1 << 20;
const BOMB = 200 * MiB;
const LIMIT = 10 * MiB;
/** One decompressor output chunk (zlib's is 16 KiB; a read is at most 64 KiB). */
/** One gunzip output chunk: how far past a limit inflating may get before it is stopped. */
const CHUNK = GUNZIP_CHUNK;

/** `size` zero bytes, a MiB at a time. */
async function* zeros(size: number): AsyncGenerator<Buffer> {
  const block = Buffer.alloc(MiB);
  for (let left = size; left > 0; left -= MiB) yield left >= MiB ? block : block.subarray(0, left);
}

/** A tar.gz holding one file of `size` zeros, streamed to `path` (never whole in memory). */
async function writeTarGzBomb(path: string, size: number): Promise<void> {
  async function* body(): AsyncGenerator<Buffer> {
    yield tarHeader({ ...tarFile('top/zeros.bin'), size });
    yield* zeros(size);
    yield Buffer.alloc((512 - (size % 512)) % 512 + 1024);
  }
  await pipeline(Readable.from(body()), createGzip(), createWriteStream(path));
}

/** `size` zeros deflated, and their CRC-32. */
async function deflatedZeros(size: number): Promise<{ compressed: Buffer; crc: number }> {
  const parts: Buffer[] = [];
  let crc = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of zeros(size)) {
      crc = crc32(chunk, crc);
      yield chunk;
    }
  }
  await pipeline(Readable.from(counted()), createDeflateRaw(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) parts.push(chunk);
  });
  return { compressed: Buffer.concat(parts), crc: crc >>> 0 };
}

/** Extract expecting a refusal while sampling how many bytes sit on disk below the target. */
async function refusedWhileWatching(s: Scene, rule: RegExp, limits: { maxBytes?: number; maxRatio?: number }, entry?: string): Promise<{ maxOnDisk: number; actual: number }> {
  const watch = watchTarget(s.into);
  try {
    const error = await expectRefused(s, { rule, entry }, { limits });
    return { maxOnDisk: watch.stop().maxBytes, actual: Number(/^(\d+)/.exec(error.actual ?? '')?.[1]) };
  } finally {
    watch.stop();
  }
}

describe('limits', () => {
  it('the defaults: 20 000 entries, 1 GiB, 1000:1', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxEntries: 20_000, maxBytes: 1024 * 1024 * 1024, maxRatio: 1000 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ maxBytes: 5 })).toEqual({ ...DEFAULT_LIMITS, maxBytes: 5 });
  });

  it.each([0, -1, 1.5, NaN, Infinity])('a limit of %p is a usage error', (value) => {
    expect(() => resolveLimits({ maxEntries: value })).toThrow(UsageError);
    expect(() => resolveLimits({ maxRatio: value })).toThrow(/maxRatio must be a positive whole number/);
  });
});

describe('compression bombs are stopped while inflating, before the disk fills', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  let tarBomb: string;
  let zipBody: { compressed: Buffer; crc: number };

  beforeAll(async () => {
    tarBomb = join(temp.make(), 'bomb.tar.gz');
    await writeTarGzBomb(tarBomb, BOMB);
    zipBody = await deflatedZeros(BOMB);
  });

  it('the bombs are what they claim: 200 MiB of zeros in well under 1 MiB', () => {
    expect(zipBody.compressed.length).toBeLessThan(MiB);
    expect(zipBody.compressed.length).toBeGreaterThan(100_000);
  });

  it('tar.gz: 200 MiB unpacked is stopped within one chunk of a 10 MiB maxBytes', async () => {
    const s = scene(temp, readFileSync(tarBomb));
    const started = Date.now();
    const { maxOnDisk, actual } = await refusedWhileWatching(s, /unpacks past the limit of 10485760 bytes \(maxBytes\)/, { maxBytes: LIMIT }, 'top/zeros.bin');
    expect(actual).toBeGreaterThan(LIMIT);
    expect(actual).toBeLessThanOrEqual(LIMIT + CHUNK);
    expect(maxOnDisk).toBeLessThanOrEqual(LIMIT);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('tar.gz: the same bomb passes maxRatio at the default limits (1000 × ~200 KiB is under 200 MiB)', async () => {
    const s = scene(temp, readFileSync(tarBomb));
    const { maxOnDisk, actual } = await refusedWhileWatching(s, /times the archive's \d+ bytes \(maxRatio\): a compression bomb/, {});
    expect(actual).toBeLessThan(BOMB);
    expect(maxOnDisk).toBeLessThan(BOMB);
  });

  it('zip: a header that admits to 200 MiB is refused before anything is written', async () => {
    const s = scene(temp, zip([{ name: 'top/zeros.bin', compressed: zipBody.compressed, crc: zipBody.crc, size: BOMB, method: 8 }]));
    const { maxOnDisk } = await refusedWhileWatching(s, /declares 209715200 bytes of content in its central directory, more than the limit of 10485760 bytes \(maxBytes\)/, { maxBytes: LIMIT });
    expect(maxOnDisk).toBe(0);
  });

  it('zip: a header that lies (1 MiB declared) is stopped within one chunk of what it declared', async () => {
    const s = scene(temp, zip([{ name: 'top/zeros.bin', compressed: zipBody.compressed, crc: zipBody.crc, size: MiB, method: 8 }]));
    const { maxOnDisk } = await refusedWhileWatching(s, /unpacks to more bytes than its header declares/, { maxBytes: LIMIT }, 'top/zeros.bin');
    expect(maxOnDisk).toBeLessThanOrEqual(MiB);
  });

  it('zip: several honest entries that together pass maxRatio are refused up front', async () => {
    const text = Buffer.alloc(2 * MiB);
    const s = scene(temp, zip([{ name: 'top/a', data: text }, { name: 'top/b', data: text }]));
    await refusedWhileWatching(s, /declares 4194304 bytes .* more than \d+ bytes, 100 times the archive's \d+ bytes \(maxRatio\)/, { maxRatio: 100 });
  });

  it('tar.gz: metadata that never reaches the disk still counts (a bomb of skipped global pax headers)', async () => {
    const global = { name: 'PaxHeader/global', type: 'g', data: Buffer.alloc(512 * 1024, 0x61) } as const;
    const s = scene(temp, targz([tarFile('top/a', 'a'), ...Array.from({ length: 40 }, () => global)]));
    await refusedWhileWatching(s, /unpacks past the limit of 10485760 bytes/, { maxBytes: LIMIT });
  });
});

describe('entry counts', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  const files = (n: number): { name: string; data: string }[] => Array.from({ length: n }, (_, i) => ({ name: `top/f${String(i).padStart(5, '0')}`, data: '' }));

  it('tar.gz: exactly maxEntries is fine', async () => {
    const s = scene(temp, targz(files(50).map((f) => tarFile(f.name, f.data))));
    const result = await extractArchive(s.archive, s.into, { limits: { maxEntries: 50 } });
    expect(result.files).toBe(50);
    expect(readdirSync(result.root)).toHaveLength(50);
  });

  it('tar.gz: one more is refused, naming the entry past the limit (folders count too)', async () => {
    const s = scene(temp, targz([{ name: 'top/', type: '5' }, ...files(50).map((f) => tarFile(f.name, f.data))]));
    await expectRefused(s, { entry: 'top/f00049', rule: /is entry number 51, past the limit of 50 entries \(maxEntries\)/ }, { limits: { maxEntries: 50 } });
  });

  it('zip: 20 001 entries are refused at the default limit, before anything is written', async () => {
    const s = scene(temp, zip(files(20_001)));
    const started = Date.now();
    await expectRefused(s, { entry: 'top/f20000', rule: /is entry number 20001, past the limit of 20000 entries/ });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
