import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { InputError, fsInputError } from '../errors.js';

/**
 * Read-only view of a pack's file tree. The pack functions use only this, so a pack can be
 * read from a directory today and from a git commit later without changing them.
 * Paths are relative to the pack root with `/` separators.
 */
export interface PackFiles {
  /** Names of the regular files directly in `dir` ('' = the pack root); [] when `dir` is missing. */
  listFiles(dir: string): Promise<string[]>;
  /** The UTF-8 text of the file at `path`. */
  readText(path: string): Promise<string>;
}

/** {@link PackFiles} backed by a directory on disk. File-system failures become InputErrors. */
export function directoryPackFiles(root: string): PackFiles {
  return {
    async listFiles(dir) {
      const full = inside(root, dir);
      try {
        const entries = await readdir(full, { withFileTypes: true });
        // Symlinks are not regular files: a pack must not contain them, so they are not listed.
        return entries.filter((e) => e.isFile()).map((e) => e.name);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return [];
        throw fsInputError(error, 'pack directory', full);
      }
    },
    async readText(path) {
      const full = inside(root, path);
      try {
        return await readFile(full, 'utf8');
      } catch (error) {
        throw fsInputError(error, 'pack file', full);
      }
    },
  };
}

/** The on-disk path of a pack-relative path, refusing paths that would leave the pack. */
function inside(root: string, path: string): string {
  const normalized = posix.normalize(path === '' ? '.' : path);
  const full = resolve(root, normalized);
  const rel = relative(resolve(root), full);
  if (isAbsolute(normalized) || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(`path ${path} is outside the pack ${root}; use a path relative to the pack root`);
  }
  return join(root, normalized);
}

/**
 * Make sure `packDir` is an existing directory, so a typo in a path is reported as such
 * rather than as "pack.yaml not found". Throws an InputError otherwise.
 */
export async function assertPackDirectory(packDir: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(packDir)).isDirectory();
  } catch (error) {
    throw fsInputError(error, 'pack directory', packDir);
  }
  if (!isDirectory) {
    throw new InputError(`pack directory ${packDir} is a file, not a directory; pass the directory that contains pack.yaml`);
  }
}
