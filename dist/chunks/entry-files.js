import { readFile } from 'node:fs/promises';
import { I as InputError, f as fsInputError } from './errors.js';
import { i as indexProblems, f as formatIndexProblems } from './index-rules.js';
import { p as parseJsonText } from './json-text.js';

/**
 * Entries from an already parsed JSON value, read as {@link ./entry-files.ts} reads an entry
 * file: one entry object, an array of entries, or a whole index document (its packs; format
 * "1.0" only, and it must validate). `what` names the value in messages (for example
 * `client_payload.entry of the repository_dispatch event`). The entries themselves are
 * checked against the index rules where they are upserted, exactly as a file's are.
 */
function entriesFromValue(value, what) {
    // An empty array is returned as is: the caller says "no entries" the way it does for no files.
    if (Array.isArray(value))
        return value;
    if (value && typeof value === 'object' && 'packs' in value) {
        const version = value.version;
        if (version !== '1.0')
            throw new InputError(`${what} is an index of format version ${JSON.stringify(version)}; packreg reads format "1.0" only`);
        const problems = indexProblems(value, 'custom');
        if (problems.length > 0)
            throw new InputError(`${what} is an index that does not validate (${problems.length} problem(s)):\n${formatIndexProblems(problems)}`);
        return value.packs;
    }
    if (value && typeof value === 'object')
        return [value];
    throw new InputError(`${what} holds ${JSON.stringify(value)}; expected an entry object, an array of entries or an index (packreg index-entry writes an entry object)`);
}

/**
 * Entries from a file written by `packreg index-entry` (one entry), a JSON array of entries,
 * or a whole index document (its packs). An index document of another format version is
 * refused: its entries may not mean what format 1.0 entries mean; one that does not validate
 * (a ref listed twice, say) is refused with its problems.
 */
async function readEntryFile(path) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (error) {
        throw fsInputError(error, '--entry file', path);
    }
    return entriesFromValue(parseJsonText(text, path), `--entry file ${path}`);
}

var entryFiles = /*#__PURE__*/Object.freeze({
    __proto__: null,
    readEntryFile: readEntryFile
});

export { entryFiles as a, entriesFromValue as e, readEntryFile as r };
