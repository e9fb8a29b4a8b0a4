import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsInputError, InputError } from '../errors.js';
import { writeTextAtomic } from '../fs/atomic-file.js';
import type { Logger } from '../logger.js';
import { relocateVenv } from './environment.js';
import { METADATA_FILE } from './installed-packs.js';
import type { InstallMetadata } from './installed-packs.js';

/** A verified, staged pack ready to be moved into the packs folder. */
export interface Registration {
  readonly packsDir: string;
  /** The staged pack tree: on the same file system as `packsDir`, so a rename is atomic. */
  readonly staged: string;
  readonly metadata: InstallMetadata;
  /** Replace an installed pack of the same ref. */
  readonly force: boolean;
  /** The staged pack's virtualenv, whose embedded paths must follow it. */
  readonly venvDir?: string;
}

/** Where a pack is installed. */
export function installedPath(packsDir: string, ref: string): string {
  return join(packsDir, ref);
}

/** An InputError for a ref that is installed when `--force` was not given. */
export function alreadyInstalledError(path: string, version: string | undefined): InputError {
  const which = version ? ` (version ${version})` : '';
  return new InputError(`${path} is already installed${which}; pass --force to replace it, or remove it first`);
}

/**
 * Move a staged pack to `<packsDir>/<ref>` with its metadata.json. The pack appears whole or
 * not at all: it is renamed into place; a replaced pack is first renamed aside and only
 * removed once the new one is in place, and renamed back if that fails.
 */
export async function registerPack(r: Registration, logger: Logger): Promise<string> {
  const target = installedPath(r.packsDir, r.metadata.pack_ref);
  const existing = await stat(target).catch(() => undefined);
  if (existing && !r.force) throw alreadyInstalledError(target, undefined);
  // A venv records its own path: point it at where it will live before it moves there.
  if (r.venvDir) await relocateVenv(r.venvDir, r.venvDir, join(target, '.venv'));
  await writeTextAtomic(join(r.staged, METADATA_FILE), `${JSON.stringify(r.metadata, null, 2)}\n`, 'installation metadata');
  if (!existing) {
    await rename(r.staged, target).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') throw alreadyInstalledError(target, undefined);
      throw fsInputError(error, 'packs folder', r.packsDir);
    });
    return target;
  }
  await replace(target, r.staged, r.packsDir, logger);
  return target;
}

async function replace(target: string, staged: string, packsDir: string, logger: Logger): Promise<void> {
  const aside = join(packsDir, `.packreg-replaced-${randomBytes(6).toString('hex')}`);
  await rename(target, aside).catch((error: unknown) => {
    throw fsInputError(error, 'installed pack', target);
  });
  try {
    await rename(staged, target);
  } catch (error) {
    await rename(aside, target);
    throw fsInputError(error, 'packs folder', packsDir);
  }
  logger.info(`replaced the previously installed ${target}`);
  await rm(aside, { recursive: true, force: true });
}
