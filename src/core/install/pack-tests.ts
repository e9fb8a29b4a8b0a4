import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Logger } from '../logger.js';
import type { PackTestRunner, PackTesting } from '../pack/index.js';
import { prependPath } from '../process/clean-environment.js';
import type { CommandResult, CommandRunner } from '../process/command.js';
import type { ProcessRecord, RunnerReport, StepDetail, StepStatus, TestsReport } from './report.js';
import { parseSimpleResults } from './simple-format.js';

/**
 * The tests step: a pack's `testing` runners run one after another, from the pack root, the
 * way Attune runs them (compat README, "Pack tests as Attune runs them"), and the pass rate
 * decides whether the install may go on.
 */

/** What the tests step needs to know about the pack and where it runs. */
export interface PackTestSettings {
  /** Absolute pack root; runners run from here. */
  readonly packDir: string;
  /** The manifest's `testing` section. */
  readonly testing: PackTesting | undefined;
  /** Absolute path of the pack's venv, when the environment step made one. */
  readonly venvDir?: string;
  /** The runners' whole environment, already cleaned (cleanEnvironment(..., 'tests', ...)). */
  readonly env: Readonly<Record<string, string>>;
  /** Aborting stops the running runner and skips the rest. */
  readonly signal?: AbortSignal;
}

export interface PackTestDeps {
  readonly runner: CommandRunner;
  readonly logger: Logger;
}

/** The tests step's result. `tests` is absent when the step was skipped. */
export interface PackTestOutcome {
  status: StepStatus;
  details: StepDetail[];
  tests?: TestsReport;
  processes: ProcessRecord[];
}

/** Lines of output kept in a runner's report. */
const TAIL_LINES = 20;
const MANIFEST = 'pack.yaml';

/** One runner as it ran (or was refused), with the findings it produced. */
interface RunnerRun {
  readonly report: RunnerReport;
  readonly details: StepDetail[];
  readonly process?: ProcessRecord;
  readonly aborted: boolean;
}

/**
 * Run the pack's tests and judge them against `min_pass_rate` (default 1.0) and `on_failure`
 * (default block). Never throws for anything a pack does: a bad entry point, a missing test
 * tool or a hanging test is a failed suite with an error detail. When the step does not fail,
 * those details are demoted to warnings, so `statusOf(details)` agrees with `status`.
 */
export async function runPackTests(settings: PackTestSettings, deps: PackTestDeps): Promise<PackTestOutcome> {
  const testing = settings.testing;
  const skipped = skipReason(testing);
  if (skipped !== undefined || !testing) {
    deps.logger.info(`tests: skipped, ${skipped}`);
    return { status: 'skipped', details: [{ level: 'info', message: `tests skipped: ${skipped}`, file: MANIFEST }], processes: [] };
  }
  const names = Object.keys(testing.runners);
  const runs: RunnerRun[] = [];
  for (const name of names) {
    if (settings.signal?.aborted) break;
    runs.push(await runRunner(name, testing.runners[name]!, settings, deps));
  }
  const details = runs.flatMap((r) => r.details);
  const processes = runs.flatMap((r) => (r.process ? [r.process] : []));
  const tests = testsReport(testing, runs.map((r) => r.report));
  // an abort after the last runner finished cut nothing short: the tests were judged whole
  if (runs.length < names.length || runs.some((r) => r.aborted)) {
    details.push({ level: 'error', message: interruptedMessage(runs, names) });
    return { status: 'failed', details, tests, processes };
  }
  const status = judge(tests, details);
  return { status, details: status === 'failed' ? details : details.map(demote), tests, processes };
}

/** Why nothing runs, or undefined when there are runners to run. */
function skipReason(testing: PackTesting | undefined): string | undefined {
  if (!testing) return 'pack.yaml has no testing section';
  if (testing.enabled === false) return 'pack.yaml testing.enabled is false';
  if (Object.keys(testing.runners).length === 0) return 'pack.yaml testing.runners declares no runner';
  return undefined;
}

