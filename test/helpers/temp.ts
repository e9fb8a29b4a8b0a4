import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * One entry of a tree to write: text (UTF-8), raw bytes, content with an executable bit,
 * or a symbolic link to `symlink` (written as given, relative or absolute).
 */
export type TreeEntry = string | Buffer | { readonly content: string | Buffer; readonly executable?: boolean } | { readonly symlink: string };

/** Relative `/`-separated path → entry. Parent directories are created as needed. */
export type TreeSpec = Record<string, TreeEntry>;

/** A new empty directory under the OS temp directory. */
export function makeTempDir(prefix = 'packreg-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Remove a directory tree; missing is fine. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Temp directories made through it, removed together by `cleanup` (call it in afterAll). */
export interface TempDirs {
  make(prefix?: string): string;
  cleanup(): void;
}

export function tempDirs(): TempDirs {
  const made: string[] = [];
  return {
    make(prefix) {
      const dir = makeTempDir(prefix);
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) removeTempDir(dir);
    },
  };
}

/** Write `spec` below `root` (which may or may not exist yet); returns `root`. */
export function writeTree(root: string, spec: TreeSpec): string {
  mkdirSync(root, { recursive: true });
  for (const [path, entry] of Object.entries(spec)) {
    const target = join(root, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) {
      writeFileSync(target, entry);
      chmodSync(target, 0o644);
    } else if ('symlink' in entry) {
      symlinkSync(entry.symlink, target);
    } else {
      writeFileSync(target, entry.content);
      chmodSync(target, entry.executable ? 0o755 : 0o644);
    }
  }
  return root;
}

/** Write `spec` into a fresh directory made by `temp`; returns the directory. */
export function tempTree(temp: TempDirs, spec: TreeSpec, prefix?: string): string {
  return writeTree(temp.make(prefix), spec);
}
