import { readFile } from 'node:fs/promises';
import { fsInputError } from '../errors.js';
import { entriesFromValue } from './entry-values.js';
import { parseJsonText } from './json-text.js';
import type { IndexEntry } from './model.js';

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
  return entriesFromValue(parseJsonText(text, path), `--entry file ${path}`);
}