function interruptedMessage(runs: readonly RunnerRun[], names: readonly string[]): string {
  const last = runs.at(-1);
  const during = last?.aborted ? ` while runner ${last.report.name} was running` : '';
  return `tests interrupted${during}: ${names.length - runs.filter((r) => !r.aborted).length} of ${names.length} runners did not finish`;
}

/** Add the pass-rate verdict to `details` and return the step's status. */
function judge(tests: TestsReport, details: StepDetail[]): StepStatus {
  if (tests.passRate < tests.minPassRate) {
    const level = tests.onFailure === 'block' ? 'error' : 'warning';
    details.push({ level, file: MANIFEST, message: passRateMessage(tests) });
    return tests.onFailure === 'block' ? 'failed' : 'warned';
  }
  return details.some((d) => d.level !== 'info') ? 'warned' : 'passed';
}

function passRateMessage(tests: TestsReport): string {
  const ran = tests.passed + tests.failed;
  const verdict = tests.onFailure === 'block' ? 'on_failure: block stops the install' : 'on_failure: warn lets the install go on';
  return (
    `${tests.failed} of ${ran} tests failed (${tests.passed} passed, ${tests.skipped} skipped): pass rate ${percent(tests.passRate)} ` +
    `is below pack.yaml testing.min_pass_rate ${percent(tests.minPassRate)}; ${verdict}. Fix the failing tests (their output is in the log)`
  );
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}

/** A runner problem that did not fail the step is something to look at, not an error. */
function demote(detail: StepDetail): StepDetail {
  return detail.level === 'error' ? { ...detail, level: 'warning' } : detail;
}

function testsReport(testing: PackTesting, runners: RunnerReport[]): TestsReport {
  const sum = (field: 'total' | 'passed' | 'failed' | 'skipped'): number => runners.reduce((n, r) => n + r[field], 0);
  const passed = sum('passed');
  const failed = sum('failed');
  return {
    total: sum('total'),
    passed,
    failed,
    skipped: sum('skipped'),
    passRate: passed + failed === 0 ? 1 : passed / (passed + failed),
    minPassRate: testing.minPassRate ?? 1,
    onFailure: testing.onFailure ?? 'block',
    runners,
  };
}

/** Check one runner's entry point, run it, and count its results. */
async function runRunner(name: string, runner: PackTestRunner, settings: PackTestSettings, deps: PackTestDeps): Promise<RunnerRun> {
  const refused = await entryPointProblem(name, runner.entryPoint, settings.packDir);
  if (refused) {
    deps.logger.info(`tests: runner ${name} not run: ${refused}`);
    return { report: refusedReport(name, runner), details: [{ level: 'error', file: MANIFEST, message: refused }], aborted: false };
  }
  const [command, ...args] = commandFor(runner, settings.venvDir);
  deps.logger.info(`tests: runner ${name} (${runner.type}): ${[command, ...args].join(' ')}`);
  const result = await deps.runner.run(command!, args, {
    cwd: settings.packDir,
    env: runnerEnv(settings),
    timeoutMs: runner.timeout * 1000,
    signal: settings.signal,
  });
  const { report, details } = countRun(name, runner, result);
  logResult(report, result, deps.logger);
  const process: ProcessRecord = { step: 'tests', command: [command!, ...args], code: result.code, durationMs: Math.round(result.durationMs) };
  return { report, details, process, aborted: result.aborted };
}

/** Why the entry point cannot run, naming the pack.yaml field; undefined when it can. */
async function entryPointProblem(name: string, entryPoint: string, packDir: string): Promise<string | undefined> {
  const field = `${MANIFEST} testing.runners.${name}.entry_point`;
  const inside = relative(packDir, resolve(packDir, entryPoint));
  if (isAbsolute(entryPoint) || inside === '..' || inside.startsWith(`..${sep}`)) {
    return `${field} "${entryPoint}" is outside the pack: write it relative to the pack root, like tests/run_tests.sh`;
  }
  try {
    await stat(join(packDir, inside));
    return undefined;
  } catch {
    return `${field} "${entryPoint}" does not exist in the pack: add the file or correct the path`;
  }
}

