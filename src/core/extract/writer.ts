import { chmod, mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { fsInputError } from '../errors.js';
import { refuseEntry } from './entry.js';
import { resolveInside } from './names.js';

/**
 * Creates files and folders strictly inside one new folder. Every path is checked with
 * {@link resolveInside} before anything is created; files are opened with `wx` (exclusive
 * create: never through an existing file or link) and get mode 0644 or 0755 whatever the
 * archive or the umask says; folders get 0755. Nothing here ever creates a link, so no path
 * component below the root can lead elsewhere.
 */
export class SafeWriter {
  /** Folders created so far, as `/`-joined segments. */
  private readonly made = new Set<string>();

  constructor(
    /** The target folder, already created, as a real path (no symbolic links). */
    private readonly root: string,
    private readonly archive: string,
  ) {}

  /** A folder and any missing parents. `name` is the entry's name, for messages. */
  async directory(name: string, segments: readonly string[]): Promise<void> {
    await this.folders(name, segments);
  }

  /** A file with its content streamed in; returns the bytes written. */
  async file(name: string, segments: readonly string[], executable: boolean, content: AsyncIterable<Buffer>): Promise<number> {
    await this.folders(name, segments.slice(0, -1));
    const path = this.inside(name, segments);
    let handle: FileHandle;
    try {
      handle = await open(path, 'wx', 0o600);
    } catch (error) {
      throw this.failure(error, name, path);
    }
    let written = 0;
    try {
      for await (const chunk of content) {
        await writeAll(handle, chunk, path);
        written += chunk.length;
      }
      await handle.chmod(executable ? 0o755 : 0o644);
    } catch (error) {
      throw this.failure(error, name, path);
    } finally {
      await handle.close();
    }
    return written;
  }

  private async folders(name: string, segments: readonly string[]): Promise<void> {
    for (let i = 1; i <= segments.length; i++) {
      const key = segments.slice(0, i).join('/');
      if (this.made.has(key)) continue;
      const path = this.inside(name, segments.slice(0, i));
      try {
        await mkdir(path);
        await chmod(path, 0o755);
      } catch (error) {
        throw this.failure(error, name, path);
      }
      this.made.add(key);
    }
  }

  private inside(name: string, segments: readonly string[]): string {
    const path = resolveInside(this.root, segments);
    if (path === undefined) throw refuseEntry(this.archive, name, `resolves outside the target folder ${this.root}`);
    return path;
  }

  /** Errors the archive causes are integrity errors; the rest (disk full, permissions) are about the target. */
  private failure(error: unknown, name: string, path: string): Error {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    // The name checks make these impossible on a plain local file system; keep them the archive's fault.
    if (code === 'EEXIST') return refuseEntry(this.archive, name, `would overwrite ${path}, which an earlier entry created (the file system may ignore case)`, { cause: error });
    if (code === 'ENAMETOOLONG') return refuseEntry(this.archive, name, 'has a name too long for this file system', { cause: error });
    return fsInputError(error, 'extracted file', path);
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer, path: string): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    if (bytesWritten === 0) throw new Error(`could not write to ${path}`);
    offset += bytesWritten;
  }
}
