import { crc32 } from 'node:zlib';
import { ParallelDeflater } from './parallel-deflate.js';
import type { WriteFn } from './parallel-deflate.js';

/**
 * A fixed gzip header: no file name, no timestamp (MTIME 0), no extra flags, and OS 3
 * (Unix) whatever the platform, so the same input gives the same bytes everywhere (like gzip -n).
 */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);

/** A single-member gzip stream whose DEFLATE body is compressed on several threads. */
export class GzipWriter {
  private readonly deflater: ParallelDeflater;
  private crc = 0;
  private length = 0;
  private started = false;

  constructor(
    private readonly write: WriteFn,
    level = 6,
  ) {
    this.deflater = new ParallelDeflater(write, level);
  }

  /** Add uncompressed bytes. */
  async push(data: Buffer): Promise<void> {
    await this.start();
    this.crc = crc32(data, this.crc);
    this.length += data.length;
    await this.deflater.push(data);
  }

  /** Finish the DEFLATE stream and write the CRC-32 and length trailer. */
  async finish(): Promise<void> {
    await this.start();
    await this.deflater.finish();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.length % 2 ** 32, 4);
    await this.write(trailer);
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.write(HEADER);
  }
}
