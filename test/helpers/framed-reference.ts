import { createHash } from 'node:crypto';

/** A file of the tree: text (hashed as its UTF-8 bytes) or raw bytes. */
export type ReferenceFile = string | Uint8Array;

/**
 * The framed directory checksum ("attune-pack-file-v1") as the compat README (summarised in README.md, "Two checksums, two install sources")
 * defines it, written out here independently of src/: the oracle tests state expected values
 * with. For each file, in UTF-8 byte order of its `/`-separated path: the tag, the path's byte
 * length (u64 big-endian), the path, the content's byte length (u64 big-endian), the content;
 * all into one SHA-256, written `sha256:<hex>`. An empty tree is the SHA-256 of nothing.
 * Never import src/ here: a shared mistake would then agree with itself.
 */
export function framedChecksum(files: Readonly<Record<string, ReferenceFile>>): string {
  const entries = Object.entries(files).map(([path, content]) => [Buffer.from(path, 'utf8'), typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)] as const);
  entries.sort((a, b) => Buffer.compare(a[0], b[0]));
  const u64 = (n: number): Buffer => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
  };
  const hash = createHash('sha256');
  for (const [path, content] of entries) hash.update(Buffer.concat([Buffer.from('attune-pack-file-v1'), u64(path.length), path, u64(content.length), content]));
  return `sha256:${hash.digest('hex')}`;
}
