import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { fsInputError, InputError } from '../errors.js';
import type { PackTree, TreeFile } from './tree.js';
import { comparePathBytes } from './tree.js';

/** Decides whether a path (relative, `/`-separated, directories with a trailing `/`) is left out. */
export type PathFilter = (relativePath: string, isDirectory: boolean) => boolean;

interface FoundFile {
  readonly path: string;
  readonly pathBytes: Buffer;
  readonly absolute: string;
  readonly size: number;
  readonly executable: boolean;
}

/** Chunk size for reading files; files up to this size are read in one call. */
const CHUNK = 1 << 20;

/**
 * The regular files under `root`, excluding any `.git` entry and whatever `exclude` rejects.
 * A symlink, hard link, device, FIFO or socket anywhere in the walked tree is an InputError
 * naming it: Attune packs may not contain them, and hashing or archiving them would make
 * the result depend on the machine.
 */
export function directoryTree(root: string, exclude?: PathFilter): PackTree {
  const listed = walk(root, exclude); // list and check everything before anything is read or written
  return { origin: `directory ${root}`, files: () => readFiles(listed) };
}

/**
 * An InputError unless `path` is an existing directory; `what` names its role. The path
 * itself may be a symlink to a directory (as /tmp is on some systems): only entries inside
 * the pack are held to the no-symlink rule.
 */
export function assertDirectory(path: string, what: string): void {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    throw fsInputError(error, what, path);
  }
  if (!stat.isDirectory()) throw new InputError(`${what} ${path} is not a directory; give the folder that holds pack.yaml`);
}

/** An entry a pack may not contain: a symlink, hard link, device, FIFO or socket. */
export interface SpecialFile {
  /** Path relative to the pack root. */
  readonly path: string;
  /** What it is, e.g. "a symbolic link". */
  readonly kind: string;
}

interface Listing {
  readonly files: FoundFile[];
  readonly special: SpecialFile[];
}

/** Lists and checks every file first, so a bad entry fails before any output is written. */
export function walk(root: string, exclude?: PathFilter): FoundFile[] {
  const { files, special } = list(root, exclude);
  if (special.length > 0) throw specialFilesError(root, special);
  return files;
}

/** Every entry under `root` (minus `.git` and excluded paths) that a pack may not contain. */
export function findSpecialFiles(root: string, exclude?: PathFilter): SpecialFile[] {
  return list(root, exclude).special;
}

function list(root: string, exclude?: PathFilter): Listing {
  assertDirectory(root, 'pack directory');
  const listing: Listing = { files: [], special: [] };
  walkInto(root, '', exclude, listing);
  listing.files.sort((a, b) => comparePathBytes(a.pathBytes, b.pathBytes));
  return listing;
}

function walkInto(root: string, prefix: string, exclude: PathFilter | undefined, out: Listing): void {
  const dir = prefix === '' ? root : join(root, prefix);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw fsInputError(error, 'directory', dir);
  }
  for (const name of names) {
    if (name === '.git') continue;
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    const absolute = join(root, rel);
    const stat = statOrThrow(absolute, 'file');
    if (stat.isDirectory()) {
      if (!exclude?.(`${rel}/`, true)) walkInto(root, rel, exclude, out);
      continue;
    }
    if (exclude?.(rel, false)) continue;
    const kind = specialKind(stat);
    if (kind) {
      out.special.push({ path: rel, kind });
      continue;
    }
    out.files.push({
      path: rel,
      pathBytes: Buffer.from(rel, 'utf8'),
      absolute,
      size: stat.size,
      executable: (stat.mode & 0o111) !== 0,
    });
  }
}

function statOrThrow(path: string, what: string): Stats {
  try {
    return lstatSync(path);
  } catch (error) {
    throw fsInputError(error, what, path);
  }
}

function specialKind(stat: Stats): string | undefined {
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (!stat.isFile()) return 'not a regular file';
  if (stat.nlink > 1) return `a hard link (${stat.nlink} names share its content)`;
  return undefined;
}

function specialFilesError(root: string, special: SpecialFile[]): InputError {
  const shown = special.slice(0, 10).map((s) => `${join(root, s.path)} is ${s.kind}`);
  if (special.length > 10) shown.push(`and ${special.length - 10} more`);
  return new InputError(
    `${shown.join('; ')}. Attune packs may contain only regular files and directories: ` +
      'replace each with a regular file copy, or exclude it (.packignore, or hash the committed tree with --git-ref)',
  );
}

async function* readFiles(found: FoundFile[]): AsyncGenerator<TreeFile> {
  for (const file of found) {
    yield { path: file.path, pathBytes: file.pathBytes, size: file.size, executable: file.executable, content: () => readContent(file) };
  }
}

/**
 * Synchronous reads on purpose: for thousands of small files one event-loop turn per file
 * costs more than the read itself. The size is checked against the listing because the
 * checksum frames the length before the bytes.
 */
async function* readContent(file: FoundFile): AsyncGenerator<Buffer> {
  let fd: number;
  try {
    fd = openSync(file.absolute, 'r');
  } catch (error) {
    throw fsInputError(error, 'file', file.absolute);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.size !== file.size || !stat.isFile()) throw changed(file);
    let remaining = file.size;
    while (remaining > 0) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, remaining));
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) throw changed(file);
      remaining -= n;
      yield n === buffer.length ? buffer : buffer.subarray(0, n);
    }
  } catch (error) {
    throw fsInputError(error, 'file', file.absolute);
  } finally {
    closeSync(fd);
  }
}

function changed(file: FoundFile): InputError {
  return new InputError(`file ${file.absolute} changed while it was read; run again when nothing writes to the pack`);
}
