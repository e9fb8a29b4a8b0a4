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
export const INDEX_KEY = 'index.json';
/** Where every pack's objects live. */
export const PACKS_PREFIX = 'packs/';

/** The per-pack history: every version of `ref`. */
export function historyKey(ref: string): string {
  return `${PACKS_PREFIX}${ref}/index.json`;
}

/** One version's immutable entry. */
export function entryKey(ref: string, version: string): string {
  return `${PACKS_PREFIX}${ref}/${version}/entry.json`;
}

/** One version's archive. */
export function archiveKey(ref: string, version: string, format: string): string {
  return `${PACKS_PREFIX}${ref}/${version}/${ref}-${version}.${format}`;
}

/** The ref and version of an entry key, or undefined for any other key. */
export function parseEntryKey(key: string): { ref: string; version: string } | undefined {
  const match = /^packs\/([^/]+)\/([^/]+)\/entry\.json$/.exec(key);
  return match ? { ref: match[1], version: match[2] } : undefined;
}

/**
 * The public URL of a key: the base URL (the registry root as served, ending in `/`) joined
 * with the key, each segment percent-encoded (a version may hold `+`).
 */
export function objectUrl(baseUrl: string, key: string): string {
  return baseUrl + key.split('/').map(encodeURIComponent).join('/');
}
