import ignore from 'ignore';
import type { PathFilter } from './fs-tree.js';

/** The exclude file a pack may carry at its root, in .gitignore syntax. */
export const PACKIGNORE = '.packignore';

/**
 * A filter from `.packignore` text and extra patterns (both gitignore syntax).
 * Returns undefined when there is nothing to exclude, so callers skip the check entirely.
 */
export function excludeFilter(packignoreText: string | undefined, patterns: readonly string[]): PathFilter | undefined {
  const lines = [...(packignoreText?.split(/\r?\n/) ?? []), ...patterns].filter((l) => l.trim() !== '');
  if (lines.length === 0) return undefined;
  const matcher = ignore().add(lines);
  return (relativePath) => matcher.ignores(relativePath);
}
