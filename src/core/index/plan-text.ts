import type { IndexUpdateResult } from './index-update.js';

const MARK = { added: '+', unchanged: '=', replaced: '~', refused: '!' } as const;

/**
 * The plan in a diff-like form, one line per `ref@version`:
 * `+` added, `=` unchanged, `~` replaced (--force), `!` refused, with the reason.
 */
export function planText(result: IndexUpdateResult): string {
  const lines = result.plan.map((i) => `${MARK[i.action]} ${i.ref} ${i.version}${i.latest ? ' (latest)' : ''}: ${i.reason}`);
  const verb = result.refused > 0 ? 'nothing written' : result.dryRun ? 'dry run, nothing written' : result.written ? 'written' : 'no change';
  const head = `${result.created ? 'new index' : 'index'} ${result.indexPath}: ${verb}`;
  const files = result.files.length > 0 && result.refused === 0 ? result.files.map((f) => `  ${result.written ? 'wrote' : 'would write'} ${f}`) : [];
  return [head, ...lines, ...files, ''].join('\n');
}

/** The plan as a markdown table, for a job summary. */
export function planMarkdown(result: IndexUpdateResult): string {
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
