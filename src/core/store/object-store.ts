/**
 * The object store a registry lives in, as packreg needs it: a directory on disk or an
 * S3-compatible bucket. Keys are relative to the registry root and use `/` separators.
 * Only small JSON objects are read whole; archives are written from a file, streamed.
 */
export interface ObjectStore {
  /** Where the registry is, for messages (`s3://bucket/prefix/` or a path); never secret. */
  readonly location: string;
  /** Fail early, before anything is built or written, if the store cannot be used. */
  check(): Promise<void>;
  /** A small object's bytes and version tag, or undefined when absent. */
  get(key: string): Promise<StoredObject | undefined>;
  /** An object's size and sha256, or undefined when absent. */
  head(key: string): Promise<ObjectHead | undefined>;
  /** Every key under `prefix` (relative to the registry root). */
  list(prefix: string): AsyncIterable<string>;
  /**
   * Write `key` only if it does not exist (S3 `If-None-Match: *`, exclusive create on disk).
   * `exists` leaves the present object untouched. Stores that ignore conditional headers may
   * still overwrite, so callers verify afterwards.
   */
  create(key: string, body: PutBody, options: PutOptions): Promise<'created' | 'exists'>;
  /**
   * Compare-and-swap: replace `key` only if its current tag is `tag` (undefined: only if it
   * is absent). Returns false when the precondition failed. Stores that ignore conditions
   * may return true anyway, so callers re-read and repeat until the content is right.
   */
  replace(key: string, bytes: Buffer, tag: string | undefined, options: PutOptions): Promise<boolean>;
}

/** A small object read whole. */
export interface StoredObject {
  readonly bytes: Buffer;
  /** Opaque version tag for {@link ObjectStore.replace} (S3 ETag; a content hash on disk). */
  readonly tag: string;
}

/** What is known about an object without reading it. */
export interface ObjectHead {
  readonly size: number;
  /** Lower-case hex sha256 of the content, when the store knows it. */
  readonly sha256?: string;
}

/** What to upload: bytes in memory (small JSON) or a file streamed from disk. */
export type PutBody = { readonly bytes: Buffer } | { readonly file: string; readonly size: number };

/** How an object is stored and served. */
export interface PutOptions {
  readonly contentType: string;
  readonly cacheControl: string;
  /** Lower-case hex sha256 of the body: the store verifies the upload against it. */
  readonly sha256: string;
}

/** Cache-Control for objects that never change once written (archives, version entries). */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Cache-Control for index files, which change with every release. */
export const INDEX_CACHE = 'public, max-age=60, must-revalidate';
