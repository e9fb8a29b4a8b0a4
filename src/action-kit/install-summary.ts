import type { InstallReport } from '../core/install/install-report.js';
import type { RunnerReport, StepDetail } from '../core/install/report.js';
import type { VerifyResult } from '../core/install/verify-packs.js';

const ICONS = { passed: '✅', warned: '⚠️', failed: '❌', skipped: '⏭️' } as const;

/** Escape a value for one markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** The job summary of install-verify: per pack, a table of steps, then one of test runners. */
export function verifyMarkdown(result: VerifyResult, listOnly: boolean): string {
  const title = `### packreg install-verify: ${listOnly ? 'packs to verify' : result.passed ? 'passed' : 'failed'}`;
  if (listOnly || result.packs.length === 0) {
    const rows = result.matrix.include.map((e) => `| ${cell(e.pack)} | \`${cell(e.path)}\` |`);
    return [title, '', rows.length === 0 ? 'No pack to verify.' : ['| pack | path |', '|---|---|', ...rows].join('\n'), ''].join('\n');
  }
  return [title, '', ...result.packs.flatMap((report) => packSection(report)), ''].join('\n');
}

function packSection(report: InstallReport): string[] {
  const name = report.ref ? `${report.ref} ${report.version}` : report.spec;
  const verdict = report.passed ? (report.dryRun ? 'verified (dry run)' : `installed to \`${report.installedTo}\``) : `**failed**: ${cell(report.error ?? '')}`;
  const steps = report.steps.map((s) => `| ${s.name} | ${ICONS[s.status]} ${s.status} | ${(s.durationMs / 1000).toFixed(2)} s | ${cell(notable(s.details))} |`);
  const section = [`#### ${cell(name)}: ${verdict}`, '', '| step | status | time | details |', '|---|---|---|---|', ...steps, ''];
  if (report.tests && report.tests.runners.length > 0) section.push(...runnerTable(report.tests.runners), '');
  return [...report.dependencies.flatMap(packSection), ...section];
}

/** Warnings and errors first; info only when there is nothing else to say. */
function notable(details: readonly StepDetail[]): string {
  const important = details.filter((d) => d.level !== 'info');
  return (important.length > 0 ? important : details.slice(0, 2)).map((d) => d.message).join('\n');
}

function runnerTable(runners: readonly RunnerReport[]): string[] {
  const rows = runners.map(
    (r) => `| ${cell(r.name)} | ${r.type} \`${cell(r.entryPoint)}\` | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.timedOut ? 'timed out' : r.exitCode} | ${(r.durationMs / 1000).toFixed(2)} s |`,
  );
  return ['| runner | command | passed | failed | skipped | exit | time |', '|---|---|---|---|---|---|---|', ...rows];
}
