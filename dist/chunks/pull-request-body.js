import { posix } from 'node:path';

/** The head branch packreg owns for one ref@version: re-runs replace it. */
const headBranch = (entry) => `packreg/${entry.ref}-${entry.version}`;
/** The pull request's title, and the commit's message after "Add ". */
const entryName = (entry) => `${entry.ref} ${entry.version}`;
/** Markdown of a table cell: pipes and line breaks would end it. */
const cell = (text) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text) => `\`${text.replace(/`/g, "'")}\``;
/**
 * The pull request body: what the entry adds (version, install sources and their checksums)
 * and where it comes from, so a reviewer can check it against the release.
 */
function pullRequestBody(entry, indexPath, branch, source) {
    const rows = [['version', code(entry.version)]];
    for (const s of entry.install_sources) {
        rows.push([`${s.type} source`, s.type === 'git' ? `${cell(s.url)} at ${code(s.ref)}` : cell(s.url)]);
        rows.push([`${s.type} checksum`, code(s.checksum)]);
    }
    return [
        `Adds **${cell(entry.ref)} ${cell(entry.version)}** (${cell(entry.label)}) to ${code(indexPath)} and its history ${code(posix.join(posix.dirname(indexPath), 'packs', entry.ref, 'index.json'))}.`,
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([name, value]) => `| ${name} | ${value} |`),
        '',
        ...originLines(source),
        `Opened by packreg registry-handoff. The branch ${code(branch)} belongs to packreg: re-running the release replaces it.`,
        '',
    ].join('\n');
}
/** Where the release was built, when the caller says. */
function originLines(source) {
    if (!source)
        return [];
    const parts = [
        source.repository && `repository ${code(source.repository)}`,
        source.tag && `tag ${code(source.tag)}`,
        source.sha && `commit ${code(source.sha)}`,
        source.runUrl && `[workflow run](${source.runUrl})`,
    ].filter((p) => typeof p === 'string' && p !== '');
    return parts.length === 0 ? [] : [`Released from ${parts.join(', ')}.`, ''];
}

export { entryName as e, headBranch as h, pullRequestBody as p };
