import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Writes are gathered up to this size: thousands of tiny zip headers must not each cost a syscall. */
const BATCH = 1 << 20;

/** Where archive bytes go: written in order, hashed and counted in the same pass. */
export class OutputSink {
  private readonly hash = createHash('sha256');
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly handle: FileHandle) {}

  /** Append bytes (buffered; call {@link flush} at the end). */
  async write(data: Buffer): Promise<void> {
    if (data.length === 0) return;
    this.hash.update(data);
    this.written += data.length;
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes >= BATCH) await this.flush();
  }

  /** Write out everything buffered. */
  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
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
