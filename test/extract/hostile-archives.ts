/**
 * Hand-built tar, tar.gz and zip archives for the extractor tests: every header field can
 * be set to anything, so hostile and damaged archives that no real tool would write are
 * easy to make. Normal archives come from system tar/zip and packreg's own writer instead.
 */
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

const BLOCK = 512;

/** One tar header (and its data). */
export interface TarSpec {
  readonly name: string | Buffer;
  /** Type flag: '0' (default), '5', '2', 'x', 'L', ... */
  readonly type?: string;
  readonly mode?: number;
  readonly data?: string | Buffer;
  /** Size written in the header (default: the data's length). */
  readonly size?: number;
  readonly linkname?: string;
  /** ustar prefix field (only read by extractors when magic is 'ustar'). */
  readonly prefix?: string;
  /** 'ustar' (POSIX, default), 'gnu' or 'none' (v7). */
  readonly magic?: 'ustar' | 'gnu' | 'none';
  /** Stored checksum instead of the right one. */
  readonly checksum?: number;
}

/** A regular file entry. */
export function tarFile(name: string | Buffer, data: string | Buffer = '', mode = 0o644): TarSpec {
  return { name, data, mode, type: '0' };
}

/** A directory entry. */
export function tarDir(name: string): TarSpec {
  return { name, type: '5', mode: 0o755 };
}

/** A pax extended header ('x', or 'g' for global) with these records. */
export function pax(records: Record<string, string>, type: 'x' | 'g' = 'x'): TarSpec {
  return { name: 'PaxHeader/entry', type, data: Buffer.concat(Object.entries(records).map(([k, v]) => paxRecord(k, v))) };
}

/** A GNU long name header ('L') naming the next entry. */
export function gnuLongName(name: string | Buffer): TarSpec {
  return { name: '././@LongLink', type: 'L', data: Buffer.concat([Buffer.from(name), Buffer.from([0])]), magic: 'gnu' };
}

/** `"<len> key=value\n"`, the length counting itself. */
export function paxRecord(key: string, value: string): Buffer {
  const body = Buffer.byteLength(` ${key}=${value}\n`);
  let length = body + 1;
  while (String(length).length + body !== length) length = String(length).length + body;
  return Buffer.from(`${length} ${key}=${value}\n`);
}

