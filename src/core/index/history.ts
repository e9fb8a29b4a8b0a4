import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsInputError, InputError } from '../errors.js';
import { canonicalEntry, stringifyCanonical } from './canonical-json.js';
import { parseJsonText } from './json-text.js';
import type { IndexEntry } from './model.js';
import type { IndexPolicy, UrlScope } from './index-rules.js';
import { entryProblems, formatIndexProblems } from './index-rules.js';
import { newestFirst } from './versions.js';

/**
 * A pack's full history: every published version's entry, newest first. Kept beside the
 * index as `packs/<ref>/index.json`, so `ref@version` stays installable after a newer
 * release while index.json keeps exactly the Attune shape (one entry per ref).
 */
export interface PackHistory {
  ref: string;
  versions: IndexEntry[];
}

/** Where a ref's history lives, for an index at `indexPath`. */
export function historyPath(indexPath: string, ref: string): string {
  return join(dirname(indexPath), 'packs', ref, 'index.json');
}

/** The history file's text: canonical, deterministic. */
export function stringifyHistory(history: PackHistory): string {
  const versions = [...history.versions].sort(newestFirst).map(canonicalEntry);
  return stringifyCanonical({ ref: history.ref, versions });
}

/** Read a ref's history file; undefined when there is none. Invalid content is an InputError. */
export async function readHistory(path: string, ref: string, policy: IndexPolicy): Promise<{ history: PackHistory; text: string } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsInputError(error, 'pack history', path);
  }
  return { history: parseHistory(text, path, ref, policy), text };
}

/**
 * Parse and check a history's text (`where` names it in messages). Local registries
 * (`scope` local) may hold file:// URLs. Invalid content is an InputError.
 */
export function parseHistory(text: string, where: string, ref: string, policy: IndexPolicy, scope: UrlScope = 'https'): PackHistory {
  const value = parseJsonText(text, where) as Partial<PackHistory> | null;
  if (!value || value.ref !== ref || !Array.isArray(value.versions)) {
    throw new InputError(`pack history ${where} must be {"ref": "${ref}", "versions": [entries]}; restore it from git history or a backup`);
  }
  const problems = value.versions.flatMap((entry, i) => [
    ...entryProblems(entry, policy, `/versions/${i}`, scope),
    ...((entry as IndexEntry | undefined)?.ref === ref ? [] : [{ path: `/versions/${i}/ref`, message: `must be "${ref}"` }]),
  ]);
  if (problems.length > 0) throw new InputError(`pack history ${where} is not valid; it was not changed:\n${formatIndexProblems(problems)}`);
  return value as PackHistory;
}
