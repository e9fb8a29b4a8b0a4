import type { GateCheck, GateDetail, GateReport } from './report.js';
import { GATE_TITLES } from './report.js';

/** The hidden first line that identifies packreg's pull request comment, so re-runs update it. */
export const COMMENT_MARKER = '<!-- packreg:pr-checks -->';

/** Details listed per gate; the rest are counted (a comment holds at most 65536 characters). */
const MAX_DETAILS = 50;

/** The commits compared, shown under the heading. */
export interface ReportContext {
  readonly base: string;
  readonly head: string;
}

/** The report as markdown, for the job summary. */
export function gatesMarkdown(report: GateReport, context: ReportContext): string {
  const heading = report.passed ? '### ✅ packreg: pull request checks passed' : `### ❌ packreg: pull request checks failed (${report.failures} problem${report.failures === 1 ? '' : 's'})`;
  return [
    heading,
    '',
    `Base \`${context.base.slice(0, 12)}\` → head \`${context.head.slice(0, 12)}\``,
    '',
    '| Check | Result |',
    '|---|---|',
    ...report.checks.map((c) => `| ${GATE_TITLES[c.name]} | ${cell(statusText(c))} |`),
    '',
    ...report.checks.filter((c) => c.status !== 'skipped').flatMap(checkSection),
  ].join('\n');
}

/** The report as the pull request comment: the summary behind the marker. */
export function commentMarkdown(report: GateReport, context: ReportContext): string {
  return `${COMMENT_MARKER}\n${gatesMarkdown(report, context)}`;
}

function statusText(check: GateCheck): string {
  if (check.status === 'skipped') return `⏭️ skipped: ${check.details[0]?.message ?? ''}`;
  const errors = check.details.filter((d) => d.level === 'error').length;
  return check.status === 'failed' ? `❌ ${errors} problem${errors === 1 ? '' : 's'}` : '✅ passed';
}

function checkSection(check: GateCheck): string[] {
  // Problems first: with many details, the ones that matter must not be cut off.
  const ordered = [...check.details].sort((a, b) => rank(a) - rank(b));
  const shown = ordered.slice(0, MAX_DETAILS).map(detailLine);
  if (ordered.length > MAX_DETAILS) shown.push(`- … and ${ordered.length - MAX_DETAILS} more`);
  return [`#### ${GATE_TITLES[check.name]}`, '', ...shown, ''];
}

const RANK = { error: 0, warning: 1, info: 2 } as const;
const rank = (d: GateDetail): number => RANK[d.level];
const ICON = { error: '❌', warning: '⚠️', info: '✅' } as const;

function detailLine(d: GateDetail): string {
  const what = [d.pack && `**${escape(d.pack)}**`, d.file && `\`${d.file.replace(/`/g, "'")}\``].filter(Boolean).join(' ');
  return `- ${ICON[d.level]} ${what ? `${what}: ` : ''}${escape(d.message)}`;
}

/**
 * Text from pack files and indices (a pull request's own content) made inert: no HTML, no
 * links or emphasis, no line breaks that end the list item.
 */
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]]/g, '\\$&')
    .replace(/\r?\n\s*/g, ' ');
}

function cell(text: string): string {
  return escape(text).replace(/\|/g, '\\|');
}
