import { UsageError } from '../errors.js';

/** The tag tag-version creates by default: StackStorm Exchange's `v<version>`. */
export const DEFAULT_TAG_FORMAT = 'v{version}';

const PLACEHOLDERS = ['ref', 'version'];

/**
 * Check a tag format such as `v{version}` or `{ref}-v{version}` (monorepos): it must hold
 * `{version}` (or every release would get the same tag) and no other placeholder than
 * `{ref}`. Returns the format unchanged.
 */
export function parseTagFormat(format: string): string {
  const unknown = [...format.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => !PLACEHOLDERS.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`tag format ${JSON.stringify(format)} has the unknown placeholder {${unknown[0]}}; use {version} and optionally {ref}, e.g. v{version} or {ref}-v{version}`);
  }
  if (!format.includes('{version}')) {
    throw new UsageError(`tag format ${JSON.stringify(format)} lacks {version}, so every release would get the same tag; write e.g. v{version} or {ref}-v{version}`);
  }
  return format;
}

/** The tag name `format` gives a pack version; refused when git could not hold it as a tag. */
export function renderTag(format: string, pack: { ref: string; version: string }): string {
  const tag = format.replaceAll('{ref}', pack.ref).replaceAll('{version}', pack.version);
  const problem = refNameProblem(tag);
  if (problem) throw new UsageError(`tag format ${JSON.stringify(format)} gives ${JSON.stringify(tag)} for ${pack.ref} ${pack.version}, which is not a valid git tag name (${problem}); change the format`);
  return tag;
}

/** Why `name` breaks git's ref name rules (git check-ref-format), or undefined. */
function refNameProblem(name: string): string | undefined {
  if (name === '' || name === '@') return 'it is empty or "@"';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return 'it contains "..", "@{" or "//"';
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.startsWith('-')) return 'it starts with "/" or "-", or ends with "/" or "."';
  if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) return 'a part starts with "." or ends with ".lock"';
  return undefined;
}
