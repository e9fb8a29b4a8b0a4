import { s as semver } from './index.js';

/**
 * Newest first by semver precedence (never string order). Versions of equal precedence that
 * differ only in build metadata (1.0.0+b.1, 1.0.0+b.2) are ordered by that metadata, so the
 * result never depends on the order the entries arrived in.
 */
function newestFirst(a, b) {
    return semver.compareBuild(b.version, a.version);
}
/** The entry with the highest version, by semver precedence (build metadata breaking ties, as in {@link newestFirst}). */
function highest(entries) {
    return entries.reduce((best, e) => (best === undefined || semver.compareBuild(e.version, best.version) > 0 ? e : best), undefined);
}

export { highest as h, newestFirst as n };
