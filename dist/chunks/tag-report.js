const WHAT = {
    created: 'created',
    exists: 'already there (nothing to do)',
    unchanged: 'version not raised: no tag',
};
const before = (r) => r.previousVersion ?? 'new pack';
/** tag-version's results, one line per pack (the CLI's output). */
function tagResultsText(results) {
    return results.map((r) => `${r.ref} ${before(r)} -> ${r.version}: ${r.tag ? `${r.tag} ` : ''}${WHAT[r.outcome]}`).join('\n') + '\n';
}
/** tag-version's results as a job summary table. */
function tagResultsMarkdown(results) {
    const rows = results.map((r) => `| ${r.ref} | \`${r.packDir}\` | ${before(r)} | ${r.version} | ${r.tag ? `\`${r.tag}\`` : ''} | ${WHAT[r.outcome]} |`);
    return ['### packreg: release tags', '', '| Pack | Folder | Before | Now | Tag | Result |', '|---|---|---|---|---|---|', ...rows, ''].join('\n');
}

export { tagResultsMarkdown, tagResultsText };
