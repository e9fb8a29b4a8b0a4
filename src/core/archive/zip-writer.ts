import { crc32 } from 'node:zlib';
import { InputError } from '../errors.js';
import { deflateWhole, ParallelDeflater } from './parallel-deflate.js';
import type { WriteFn } from './parallel-deflate.js';

/** Files up to this size are compressed whole, several at a time; larger ones are streamed. */
const WHOLE_LIMIT = 1 << 20;
/** Bounds on compressed-but-unwritten data. */
const MAX_JOBS = 16;
const MAX_QUEUED_BYTES = 32 << 20;
const LIMIT_32 = 0xffffffff;
/** Version made by: Unix (3), spec 2.0; version needed: 2.0 (deflate). */
const MADE_BY = (3 << 8) | 20;
const NEEDED = 20;
const FLAG_UTF8 = 0x0800;
const FLAG_DESCRIPTOR = 0x0008;

interface CentralRecord {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  externalAttributes: number;
}

interface Prepared {
  name: Buffer;
  executable: boolean;
  crc: number;
  size: number;
  data: Buffer;
}

/**
 * A deterministic zip writer: no extra fields (no timestamps, uids), one fixed DOS time,
 * Unix permissions 0644/0755 only. Small files are deflated several at a time on the
 * thread pool and written in order; a large file is streamed through a parallel deflater
 * with a data descriptor after it, so nothing is held whole in memory and the output is
 * written strictly front to back (and can be hashed in the same pass).
 */
export class ZipWriter {
  private readonly records: CentralRecord[] = [];
  private readonly queue: Promise<Prepared>[] = [];
  private queuedBytes = 0;
  private offset = 0;
  private readonly dosTime: number;
  private readonly dosDate: number;

  constructor(
    private readonly sink: WriteFn,
    mtime: number,
    private readonly level = 6,
  ) {
    [this.dosDate, this.dosTime] = dosDateTime(mtime);
  }

  /** A directory entry; `path` ends with `/`. */
  async directory(path: string): Promise<void> {
    await this.drain();
    const name = Buffer.from(path, 'utf8');
    await this.entry(name, 0, 0, Buffer.alloc(0), 0, (0o40755 << 16) | 0x10, 0);
  }

  /** A regular file. Its content must be read now: tree sources may stream it only once. */
  async file(path: string, size: number, executable: boolean, content: AsyncIterable<Buffer>): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    if (size > WHOLE_LIMIT) return this.streamed(name, size, executable, content);
    const parts: Buffer[] = [];
    for await (const chunk of content) parts.push(chunk);
    const data = Buffer.concat(parts);
    if (data.length !== size) throw new Error(`${path}: expected ${size} bytes, read ${data.length}`);
    const crc = crc32(data);
    const job = size === 0 ? Promise.resolve(Buffer.alloc(0)) : deflateWhole(data, this.level);
    this.queue.push(job.then((compressed) => ({ name, executable, crc, size, data: compressed })));
    this.queuedBytes += size;
    while (this.queue.length >= MAX_JOBS || this.queuedBytes > MAX_QUEUED_BYTES) await this.writeNext();
  }

  /** The central directory and its end record. */
  async finish(): Promise<void> {
    await this.drain();
    if (this.records.length > 0xffff) throw new InputError(`the pack has ${this.records.length} entries; zip without zip64 holds at most 65535. Use --format tar.gz`);
    const start = this.offset;
    for (const record of this.records) await this.emit(centralHeader(record, this.dosTime, this.dosDate));
    const size = this.offset - start;
    this.checkLimit(this.offset);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
  }

  private async writeNext(): Promise<void> {
    const prepared = await this.queue.shift()!;
    this.queuedBytes -= prepared.size;
    const method = prepared.size === 0 ? 0 : 8;
    await this.entry(prepared.name, method, prepared.crc, prepared.data, prepared.size, fileAttributes(prepared.executable), 0);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.writeNext();
  }

  /** A local header with known sizes, then the data. */
  private async entry(name: Buffer, method: number, crc: number, data: Buffer, size: number, externalAttributes: number, extraFlags: number): Promise<void> {
    const flags = utf8Flag(name) | extraFlags;
    const record = { name, flags, method, crc, compressedSize: data.length, size, offset: this.offset, externalAttributes };
    this.checkLimit(this.offset + data.length);
    this.records.push(record);
    await this.emit(localHeader(record, this.dosTime, this.dosDate));
    await this.emit(data);
  }

  /** A large file: zeroed sizes in the local header, deflated body, then a data descriptor. */
  private async streamed(name: Buffer, size: number, executable: boolean, content: AsyncIterable<Buffer>): Promise<void> {
    await this.drain();
    const record: CentralRecord = {
      name,
      flags: utf8Flag(name) | FLAG_DESCRIPTOR,
      method: 8,
      crc: 0,
      compressedSize: 0,
      size,
      offset: this.offset,
      externalAttributes: fileAttributes(executable),
    };
    this.records.push(record);
    await this.emit(localHeader({ ...record, size: 0 }, this.dosTime, this.dosDate));
    const before = this.offset;
    const deflater = new ParallelDeflater((data) => this.emit(data), this.level);
    let crc = 0;
    let seen = 0;
    for await (const chunk of content) {
      crc = crc32(chunk, crc);
      seen += chunk.length;
      await deflater.push(chunk);
    }
    await deflater.finish();
    if (seen !== size) throw new Error(`${name.toString('utf8')}: expected ${size} bytes, read ${seen}`);
    record.crc = crc;
    record.compressedSize = this.offset - before;
    this.checkLimit(this.offset);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(record.compressedSize, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.emit(descriptor);
  }

  private checkLimit(offset: number): void {
    if (offset > LIMIT_32) throw new InputError('the zip archive would exceed 4 GiB, which needs zip64; use --format tar.gz');
  }

  private async emit(data: Buffer): Promise<void> {
    this.offset += data.length;
    await this.sink(data);
  }
}

function localHeader(r: CentralRecord, time: number, date: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(NEEDED, 4);
  header.writeUInt16LE(r.flags, 6);
  header.writeUInt16LE(r.method, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(r.crc >>> 0, 14);
  header.writeUInt32LE(r.compressedSize, 18);
  header.writeUInt32LE(r.size, 22);
  header.writeUInt16LE(r.name.length, 26);
  return Buffer.concat([header, r.name]);
}

function centralHeader(r: CentralRecord, time: number, date: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY, 4);
  header.writeUInt16LE(NEEDED, 6);
  header.writeUInt16LE(r.flags, 8);
  header.writeUInt16LE(r.method, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(r.crc >>> 0, 16);
  header.writeUInt32LE(r.compressedSize, 20);
  header.writeUInt32LE(r.size, 24);
  header.writeUInt16LE(r.name.length, 28);
  header.writeUInt32LE(r.externalAttributes >>> 0, 38);
  header.writeUInt32LE(r.offset, 42);
  return Buffer.concat([header, r.name]);
}

function fileAttributes(executable: boolean): number {
  return ((executable ? 0o100755 : 0o100644) << 16) >>> 0;
}

function utf8Flag(name: Buffer): number {
  return name.some((b) => b > 0x7f) ? FLAG_UTF8 : 0;
}

/** DOS date and time of a Unix time, read in UTC so the time zone never matters; clamped to DOS's 1980..2107 range. */
export function dosDateTime(unixSeconds: number): [number, number] {
  const min = Date.UTC(1980, 0, 1) / 1000;
  const max = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000;
  const d = new Date(Math.min(Math.max(unixSeconds, min), max) * 1000);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  return [date, time];
}
