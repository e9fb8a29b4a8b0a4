import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fsInputError, PackregError } from '../errors.js';
import { ByteReader } from '../stream/byte-reader.js';
import { chunksOf } from '../stream/chunks.js';
import type { ArchiveEntry, EntryKind } from './entry.js';
import { corruptArchive, decodeName, lossyName, quoteName, refuseEntry } from './entry.js';
import type { ExtractBudget } from './limits.js';

const BLOCK = 512;
/** Most bytes of a pax header or GNU long name: real ones are a few hundred bytes. */
const METADATA_LIMIT = 1 << 20;

/** Tar types that are refused, by what they are (anything else not listed is "unknown"). */
const REFUSED_TYPES: Record<string, string> = {
  '1': 'a hard link',
  '2': 'a symbolic link',
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO (named pipe)',
  '7': 'a contiguous file',
  D: 'a GNU dump directory',
  K: 'a GNU long link name (for a link)',
  M: 'a GNU multi-volume continuation',
  N: 'a GNU long name for a link or rename',
  S: 'a GNU sparse file',
  V: 'a GNU volume label',
};

interface Header {
  /** Name from the ustar name (and prefix) fields. */
  readonly name: string;
  readonly mode: number;
  readonly size: number;
  readonly type: string;
}

/** What pax 'x' headers and GNU 'L' names say about the next entry. */
interface Pending {
  path?: string;
  size?: number;
  longName?: string;
}

/**
 * Bytes gunzip hands over at a time: the most a byte limit can be overshot by before it is
 * noticed (what was inflated past it is never written).
 */
export const GUNZIP_CHUNK = 1 << 20;
/**
 * Inflated bytes gunzip may hold ready beyond the chunk being read: it keeps inflating in
 * the thread pool while the entries before are parsed and written. Nothing in it is written
 * before it is counted against the limits.
 */
export const GUNZIP_AHEAD = 4 << 20;

/**
 * The entries of a gzip-compressed tar, streamed: `compressed` (the archive file, or a
 * download as it arrives; best in chunks of about 1 MiB, as each chunk costs gunzip one
 * thread-pool round trip) is read once, front to back, through gunzip, and no more than a
 * few chunks (see {@link GUNZIP_AHEAD}) plus one header are held at a time. Formats: ustar
 * (prefix + name), GNU (long names 'L'), POSIX pax ('x' path and size; 'g' ignored). Only
 * regular files ('0', NUL) and directories ('5') are extracted; every other type is refused.
 * Every header checksum is verified, the end-of-archive marker is required, and gunzip checks
 * the gzip CRC and length at the end.
 */
export async function* readTarGz(compressed: Readable, archive: string, budget: ExtractBudget): AsyncGenerator<ArchiveEntry> {
  // Large output chunks: gunzip's 16 KiB default costs a thread-pool round trip per 16 KiB
  // (about 6,500 for 100 MB); and it inflates ahead while earlier entries are written.
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
  // pipeline, not pipe: a source that failed (or was destroyed) before this point still fails gunzip.
  pipeline(compressed, gunzip, () => undefined);
  /** The entry being read (for byte counts and truncation), and the last one started (for where a header is bad). */
  let current: string | undefined;
  let last: string | undefined;
  const source = gunzipped(budget.counted(chunksOf(gunzip, GUNZIP_AHEAD), () => current), archive);
  const reader = new ByteReader(source, `archive ${archive}`, () =>
    corruptArchive(archive, 'the tar data ends in the middle of an entry', { entry: current }),
  );
  try {
    let pending: Pending = {};
    for (;;) {
      if (await reader.atEnd()) throw corruptArchive(archive, `the tar data ends without its end-of-archive marker, ${after(last)}`);
      const block = await reader.read(BLOCK);
      if (isZero(block)) {
        if (Object.keys(pending).length > 0) throw corruptArchive(archive, 'a pax header or GNU long name is not followed by an entry');
        await readTrailer(reader, archive);
        return;
      }
      const header = parseHeader(block, archive, last);
      if (header.type === 'x' || header.type === 'L') {
        const data = await readMetadata(reader, header, archive);
        pending = header.type === 'x' ? { ...pending, ...parsePax(data, archive, header.name) } : { ...pending, longName: longName(data, archive) };
        continue;
      }
      if (header.type === 'g') {
        await reader.skip(padded(header.size));
        continue;
      }
      const name = pending.path ?? pending.longName ?? header.name;
      const size = pending.size ?? header.size;
      pending = {};
      current = name;
      last = name;
      const kind = entryKind(header.type, name, archive);
      budget.addEntry(name);
      let remaining = size;
      const content = async function* (): AsyncGenerator<Buffer> {
        if (kind !== 'file') return;
        for await (const chunk of reader.stream(remaining)) {
          remaining -= chunk.length;
          yield chunk;
        }
      };
      yield { name, kind, executable: (header.mode & 0o111) !== 0, content };
      // Whatever the consumer left unread (a folder's data, an abandoned file), then the padding.
      await reader.skip(remaining + padded(size) - size);
      current = undefined;
    }
  } finally {
    compressed.destroy();
    gunzip.destroy();
  }
}

/** Gunzip's output with its failures turned into messages that name the archive. */
async function* gunzipped(source: AsyncIterable<Buffer>, archive: string): AsyncGenerator<Buffer> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof PackregError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (code.startsWith('Z_')) {
      throw corruptArchive(archive, `the gzip data is damaged or cut short (zlib: ${(error as Error).message})`, { cause: error });
    }
    throw fsInputError(error, 'archive', archive);
  }
}

