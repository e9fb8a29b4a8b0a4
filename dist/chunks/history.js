import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { f as fsInputError, I as InputError } from './errors.js';
import { c as canonicalEntry, s as stringifyCanonical } from './canonical-json.js';
import { p as parseJsonText } from './json-text.js';
import { e as entryProblems, f as formatIndexProblems } from './index-rules.js';
import { n as newestFirst } from './versions.js';

/** Where a ref's history lives, for an index at `indexPath`. */
function historyPath(indexPath, ref) {
    return join(dirname(indexPath), 'packs', ref, 'index.json');
}
/** The history file's text: canonical, deterministic. */
function stringifyHistory(history) {
    const versions = [...history.versions].sort(newestFirst).map(canonicalEntry);
    return stringifyCanonical({ ref: history.ref, versions });
}
/** Read a ref's history file; undefined when there is none. Invalid content is an InputError. */
async function readHistory(path, ref, policy) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw fsInputError(error, 'pack history', path);
    }
    return { history: parseHistory(text, path, ref, policy), text };
}
/**
 * Parse and check a history's text (`where` names it in messages). Local registries
 * (`scope` local) may hold file:// URLs. Invalid content is an InputError.
 */
function parseHistory(text, where, ref, policy, scope = 'https') {
    const value = parseJsonText(text, where);
    if (!value || value.ref !== ref || !Array.isArray(value.versions)) {
        throw new InputError(`pack history ${where} must be {"ref": "${ref}", "versions": [entries]}; restore it from git history or a backup`);
    }
    const problems = value.versions.flatMap((entry, i) => [
        ...entryProblems(entry, policy, `/versions/${i}`, scope),
        ...(entry?.ref === ref ? [] : [{ path: `/versions/${i}/ref`, message: `must be "${ref}"` }]),
    ]);
    if (problems.length > 0)
        throw new InputError(`pack history ${where} is not valid; it was not changed:\n${formatIndexProblems(problems)}`);
    return value;
}

export { historyPath as h, parseHistory as p, readHistory as r, stringifyHistory as s };
