import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
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

/** An InputError unless `path` is an existing directory; `what` names its role. */
export function assertDirectory(path: string, what: string): void {
  if (!statOrThrow(path, what).isDirectory()) {
    throw new InputError(`${what} ${path} is not a directory; give the folder that holds pack.yaml`);
  }
}

/** Lists and checks every file first, so a bad entry fails before any output is written. */
export function walk(root: string, exclude?: PathFilter): FoundFile[] {
  assertDirectory(root, 'pack directory');
  const found: FoundFile[] = [];
  walkInto(root, '', exclude, found);
  found.sort((a, b) => comparePathBytes(a.pathBytes, b.pathBytes));
  return found;
}

function walkInto(root: string, prefix: string, exclude: PathFilter | undefined, out: FoundFile[]): void {
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
    checkRegular(stat, absolute);
    out.push({
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

function checkRegular(stat: Stats, path: string): void {
  const kind = stat.isSymbolicLink()
    ? 'a symbolic link'
    : stat.isFIFO()
      ? 'a FIFO'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : stat.isSocket()
          ? 'a socket'
          : stat.nlink > 1
            ? `a hard link (${stat.nlink} names share it)`
            : undefined;
  if (kind) {
    throw new InputError(
      `${path} is ${kind}; Attune packs may contain only regular files and directories. ` +
        'Replace it with a regular file copy, or exclude it (.packignore, or hash the committed tree with --git-ref)',
    );
  }
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
