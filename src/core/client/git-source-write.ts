import { chmod, mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FramedHasher } from '../checksum/framed.js';
import type { TreeDigest } from '../checksum/framed.js';
import { fsInputError, InputError } from '../errors.js';
import type { PackTree, TreeFile } from '../tree/tree.js';

/**
 * Write every file of `tree` below the existing, empty folder `root` and hash it with the
 * framed checksum in the same pass, so the checksum describes exactly the bytes written.
 * Files get 0644, or 0755 when executable, whatever the umask; folders 0755. Files are
 * created exclusively (`wx`) and no link is ever made, so nothing lands outside `root`.
 */
export async function writePackTree(tree: PackTree, root: string): Promise<TreeDigest> {
  const hasher = new FramedHasher();
  const made = new Set<string>();
  let previous: Buffer | undefined;
  for await (const file of tree.files()) {
    const segments = checkedSegments(tree.origin, file.path);
    // gitTree sorts, so a repeat comes right after its twin (a hand-made tree object can repeat a name).
    if (previous?.equals(file.pathBytes)) throw new InputError(`${tree.origin}: ${quote(file.path)} is listed twice in the tree; the repository is corrupt or hand-crafted`);
    previous = file.pathBytes;
    hasher.begin(file);
    for (let i = 1; i < segments.length; i++) await folder(root, segments.slice(0, i), made);
    await writeFile(tree.origin, file, inside(root, tree.origin, file.path, segments), (chunk) => hasher.update(chunk));
  }
  return hasher.digest();
}

/**
 * Why a tracked path must not be written, or undefined when it may: a part that climbs out
 * of the folder or plants git metadata. git refuses such entries on checkout but lists
 * them, and a hand-made tree object can hold them.
 */
export function trackedPathProblem(path: string): string | undefined {
  const bad = path.split('/').find((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git' || s.includes('\\') || s.includes('\0'));
  if (bad === undefined) return undefined;
  return `the tracked path ${quote(path)} has the part ${quote(bad)}, which could write outside the pack folder or into git metadata; refusing to install it`;
}

function checkedSegments(origin: string, path: string): string[] {
  const problem = trackedPathProblem(path);
  if (problem) throw new InputError(`${origin}: ${problem}`);
  return path.split('/');
}

async function folder(root: string, segments: readonly string[], made: Set<string>): Promise<void> {
  const key = segments.join('/');
  if (made.has(key)) return;
  const path = resolve(root, ...segments);
  try {
    await mkdir(path);
    await chmod(path, 0o755);
  } catch (error) {
    throw fsInputError(error, 'pack folder', path);
  }
  made.add(key);
}

async function writeFile(origin: string, file: TreeFile, path: string, hash: (chunk: Buffer) => void): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    throw fsInputError(error, 'pack file', path);
  }
  let written = 0;
  try {
    for await (const chunk of file.content()) {
      hash(chunk);
      await writeAll(handle, chunk);
      written += chunk.length;
    }
    await handle.chmod(file.executable ? 0o755 : 0o644);
  } catch (error) {
    throw fsInputError(error, 'pack file', path);
  } finally {
    await handle.close();
  }
  if (written !== file.size) throw new InputError(`${origin}: ${quote(file.path)} has ${written} bytes but was listed with ${file.size}; the repository may be corrupt`);
}

/** The absolute path of `segments` below `root`; a second guard behind {@link checkedSegments}. */
function inside(root: string, origin: string, path: string, segments: readonly string[]): string {
  const target = resolve(root, ...segments);
  const rel = relative(root, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new InputError(`${origin}: the tracked path ${quote(path)} resolves outside the pack folder`);
  return target;
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    if (bytesWritten === 0) throw new Error('the file system accepted no bytes');
    offset += bytesWritten;
  }
}

function quote(text: string): string {
  return JSON.stringify(text);
}
