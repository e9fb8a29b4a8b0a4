/** One line saying what the run did. */
function publishHeadline(r) {
    const what = `${r.ref}@${r.version}`;
    if (r.dryRun)
        return r.alreadyPublished ? `dry run: ${what} is already published in ${r.registry}` : `dry run: ${what} would be published to ${r.registry}; nothing was written`;
    return r.alreadyPublished ? `${what} is already published in ${r.registry}; nothing changed but the index check` : `published ${what} to ${r.registry}`;
}
function indexState(r) {
    if (!r.index)
        return 'not touched (dry run)';
    const unbacked = r.index.unbacked.length > 0 ? `, ${r.index.unbacked.length} entr(ies) without entry objects kept` : '';
    return `${r.index.changed ? 'updated' : 'already complete'} (${r.index.packs} packs, ${r.index.rounds} round(s)${unbacked})`;
}
/** The result for a terminal. */
function publishText(r) {
    return [
        publishHeadline(r),
        `  archive   ${r.archiveUrl} (${r.archive})`,
        `  checksum  ${r.checksum}`,
        `  tree      ${r.treeChecksum}`,
        `  entry     ${r.entry}`,
        `  index     ${r.indexUrl} ${indexState(r)}`,
        ...(r.local ? ['  local development registry: file:// URLs, installable on this machine only'] : []),
        '',
    ].join('\n');
}
/** The result as a job-summary table. */
function publishMarkdown(r) {
    const rows = [
        ['pack', `\`${r.ref}@${r.version}\``],
        ['registry', `\`${r.registry}\``],
        ['archive', `${r.archiveUrl} (${r.archive})`],
        ['checksum', `\`${r.checksum}\``],
        ['tree checksum', `\`${r.treeChecksum}\``],
        ['entry', r.entry],
        ['index', `${r.indexUrl}: ${indexState(r)}`],
    ];
    return [`### ${publishHeadline(r)}`, '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`), ''].join('\n');
}

export { publishHeadline, publishMarkdown, publishText };
