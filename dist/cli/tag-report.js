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

export { tagResultsText };
