import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { WorkPool } from '../stream/work-pool.js';

/**
 * One file being written: created with `wx` (exclusive: never through an existing file or
 * link) and mode 0600 until complete, its chunks written at their offsets in the
 * background, then given its final mode and closed. The handle is closed exactly
 * once, by {@link complete} or {@link abort}, and only after every write has settled.
 */
export class FileJob {
  /**
   * One write at a time, in the background: the next chunk is read (and inflated) while one
   * is written; two writes to one file at once would only contend for its lock.
   */
  private readonly writes = new WorkPool(1);
  private size = 0;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /** Create `path`, which must not exist. Errors are the file system's (EEXIST, ENOENT, ...). */
  static async create(path: string): Promise<FileJob> {
    return new FileJob(await open(path, 'wx', 0o600), path);
  }

  /** Bytes handed to {@link write} so far. */
  get written(): number {
    return this.size;
  }

  /**
   * Start writing `chunk` after the bytes before it; returns once it is under way (waiting
   * for the write before it). The caller must not change `chunk` afterwards.
   */
  async write(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    const at = this.size;
    this.size += chunk.length;
    await this.writes.add(() => writeAllAt(this.handle, chunk, at, this.path));
  }

  /** Wait for every write, set the final mode (not subject to the umask), and close. */
  async complete(mode: number): Promise<void> {
    try {
      await this.writes.drain();
      await this.handle.chmod(mode);
    } catch (error) {
      await this.abort();
      throw error;
    }
    // A failed close can be a late write error (network file systems): it must not be lost.
    this.closed = true;
    await this.handle.close();
  }

  /** Wait for the writes under way to settle and close; never throws. Safe to call twice. */
  async abort(): Promise<void> {
    await this.writes.settle();
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
  }
}

/** Write all of `chunk` at `position` (a write may be partial). */
async function writeAllAt(handle: FileHandle, chunk: Buffer, position: number, path: string): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, position + offset);
    if (bytesWritten === 0) throw new Error(`could not write to ${path}`);
    offset += bytesWritten;
  }
}

/**
 * Create `path` (which must not exist: `wx`, mode 0600 until complete), write all of `data`
 * and give it `mode` (not subject to the umask), synchronously. Errors are the file
 * system's; the file is closed in any case.
 */
export function writeNewFileSync(path: string, data: Buffer, mode: number): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    let offset = 0;
    while (offset < data.length) {
      const written = writeSync(fd, data, offset, data.length - offset, offset);
      if (written === 0) throw new Error(`could not write to ${path}`);
      offset += written;
    }
    fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}
