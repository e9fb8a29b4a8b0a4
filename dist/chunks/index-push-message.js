import { U as UsageError } from './errors.js';

/** Who index commits are by unless told otherwise: the identity GitHub shows for Actions. */
const DEFAULT_INDEX_AUTHOR = {
    name: 'github-actions[bot]',
    email: '41898282+github-actions[bot]@users.noreply.github.com',
};
/**
 * The commit message for what one attempt changes (its added and replaced versions, not the
 * ones already published): `index: hello 1.2.0`, `index: hello 1.1.0, 1.2.0`, or
 * `index: 3 packs` with one body line per version. Replacements (--force) say so.
 */
function indexCommitMessage(plan) {
    const items = plan.filter((i) => i.action === 'added' || i.action === 'replaced');
    const label = (i) => `${i.version}${i.action === 'replaced' ? ' (replaced)' : ''}`;
    const refs = [...new Set(items.map((i) => i.ref))];
    if (refs.length === 1)
        return `index: ${refs[0]} ${items.map(label).join(', ')}`;
    const body = items.map((i) => `- ${i.ref} ${label(i)}`);
    return [`index: ${refs.length} packs`, '', ...body].join('\n');
}
/** `Name <email>` (a --author value) as a commit author. */
function parseAuthor(text, what) {
    const match = /^\s*([^<>]*[^<>\s])\s*<([^<>\s@]+@[^<>\s]+)>\s*$/.exec(text);
    if (!match)
        throw new UsageError(`${what}: "${text}" is not an author; write it as "Name <email@example.com>"`);
    return { name: match[1], email: match[2] };
}

export { DEFAULT_INDEX_AUTHOR, indexCommitMessage, parseAuthor };
