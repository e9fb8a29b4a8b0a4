/** A two-column markdown table. */
function table(title, rows) {
    const body = rows.filter(([, v]) => v !== undefined).map(([k, v]) => `| ${k} | ${String(v).replace(/\|/g, '\\|')} |`);
    return [`### ${title}`, '', '| | |', '|---|---|', ...body, ''].join('\n');
}
/** Job summary of build-archive. */
function archiveSummary(r) {
    return table(`packreg: ${r.ref} ${r.version} archive`, [
        ['Archive', `\`${r.path}\``],
        ['Format', r.format],
        ['Files', r.files],
        ['Size', `${r.size} bytes`],
        ['Archive checksum', `\`${r.checksum}\``],
        ['Tree checksum', `\`${r.directoryChecksum}\``],
        ['Source', r.commit ? `git commit \`${r.commit}\`` : 'files on disk'],
    ]);
}
/** Job summary of checksum. */
function checksumSummary(r) {
    const verdict = r.match === undefined ? undefined : r.match ? 'match' : `**mismatch** (expected \`${r.expected}\`)`;
    return table('packreg: checksum', [
        ['Path', `\`${r.path}\``],
        ['Kind', r.kind === 'file' ? 'file bytes' : r.kind === 'git' ? `tree at commit \`${r.commit}\`` : 'directory tree'],
        ['Checksum', `\`${r.checksum}\``],
        ['Files', r.files],
        ['Expected', verdict],
    ]);
}
/** Job summary of index-entry. */
function entrySummary(e, path) {
    const sources = e.install_sources.map((s) => [`${s.type} source`, `${s.url}${s.type === 'git' ? ` @ \`${s.ref}\`` : ''} — \`${s.checksum}\``]);
    return table(`packreg: ${e.ref} ${e.version} index entry`, [['Entry file', `\`${path}\``], ['License', e.license], ...sources]);
}

export { archiveSummary as a, checksumSummary as c, entrySummary as e };
