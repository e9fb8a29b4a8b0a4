import { G as GATE_TITLES } from './report.js';

const MARK = { error: 'FAIL', warning: 'warn', info: 'ok' };
/** The report as plain text, for the command line. */
function gatesText(report, context) {
    const lines = [`pull request checks ${report.passed ? 'passed' : `FAILED (${report.failures} problem${report.failures === 1 ? '' : 's'})`}: base ${context.base.slice(0, 12)}, head ${context.head.slice(0, 12)}`];
    for (const check of report.checks) {
        if (check.status === 'skipped') {
            lines.push(`${GATE_TITLES[check.name]}: skipped (${check.details[0]?.message ?? ''})`);
            continue;
        }
        lines.push(`${GATE_TITLES[check.name]}: ${check.status}`);
        for (const d of check.details) {
            const where = [d.pack, d.file && `(${d.file}${d.line ? `:${d.line}` : ''})`].filter(Boolean).join(' ');
            lines.push(`  ${MARK[d.level]}  ${where ? `${where}: ` : ''}${d.message.replace(/\n\s*/g, ' ')}`);
        }
    }
    return `${lines.join('\n')}\n`;
}

export { gatesText };
