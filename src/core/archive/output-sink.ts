import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Where archive bytes go: written in order, hashed and counted in the same pass. */
export class OutputSink {
  private readonly hash = createHash('sha256');
  private written = 0;

  constructor(private readonly handle: FileHandle) {}

  /** Append bytes. */
  async write(data: Buffer): Promise<void> {
    if (data.length === 0) return;
    this.hash.update(data);
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
    this.written += data.length;
  }

  /** Bytes written so far (the offset of the next write). */
  get size(): number {
    return this.written;
  }

  /** SHA-256 hex of everything written; call once, at the end. */
  digestHex(): string {
    return this.hash.digest('hex');
  }
}
