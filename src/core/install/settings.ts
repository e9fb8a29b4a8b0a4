import type { FetchSettings } from '../client/fetch.js';
import type { CoreDeps } from '../deps.js';
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