/** Where in the archive, for messages about headers. */
function after(entry: string | undefined): string {
  return entry === undefined ? 'before the first entry' : `after entry ${quoteName(entry)}`;
}

function parseHeader(block: Buffer, archive: string, previous: string | undefined): Header {
  const rawName = cString(block, 0, 100);
  const stored = parseNumber(block, 148, 8);
  const { unsigned, signed } = headerSums(block);
  if (stored === undefined || (stored !== unsigned && stored !== signed)) {
    throw corruptArchive(archive, `a tar header (name ${quoteName(lossyName(rawName))}, ${after(previous)}) has a bad checksum`, {
      expected: String(unsigned),
      actual: String(stored),
    });
  }
  const magic = block.toString('latin1', 257, 263);
  // POSIX ustar splits long names over prefix + name; GNU tar uses those bytes for other things.
  const prefix = magic === 'ustar\0' ? cString(block, 345, 155) : Buffer.alloc(0);
  const bytes = prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), rawName]) : rawName;
  const name = decodeName(bytes);
  if (name === undefined) throw refuseEntry(archive, lossyName(bytes), 'has a name that is not valid UTF-8');
  const field = (offset: number, width: number, what: string): number => {
    const value = parseNumber(block, offset, width);
    if (value === undefined) throw corruptArchive(archive, `the tar header's ${what} field is not a number`, { entry: name });
    return value;
  };
  return { name, mode: field(100, 8, 'mode'), size: field(124, 12, 'size'), type: block.toString('latin1', 156, 157) };
}

/** The header checksum both ways old and new tars compute it (bytes as unsigned or as signed). */
function headerSums(block: Buffer): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return { unsigned, signed };
}

/**
 * A numeric header field: octal digits (padded with spaces or NULs), or GNU base-256 (first
 * byte 0x80) for values that do not fit. Undefined when malformed or negative.
 */
function parseNumber(block: Buffer, offset: number, width: number): number | undefined {
  if (block[offset] === 0x80) {
    let value = 0;
    for (let i = offset + 1; i < offset + width; i++) value = value * 256 + block[i];
    return Number.isSafeInteger(value) ? value : undefined;
  }
  const text = block.toString('latin1', offset, offset + width).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

function entryKind(type: string, name: string, archive: string): EntryKind {
  if (type === '5') return 'directory';
  if (type === '0' || type === '\0') {
    if (name.endsWith('/')) throw refuseEntry(archive, name, 'is a regular file whose name ends with /');
    return 'file';
  }
  const what = REFUSED_TYPES[type] ?? `of unknown tar type ${JSON.stringify(type)}`;
  throw refuseEntry(archive, name, `is ${what}; only regular files and directories are extracted`);
}

async function readMetadata(reader: ByteReader, header: Header, archive: string): Promise<Buffer> {
  const what = header.type === 'x' ? 'pax header' : 'GNU long name';
  if (header.size > METADATA_LIMIT) {
    throw corruptArchive(archive, `a ${what} of ${header.size} bytes is larger than the ${METADATA_LIMIT} bytes allowed`, { entry: header.name });
  }
  const data = await reader.read(header.size);
  await reader.skip(padded(header.size) - header.size);
  return data;
}

/** pax records, `"<length> <key>=<value>\n"`: only `path` and `size` matter; sparse files are refused. */
function parsePax(data: Buffer, archive: string, headerName: string): Pending {
  const out: Pending = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(data.toString('latin1', at, space));
    const end = at + length;
    if (!Number.isSafeInteger(length) || length <= space - at || end > data.length || data[end - 1] !== 0x0a) {
      throw corruptArchive(archive, `a pax header has a malformed record at byte ${at}`, { entry: headerName });
    }
    const record = decodeName(data.subarray(space + 1, end - 1));
    const equals = record?.indexOf('=') ?? -1;
    if (record === undefined || equals <= 0) throw corruptArchive(archive, `a pax header has a malformed record at byte ${at}`, { entry: headerName });
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key.startsWith('GNU.sparse.')) throw refuseEntry(archive, out.path ?? headerName, 'is a GNU sparse file (pax GNU.sparse records); only regular files and directories are extracted');
    // An empty value deletes the record (POSIX): the header's own field applies again.
    if (key === 'path') out.path = value === '' ? undefined : value;
    if (key === 'size') {
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw corruptArchive(archive, `a pax header has a bad size ${JSON.stringify(value)}`, { entry: headerName });
      out.size = Number(value);
    }
    at = end;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Pending;
}

/** A GNU long name: the payload without its trailing NULs (a NUL inside is left for the name check). */
function longName(data: Buffer, archive: string): string {
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  const name = decodeName(data.subarray(0, end));
  if (name === undefined) throw refuseEntry(archive, lossyName(data.subarray(0, end)), 'has a name that is not valid UTF-8');
  return name;
}

/** After the first zero block: only zero blocks (the second marker block, record padding) may follow. */
async function readTrailer(reader: ByteReader, archive: string): Promise<void> {
  while (!(await reader.atEnd())) {
    if (!isZero(await reader.read(BLOCK))) throw corruptArchive(archive, 'data follows the end-of-archive marker');
  }
}

/** A field up to its first NUL (fixed-width fields need no NUL when full). */
function cString(block: Buffer, offset: number, width: number): Buffer {
  const field = block.subarray(offset, offset + width);
  const nul = field.indexOf(0);
  return nul < 0 ? field : field.subarray(0, nul);
}

function isZero(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}
