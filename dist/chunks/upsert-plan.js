import { s as stringifyCanonical, c as canonicalEntry } from './canonical-json.js';
import { n as newestFirst, h as highest } from './versions.js';

/**
 * The Attune index format (`index.json`), as the standard index and its schema define it.
 * Field names are the wire names.
 */
/** The only index format version there is. */
const INDEX_FORMAT_VERSION = '1.0';

/**
 * Plan the upsert of `incoming` into the known histories (ref → all versions). A published
 * version is immutable: identical content is a no-op, anything else is refused naming both
 * values, unless `force`, which replaces it and says so.
 */
function planUpsert(histories, incoming, force) {
    const next = new Map();
    const items = [];
    const addedNow = new Set();
    for (const entry of incoming) {
        const versions = next.get(entry.ref) ?? [...(histories.get(entry.ref) ?? [])];
        next.set(entry.ref, versions);
        const at = versions.findIndex((v) => v.version === entry.version);
        if (at < 0) {
            versions.push(entry);
            addedNow.add(`${entry.ref}@${entry.version}`);
            items.push({ ref: entry.ref, version: entry.version, action: 'added', reason: 'new version' });
            continue;
        }
        const differences = describeDifferences(versions[at], entry);
        if (differences.length === 0) {
            items.push({ ref: entry.ref, version: entry.version, action: 'unchanged', reason: 'already published with the same content' });
        }
        else if (force) {
            versions[at] = entry;
            items.push({ ref: entry.ref, version: entry.version, action: 'replaced', reason: `REPLACED a published version (--force): ${differences.join('; ')}` });
        }
        else {
            const why = addedNow.has(`${entry.ref}@${entry.version}`)
                ? 'is given twice in this update with different content'
                : 'is already published and versions are immutable';
            items.push({
                ref: entry.ref,
                version: entry.version,
                action: 'refused',
                reason: `${entry.ref}@${entry.version} ${why}: ${differences.join('; ')}. Release a new version, or pass --force to replace it`,
            });
        }
    }
    for (const versions of next.values())
        versions.sort(newestFirst);
    const latest = new Map([...next].map(([ref, versions]) => [ref, highest(versions)?.version]));
    return {
        items: items.map((i) => ({ ...i, latest: latest.get(i.ref) === i.version })),
        histories: next,
        refused: items.filter((i) => i.action === 'refused').length,
    };
}
/** Human-readable differences between a published entry and a new one; [] when identical. */
function describeDifferences(published, candidate) {
    if (sameContent(published, candidate))
        return [];
    const out = [];
    for (const type of ['git', 'archive']) {
        const a = published.install_sources.find((s) => s.type === type);
        const b = candidate.install_sources.find((s) => s.type === type);
        out.push(...sourceDifferences(type, a, b));
    }
    if (out.length > 0)
        return out;
    const keys = new Set([...Object.keys(published), ...Object.keys(candidate)]);
    const fields = [...keys].filter((k) => JSON.stringify(published[k]) !== JSON.stringify(candidate[k])).sort();
    return [`same sources but different ${fields.join(', ')}`];
}
function sourceDifferences(type, a, b) {
    if (!a && !b)
        return [];
    if (!a)
        return [`adds ${type === 'archive' ? 'an' : 'a'} ${type} source (${b.checksum})`];
    if (!b)
        return [`drops the ${type} source (${a.checksum})`];
    const out = [];
    if (a.checksum !== b.checksum)
        out.push(`${type} checksum published ${a.checksum}, new ${b.checksum}`);
    if (a.url !== b.url)
        out.push(`${type} url published ${a.url}, new ${b.url}`);
    const refA = a.type === 'git' ? a.ref : undefined;
    const refB = b.type === 'git' ? b.ref : undefined;
    if (refA !== refB)
        out.push(`${type} ref published ${refA}, new ${refB}`);
    return out;
}
/** Equal content; the order of keys inside `meta` (free-form) does not count. */
function sameContent(a, b) {
    return stringifyCanonical(comparable(a)) === stringifyCanonical(comparable(b));
}
function comparable(entry) {
    const canonical = canonicalEntry(entry);
    return canonical.meta === undefined ? canonical : { ...canonical, meta: sortKeys(canonical.meta) };
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value === null || typeof value !== 'object')
        return value;
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

export { INDEX_FORMAT_VERSION as I, describeDifferences as d, planUpsert as p, sameContent as s };
