/**
 * The result of an install or verify: every step with its status, duration and details, the
 * test counts, and the external processes run (so packreg's own overhead can be measured).
 */

/** The installation workflow's steps, in order (specification, "Installation Workflow"). */
export const INSTALL_STEPS = ['fetch', 'dependencies', 'environment', 'tests', 'registration', 'cleanup'] as const;

export type InstallStepName = (typeof INSTALL_STEPS)[number];

/**
 * `passed`: done and fine. `warned`: done, with something to look at that does not block
 * (an unknown runtime dependency, tests failing under `on_failure: warn`). `failed`: the
 * install stops here. `skipped`: not run (a flag, nothing to do, or an earlier failure).
 */
export type StepStatus = 'passed' | 'warned' | 'failed' | 'skipped';

/** One finding of a step, with the file and line it concerns when known (for annotations). */
export interface StepDetail {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
  /** A path relative to the pack root. */
  readonly file?: string;
  readonly line?: number;
}

/** One step of the workflow as it ran. */
export interface StepReport {
  readonly name: InstallStepName;
  readonly status: StepStatus;
  readonly durationMs: number;
  readonly details: readonly StepDetail[];
}

/** One external process a step ran (venv, pip, npm, a test runner). */
export interface ProcessRecord {
  readonly step: InstallStepName;
  /** The command and its arguments, as run. */
  readonly command: readonly string[];
  readonly code: number;
  readonly durationMs: number;
}

/** Test counts of one runner from pack.yaml `testing.runners`. */
export interface RunnerReport {
  readonly name: string;
  readonly type: 'script' | 'unittest' | 'pytest';
  readonly entryPoint: string;
  /** `simple` when the counts came from "Total Tests:/Passed:/..." lines, else `exit-code` (one suite). */
  readonly countedBy: 'simple' | 'exit-code';
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly exitCode: number;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** The last lines of the runner's output, for the log and the job summary when it failed. */
  readonly outputTail: string;
}

/** The tests step's totals and the rule that judged them. */
export interface TestsReport {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** passed / (total - skipped); 1 when nothing ran. */
  readonly passRate: number;
  readonly minPassRate: number;
  readonly onFailure: 'block' | 'warn';
  readonly runners: readonly RunnerReport[];
}

/** Measure a step: its duration and a report built from what it found. */
export function stepReport(name: InstallStepName, status: StepStatus, startedAt: number, details: readonly StepDetail[]): StepReport {
  return { name, status, durationMs: Math.round(performance.now() - startedAt), details };
}

/** The status of a step from its details: failed on an error, warned on a warning. */
export function statusOf(details: readonly StepDetail[]): StepStatus {
  if (details.some((d) => d.level === 'error')) return 'failed';
  return details.some((d) => d.level === 'warning') ? 'warned' : 'passed';
}
