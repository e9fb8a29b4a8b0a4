import { posix } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { entryProblems, formatIndexProblems } from '../index/index-rules.js';
import type { HandoffSettings, ResolvedHandoff } from './handoff-settings.js';
import { DEFAULT_AUTHOR } from './handoff-settings.js';

/** GitHub refuses a longer repository_dispatch event type. */
const MAX_EVENT_TYPE = 100;

/**
 * Apply the defaults and check everything that can be checked before any remote is touched:
 * a bad setting or entry fails here, so nothing is half-done in the registry.
 */
export function resolveHandoff(settings: HandoffSettings): ResolvedHandoff {
  const resolved: ResolvedHandoff = {
    ...settings,
    indexPath: registryIndexPath(settings.indexPath ?? 'index.json'),
    baseBranch: settings.baseBranch?.trim() || 'main',
    eventType: settings.eventType?.trim() || 'pack-updated',
    author: settings.author ?? DEFAULT_AUTHOR,
  };
  const problems = entryProblems(settings.entry, settings.policy);
  if (problems.length > 0) {
    throw new InputError(`the entry to hand off is not a valid Attune index entry (policy ${settings.policy}); nothing was sent:\n${formatIndexProblems(problems)}`);
  }
  if (resolved.mode === 'dispatch' && resolved.eventType.length > MAX_EVENT_TYPE) {
    throw new UsageError(`event type "${resolved.eventType.slice(0, 40)}…" is ${resolved.eventType.length} characters; GitHub accepts at most ${MAX_EVENT_TYPE}`);
  }
  if (resolved.mode === 'pull-request' && !resolved.gitUrl) {
    throw new UsageError('a pull-request handoff needs the clone URL of the registry repository (git-url)');
  }
  return resolved;
}

/** The index path inside the registry repository: relative, `/`-separated, never leaving it. */
function registryIndexPath(text: string): string {
  const path = posix.normalize(text.trim().replace(/\\/g, '/'));
  if (path === '' || path === '.' || path.startsWith('/') || path === '..' || path.startsWith('../') || !path.endsWith('.json')) {
    throw new UsageError(`index path ${JSON.stringify(text)}: expected the index file's path relative to the top of the registry repository, like index.json or registry/index.json`);
  }
  return path;
}
