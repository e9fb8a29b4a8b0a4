/**
 * A pack tree: the regular files of a pack, in the order the framed checksum and the
 * archives use (UTF-8 bytes of the relative path). Sources are the file system
 * ({@link ./fs-tree.ts}) and a git commit ({@link ./git-tree.ts}).
 */

/** One regular file of a pack tree. */
export interface TreeFile {
  /** Path relative to the pack root, with `/` separators. */
  readonly path: string;
  /** `path` as UTF-8: the sort key and what the checksum frames. */
  readonly pathBytes: Buffer;
  /** Content length in bytes, known before the content is read (the checksum frames it first). */
  readonly size: number;
  /** Whether any executable bit is set (the only mode bit archives keep). */
  readonly executable: boolean;
  /**
   * The content, in chunks. Streaming sources (git) allow this only once, and only
   * before the next file is requested.
   */
  content(): AsyncIterable<Buffer>;
}

/** A sequence of files sorted by {@link TreeFile.pathBytes}. */
export interface PackTree {
  /** Where the files come from, for messages: "directory ./x", "commit abc123 of /repo". */
  readonly origin: string;
  /** The files, sorted by UTF-8 path bytes. Each call starts a fresh pass. */
  files(): AsyncIterable<TreeFile>;
}

/** Order of two paths by their UTF-8 bytes (JavaScript's default sort uses UTF-16 units). */
export function comparePathBytes(a: Buffer, b: Buffer): number {
  return Buffer.compare(a, b);
}
