import { readFile } from 'node:fs/promises';
import { f as fsInputError, I as InputError } from './errors.js';
import { s as scanIndex, c as checkScanned } from './index-stream.js';
export { e as entryProblems, f as formatIndexProblems, i as indexProblems } from './index-rules.js';
export { I as INDEX_POLICIES } from './policy.js';
import 'node:path';
import './atomic-file.js';
import 'node:crypto';
import 'node:fs';
import './canonical-json.js';
import './json-text.js';
import './index.js';
import './_commonjsHelpers.js';
import './runtime.js';

/** Check an index file entry by entry; malformed JSON is reported as a problem with its line and column. */
async function validateIndexFile(path, policy) {
    let bytes;
    try {
        bytes = await readFile(path);
    }
    catch (error) {
        throw fsInputError(error, 'index', path);
    }
    let scanned;
    let checked;
    try {
        scanned = scanIndex(bytes, path);
        // Entries are parsed here, one at a time: a syntax error inside one is malformed JSON too.
        checked = checkScanned(scanned, policy);
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        return { file: path, policy, valid: false, packs: 0, problems: [{ path: '', message: error.message }], local: false };
    }
    const { problems, packs, scope } = checked;
    return { file: path, policy, valid: problems.length === 0, packs: scanned.packs?.length ?? packs.length, problems, local: scope === 'local' };
}

export { validateIndexFile };
