import type { Logger } from '../logger.js';
import type { CommandResult, CommandRunner } from '../process/command.js';
import type { ProcessRecord, StepDetail } from './report.js';
import { DEFAULT_SETUP_TIMEOUT_SECONDS } from './settings.js';

/** Last lines of a failed command's output quoted in its error detail. */
const TAIL_LINES = 20;
/**
 * First lines quoted too when the output is longer: some tools state the cause first and then
 * print pages of usage (npm ci with a lock file out of sync).
 */
const HEAD_LINES = 5;

/**
 * What the environment step's parts share: where the pack is, how to run tools, and the
 * details and process records collected so far (each part appends to them).
 */
export interface EnvironmentContext {
  readonly packDir: string;
  readonly runner: CommandRunner;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** Seconds each command may run before its process group is killed; default {@link DEFAULT_SETUP_TIMEOUT_SECONDS}. */
  readonly setupTimeoutSeconds?: number;
  readonly details: StepDetail[];
  readonly processes: ProcessRecord[];
}

/** One external command of the environment step, and what to advise when it fails. */
export interface EnvironmentCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** What the user should check when the command fails (one clause, no final period). */
  readonly fix: string;
  /** The pack file the failure concerns (requirements.txt, package.json). */
  readonly file?: string;
}

/**
 * Run `step` in the pack folder, record it as a process of the environment step, and on
 * failure add an error detail with the command, its exit code and its last output lines.
 * A command still running after the context's time limit is killed with its process group
 * (an installer stuck on an unreachable index must not hold a CI job for hours).
 * Returns whether it succeeded, and its result.
 */
export async function runEnvironmentCommand(context: EnvironmentContext, step: EnvironmentCommand): Promise<{ ok: boolean; result: CommandResult }> {
  const shown = displayCommand(step.command, step.args);
  context.logger.info(`running ${shown}`);
  const lines = lineForwarder((line) => context.logger.debug(line));
  const timeoutSeconds = context.setupTimeoutSeconds ?? DEFAULT_SETUP_TIMEOUT_SECONDS;
  const result = await context.runner.run(step.command, step.args, {
    cwd: context.packDir,
    env: step.env,
    timeoutMs: timeoutSeconds * 1000,
    signal: context.signal,
    onOutput: lines.push,
  });
  lines.flush();
  context.processes.push({ step: 'environment', command: [step.command, ...step.args], code: result.code, durationMs: Math.round(result.durationMs) });
  const ok = result.code === 0 && !result.notStarted && !result.aborted && !result.timedOut;
  if (!ok) context.details.push({ level: 'error', message: failureMessage(shown, result, step.fix, timeoutSeconds), ...(step.file ? { file: step.file } : {}) });
  return { ok, result };
}

/** Why a command failed, in one message a CI log and a job summary can show as is. */
function failureMessage(shown: string, result: CommandResult, fix: string, timeoutSeconds: number): string {
  if (result.notStarted) return `${shown} could not start: ${result.notStarted}; ${fix}`;
  if (result.aborted) return `${shown} was stopped because packreg was interrupted`;
  // The limit is a packreg setting, so say where to raise it (the CLI flag, the install-verify input).
  const ending = result.timedOut ? `timed out after ${timeoutSeconds} s` : `failed with exit code ${result.code}`;
  const advice = result.timedOut ? `${fix} (raise the limit with --setup-timeout or the setup-timeout input)` : fix;
  const quoted = quoteOutput(result.output);
  return `${shown} ${ending}; ${advice}${quoted === '' ? ' (it printed nothing)' : `. Output:\n${quoted}`}`;
}

/** The output's last lines, and its first ones when lines were left out between. */
export function quoteOutput(text: string): string {
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed === '') return '';
  const lines = trimmed.split(/\r?\n/);
  if (lines.length <= HEAD_LINES + TAIL_LINES) return lines.join('\n');
  const omitted = lines.length - HEAD_LINES - TAIL_LINES;
  return [...lines.slice(0, HEAD_LINES), `… ${omitted} line(s) left out …`, ...lines.slice(-TAIL_LINES)].join('\n');
}

/** A command as a user would type it, arguments with spaces quoted. */
export function displayCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => (/[\s"'\\]/.test(part) || part === '' ? JSON.stringify(part) : part)).join(' ');
}

/** Chunks of output in, whole lines out (a chunk may end mid-line). */
function lineForwarder(emit: (line: string) => void): { push: (text: string) => void; flush: () => void } {
  let pending = '';
  return {
    push: (text) => {
      const lines = (pending + text).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    flush: () => {
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}
