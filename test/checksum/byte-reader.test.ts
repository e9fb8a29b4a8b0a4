import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { ByteReader } from '../../src/core/stream/byte-reader.js';

/** A source yielding `data` cut at `cuts` (sorted offsets); `empties` adds 0-byte chunks around each cut. */
async function* chunked(data: Buffer, cuts: readonly number[], empties = false): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...cuts, data.length]) {
    if (empties) yield Buffer.alloc(0);
    // Copies, so the reader can only see bytes through the chunks it was given.
    yield Buffer.from(data.subarray(start, cut));
    start = cut;
  }
  if (empties) yield Buffer.alloc(0);
}

/** Every way of cutting `length` bytes into chunks (2^(length-1) of them): as lists of cut offsets. */
function allCuts(length: number): number[][] {
  const result: number[][] = [];
  for (let mask = 0; mask < 1 << Math.max(0, length - 1); mask++) {
    const cuts: number[] = [];
    for (let i = 1; i < length; i++) if (mask & (1 << (i - 1))) cuts.push(i);
    result.push(cuts);
  }
  return result;
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

// A `git cat-file --batch`-like record: header line, body, newline; then a second one.
// 15 bytes: small enough to try all 2^14 chunkings.
const RECORDS = Buffer.from('h1\nABCDE\nh2\nxy\n', 'latin1');

/** Parse RECORDS with every kind of read; returns what was seen. */
async function parse(reader: ByteReader): Promise<string[]> {
  const seen: string[] = [];
  seen.push((await reader.readUntil(0x0a)).toString('latin1')); // "h1"
  seen.push((await reader.read(2)).toString('latin1')); // "AB"
  seen.push((await collect(reader.stream(2))).toString('latin1')); // "CD"
  await reader.skip(1); // "E"
  seen.push((await reader.read(1)).toString('latin1')); // "\n"
  seen.push(String(await reader.atEnd()));
  seen.push((await reader.readUntil(0x0a)).toString('latin1')); // "h2"
  seen.push((await reader.read(0)).toString('latin1')); // nothing
  seen.push((await collect(reader.stream(2))).toString('latin1')); // "xy"
  await reader.skip(1); // "\n"
  seen.push(String(await reader.atEnd()));
  return seen;
}

const PARSED = ['h1', 'AB', 'CD', '\n', 'false', 'h2', '', 'xy', 'true'];

describe('ByteReader', () => {
  it(`reads the same values whatever the chunking: all ${1 << (RECORDS.length - 1)} ways to cut ${RECORDS.length} bytes`, async () => {
    for (const cuts of allCuts(RECORDS.length)) {
      const seen = await parse(new ByteReader(chunked(RECORDS, cuts), 'records'));
      if (seen.join('|') !== PARSED.join('|')) expect({ cuts, seen }).toEqual({ cuts, seen: PARSED });
    }
  });

  it('with empty chunks between the others, and with one-byte chunks', async () => {
    for (const cuts of [[], [1, 2, 3], [3, 4, 9, 10], Array.from({ length: RECORDS.length - 1 }, (_, i) => i + 1)]) {
      expect(await parse(new ByteReader(chunked(RECORDS, cuts, true), 'records'))).toEqual(PARSED);
    }
  });

  describe('at every single cut position', () => {
    const data = Buffer.from('0123456789\nabcdefghij', 'latin1');
    const positions = Array.from({ length: data.length + 1 }, (_, i) => i);

    it.each(positions.map((p) => [p]))('cut at %i: readUntil returns the line and consumes the delimiter', async (cut) => {
      const reader = new ByteReader(chunked(data, [cut]), 'data');
      expect((await reader.readUntil(0x0a)).toString()).toBe('0123456789');
      expect((await collect(reader.stream(10))).toString()).toBe('abcdefghij');
      expect(await reader.atEnd()).toBe(true);
    });

    it.each(positions.map((p) => [p]))('cut at %i: read(n) for every n returns the first n bytes, then the rest follows', async (cut) => {
      for (let n = 0; n <= data.length; n++) {
        const reader = new ByteReader(chunked(data, [cut]), 'data');
        expect(await reader.read(n)).toEqual(data.subarray(0, n));
        expect(await collect(reader.stream(data.length - n))).toEqual(data.subarray(n));
        expect(await reader.atEnd()).toBe(true);
      }
    });

    it.each(positions.map((p) => [p]))('cut at %i: skip(n) for every n lands on byte n', async (cut) => {
      for (let n = 0; n < data.length; n++) {
        const reader = new ByteReader(chunked(data, [cut]), 'data');
        await reader.skip(n);
        expect(await reader.read(1)).toEqual(data.subarray(n, n + 1));
      }
    });

    it.each(positions.map((p) => [p]))('cut at %i: stream(n) yields no empty chunk and no chunk beyond n', async (cut) => {
      for (let n = 1; n <= data.length; n++) {
        const reader = new ByteReader(chunked(data, [cut]), 'data');
        const chunks: Buffer[] = [];
        for await (const chunk of reader.stream(n)) chunks.push(chunk);
        expect(chunks.every((c) => c.length > 0)).toBe(true);
        expect(Buffer.concat(chunks)).toEqual(data.subarray(0, n));
        expect(await collect(reader.stream(data.length - n))).toEqual(data.subarray(n));
      }
    });
  });

  it('a stream left half-read can be skipped past, as the git blob reader does', async () => {
    const reader = new ByteReader(chunked(RECORDS, [2, 5, 7]), 'records');
    expect((await reader.readUntil(0x0a)).toString()).toBe('h1');
    let consumed = 0;
    for await (const chunk of reader.stream(5)) {
      consumed += chunk.length;
      break; // the consumer stops after the first chunk
    }
    expect(consumed).toBe(2);
    await reader.skip(5 - consumed + 1);
    expect((await reader.readUntil(0x0a)).toString()).toBe('h2');
  });

  it('an empty source is at its end', async () => {
    const reader = new ByteReader(chunked(Buffer.alloc(0), [], true), 'empty');
    expect(await reader.atEnd()).toBe(true);
    expect(await reader.read(0)).toEqual(Buffer.alloc(0));
  });

  describe('a truncated stream is an InputError naming the source', () => {
    const data = Buffer.from('header without end');

    it.each(allCuts(6).map((cuts) => [cuts.join(',') || 'none']))('readUntil with no delimiter before the end (cuts %s)', async (cutList) => {
      const cuts = cutList === 'none' ? [] : cutList.split(',').map(Number);
      const reader = new ByteReader(chunked(data.subarray(0, 6), cuts), 'git cat-file in /repo');
      await expect(reader.readUntil(0x0a)).rejects.toThrow(new InputError('git cat-file in /repo: stream ended early'));
    });

    it('read, skip and stream past the end', async () => {
      for (const cut of [0, 5, data.length]) {
        const source = () => new ByteReader(chunked(data, [cut]), 'tar stream');
        await expect(source().read(data.length + 1)).rejects.toThrow('tar stream: stream ended early');
        await expect(source().skip(data.length + 1)).rejects.toThrow(InputError);
        const streamed: Buffer[] = [];
        const reader = source();
        await expect(
          (async () => {
            for await (const chunk of reader.stream(data.length + 5)) streamed.push(chunk);
          })(),
        ).rejects.toThrow('tar stream: stream ended early');
        expect(Buffer.concat(streamed)).toEqual(data); // everything there was came through first
      }
    });

    it('a read after the end', async () => {
      const reader = new ByteReader(chunked(data, [4]), 'data');
      await reader.skip(data.length);
      expect(await reader.atEnd()).toBe(true);
      await expect(reader.read(1)).rejects.toThrow('data: stream ended early');
      await expect(reader.readUntil(0x0a)).rejects.toThrow('data: stream ended early');
    });
  });

  it('a line longer than the limit is refused', async () => {
    const long = Buffer.concat([Buffer.alloc(100, 0x61), Buffer.from('\n')]);
    const reader = new ByteReader(chunked(long, [10, 20, 30, 40, 50, 60, 70, 80, 90]), 'git cat-file');
    await expect(reader.readUntil(0x0a, 50)).rejects.toThrow('git cat-file: line longer than 50 bytes');
    const ok = new ByteReader(chunked(long, [10, 20, 30, 40, 50, 60, 70, 80, 90]), 'git cat-file');
    expect(await ok.readUntil(0x0a, 100)).toEqual(long.subarray(0, 100));
  });
});
