import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import type { InflateRaw } from 'node:zlib';
import { fsInputError, PackregError } from '../errors.js';
import { ByteReader } from '../stream/byte-reader.js';
import type { ArchiveEntry, EntryKind } from './entry.js';
import { corruptArchive, decodeName, lossyName, refuseArchive, refuseEntry } from './entry.js';
import type { ExtractBudget } from './limits.js';

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const MAX_COMMENT = 0xffff;
/** Bytes per read of compressed data or central directory. */
const READ_CHUNK = 64 * 1024;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_MASKED_HEADERS = 0x2000;

const STORED = 0;
const DEFLATE = 8;
const METHOD_NAMES: Record<number, string> = { 1: 'shrink', 6: 'implode', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd', 95: 'xz', 98: 'ppmd' };

/** Hosts whose external attributes carry a Unix mode in the high 16 bits: Unix and macOS. */
const UNIX_HOSTS = new Set([3, 19]);
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const UNIX_TYPES: Record<number, string> = {
  0o120000: 'a symbolic link',
  0o020000: 'a character device',
  0o060000: 'a block device',
  0o010000: 'a FIFO (named pipe)',
  0o140000: 'a socket',
};
const DOS_DIRECTORY = 0x10;

/** One central directory record, checked. */
interface ZipRecord {
  readonly name: string;
  readonly nameBytes: Buffer;
  readonly kind: EntryKind;
  readonly executable: boolean;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Where the next entry (or the central directory) starts: this entry's data must end before it. */
  bound: number;
}

/**
 * A zip read through one FileHandle: the central directory is read (streamed) and checked
 * in full when the reader opens, so an archive with a bad name, type, method or size is
 * refused before a byte is written; each entry's data is then streamed from its range of
 * the file through inflate, counted, and checked against its size and CRC-32. Zip64,
 * encryption, multi-disk archives and methods other than stored and deflate are refused.
 */
export class ZipReader {
  private constructor(
    private readonly archive: string,
    private readonly handle: FileHandle,
    private readonly budget: ExtractBudget,
    private readonly records: readonly ZipRecord[],
  ) {}

  /** Open `archive` (`size` bytes) and read its central directory. */
  static async open(archive: string, size: number, budget: ExtractBudget): Promise<ZipReader> {
    let handle: FileHandle;
    try {
      handle = await open(archive, 'r');
    } catch (error) {
      throw fsInputError(error, 'archive', archive);
    }
    try {
      const records = await readCentralDirectory(archive, handle, size, budget);
      return new ZipReader(archive, handle, budget, records);
    } catch (error) {
      await handle.close();
      throw ioError(error, archive);
    }
  }

  /** Every entry, in central directory order. */
  get entries(): ArchiveEntry[] {
    return this.records.map((record) => ({ name: record.name, kind: record.kind, executable: record.executable, content: () => this.content(record) }));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private async *content(record: ZipRecord): AsyncGenerator<Buffer> {
    if (record.kind !== 'file') return;
    const start = await this.dataStart(record);
    const raw = Readable.from(readRange(this.handle, start, start + record.compressedSize), { objectMode: false });
    let inflate: InflateRaw | undefined;
    let output: Readable = raw;
    if (record.method === DEFLATE) {
      inflate = createInflateRaw();
      raw.on('error', (error: Error) => inflate!.destroy(error));
      output = raw.pipe(inflate);
    }
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of output as AsyncIterable<Buffer>) {
        size += chunk.length;
        this.budget.addBytes(chunk.length, record.name);
        // Never trust the header alone: stop the moment the data outgrows what it declared.
        if (size > record.size) throw this.corrupt(record, 'unpacks to more bytes than its header declares', record.size, `more than ${record.size}`);
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      throw ioError(error, this.archive, record.name);
    } finally {
      raw.destroy();
      inflate?.destroy();
    }
    if (size !== record.size) throw this.corrupt(record, 'unpacks to fewer bytes than its header declares', record.size, size);
    if (crc >>> 0 !== record.crc) throw this.corrupt(record, 'fails its CRC-32 check', hex(record.crc), hex(crc >>> 0));
    if (inflate !== undefined && inflate.bytesWritten !== record.compressedSize) {
      throw this.corrupt(record, 'has compressed data of a different length than its header declares', record.compressedSize, inflate.bytesWritten);
    }
    if (record.flags & FLAG_DESCRIPTOR) await this.checkDescriptor(record, start + record.compressedSize);
  }

  /** Check the local header against the central record; returns where the data starts. */
  private async dataStart(record: ZipRecord): Promise<number> {
    const header = await this.readAt(record.localOffset, LOCAL_SIZE);
    if (header.length < LOCAL_SIZE || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw this.corrupt(record, 'has no local header where the central directory says');
    const flags = header.readUInt16LE(6);
    const nameLength = header.readUInt16LE(26);
    const start = record.localOffset + LOCAL_SIZE + nameLength + header.readUInt16LE(28);
    const localName = await this.readAt(record.localOffset + LOCAL_SIZE, nameLength);
    // Other tools may trust the local header: any disagreement could extract a different file.
    const agrees =
      localName.equals(record.nameBytes) &&
      (flags & FLAG_ENCRYPTED) === 0 &&
      header.readUInt16LE(8) === record.method &&
      ((flags & FLAG_DESCRIPTOR) !== 0 ||
        (header.readUInt32LE(14) === record.crc && header.readUInt32LE(18) === record.compressedSize && header.readUInt32LE(22) === record.size));
    if (!agrees) throw refuseEntry(this.archive, record.name, 'has a local header that disagrees with the central directory (name, method, encryption, CRC or sizes)');
    const descriptor = record.flags & FLAG_DESCRIPTOR ? 12 : 0;
    if (start + record.compressedSize + descriptor > record.bound) throw refuseEntry(this.archive, record.name, 'has data that overlaps the next entry or the central directory');
    return start;
  }

  /** A data descriptor (optionally signed) must repeat the central directory's CRC and sizes. */
  private async checkDescriptor(record: ZipRecord, at: number): Promise<void> {
    const bytes = await this.readAt(at, 16);
    const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === DESCRIPTOR_SIGNATURE;
    const fields = signed ? bytes.subarray(4) : bytes;
    if (fields.length < 12 || (signed && at + 16 > record.bound)) throw this.corrupt(record, 'is missing its data descriptor');
    if (fields.readUInt32LE(0) !== record.crc || fields.readUInt32LE(4) !== record.compressedSize || fields.readUInt32LE(8) !== record.size) {
      throw this.corrupt(record, 'has a data descriptor that disagrees with the central directory');
    }
  }

  private async readAt(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  }

  private corrupt(record: ZipRecord, problem: string, expected?: string | number, actual?: string | number): Error {
    return corruptArchive(this.archive, `the entry ${problem}`, { entry: record.name, expected: optional(expected), actual: optional(actual) });
  }
}

/** Find and read the end record, then read, check and count every central directory record. */
async function readCentralDirectory(archive: string, handle: FileHandle, size: number, budget: ExtractBudget): Promise<ZipRecord[]> {
  const end = await findEnd(archive, handle, size);
  const records: ZipRecord[] = [];
  const reader = new ByteReader(readRange(handle, end.offset, end.offset + end.size), `archive ${archive}`, () => corruptArchive(archive, 'the central directory is cut short'));
  while (!(await reader.atEnd())) {
    const record = await readRecord(reader, archive, end.offset);
    budget.addEntry(record.name);
    records.push(record);
  }
  if (records.length !== end.count) {
    throw corruptArchive(archive, 'the central directory holds a different number of entries than its end record says', { expected: String(end.count), actual: String(records.length) });
  }
  checkLayout(archive, records, end.offset);
  budget.checkDeclared(records.reduce((sum, r) => sum + r.size, 0));
  return records;
}

interface EndRecord {
  readonly count: number;
  readonly size: number;
  readonly offset: number;
}

/** The end of central directory record: the last one whose comment runs exactly to the end of the file. */
async function findEnd(archive: string, handle: FileHandle, size: number): Promise<EndRecord> {
  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  for (let at = tailLength - EOCD_SIZE; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD_SIGNATURE || at + EOCD_SIZE + tail.readUInt16LE(at + 20) !== tailLength) continue;
    const eocdOffset = size - tailLength + at;
    const fields = [4, 6, 8, 10].map((o) => tail.readUInt16LE(at + o));
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    const zip64 = at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR_SIGNATURE;
    if (zip64 || fields.includes(0xffff) || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw refuseArchive(archive, 'is a zip64 archive, which packreg does not extract; publish it as tar.gz, or as a zip under 4 GiB with fewer than 65535 entries');
    }
    if (fields[0] !== 0 || fields[1] !== 0 || fields[2] !== fields[3]) throw refuseArchive(archive, 'spans several disks, which packreg does not extract');
    if (cdOffset + cdSize !== eocdOffset) {
      throw corruptArchive(archive, 'the central directory does not end where the end record starts', { expected: String(eocdOffset), actual: String(cdOffset + cdSize) });
    }
    return { count: fields[3], size: cdSize, offset: cdOffset };
  }
  throw corruptArchive(archive, 'no end of central directory record at the end of the file (not a complete zip)');
}

async function readRecord(reader: ByteReader, archive: string, cdOffset: number): Promise<ZipRecord> {
  const fixed = await reader.read(CENTRAL_SIZE);
  if (fixed.readUInt32LE(0) !== CENTRAL_SIGNATURE) throw corruptArchive(archive, 'the central directory holds something that is not an entry record');
  const nameBytes = await reader.read(fixed.readUInt16LE(28));
  await reader.skip(fixed.readUInt16LE(30) + fixed.readUInt16LE(32)); // extra field, comment
  const name = decodeName(nameBytes);
  if (name === undefined) throw refuseEntry(archive, lossyName(nameBytes), 'has a name that is not valid UTF-8');
  const flags = fixed.readUInt16LE(8);
  const method = fixed.readUInt16LE(10);
  const record = {
    name,
    nameBytes,
    flags,
    method,
    crc: fixed.readUInt32LE(16),
    compressedSize: fixed.readUInt32LE(20),
    size: fixed.readUInt32LE(24),
    localOffset: fixed.readUInt32LE(42),
    bound: cdOffset,
    ...entryType(archive, name, fixed.readUInt16LE(4) >> 8, fixed.readUInt32LE(38)),
  };
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS) || method === 99) {
    throw refuseEntry(archive, name, 'is encrypted; packreg extracts only unencrypted archives');
  }
  if (method !== STORED && method !== DEFLATE) {
    throw refuseEntry(archive, name, `uses compression method ${method}${METHOD_NAMES[method] ? ` (${METHOD_NAMES[method]})` : ''}; only stored (0) and deflate (8) are supported`);
  }
  if ([record.compressedSize, record.size, record.localOffset].includes(0xffffffff) || fixed.readUInt16LE(34) === 0xffff) {
    throw refuseEntry(archive, name, 'uses zip64 sizes or offsets, which packreg does not extract');
  }
  if (fixed.readUInt16LE(34) !== 0) throw refuseArchive(archive, 'spans several disks, which packreg does not extract');
  if (method === STORED && record.compressedSize !== record.size) throw corruptArchive(archive, 'a stored entry has different compressed and unpacked sizes', { entry: name });
  if (record.kind === 'directory' && record.size !== 0) throw refuseEntry(archive, name, 'is a directory with content');
  return record;
}

