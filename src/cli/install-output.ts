import type { InstallReport } from '../core/install/install-report.js';
import type { StepReport, TestsReport } from '../core/install/report.js';

/** An install result as text: a headline, then one line per step with its details below. */
export function installText(report: InstallReport): string {
  return `${[...report.dependencies.map((d) => installText(d)), headline(report), ...report.steps.flatMap((step) => stepLines(step, report.tests))].join('\n')}\n`;
}

function headline(report: InstallReport): string {
  const pack = report.ref ? `${report.ref}@${report.version}` : report.spec;
  if (!report.passed) return `${pack}: FAILED (${report.error ?? 'see the steps below'})`;
  if (report.dryRun) return `${pack}: verified (dry run; nothing registered)`;
  return `${pack}: installed to ${report.installedTo}`;
}

function stepLines(step: StepReport, tests: TestsReport | undefined): string[] {
  const seconds = step.status === 'skipped' && step.durationMs === 0 ? '' : `${(step.durationMs / 1000).toFixed(2)} s`;
  const head = `  ${step.name.padEnd(13)}${step.status.padEnd(9)}${seconds}`;
  const counts = step.name === 'tests' && tests ? [`      ${testCounts(tests)}`] : [];
  return [head.trimEnd(), ...counts, ...step.details.map((d) => `      ${d.level === 'info' ? '' : `${d.level}: `}${d.message}`)];
}

/** "4 passed, 1 failed, 0 skipped: pass rate 80% (minimum 100%, on_failure block)". */
export function testCounts(tests: TestsReport): string {
  const rate = (value: number) => `${Math.round(value * 1000) / 10}%`;
  return `${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped: pass rate ${rate(tests.passRate)} (minimum ${rate(tests.minPassRate)}, on_failure ${tests.onFailure})`;
}
