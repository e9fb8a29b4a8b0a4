import { U as UsageError } from './errors.js';

/** KEY=VALUE pairs into a record for an entry's `meta`; `what` names the flag or input. */
function parseMetaPairs(pairs, what) {
    const meta = {};
    for (const pair of pairs) {
        const at = pair.indexOf('=');
        if (at < 0 || pair.slice(0, at).trim() === '')
            throw new UsageError(`${what} "${pair}": write KEY=VALUE, e.g. category=monitoring`);
        meta[pair.slice(0, at).trim()] = pair.slice(at + 1);
    }
    return meta;
}

export { parseMetaPairs as p };
