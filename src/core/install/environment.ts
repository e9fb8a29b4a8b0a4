/**
 * Step 5 of the installation workflow, "Setup Worker Environment": the pack's Python venv,
 * its node_modules, and a check that every entry point can be started.
 */
import { isAbsolute } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PackManifest } from '../pack/index.js';
import { assertPackDirectory } from '../pack/pack-files.js';
import type { CommandRunner } from '../process/command.js';
import type { EnvironmentContext } from './environment-command.js';
import { checkEntryPoints } from './entry-points.js';
import { installNodeModules, isNodePack } from './node-modules.js';
import { setUpPython } from './python-environment.js';
import { isPythonPack, readRequirements } from './python-venv.js';
import { statusOf, type ProcessRecord, type StepDetail, type StepStatus } from './report.js';
import { isSetupTimeout, MAX_SETUP_TIMEOUT_SECONDS } from './settings.js';
import type { VenvSource } from './venv-reuse.js';

export { relocateVenv } from './venv-relocate.js';
export { checkEntryPoints, type EntryPointCheck } from './entry-points.js';
export { isPythonPack } from './python-venv.js';
export { VENV_MARKER, venvKey, type VenvMarker } from './venv-marker.js';
export type { VenvSource } from './venv-reuse.js';

/** What the environment step works on and where it may find venvs to reuse. */
export interface EnvironmentSettings {
  /** Absolute path of the staged pack; its venv goes to `<packDir>/.venv`. */
  readonly packDir: string;
  readonly manifest: PackManifest;
  /** The caller's environment; installers get only its allow-listed part (cleanEnvironment 'installer'). */
  readonly callerEnv: Readonly<Record<string, string | undefined>>;
  /** The interpreter that creates venvs (default `python3`). */
  readonly python?: string;
  /** Absolute paths of previously installed pack folders whose `.venv` may be reused. */
  readonly reuseFrom?: readonly string[];
  /** Absolute path of a cache folder holding venvs as `<venvCache>/<key>/`. */
  readonly venvCache?: string;
  /** Aborting stops the running installer (its whole process group). */
  readonly signal?: AbortSignal;
  /** Seconds each command (venv, pip, npm) may run before it is killed; default 900 (DEFAULT_SETUP_TIMEOUT_SECONDS). */
  readonly setupTimeoutSeconds?: number;
}

/** The environment step as it ran. */
export interface EnvironmentOutcome {
  status: StepStatus;
  details: StepDetail[];
  /** Every external process run (python3 --version, venv, pip, npm), with step 'environment'. */
  processes: ProcessRecord[];
  /** `<packDir>/.venv`, when the pack is a Python pack and its venv is ready. */
  venvDir?: string;
  /** The venv's cache key (requirements.txt hash and Python version). */
  venvKey?: string;
  /** Set when the venv was not built but reused: kept, copied from a previous install, or from the cache. */
  reused?: VenvSource;
}

/**
 * Set up what the pack needs to run: for a Python pack (requirements.txt, a python runtime
 * dependency, python_version or a unittest/pytest runner) a venv with its requirements,
 * reused when one was built from the same inputs; for a pack with package.json its
 * node_modules (`npm ci` with a lock file, else `npm install`); and a check that the entry
 * points of actions and sensors exist in the pack, shell ones executable.
 *
 * Failures of the tools and of the checks are error details (status `failed`); a pack with
 * none of the three is `skipped`. Each command may run `setupTimeoutSeconds`; one that runs
 * longer is killed and fails the step. Throws an InputError when `packDir` is not an existing
 * absolute folder or a reuse path is relative, a UsageError when `setupTimeoutSeconds` is not
 * a positive whole number; nothing is written then.
 */
export async function setUpEnvironment(settings: EnvironmentSettings, deps: { runner: CommandRunner; logger: Logger }): Promise<EnvironmentOutcome> {
  await assertSettings(settings);
  const context: EnvironmentContext = { packDir: settings.packDir, runner: deps.runner, logger: deps.logger, signal: settings.signal, setupTimeoutSeconds: settings.setupTimeoutSeconds, details: [], processes: [] };
  const requirements = await readRequirements(settings.packDir);
  const python = isPythonPack(settings.manifest, requirements !== undefined);
  const venv = python ? await setUpPython(context, { ...settings, python: settings.python ?? 'python3', requirements }) : {};
  const node = await isNodePack(settings.packDir);
  if (node && !settings.signal?.aborted) await installNodeModules(context, settings.callerEnv);
  const entries = await checkEntryPoints(settings.packDir);
  context.details.push(...entries.details);
  if (entries.checked > 0 && entries.details.length === 0) context.details.push({ level: 'info', message: `${entries.checked} entry point(s) of actions/ and sensors/ exist in the pack, shell ones executable` });
  if (!python && !node && entries.checked === 0) {
    const message = 'nothing to set up: not a Python pack (no requirements.txt, python runtime_deps, python_version or Python test runner), no package.json, and no entry points';
    return { status: 'skipped', details: [{ level: 'info', message }], processes: [] };
  }
  return { status: statusOf(context.details), details: context.details, processes: context.processes, ...venv };
}

async function assertSettings(settings: EnvironmentSettings): Promise<void> {
  const timeout = settings.setupTimeoutSeconds;
  if (timeout !== undefined && !isSetupTimeout(timeout)) throw new UsageError(`setupTimeoutSeconds ${timeout} is not a whole number of seconds from 1 to ${MAX_SETUP_TIMEOUT_SECONDS}; pass one (or leave it out for the default)`);
  const paths: [string, string][] = [['packDir', settings.packDir], ...(settings.reuseFrom ?? []).map((dir): [string, string] => ['reuseFrom', dir])];
  if (settings.venvCache !== undefined) paths.push(['venvCache', settings.venvCache]);
  for (const [name, path] of paths) {
    if (!isAbsolute(path)) throw new InputError(`${name} ${path} is a relative path; the environment step needs absolute paths (venvs embed them), so resolve it first`);
  }
  await assertPackDirectory(settings.packDir);
}
