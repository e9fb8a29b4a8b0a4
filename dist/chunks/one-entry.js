import { I as InputError } from './errors.js';
import { r as readEntryFile } from './entry-files.js';
import 'node:fs/promises';
import './index-rules.js';
import './index.js';
import './_commonjsHelpers.js';
import './runtime.js';
import './json-text.js';

/** The one entry of a file written by index-entry; `what` names the input or flag. */
async function readOneEntry(path, what) {
    const entries = await readEntryFile(path);
    if (entries.length !== 1) {
        throw new InputError(`${what} ${path} holds ${entries.length} entries; a handoff takes exactly one (the file index-entry writes)`);
    }
    return entries[0];
}

export { readOneEntry };
