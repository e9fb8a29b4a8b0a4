import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { InputError, IntegrityError } from '../../src/core/errors.js';
import { extractTarGzStream } from '../../src/core/extract/extract.js';
import { noise } from '../helpers/archive-read.js';
import { tempDirs } from '../helpers/temp.js';
import { listAll } from './extract-harness.js';
import { tarDir, tarFile, targz } from './hostile-archives.js';

/**
 * Extraction from a stream (a download being unpacked as it arrives): what only a stream can
 * do: fail or end early, or never start. The checks every archive gets are in the other
 * suites, which run each tar.gz through the stream path too.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const ARCHIVE = targz([tarDir('pack/'), tarFile('pack/pack.yaml', 'ref: demo\nversion: 1.0.0\n'), tarFile('pack/big.bin', noise(600_000))]);

function target(): { parent: string; into: string } {
  const parent = temp.make('packreg-stream-');
  return { parent, into: join(parent, 'out') };
}

describe('extracting a tar.gz stream', () => {
  it('extracts a stream fed in small pieces, stripping the top folder', async () => {
    const { into } = target();
    const pieces = Array.from({ length: Math.ceil(ARCHIVE.length / 1000) }, (_, i) => ARCHIVE.subarray(i * 1000, (i + 1) * 1000));
    const result = await extractTarGzStream({ source: Readable.from(pieces), label: 'https://example.test/demo.tar.gz', size: ARCHIVE.length }, into);
    expect(result).toEqual({ root: join(into, 'pack'), files: 2, bytes: 600_000 + 'ref: demo\nversion: 1.0.0\n'.length, stripped: 'pack' });
    expect(readFileSync(join(into, 'pack', 'big.bin')).equals(noise(600_000))).toBe(true);
  });

  it('a source that fails half-way fails the extraction and removes the target', async () => {
    const { parent, into } = target();
    const source = new PassThrough();
    const extraction = extractTarGzStream({ source, label: 'the download', size: ARCHIVE.length }, into);
    source.write(ARCHIVE.subarray(0, ARCHIVE.length >> 1));
    setTimeout(() => source.destroy(new Error('the connection was reset')), 20);
    await expect(extraction).rejects.toThrow(/the connection was reset/);
    expect(listAll(parent)).toEqual([]);
  });

  it('a source that failed before the extraction started fails it too (no wait for data that never comes)', async () => {
    const { parent, into } = target();
    const source = new PassThrough();
    source.on('error', () => undefined);
    source.destroy(new Error('gone before it began'));
    await expect(extractTarGzStream({ source, label: 'the download', size: ARCHIVE.length }, into)).rejects.toThrow(/gone before it began/);
    expect(listAll(parent)).toEqual([]);
  });

  it('a stream that ends early is a truncated archive (exit 5)', async () => {
    const { parent, into } = target();
    const source = Readable.from([ARCHIVE.subarray(0, ARCHIVE.length - 40)]);
    const error = await extractTarGzStream({ source, label: 'the download', size: ARCHIVE.length }, into).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toMatch(/archive the download is corrupt or truncated/);
    expect(listAll(parent)).toEqual([]);
  });

  it('the ratio limit is taken against the declared size, as the stream arrives', async () => {
    const bomb = targz([tarFile('zeros', Buffer.alloc(4 << 20))]);
    const { parent, into } = target();
    const error = await extractTarGzStream({ source: Readable.from([bomb]), label: 'the download', size: bomb.length }, into, { limits: { maxRatio: 100 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toMatch(new RegExp(`100 times the archive's ${bomb.length} bytes \\(maxRatio\\)`));
    expect(listAll(parent)).toEqual([]);
  });

  it('an existing target is refused before anything is read, and the source is destroyed', async () => {
    const { into } = target();
    mkdirSync(into);
    const source = new PassThrough();
    await expect(extractTarGzStream({ source, label: 'the download', size: 1 }, into)).rejects.toThrow(InputError);
    expect(source.destroyed).toBe(true);
    expect(existsSync(join(into, 'pack'))).toBe(false);
  });
});
