import { i as ignore } from './index3.js';

/** The exclude file a pack may carry at its root, in .gitignore syntax. */
const PACKIGNORE = '.packignore';
/**
 * A filter from `.packignore` text and extra patterns (both gitignore syntax).
 * Returns undefined when there is nothing to exclude, so callers skip the check entirely.
 */
function excludeFilter(packignoreText, patterns) {
    const lines = [...(packignoreText?.split(/\r?\n/) ?? []), ...patterns].filter((l) => l.trim() !== '');
    if (lines.length === 0)
        return undefined;
    const matcher = ignore().add(lines);
    return (relativePath) => matcher.ignores(relativePath);
}

export { PACKIGNORE as P, excludeFilter as e };
