/**
 * A minimal, deterministic ustar writer. Every header is built from the path, size and
 * executable bit alone: fixed mtime, uid/gid 0, no user or group names, so archives do not
 * depend on who built them or when. Paths that do not fit ustar's name/prefix fields, or
 * are not ASCII, also get a POSIX pax `path` record (which readers prefer when present).
 */

const BLOCK = 512;
/** GNU tar and git archive pad the archive to 20-block records; so do we, for strict readers. */
const RECORD = 20 * BLOCK;
const MAX_OCTAL_SIZE = 0o77777777777;

/** Where tar bytes go. */
export type TarSink = (data: Buffer) => Promise<void>;

/** Streams tar entries to a sink. */
export class TarWriter {
  private written = 0;

  constructor(
    private readonly sink: TarSink,
    private readonly mtime: number,
  ) {}

  /** A directory entry; `path` ends with `/`. */
  async directory(path: string): Promise<void> {
    await this.header(path, 0, 0o755, '5');
  }

  /** A regular file: header, then the content chunks, then padding to the block size. */
  async file(path: string, size: number, executable: boolean, content: AsyncIterable<Buffer>): Promise<void> {
    await this.header(path, size, executable ? 0o755 : 0o644, '0');
    let seen = 0;
    for await (const chunk of content) {
      seen += chunk.length;
      if (seen > size) break;
      await this.emit(chunk);
    }
    if (seen !== size) throw new Error(`${path}: expected ${size} bytes, read ${seen}`);
    await this.pad();
  }

  /** The end-of-archive marker and record padding. */
  async finish(): Promise<void> {
    const end = 2 * BLOCK;
    const total = this.written + end;
    const padded = Math.ceil(total / RECORD) * RECORD;
    await this.emit(Buffer.alloc(padded - this.written));
  }

  private async header(path: string, size: number, mode: number, type: string): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    const split = splitUstar(name);
    const needsPax = split === undefined || !isAscii(name) || size > MAX_OCTAL_SIZE;
    if (needsPax) await this.pax(path, size);
    const block = Buffer.alloc(BLOCK);
    const [prefix, base] = split ?? [Buffer.alloc(0), name.subarray(0, 100)];
    base.copy(block, 0);
    octal(block, 100, 8, mode);
    octal(block, 108, 8, 0); // uid
    octal(block, 116, 8, 0); // gid
    octal(block, 124, 12, Math.min(size, MAX_OCTAL_SIZE));
    octal(block, 136, 12, this.mtime);
    block.write(type, 156, 'ascii');
    block.write('ustar\x0000', 257, 'ascii');
    octal(block, 329, 8, 0); // devmajor
    octal(block, 337, 8, 0); // devminor
    prefix.copy(block, 345);
    checksum(block);
    await this.emit(block);
  }

  /** A pax extended header carrying the exact path (and size when it exceeds ustar's field). */
  private async pax(path: string, size: number): Promise<void> {
    let records = paxRecord('path', path);
    if (size > MAX_OCTAL_SIZE) records = Buffer.concat([records, paxRecord('size', String(size))]);
    const block = Buffer.alloc(BLOCK);
    block.write('PaxHeader', 0, 'ascii');
    octal(block, 100, 8, 0o644);
    octal(block, 108, 8, 0);
    octal(block, 116, 8, 0);
    octal(block, 124, 12, records.length);
    octal(block, 136, 12, this.mtime);
    block.write('x', 156, 'ascii');
    block.write('ustar\x0000', 257, 'ascii');
    octal(block, 329, 8, 0);
    octal(block, 337, 8, 0);
    checksum(block);
    await this.emit(block);
    await this.emit(records);
    await this.pad();
  }

  private async pad(): Promise<void> {
    const rest = this.written % BLOCK;
    if (rest !== 0) await this.emit(Buffer.alloc(BLOCK - rest));
  }

  private async emit(data: Buffer): Promise<void> {
    this.written += data.length;
    await this.sink(data);
  }
}

/** Split a path over ustar's prefix (155) and name (100) fields at a `/`, if it fits. */
function splitUstar(name: Buffer): [Buffer, Buffer] | undefined {
  if (name.length <= 100) return [Buffer.alloc(0), name];
  // A directory's trailing slash stays with the name part.
  for (let i = name.length - 2; i >= 0; i--) {
    if (name[i] !== 0x2f) continue;
    if (i > 155) continue;
    const base = name.subarray(i + 1);
    if (base.length === 0 || base.length > 100) return undefined;
    return [name.subarray(0, i), base];
  }
  return undefined;
}

/** `"<len> key=value\n"`, where len counts the whole record including its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body, 'utf8');
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return Buffer.from(`${length}${body}`, 'utf8');
}

function octal(block: Buffer, offset: number, width: number, value: number): void {
  block.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'ascii');
}

function checksum(block: Buffer): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i];
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
}

function isAscii(bytes: Buffer): boolean {
  for (const b of bytes) if (b > 0x7e || b < 0x20) return false;
  return true;
}
