import semver from 'semver';
import type { IndexEntry } from './model.js';

/**
 * Newest first by semver precedence (never string order). Versions of equal precedence that
 * differ only in build metadata (1.0.0+b.1, 1.0.0+b.2) are ordered by that metadata, so the
 * result never depends on the order the entries arrived in.
 */
export function newestFirst(a: Pick<IndexEntry, 'version'>, b: Pick<IndexEntry, 'version'>): number {
  return semver.compareBuild(b.version, a.version);
}

/** The entry with the highest version, by semver precedence (build metadata breaking ties, as in {@link newestFirst}). */
export function highest<T extends Pick<IndexEntry, 'version'>>(entries: readonly T[]): T | undefined {
  return entries.reduce<T | undefined>((best, e) => (best === undefined || semver.compareBuild(e.version, best.version) > 0 ? e : best), undefined);
}
