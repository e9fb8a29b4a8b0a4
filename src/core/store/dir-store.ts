import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fsInputError, InputError, IntegrityError } from '../errors.js';
import { AtomicFile } from '../fs/atomic-file.js';
import { sha256Hex } from '../hash/algorithms.js';
import { digestFile } from '../hash/file-digest.js';
import { withFileLock } from './file-lock.js';
import type { ObjectHead, ObjectStore, PutBody, PutOptions, StoredObject } from './object-store.js';

/** Names the store itself leaves beside objects while writing: never listed as objects. */
const WORK_FILE = /(^\.[^/]*\.[0-9a-f]{12}\.tmp|\.lock)$/;

/**
 * A registry in a plain directory: each key is a file under `root`. Exclusive create is a
 * hard link of a complete temporary file (fails if the name exists); compare-and-swap holds
 * a lock file while it checks the content hash and renames the new file into place. Content
 * types and cache headers have no place on disk and are left to whatever serves the folder.
 */
export class DirectoryStore implements ObjectStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = root;
  }

  async check(): Promise<void> {
    const info = await stat(this.root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined; // created on the first write
      throw fsInputError(error, 'registry folder', this.root);
    });
    if (info && !info.isDirectory()) throw new InputError(`registry ${this.root} is a file; give a folder (it is created if missing), an s3://bucket/prefix or a file:// URL`);
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const bytes = await readFile(this.path(key)).catch((error: NodeJS.ErrnoException) => absent(error, 'registry file', this.path(key)));
    return bytes && { bytes, tag: sha256Hex(bytes) };
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    const path = this.path(key);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => absent(error, 'registry file', path));
    if (!info) return undefined;
    const digest = await digestFile(path, 'sha256');
    return { size: digest.size, sha256: digest.hex };
  }

  async *list(prefix: string): AsyncIterable<string> {
    const base = this.path(prefix);
    const names = await readdir(base, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => absent(error, 'registry folder', base));
    for (const dirent of names ?? []) {
      if (!dirent.isFile() || WORK_FILE.test(dirent.name)) continue;
      const full = join(dirent.parentPath, dirent.name);
      yield full.slice(this.root.length + 1).split(sep).join('/');
    }
  }

  async create(key: string, body: PutBody, options: PutOptions): Promise<'created' | 'exists'> {
    const path = this.path(key);
    if (await exists(path)) return 'exists';
    await this.makeFolder(path);
    let file: AtomicFile;
    try {
      file = await AtomicFile.create(path, { overwrite: false, what: 'registry file' });
    } catch (error) {
      if (await exists(path)) return 'exists'; // another publisher created it meanwhile
      throw error;
    }
    try {
      await writeVerified(file, body, options.sha256, path);
      return (await file.commitUnlessExists()) ? 'created' : 'exists';
    } catch (error) {
      await file.abort();
      throw error;
    }
  }

  async replace(key: string, bytes: Buffer, tag: string | undefined, options: PutOptions): Promise<boolean> {
    const path = this.path(key);
    await this.makeFolder(path);
    return withFileLock(`${path}.lock`, async () => {
      const current = await this.get(key);
      if (current?.tag !== tag) return false;
      const file = await AtomicFile.create(path, { overwrite: true, what: 'registry file' });
      try {
        await writeVerified(file, { bytes }, options.sha256, path);
        await file.commit();
        return true;
      } catch (error) {
        await file.abort();
        throw error;
      }
    });
  }

  private path(key: string): string {
    return key === '' ? this.root : join(this.root, ...key.split('/'));
  }

  private async makeFolder(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
      throw fsInputError(error, 'registry folder', dirname(path));
    });
  }
}

/** Write the body to the temporary file, hashing it on the way; a mismatch writes nothing. */
async function writeVerified(file: AtomicFile, body: PutBody, expected: string, path: string): Promise<void> {
  const hash = createHash('sha256');
  if ('bytes' in body) {
    hash.update(body.bytes);
    await file.handle.write(body.bytes);
  } else {
    for await (const chunk of createReadStream(body.file, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      await file.handle.write(chunk as Buffer);
    }
  }
  const actual = hash.digest('hex');
  if (actual !== expected) {
    throw new IntegrityError(`${path}: the content changed while it was written (sha256 ${actual}, expected ${expected}); nothing was stored`, expected, actual);
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** undefined for "not there"; any other failure is an error naming the file. */
function absent(error: NodeJS.ErrnoException, what: string, path: string): undefined {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
  throw fsInputError(error, what, path);
}
