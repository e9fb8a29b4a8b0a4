import { readFile } from 'node:fs/promises';
import { fsInputError, InputError } from '../errors.js';
import { parseJsonText } from './json-text.js';
import type { IndexEntry } from './model.js';
import { formatIndexProblems, indexProblems } from './index-rules.js';

/**
 * Entries from a file written by `packreg index-entry` (one entry), a JSON array of entries,
 * or a whole index document (its packs). An index document of another format version is
 * refused: its entries may not mean what format 1.0 entries mean; one that does not validate
 * (a ref listed twice, say) is refused with its problems.
 */
export async function readEntryFile(path: string): Promise<IndexEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fsInputError(error, '--entry file', path);
  }
  const value = parseJsonText(text, path);
  if (Array.isArray(value)) return value as IndexEntry[];
  if (value && typeof value === 'object' && 'packs' in value) {
    const version = (value as { version?: unknown }).version;
    if (version !== '1.0') throw new InputError(`--entry file ${path} is an index of format version ${JSON.stringify(version)}; packreg reads format "1.0" only`);
    const problems = indexProblems(value, 'custom');
    if (problems.length > 0) throw new InputError(`--entry file ${path} is an index that does not validate (${problems.length} problem(s)):\n${formatIndexProblems(problems)}`);
    return (value as { packs: IndexEntry[] }).packs;
  }
  if (value && typeof value === 'object') return [value as IndexEntry];
  throw new InputError(`--entry file ${path} holds ${JSON.stringify(value)}; expected an entry object, an array of entries or an index`);
}
