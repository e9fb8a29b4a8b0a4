import type { FetchSettings } from '../client/fetch.js';
import type { CoreDeps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { HttpClient } from '../http/http-client.js';
import type { CommandRunner } from '../process/command.js';

/** What `packreg install` (and `verify`, the dry run) does, as one typed object. */
export interface InstallSettings extends Omit<FetchSettings, 'out'> {
  /** Where installed packs live: `<packsDir>/<ref>/`. */
  readonly packsDir: string;
  /** Replace an installed pack of the same ref (otherwise that is an error). */
  readonly force: boolean;
  /** Skip the dependency checks (attune_version, runtime_deps, pack dependencies). */
  readonly skipDeps: boolean;
  /** Skip the pack's tests; the result says they were skipped. */
  readonly skipTests: boolean;
  /** Do every step in a temporary folder and register nothing. */
  readonly dryRun: boolean;
  /** Resolve missing pack dependencies from the registries and install them first. */
  readonly withDeps: boolean;
  /** The Attune version to check `dependencies.attune_version` against. */
  readonly attuneVersion?: string;
  /** A folder of reusable virtualenvs keyed by requirements hash (a CI cache restores it). */
  readonly venvCache?: string;
  /** Seconds each setup command (python3 -m venv, pip install, npm ci/install) may run; default {@link DEFAULT_SETUP_TIMEOUT_SECONDS}. */
  readonly setupTimeoutSeconds?: number;
  /** The caller's environment: filtered before any child process sees it. */
  readonly callerEnv: Readonly<Record<string, string | undefined>>;
  /** Where dry runs work (the OS temp folder). */
  readonly tempDir: string;
  /** Aborted on SIGINT/SIGTERM: running processes are killed and temporary folders removed. */
  readonly signal?: AbortSignal;
  /** The clock for `installed_at`. */
  readonly now?: () => Date;
}

/** The edges an install reaches the world through. */
export type InstallDeps = CoreDeps & { readonly http: HttpClient; readonly runner: CommandRunner };

/**
 * How long one setup command (venv creation, pip install, npm ci/install) may run by default:
 * long enough for a large requirements.txt on a slow mirror, short enough that a pip stuck on an
 * unreachable index fails the CI job in minutes rather than at the runner's 6-hour limit.
 */
export const DEFAULT_SETUP_TIMEOUT_SECONDS = 900;

/** The largest limit a timer can hold (setTimeout fires at once beyond 2^31-1 ms, about 24.8 days). */
export const MAX_SETUP_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** True when `seconds` is a usable setup time limit: a whole number from 1 to {@link MAX_SETUP_TIMEOUT_SECONDS}. */
export function isSetupTimeout(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_SETUP_TIMEOUT_SECONDS;
}

/**
 * The setup time limit a flag or input gives, as seconds; undefined when it is not given (the
 * default applies). `name` is how the user wrote it (`--setup-timeout`, `input setup-timeout`).
 * Throws a UsageError naming it and the value unless the text is a positive whole number.
 */
export function parseSetupTimeout(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!isSetupTimeout(seconds)) {
    throw new UsageError(`${name}: "${text}" is not a positive whole number of seconds (1 to ${MAX_SETUP_TIMEOUT_SECONDS}); write for example 1800 for 30 minutes (default ${DEFAULT_SETUP_TIMEOUT_SECONDS})`);
  }
  return seconds;
}
