import { InputError } from '../errors.js';
import type { IndexEntry } from './model.js';
import { formatIndexProblems, indexProblems } from './index-rules.js';

/**
 * Entries from an already parsed JSON value, read as {@link ./entry-files.ts} reads an entry
 * file: one entry object, an array of entries, or a whole index document (its packs; format
 * "1.0" only, and it must validate). `what` names the value in messages (for example
 * `client_payload.entry of the repository_dispatch event`). The entries themselves are
 * checked against the index rules where they are upserted, exactly as a file's are.
 */
export function entriesFromValue(value: unknown, what: string): IndexEntry[] {
  // An empty array is returned as is: the caller says "no entries" the way it does for no files.
  if (Array.isArray(value)) return value as IndexEntry[];
  if (value && typeof value === 'object' && 'packs' in value) {
    const version = (value as { version?: unknown }).version;
    if (version !== '1.0') throw new InputError(`${what} is an index of format version ${JSON.stringify(version)}; packreg reads format "1.0" only`);
    const problems = indexProblems(value, 'custom');
    if (problems.length > 0) throw new InputError(`${what} is an index that does not validate (${problems.length} problem(s)):\n${formatIndexProblems(problems)}`);
    return (value as { packs: IndexEntry[] }).packs;
  }
  if (value && typeof value === 'object') return [value as IndexEntry];
  throw new InputError(`${what} holds ${JSON.stringify(value)}; expected an entry object, an array of entries or an index (packreg index-entry writes an entry object)`);
}
