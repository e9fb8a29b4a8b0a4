import { lstat, readFile, readdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError, fsInputError } from '../errors.js';
import { readVenvMarker, writeVenvMarker } from './venv-marker.js';

/** Files larger than this are not scripts venv or pip wrote: left alone. */
const MAX_REWRITE_BYTES = 1024 * 1024;

/**
 * Make a venv copied from `from` work at `to`, where it now is (`venvDir`).
 *
 * A venv embeds its absolute path: the shebangs of console scripts in `bin/` (pip, and
 * every script a requirement installs), the activate scripts, and the `command` line of
 * `pyvenv.cfg`. Every occurrence of `from` in the regular files directly in `bin/` and in
 * `pyvenv.cfg` is replaced by `to`. Symbolic links (bin/python) are left as they are; files
 * over 1 MiB or holding a NUL byte (compiled programs) are skipped. packreg's marker file,
 * when present, records `to` as the venv's path.
 *
 * Not rewritten: `.pyc` caches (they only name source files in tracebacks) and `.pth` files
 * of editable installs. Throws an InputError when `venvDir` has no pyvenv.cfg or a path is
 * not absolute; nothing is changed then.
 */
export async function relocateVenv(venvDir: string, from: string, to: string): Promise<void> {
  if (!isAbsolute(venvDir) || !isAbsolute(from) || !isAbsolute(to)) {
    throw new InputError(`relocating a venv needs absolute paths, got venv ${venvDir}, from ${from}, to ${to}; resolve them first`);
  }
  await assertVenv(venvDir);
  const [oldPath, newPath] = [resolve(from), resolve(to)];
  if (oldPath === newPath) return;
  for (const file of await filesToRewrite(venvDir)) await replaceInFile(file, oldPath, newPath);
  // packreg's marker names the path the venv works at: it moves with the venv.
  const marker = await readVenvMarker(venvDir);
  if (marker) await writeVenvMarker(venvDir, { ...marker, path: newPath });
}

async function assertVenv(venvDir: string): Promise<void> {
  const config = join(venvDir, 'pyvenv.cfg');
  let isFile: boolean;
  try {
    isFile = (await lstat(config)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') isFile = false;
    else throw fsInputError(error, 'venv configuration', config);
  }
  if (!isFile) throw new InputError(`${venvDir} is not a Python venv: ${config} is missing; pass the folder python3 -m venv created`);
}

/** pyvenv.cfg and the regular files directly in bin/. */
async function filesToRewrite(venvDir: string): Promise<string[]> {
  const bin = join(venvDir, 'bin');
  const entries = await readdir(bin, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw fsInputError(error, 'venv bin folder', bin);
  });
  // Dirent.isFile() is false for a symbolic link, so bin/python is never opened through it.
  return [join(venvDir, 'pyvenv.cfg'), ...entries.filter((e) => e.isFile()).map((e) => join(bin, e.name))];
}

async function replaceInFile(file: string, oldPath: string, newPath: string): Promise<void> {
  if ((await lstat(file)).size > MAX_REWRITE_BYTES) return;
  const bytes = await readFile(file);
  if (bytes.includes(0)) return;
  // latin1 maps bytes to characters one to one, so the text round-trips whatever its encoding;
  // the paths are turned into the same byte-characters as their UTF-8 form.
  const text = bytes.toString('latin1');
  const replaced = text.replace(pathPattern(Buffer.from(oldPath, 'utf8').toString('latin1')), () => Buffer.from(newPath, 'utf8').toString('latin1'));
  // writeFile on the existing file keeps its mode (pip's scripts stay executable).
  if (replaced !== text) await writeFile(file, Buffer.from(replaced, 'latin1'));
}

/**
 * `path` as a whole path: not the tail of a longer one (/x/a/.venv for /a/.venv) nor the head
 * of a sibling (/a/.venv2); /a/.venv/bin/python matches.
 */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.\\-/])${escaped}(?![\\w.\\-])`, 'g');
}
