import semver from 'semver';
import type { IndexEntry } from './model.js';

/** Newest first by semver precedence (never string order). Equal precedence: stable order. */
export function newestFirst(a: Pick<IndexEntry, 'version'>, b: Pick<IndexEntry, 'version'>): number {
  return semver.rcompare(a.version, b.version);
}

/** The entry with the highest version, by semver precedence. */
export function highest<T extends Pick<IndexEntry, 'version'>>(entries: readonly T[]): T | undefined {
  return entries.reduce<T | undefined>((best, e) => (best === undefined || semver.gt(e.version, best.version) ? e : best), undefined);
}
