import { UsageError } from '../errors.js';
import { refuseArchive, refuseEntry } from './entry.js';

/** Bounds on what one archive may unpack to. */
export interface ExtractLimits {
  /** Most entries (files and folders) an archive may hold. */
  readonly maxEntries: number;
  /** Most bytes an archive may unpack to. */
  readonly maxBytes: number;
  /** Most bytes unpacked per byte of archive file: anything above is a compression bomb. */
  readonly maxRatio: number;
}

/** 20 000 entries, 1 GiB, 1000:1 — far above any real pack, far below a full disk. */
export const DEFAULT_LIMITS: ExtractLimits = Object.freeze({ maxEntries: 20_000, maxBytes: 1 << 30, maxRatio: 1000 });

/** The defaults with `overrides` applied, each checked to be a positive whole number. */
export function resolveLimits(overrides: Partial<ExtractLimits> = {}): ExtractLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`extract limit ${key} must be a positive whole number, not ${String(value)}`);
  }
  return limits;
}

/**
 * Counts entries and unpacked bytes for one archive and throws the moment a limit is
 * passed. Bytes are counted as they come out of the decompressor, before anything is
 * written, so a bomb stops within one chunk of the limit whatever its headers claim.
 * For a tar.gz every byte of the tar stream counts (headers and padding too, so a bomb made
 * of skipped metadata is stopped as well); for a zip, every byte of every entry's data.
 */
export class ExtractBudget {
  /** The byte limit that applies: maxBytes, or maxRatio × the archive size if smaller. */
  readonly maxUnpacked: number;
  private readonly byRatio: boolean;
  private entries = 0;
  private unpacked = 0;

  constructor(
    private readonly archive: string,
    private readonly limits: ExtractLimits,
    private readonly archiveSize: number,
  ) {
    // An empty file still gets the bytes of one block, so "0 × ratio" cannot refuse everything.
    const byRatio = limits.maxRatio * Math.max(archiveSize, 512);
    this.byRatio = byRatio < limits.maxBytes;
    this.maxUnpacked = Math.min(byRatio, limits.maxBytes);
  }

  /** Count one entry (file or folder) named `name`. */
  addEntry(name: string): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw refuseEntry(this.archive, name, `is entry number ${this.entries}, past the limit of ${this.limits.maxEntries} entries (maxEntries)`, {
        expected: `at most ${this.limits.maxEntries} entries`,
        actual: `more than ${this.limits.maxEntries}`,
      });
    }
  }

  /** Count `n` unpacked bytes, while unpacking `name` (undefined between entries). */
  addBytes(n: number, name: string | undefined): void {
    this.unpacked += n;
    if (this.unpacked <= this.maxUnpacked) return;
    const detail = { expected: `at most ${this.maxUnpacked} bytes`, actual: `${this.unpacked} bytes so far` };
    const problem = `unpacks past ${this.describeLimit()}`;
    throw name === undefined ? refuseArchive(this.archive, problem, detail) : refuseEntry(this.archive, name, problem, detail);
  }

  /** Refuse up front when the sizes an archive declares already pass the limit (the stream is still counted). */
  checkDeclared(total: number): void {
    if (total <= this.maxUnpacked) return;
    throw refuseArchive(this.archive, `declares ${total} bytes of content in its central directory, more than ${this.describeLimit()}`, {
      expected: `at most ${this.maxUnpacked} bytes`,
      actual: `${total} bytes`,
    });
  }

  /** Pass chunks through, counting each before it is handed on. */
  async *counted(source: AsyncIterable<Buffer>, name: () => string | undefined): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      this.addBytes(chunk.length, name());
      yield chunk;
    }
  }

  private describeLimit(): string {
    if (this.byRatio) {
      return `${this.maxUnpacked} bytes, ${this.limits.maxRatio} times the archive's ${this.archiveSize} bytes (maxRatio): a compression bomb`;
    }
    return `the limit of ${this.maxUnpacked} bytes (maxBytes)`;
  }
}
