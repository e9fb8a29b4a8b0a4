import { open, stat, unlink } from 'node:fs/promises';
import { fsInputError, RemoteError } from '../errors.js';
import { sleep } from '../publish/backoff.js';

/** A lock older than this is taken to belong to a process that died holding it. */
const STALE_MS = 30_000;
/** Give up waiting for a live lock after this long. */
const WAIT_MS = 120_000;

/**
 * Run `body` while holding `lockPath`, a file created with O_EXCL (atomic on local file
 * systems, across processes). A lock left behind by a crashed process is broken once it
 * is older than {@link STALE_MS}; the body is short (read, compare, rename), so a live
 * holder never keeps it that long.
 */
export async function withFileLock<T>(lockPath: string, body: () => Promise<T>): Promise<T> {
  await acquire(lockPath);
  try {
    return await body();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fsInputError(error, 'lock file', lockPath);
    }
    const info = await stat(lockPath).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_MS) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() - started > WAIT_MS) {
      throw new RemoteError(`lock ${lockPath} has been held for over ${WAIT_MS / 1000} s; if no publisher is running, delete it and retry`);
    }
    await sleep(Math.min(5 * 2 ** Math.min(attempt, 6), 200) * (0.5 + Math.random()));
  }
}