/** A 512-byte header block. */
export function tarHeader(spec: TarSpec): Buffer {
  const block = Buffer.alloc(BLOCK);
  const data = Buffer.from(spec.data ?? '');
  Buffer.from(spec.name).copy(block, 0, 0, 100);
  octal(block, 100, 8, spec.mode ?? 0o644);
  octal(block, 108, 8, 1000);
  octal(block, 116, 8, 1000);
  octal(block, 124, 12, spec.size ?? data.length);
  octal(block, 136, 12, 1700000000);
  block.write(spec.type ?? '0', 156, 'latin1');
  if (spec.linkname !== undefined) block.write(spec.linkname, 157, 100, 'utf8');
  const magic = spec.magic ?? 'ustar';
  if (magic === 'ustar') block.write('ustar\x0000', 257, 'latin1');
  if (magic === 'gnu') block.write('ustar  \0', 257, 'latin1');
  if (spec.prefix !== undefined) block.write(spec.prefix, 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${(spec.checksum ?? sum).toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

/** Header, data and padding of each entry, then (unless `end: false`) the end marker and record padding. */
export function tar(specs: readonly TarSpec[], options: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const spec of specs) {
    const data = Buffer.from(spec.data ?? '');
    parts.push(tarHeader(spec), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  if (options.end !== false) {
    const length = parts.reduce((n, p) => n + p.length, 0) + 2 * BLOCK;
    parts.push(Buffer.alloc(Math.ceil(length / (20 * BLOCK)) * 20 * BLOCK - length + 2 * BLOCK));
  }
  return Buffer.concat(parts);
}

/** {@link tar}, gzip-compressed. */
export function targz(specs: readonly TarSpec[], options: { end?: boolean } = {}): Buffer {
  return gzipSync(tar(specs, options));
}

function octal(block: Buffer, offset: number, width: number, value: number): void {
  block.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'latin1');
}

/** One zip entry. Overrides write the same value into the local and the central header unless noted. */
export interface ZipSpec {
  readonly name: string | Buffer;
  readonly data?: string | Buffer;
  /** 0 stored, 8 deflate (default for non-empty files), or anything else (data then stored). */
  readonly method?: number;
  /** Unix mode with type bits (default 0100644, or 040755 for names ending in /). */
  readonly mode?: number;
  /** Host system in "version made by" (default 3, Unix). */
  readonly host?: number;
  /** Low 16 bits of the external attributes (MS-DOS attributes; 0x10 = directory). */
  readonly dosAttributes?: number;
  readonly flags?: number;
  readonly crc?: number;
  /** Unpacked size written in the headers. */
  readonly size?: number;
  /** Compressed size written in the headers. */
  readonly compressedSize?: number;
  /** Raw bytes stored as the entry's data instead of compressing `data`. */
  readonly compressed?: Buffer;
  /** Sizes and CRC in a data descriptor after the data (zeros in the local header). */
  readonly descriptor?: boolean;
  /** A different name in the local header. */
  readonly localName?: string;
  /** Central directory offset of the local header, instead of the real one. */
  readonly localOffset?: number;
}

interface Central {
  spec: ZipSpec;
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
}

/** A zip of `specs`; `truncateEnd` drops the end record, `zip64Locator` adds a zip64 locator before it. */
export function zip(specs: readonly ZipSpec[], options: { end?: boolean; zip64Locator?: boolean; comment?: string } = {}): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer): void => {
    parts.push(b);
    offset += b.length;
  };
  const centrals: Central[] = [];
  for (const spec of specs) {
    const name = Buffer.from(spec.name);
    const data = Buffer.from(spec.data ?? '');
    const method = spec.method ?? (data.length > 0 ? 8 : 0);
    const body = spec.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const c: Central = {
      spec,
      name,
      method,
      crc: spec.crc ?? crc32(data) >>> 0,
      size: spec.size ?? data.length,
      compressedSize: spec.compressedSize ?? body.length,
      offset,
    };
    centrals.push(c);
    const flags = (spec.flags ?? 0) | (spec.descriptor ? 8 : 0);
    const localName = spec.localName === undefined ? name : Buffer.from(spec.localName);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(spec.descriptor ? 0 : c.crc, 14);
    local.writeUInt32LE(spec.descriptor ? 0 : c.compressedSize, 18);
    local.writeUInt32LE(spec.descriptor ? 0 : c.size, 22);
    local.writeUInt16LE(localName.length, 26);
    push(Buffer.concat([local, localName, body]));
    if (spec.descriptor) {
      const d = Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(c.crc, 4);
      d.writeUInt32LE(c.compressedSize, 8);
      d.writeUInt32LE(c.size, 12);
      push(d);
    }
  }
  const cdStart = offset;
  for (const c of centrals) {
    const { spec } = c;
    const directory = c.name.toString().endsWith('/');
    const mode = spec.mode ?? (directory ? 0o40755 : 0o100644);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(((spec.host ?? 3) << 8) | 20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE((spec.flags ?? 0) | (spec.descriptor ? 8 : 0), 8);
    header.writeUInt16LE(c.method, 10);
    header.writeUInt32LE(c.crc, 16);
    header.writeUInt32LE(c.compressedSize, 20);
    header.writeUInt32LE(c.size, 24);
    header.writeUInt16LE(c.name.length, 28);
    header.writeUInt32LE(((mode << 16) | (spec.dosAttributes ?? (directory ? 0x10 : 0))) >>> 0, 38);
    header.writeUInt32LE(spec.localOffset ?? c.offset, 42);
    push(Buffer.concat([header, c.name]));
  }
  const cdSize = offset - cdStart;
  if (options.zip64Locator) {
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    push(locator);
  }
  if (options.end !== false) {
    const comment = Buffer.from(options.comment ?? '');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(centrals.length, 8);
    end.writeUInt16LE(centrals.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdStart, 16);
    end.writeUInt16LE(comment.length, 20);
    push(Buffer.concat([end, comment]));
  }
  return Buffer.concat(parts);
}
