/**
 * The registry layout, the same in a directory and in a bucket (so one can be synced to the
 * other): keys are relative to the registry root.
 *
 *     index.json                               the Attune index: one entry per ref, its highest version
 *     packs/<ref>/index.json                   every version of one pack, newest first
 *     packs/<ref>/<version>/entry.json         one version's immutable entry: the source of truth
 *     packs/<ref>/<version>/<ref>-<version>.tar.gz (or .zip)   the archive
 */
/** The Attune index at the registry root. */
const INDEX_KEY = 'index.json';
/** Where every pack's objects live. */
const PACKS_PREFIX = 'packs/';
/** The per-pack history: every version of `ref`. */
function historyKey(ref) {
    return `${PACKS_PREFIX}${ref}/index.json`;
}
/** One version's immutable entry. */
function entryKey(ref, version) {
    return `${PACKS_PREFIX}${ref}/${version}/entry.json`;
}
/** One version's archive. */
function archiveKey(ref, version, format) {
    return `${PACKS_PREFIX}${ref}/${version}/${ref}-${version}.${format}`;
}
/** The ref and version of an entry key, or undefined for any other key. */
function parseEntryKey(key) {
    const match = /^packs\/([^/]+)\/([^/]+)\/entry\.json$/.exec(key);
    return match ? { ref: match[1], version: match[2] } : undefined;
}
/**
 * The public URL of a key: the base URL (the registry root as served, ending in `/`) joined
 * with the key, each segment percent-encoded (a version may hold `+`).
 */
function objectUrl(baseUrl, key) {
    return baseUrl + key.split('/').map(encodeURIComponent).join('/');
}

export { INDEX_KEY as I, PACKS_PREFIX as P, archiveKey as a, entryKey as e, historyKey as h, objectUrl as o, parseEntryKey as p };
