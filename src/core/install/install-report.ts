import type { FetchResult } from '../client/fetch.js';
import type { ExitCodeValue } from '../errors.js';
import type { ProcessRecord, StepReport, TestsReport } from './report.js';

/** The result of `packreg install` / `verify` for one pack (and the packs it installed first). */
export interface InstallReport {
  /** What was asked for. */
  readonly spec: string;
  /** Known once the pack tree was fetched. */
  readonly ref?: string;
  readonly version?: string;
  /** Every step passed or only warned. */
  readonly passed: boolean;
  /** The exit code this result maps to (0 when passed). */
  readonly exitCode: ExitCodeValue;
  readonly dryRun: boolean;
  /** Where the pack was installed, or would be in a dry run. */
  readonly installedTo?: string;
  /** The registry the entry came from, and the ones it shadows. */
  readonly registry?: string;
  readonly shadowed: readonly string[];
  readonly source?: FetchResult['source'];
  /** The checksum of what was verified (a local folder: the framed checksum of the files copied). */
  readonly checksum?: string;
  readonly fallbacks: readonly string[];
  readonly steps: readonly StepReport[];
  readonly tests?: TestsReport;
  /** External processes run (venv, pip, npm, tests, version probes), with their durations. */
  readonly processes: readonly ProcessRecord[];
  /** Packs installed first because of `--with-deps`. */
  readonly dependencies: readonly InstallReport[];
  /** The message of the step that failed. */
  readonly error?: string;
}
