import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { IntegrityError, PackregError, UsageError } from '../errors.js';
import { repoText } from '../github/github-api.js';
import { updateIndex } from '../index/index-update.js';
import type { Logger } from '../logger.js';
import type { ResolvedHandoff } from './handoff-settings.js';

/**
 * Upsert the entry into the index of the registry clone at `top` (validating the whole
 * index) and return the files that changed, relative to `top`: none when the registry
 * already lists this exact entry. A different entry already published under the same
 * ref@version is an IntegrityError, and nothing is written.
 */
export async function applyEntry(top: string, s: ResolvedHandoff, logger: Logger): Promise<string[]> {
  const where = `${repoText(s.repository)} (branch ${s.baseBranch})`;
  const indexFile = join(top, ...s.indexPath.split('/'));
  if (!existsSync(indexFile)) {
    throw new UsageError(`${where} has no ${s.indexPath}; check the index path, or create the registry's index first (packreg index-update --registry-name NAME --registry-url URL)`);
  }
  const result = await updateIndex({ indexPath: indexFile, entries: [s.entry], policy: s.policy, dryRun: false, force: false, now: s.now }, logger).catch((error: unknown) => {
    throw inRegistry(error, top, where);
  });
  const refused = result.plan.find((item) => item.action === 'refused');
  if (refused) {
    const reason = refused.reason.replace(/,? or pass --force to replace it\.?$/, '');
    throw new IntegrityError(`${where} already lists a different entry: ${reason}. Nothing was pushed`);
  }
  return result.files.map((file) => relative(top, file).split('\\').join('/'));
}

/** An index error with the scratch clone's path replaced by the registry's name. */
function inRegistry(error: unknown, top: string, where: string): unknown {
  if (!(error instanceof PackregError)) return error;
  const message = error.message.split(`${top}/`).join('');
  const Type = error.constructor as new (message: string, options?: { cause?: unknown }) => PackregError;
  return error instanceof IntegrityError ? error : new Type(`${where}: ${message}`, { cause: error.cause });
}
