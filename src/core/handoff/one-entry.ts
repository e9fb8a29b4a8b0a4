import { InputError } from '../errors.js';
import { readEntryFile } from '../index/entry-files.js';
import type { IndexEntry } from '../index/model.js';

/** The one entry of a file written by index-entry; `what` names the input or flag. */
export async function readOneEntry(path: string, what: string): Promise<IndexEntry> {
  const entries = await readEntryFile(path);
  if (entries.length !== 1) {
    throw new InputError(`${what} ${path} holds ${entries.length} entries; a handoff takes exactly one (the file index-entry writes)`);
  }
  return entries[0];
}