/** A runner that was not run counts as one failed suite. */
function refusedReport(name: string, runner: PackTestRunner): RunnerReport {
  return {
    name,
    type: runner.type,
    entryPoint: runner.entryPoint,
    countedBy: 'exit-code',
    total: 1,
    passed: 0,
    failed: 1,
    skipped: 0,
    exitCode: -1,
    timedOut: false,
    durationMs: 0,
    outputTail: '',
  };
}

/** The command line Attune uses for a runner type. */
function commandFor(runner: PackTestRunner, venvDir: string | undefined): string[] {
  switch (runner.type) {
    case 'script':
      return [runner.entryPoint.endsWith('.sh') ? '/bin/sh' : '/bin/bash', runner.entryPoint];
    case 'unittest':
      return [venvDir ? join(venvDir, 'bin', 'python3') : 'python3', '-m', 'unittest', runner.entryPoint];
    case 'pytest':
      // found on PATH, where the venv's bin comes first: a pytest installed in the venv wins
      return ['pytest', runner.entryPoint, '-v'];
  }
}

/** With a venv, its bin/ leads PATH and VIRTUAL_ENV names it, as an activated venv would. */
function runnerEnv(settings: PackTestSettings): Record<string, string> {
  if (!settings.venvDir) return { ...settings.env };
  return { ...settings.env, PATH: prependPath(settings.env, join(settings.venvDir, 'bin')), VIRTUAL_ENV: settings.venvDir };
}

/** Counts from the `simple` lines when asked for and present, else one suite by exit code. */
function countRun(name: string, runner: PackTestRunner, result: CommandResult): { report: RunnerReport; details: StepDetail[] } {
  const simple = runner.resultFormat === 'simple' && !result.notStarted ? parseSimpleResults(result.output) : undefined;
  const suite = result.code === 0 && !result.timedOut;
  let counts = simple ?? { total: 1, passed: suite ? 1 : 0, failed: suite ? 0 : 1, skipped: 0 };
  const details: StepDetail[] = [];
  if (result.notStarted) {
    details.push({ level: 'error', message: `runner ${name} could not start: ${result.notStarted}; ${startHint(runner)}` });
  } else if (result.timedOut) {
    // a hung test proves nothing passed on its own: the run counts at least one failure
    if (counts.failed === 0) counts = { ...counts, failed: 1, total: Math.max(counts.total, counts.passed + counts.skipped + 1) };
    details.push({ level: 'error', message: `runner ${name} timed out after ${runner.timeout}s; its process group was killed` });
  } else if (simple && result.code !== 0 && simple.failed === 0 && !result.aborted) {
    details.push({ level: 'warning', message: `runner ${name} exited with code ${result.code} but its output reports 0 failed tests; the counts are trusted, as Attune does` });
  }
  const report: RunnerReport = {
    name,
    type: runner.type,
    entryPoint: runner.entryPoint,
    countedBy: simple ? 'simple' : 'exit-code',
    ...counts,
    exitCode: result.code,
    timedOut: result.timedOut,
    durationMs: Math.round(result.durationMs),
    outputTail: lastLines(result.output, TAIL_LINES),
  };
  return { report, details };
}

/** How to make a runner's command available. */
function startHint(runner: PackTestRunner): string {
  switch (runner.type) {
    case 'pytest':
      return 'add pytest to the pack\'s requirements.txt so the environment step installs it, or install pytest where packreg runs';
    case 'unittest':
      return 'install python3 where packreg runs (or let the environment step create the pack\'s venv)';
    case 'script':
      return 'the script runners need /bin/sh and /bin/bash';
  }
}

function logResult(report: RunnerReport, result: CommandResult, logger: Logger): void {
  const seconds = (result.durationMs / 1000).toFixed(1);
  logger.info(
    `tests: runner ${report.name}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped ` +
      `(counted by ${report.countedBy}, exit code ${report.exitCode}, ${seconds}s)`,
  );
  // the report carries the errors; the output is for whoever reads the log
  if (report.failed > 0 && report.outputTail) logger.info(`tests: runner ${report.name} output (last lines):\n${report.outputTail}`);
}

function lastLines(text: string, count: number): string {
  return text.replace(/\n+$/, '').split('\n').slice(-count).join('\n');
}
