import { readFile } from 'node:fs/promises';
import { f as fsInputError, I as InputError } from './errors.js';
import { p as parseJsonText } from './json-text.js';
import { i as indexProblems, f as formatIndexProblems } from './index-rules.js';
import './index.js';
import './_commonjsHelpers.js';
import './ajv.js';

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
    const value = parseJsonText(text, path);
    if (Array.isArray(value))
        return value;
    if (value && typeof value === 'object' && 'packs' in value) {
        const version = value.version;
        if (version !== '1.0')
            throw new InputError(`--entry file ${path} is an index of format version ${JSON.stringify(version)}; packreg reads format "1.0" only`);
        const problems = indexProblems(value, 'custom');
        if (problems.length > 0)
            throw new InputError(`--entry file ${path} is an index that does not validate (${problems.length} problem(s)):\n${formatIndexProblems(problems)}`);
        return value.packs;
    }
    if (value && typeof value === 'object')
        return [value];
    throw new InputError(`--entry file ${path} holds ${JSON.stringify(value)}; expected an entry object, an array of entries or an index`);
}

export { readEntryFile };
