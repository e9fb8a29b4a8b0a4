import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTextAtomic } from '../fs/atomic-file.js';
import { sha256Hex } from '../hash/algorithms.js';

/** What the cache keeps beside a fetched document. */
interface CacheRecord {
  readonly url: string;
  readonly etag?: string;
  /** When the document was last fetched or confirmed current (ms since the epoch). */
  readonly checkedAt: number;
}

/** A cached document: its bytes, ETag and whether it is still within its time to live. */
export interface CachedDocument {
  readonly bytes: Buffer;
  readonly etag?: string;
  readonly fresh: boolean;
}

/**
 * Fetched registry documents on disk, keyed by URL (sha256 of it, so URLs with tokens in a
 * query never become file names): `<key>.json` holds the bytes, `<key>.meta.json` the URL,
 * ETag and time of the last check. Only validated documents are stored; writes are atomic,
 * and a damaged entry reads as a miss.
 */
export class IndexCache {
  constructor(
    private readonly dir: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached copy of `url`, or undefined. */
  async read(url: string): Promise<CachedDocument | undefined> {
    const base = this.base(url);
    try {
      const record = JSON.parse(await readFile(`${base}.meta.json`, 'utf8')) as CacheRecord;
      if (record.url !== url) return undefined;
      const bytes = await readFile(`${base}.json`);
      return { bytes, etag: record.etag, fresh: this.now() - record.checkedAt < this.ttlSeconds * 1000 };
    } catch {
      return undefined;
    }
  }

  /** Store a validated document (the bytes first, so the record never points at missing bytes). */
  async write(url: string, bytes: Buffer, etag: string | undefined): Promise<void> {
    const base = this.base(url);
    await writeTextAtomic(`${base}.json`, bytes.toString('utf8'), 'index cache file');
    await this.touch(url, etag);
  }

  /** The server confirmed the cached copy (304): it is fresh again. */
  async touch(url: string, etag: string | undefined): Promise<void> {
    const record: CacheRecord = { url, ...(etag ? { etag } : {}), checkedAt: this.now() };
    await writeTextAtomic(`${this.base(url)}.meta.json`, `${JSON.stringify(record)}\n`, 'index cache file');
  }

  private base(url: string): string {
    return join(this.dir, sha256Hex(url));
  }
}
