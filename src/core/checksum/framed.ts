import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { InputError, InternalError } from '../errors.js';
import type { Digest } from '../hash/algorithms.js';
import type { PackTree, TreeFile } from '../tree/tree.js';
import { comparePathBytes } from '../tree/tree.js';

/** The 19-byte tag that opens every file frame ("attune-pack-file-v1"). */
export const FRAME_TAG = Buffer.from('attune-pack-file-v1', 'ascii');

/** Summary of a hashed tree. */
export interface TreeDigest extends Digest {
  readonly algorithm: 'sha256';
  /** Regular files hashed. */
  readonly files: number;
  /** Total content bytes. */
  readonly bytes: number;
}

/**
 * Incremental framed directory checksum ("attune-pack-file-v1"): for each file, in UTF-8
 * byte order of paths, SHA-256 over tag, u64be path length, path, u64be content length,
 * content. Used directly by the archive builder so one pass both archives and hashes.
 */
export class FramedHasher {
  private readonly hash: Hash = createHash('sha256');
  private previous: Buffer | undefined;
  private files = 0;
  private bytes = 0;

  /** Start a file's frame. Files must arrive in strictly increasing path-byte order. */
  begin(file: Pick<TreeFile, 'path' | 'pathBytes' | 'size'>): void {
    if (this.previous && comparePathBytes(this.previous, file.pathBytes) >= 0) {
      throw new InternalError(`tree files out of order or repeated at ${file.path}`);
    }
    this.previous = file.pathBytes;
    const header = Buffer.allocUnsafe(FRAME_TAG.length + 8);
    FRAME_TAG.copy(header, 0);
    header.writeBigUInt64BE(BigInt(file.pathBytes.length), FRAME_TAG.length);
    this.hash.update(header);
    this.hash.update(file.pathBytes);
    const size = Buffer.allocUnsafe(8);
    size.writeBigUInt64BE(BigInt(file.size));
    this.hash.update(size);
    this.files += 1;
  }

  /** Feed content bytes of the current file. */
  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /** The checksum of everything fed so far; the hasher is finished afterwards. */
  digest(): TreeDigest {
    return { algorithm: 'sha256', hex: this.hash.digest('hex'), files: this.files, bytes: this.bytes };
  }
}

/** Framed directory checksum of a pack tree, streamed file by file. */
export async function treeDigest(tree: PackTree): Promise<TreeDigest> {
  const hasher = new FramedHasher();
  for await (const file of tree.files()) {
    hasher.begin(file);
    let seen = 0;
    for await (const chunk of file.content()) {
      hasher.update(chunk);
      seen += chunk.length;
    }
    if (seen !== file.size) {
      throw new InputError(`${tree.origin}: ${file.path} has ${seen} bytes but was listed with ${file.size}; it changed while being read`);
    }
  }
  return hasher.digest();
}
