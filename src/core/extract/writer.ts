import { chmod, mkdir } from 'node:fs/promises';
import { fsInputError } from '../errors.js';
import { gather } from '../stream/gather.js';
import { WorkPool } from '../stream/work-pool.js';
import { refuseEntry } from './entry.js';
import { FileJob, writeNewFileSync } from './file-job.js';
import { resolveInside } from './names.js';

/**
 * Files up to this size are read whole into memory and written at once, synchronously;
 * larger ones are written as they stream in, in the background. Packs are mostly small
 * files: each costs four system calls of a few microseconds (open, write, chmod, close),
 * and through the thread pool every one of them would be a round trip between threads
 * that costs more than the call itself (tar writes this way too).
 */
export const SMALL_FILE = 1 << 20;
/** Large files whose last writes, mode and close may be finishing in the background at once. */
const LARGE_FILES_FINISHING = 4;

/**
 * Creates files and folders strictly inside one new folder. Every path is checked with
 * {@link resolveInside} before anything is created; files are opened with `wx` (exclusive
 * create: never through an existing file or link) and get mode 0644 or 0755 whatever the
 * archive or the umask says; folders get 0755. Nothing here ever creates a link, so no path
 * component below the root can lead elsewhere.
 *
 * {@link queueFile} returns once a file's content has been read: a large file's writes go on
 * in the background while the next entries are read. Call {@link finish} to wait for all of
 * them (and see the first failure), or, after a failure, {@link abandon} before removing the
 * target, so that nothing is still being written into it.
 */
export class SafeWriter {
  /** Folders created or being created, by `/`-joined segments: files being written share one mkdir. */
  private readonly made = new Map<string, Promise<void>>();
  private readonly background = new WorkPool(LARGE_FILES_FINISHING);
  /** Files open for writing, so {@link abandon} can close any whose completion never started. */
  private readonly open = new Set<FileJob>();

  constructor(
    /** The target folder, already created, as a real path (no symbolic links). */
    private readonly root: string,
    private readonly archive: string,
  ) {}

  /** A folder and any missing parents. `name` is the entry's name, for messages. */
  async directory(name: string, segments: readonly string[]): Promise<void> {
    await this.folders(name, segments);
  }

  /** A file with its content streamed in, completely written when this resolves; returns the bytes written. */
  async file(name: string, segments: readonly string[], executable: boolean, content: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<number> {
    const job = await this.stream(name, segments, content);
    await this.complete(job, name, executable);
    return job.written;
  }

  /**
   * A file whose content is read now: resolves (with the byte count) once `content` is
   * consumed. A small file is written by then; a large one may still be being written, and a
   * failure to write it is thrown by a later call or by {@link finish}.
   */
  async queueFile(name: string, segments: readonly string[], executable: boolean, content: AsyncIterable<Buffer>): Promise<number> {
    const head = await gather(content, SMALL_FILE);
    if (head.whole !== undefined) {
      await this.folders(name, segments.slice(0, -1));
      const path = this.inside(name, segments);
      try {
        writeNewFileSync(path, head.whole, modeFor(executable));
      } catch (error) {
        throw this.failure(error, name, path);
      }
      return head.whole.length;
    }
    const job = await this.stream(name, segments, head.rest);
    // The job is in `open`: if this add throws (an earlier failure), abandon() closes it.
    await this.background.add(() => this.complete(job, name, executable));
    return job.written;
  }

  /** Wait until every queued file is written; throws the first failure. */
  async finish(): Promise<void> {
    await this.background.drain();
  }

  /** After a failure: wait for every write under way to settle and close every file. Never throws. */
  async abandon(): Promise<void> {
    await this.background.settle();
    for (const job of this.open) await job.abort();
    this.open.clear();
  }

  /** Create the file and start writing `content` into it; resolves once `content` is consumed. */
  private async stream(name: string, segments: readonly string[], content: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<FileJob> {
    await this.folders(name, segments.slice(0, -1));
    const path = this.inside(name, segments);
    let job: FileJob;
    try {
      job = await FileJob.create(path);
    } catch (error) {
      throw this.failure(error, name, path);
    }
    this.open.add(job);
    try {
      for await (const chunk of content) await job.write(chunk);
    } catch (error) {
      await job.abort();
      this.open.delete(job);
      throw this.failure(error, name, path);
    }
    return job;
  }

  private async complete(job: FileJob, name: string, executable: boolean): Promise<void> {
    try {
      await job.complete(modeFor(executable));
    } catch (error) {
      throw this.failure(error, name, job.path);
    } finally {
      this.open.delete(job);
    }
  }

  private async folders(name: string, segments: readonly string[]): Promise<void> {
    for (let i = 1; i <= segments.length; i++) {
      const key = segments.slice(0, i).join('/');
      let made = this.made.get(key);
      if (made === undefined) {
        made = this.makeFolder(name, segments.slice(0, i));
        // Every file below shares this promise; a failure stays recorded for them too.
        made.catch(() => undefined);
        this.made.set(key, made);
      }
      await made;
    }
  }

  private async makeFolder(name: string, segments: readonly string[]): Promise<void> {
    const path = this.inside(name, segments);
    try {
      await mkdir(path);
      await chmod(path, 0o755);
    } catch (error) {
      throw this.failure(error, name, path);
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

/** 0644, or 0755 when any execute bit was set: nothing else of an archive's mode survives. */
function modeFor(executable: boolean): number {
  return executable ? 0o755 : 0o644;
}
