const MARK = { added: '+', unchanged: '=', replaced: '~', refused: '!' };
/**
 * The plan in a diff-like form, one line per `ref@version`:
 * `+` added, `=` unchanged, `~` replaced (--force), `!` refused, with the reason.
 */
function planText(result) {
    const lines = result.plan.map((i) => `${MARK[i.action]} ${i.ref} ${i.version}${i.latest ? ' (latest)' : ''}: ${i.reason}`);
    const verb = result.refused > 0 ? 'nothing written' : result.dryRun ? 'dry run, nothing written' : result.written ? 'written' : 'no change';
    const head = `${result.created ? 'new index' : 'index'} ${result.indexPath}: ${verb}`;
    const files = result.files.length > 0 && result.refused === 0 ? result.files.map((f) => `  ${result.written ? 'wrote' : 'would write'} ${f}`) : [];
    return [head, ...lines, ...files, ''].join('\n');
}
/** The plan as a markdown table, for a job summary. */
function planMarkdown(result) {
    const rows = result.plan.map((i) => `| \`${MARK[i.action]}\` | ${i.ref} | ${i.version}${i.latest ? ' (latest)' : ''} | ${i.action} | ${i.reason.replace(/\|/g, '\\|')} |`);
    return [
        `### packreg: index update${result.dryRun ? ' (dry run)' : ''}`,
        '',
        `\`${result.indexPath}\`: ${result.changed ? 'changed' : 'no change'}${result.refused > 0 ? `, ${result.refused} refused, nothing written` : ''}`,
        '',
        '| | ref | version | action | details |',
        '|---|---|---|---|---|',
        ...rows,
        '',
    ].join('\n');
}

export { planMarkdown, planText };
