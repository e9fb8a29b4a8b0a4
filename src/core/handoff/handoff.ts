import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsInputError } from '../errors.js';
import { resolveHandoff } from './check-settings.js';
import { handOffByDispatch } from './dispatch-handoff.js';
import type { HandoffDeps, HandoffResult, HandoffSettings } from './handoff-settings.js';
import { handOffByPullRequest } from './pull-request-handoff.js';

export * from './handoff-settings.js';

/**
 * Hand an index entry to the registry repository: a pull request with the updated index
 * (mode `pull-request`) or a `repository_dispatch` event (mode `dispatch`) whose receiving
 * workflow runs index-update. Re-running for the same entry is a no-op that succeeds
 * (`unchanged`, `exists`; a re-sent dispatch commits nothing on the receiving side). Bad
 * settings, an invalid entry, a registry that already lists a different entry for the
 * ref@version, or a token the API refuses fail with one error and leave the registry as it was.
 */
export async function handOffEntry(settings: HandoffSettings, deps: HandoffDeps): Promise<HandoffResult> {
  const resolved = resolveHandoff(settings);
  if (resolved.mode === 'dispatch') return handOffByDispatch(resolved, deps);
  const scratch = await mkdtemp(join(settings.workDir, 'packreg-handoff-')).catch((error: unknown) => {
    throw fsInputError(error, 'scratch folder', settings.workDir);
  });
  try {
    return await handOffByPullRequest(resolved, deps, scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