/** File or folder, from the name and the attributes; links, devices and the rest are refused. */
function entryType(archive: string, name: string, host: number, attributes: number): { kind: EntryKind; executable: boolean } {
  const unix = UNIX_HOSTS.has(host);
  const mode = unix ? attributes >>> 16 : 0;
  const type = mode & S_IFMT;
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
    const what = UNIX_TYPES[type] ?? `a special file (mode ${mode.toString(8)})`;
    throw refuseEntry(archive, name, `is ${what}; only regular files and directories are extracted`);
  }
  const directory = name.endsWith('/') || type === S_IFDIR || (!unix && (attributes & DOS_DIRECTORY) !== 0);
  if (directory && type === S_IFREG) throw refuseEntry(archive, name, 'is a regular file whose name ends with /');
  return { kind: directory ? 'directory' : 'file', executable: !directory && (mode & 0o111) !== 0 };
}

/**
 * Entries must not share or overlap data (the "overlapping files" zip bomb reuses one
 * compressed block for many entries): each ends before the next begins. Sets each bound.
 */
function checkLayout(archive: string, records: ZipRecord[], cdOffset: number): void {
  const byOffset = [...records].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const record = byOffset[i];
    record.bound = i + 1 < byOffset.length ? byOffset[i + 1].localOffset : cdOffset;
    if (record.localOffset + LOCAL_SIZE + record.nameBytes.length + record.compressedSize > record.bound) {
      throw refuseEntry(archive, record.name, 'has data that overlaps another entry or the central directory');
    }
  }
}

/**
 * The bytes in [start, end) of the file, a chunk at a time. Read through the one FileHandle
 * rather than FileHandle.createReadStream, whose destroy() closes the handle even with
 * autoClose: false (Node 20), which would end the reader at the first abandoned entry.
 */
async function* readRange(handle: FileHandle, start: number, end: number): AsyncGenerator<Buffer> {
  for (let position = start; position < end; ) {
    const length = Math.min(READ_CHUNK, end - position);
    const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(length), 0, length, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** File-system and zlib failures while reading, named after the archive (and entry). */
function ioError(error: unknown, archive: string, entry?: string): Error {
  if (error instanceof PackregError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code.startsWith('Z_')) return corruptArchive(archive, `the compressed data is damaged or cut short (zlib: ${(error as Error).message})`, { entry, cause: error });
  return fsInputError(error, 'archive', archive);
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

function optional(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
