/**
 * Attune's `result_format: simple`: a test runner prints its own counts as lines
 *
 *     Total Tests: 3
 *     Passed: 2
 *     Failed: 1
 *     Skipped: 0
 *
 * and those counts replace the exit code's one-suite verdict.
 */

/** Counts read from a runner's output. */
export interface SimpleResults {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

type Field = keyof SimpleResults;

const FIELDS: Readonly<Record<string, Field>> = { 'Total Tests': 'total', Passed: 'passed', Failed: 'failed', Skipped: 'skipped' };

/**
 * A whole line `<label>: <N>`: indentation and trailing blanks (or a CR) are allowed, other text
 * on the line is not, so "Failed: 2 of 3" or a log line quoting "...Passed: 1" is never read.
 */
const LINE = /^[ \t]*(Total Tests|Passed|Failed|Skipped):[ \t]*(\d+)[ \t]*\r?$/gm;

/**
 * The counts of the `simple` lines in `output`; the last value of each field wins (a runner
 * that prints a block per suite and a final summary is read by its summary). Undefined when
 * none of Total/Passed/Failed appears. A missing Total is passed + failed + skipped; any other
 * missing field is 0.
 */
export function parseSimpleResults(output: string): SimpleResults | undefined {
  const found: Partial<Record<Field, number>> = {};
  for (const match of output.matchAll(LINE)) {
    found[FIELDS[match[1]!]!] = Number(match[2]);
  }
  if (found.total === undefined && found.passed === undefined && found.failed === undefined) return undefined;
  const passed = found.passed ?? 0;
  const failed = found.failed ?? 0;
  const skipped = found.skipped ?? 0;
  return { total: found.total ?? passed + failed + skipped, passed, failed, skipped };
}
