// Independent answers to check both sides' results against: the framed directory checksum
// (attune-pack-file-v1, written here from the format description, not from src/) and the
// plain concatenation hash the reference pipeline computes; and extraction of archives
// with the real tar/unzip; deep equality of parsed JSON for the index checks.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const TAG = Buffer.from('attune-pack-file-v1', 'ascii');

/** Regular files under root (relative `/` paths), sorted by UTF-8 bytes; `.git` left out. */
export function listFiles(root) {
  const out = [];
  const visit = (rel) => {
    for (const entry of readdirSync(rel === '' ? root : join(root, rel), { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) out.push(path);
      else throw new Error(`${join(root, path)} is not a regular file or directory`);
    }
  };
  visit('');
  return out
    .map((path) => ({ path, bytes: Buffer.from(path, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes));
}

/**
 * One pass over a tree: the framed checksum (`sha256:<hex>`), the SHA-256 of all contents
 * concatenated in path-byte order (what `find | sort | xargs cat | openssl` prints), the
 * file count and the total bytes.
 */
export function treeHashes(root) {
  const framed = createHash('sha256');
  const concat = createHash('sha256');
  const files = listFiles(root);
  let bytes = 0;
  const u64 = (n) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
  };
  for (const file of files) {
    const content = readFileSync(join(root, file.path));
    framed.update(TAG).update(u64(file.bytes.length)).update(file.bytes).update(u64(content.length)).update(content);
    concat.update(content);
    bytes += content.length;
  }
  return { framed: `sha256:${framed.digest('hex')}`, concat: concat.digest('hex'), files: files.length, bytes };
}

/** SHA-256 hex of a file's bytes. */
export function fileSha256(path) {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(8 << 20);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Extract an archive with the real tool into a scratch directory and return the framed
 * checksum of what it holds below `inside` ('' for the archive root), plus the top-level names.
 */
export function extractedTree(archive, format, scratch, inside) {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    const [cmd, args] = format === 'zip' ? ['unzip', ['-q', archive, '-d', scratch]] : ['tar', ['-xzf', archive, '-C', scratch]];
    const run = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().slice(-2000)}`);
    const top = readdirSync(scratch).sort();
    return { top, ...treeHashes(inside === '' ? scratch : join(scratch, inside)) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Deep equality of parsed JSON values; object key order does not matter, array order does. */
export function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}
