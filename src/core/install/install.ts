import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FetchResult } from '../client/fetch.js';
import { ExitCode, exitCodeOf, messageOf, PackregError } from '../errors.js';
import type { ExitCodeValue } from '../errors.js';
import { debugOnly } from '../logger.js';
import { validatePack } from '../pack/validate.js';
import type { PackManifest } from '../pack/manifest-types.js';
import { formatProblem } from '../pack/problem.js';
import type { Problem } from '../pack/problem.js';
import { cleanEnvironment, withAbsolutePipPaths } from '../process/clean-environment.js';
import { checkDependencies } from './dependencies.js';
import { setUpEnvironment } from './environment.js';
import type { InstallReport } from './install-report.js';
import { installedVersion } from './installed-packs.js';
import { runPackTests } from './pack-tests.js';
import { alreadyInstalledError, installedPath, registerPack } from './registration.js';
import { statusOf, stepReport } from './report.js';
import type { InstallStepName, ProcessRecord, StepDetail, StepReport, StepStatus, TestsReport } from './report.js';
import type { InstallDeps, InstallSettings } from './settings.js';
import { stagePack } from './stage.js';
import type { StagedPack } from './stage.js';
import { installMissingDependencies } from './with-deps.js';
import type { InstallContext } from './with-deps.js';

/** What one step hands back to the run. */
export interface StepOutcome {
  readonly status: StepStatus;
  readonly details: readonly StepDetail[];
  readonly processes?: readonly ProcessRecord[];
}

/**
 * Install a pack the way Attune's installer does (fetch and validate, check dependencies,
 * set up its environment, run its tests, register it), or, with `dryRun`, do all of that in
 * a temporary folder and register nothing. Failures are reported in the result, step by
 * step, with the exit code they map to; nothing is left behind in the packs folder unless
 * the install succeeded.
 */
export async function installPack(settings: InstallSettings, deps: InstallDeps): Promise<InstallReport> {
  return installOne(settings, deps, { chain: [], lookupDirs: [resolve(settings.cwd, settings.packsDir)] });
}

/** One install; {@link installMissingDependencies} calls back here for each dependency. */
export async function installOne(settings: InstallSettings, deps: InstallDeps, context: InstallContext): Promise<InstallReport> {
  const run = new InstallRun(settings, deps, context);
  return run.execute();
}

/** Collects the steps of one install as they run. */
class InstallRun {
  private readonly steps: StepReport[] = [];
  private readonly processes: ProcessRecord[] = [];
  private readonly dependencies: InstallReport[] = [];
  private readonly packsDir: string;
  private failure?: { message: string; exitCode: ExitCodeValue };
  private fetched?: FetchResult;
  private staged?: StagedPack;
  private manifest?: PackManifest;
  private tests?: TestsReport;
  private venvDir?: string;
  private installedTo?: string;
  private work = '';

  constructor(
    private readonly settings: InstallSettings,
    private readonly deps: InstallDeps,
    private readonly context: InstallContext,
  ) {
    this.packsDir = resolve(settings.cwd, settings.packsDir);
  }

  async execute(): Promise<InstallReport> {
    try {
      this.work = await this.makeWorkDir();
      await this.step('fetch', () => this.fetch());
      await this.step('dependencies', () => this.checkDependencies());
      await this.step('environment', () => this.environment());
      await this.step('tests', () => this.runTests());
      await this.step('registration', () => this.register());
    } catch (error) {
      // Only the work folder could not be made: nothing ran.
      this.fail(error);
    } finally {
      await this.cleanup();
    }
    return this.report();
  }

  /** The staging folder: in the packs folder (so registration is one rename), or a temp one for a dry run. */
  private async makeWorkDir(): Promise<string> {
    const parent = this.settings.dryRun ? this.settings.tempDir : this.packsDir;
    await mkdir(parent, { recursive: true });
    return mkdtemp(join(parent, this.settings.dryRun ? 'packreg-verify-' : '.packreg-install-'));
  }

  /** Run one step unless an earlier one failed; a thrown packreg error fails it with its exit code. */
  private async step(name: InstallStepName, body: () => Promise<StepOutcome>): Promise<void> {
    const started = performance.now();
    if (this.failure) {
      this.steps.push(stepReport(name, 'skipped', started, [{ level: 'info', message: 'not run: an earlier step failed' }]));
      return;
    }
    if (this.settings.signal?.aborted) {
      this.failure = { message: 'interrupted (SIGINT or SIGTERM); nothing was registered', exitCode: ExitCode.Interrupted };
      this.steps.push(stepReport(name, 'failed', started, [{ level: 'error', message: this.failure.message }]));
      return;
    }
    try {
      const outcome = await body();
      this.processes.push(...(outcome.processes ?? []));
      this.steps.push(stepReport(name, outcome.status, started, outcome.details));
      if (outcome.status === 'failed') this.failStep(name, outcome.details);
    } catch (error) {
      if (!(error instanceof PackregError)) throw error;
      this.steps.push(stepReport(name, 'failed', started, [{ level: 'error', message: error.message }]));
      this.fail(error);
    }
  }

  private failStep(name: InstallStepName, details: readonly StepDetail[]): void {
    const first = details.find((d) => d.level === 'error')?.message ?? `${name} failed`;
    const interrupted = this.settings.signal?.aborted ?? false;
    // A pip or npm failure is a tool failing; dependency and test failures are checks that failed.
    const exitCode = interrupted ? ExitCode.Interrupted : name === 'environment' ? ExitCode.Remote : ExitCode.CheckFailed;
    this.failure = { message: `${name}: ${first}`, exitCode };
  }

  private fail(error: unknown): void {
    if (!(error instanceof PackregError)) throw error;
    this.failure ??= { message: error.message, exitCode: exitCodeOf(error) };
  }

  private async fetch(): Promise<StepOutcome> {
    const { settings, deps } = this;
    const staged = await stagePack(settings, join(this.work, 'pack'), deps);
    this.staged = staged;
    // The problems travel in the step's details (with the pack-relative file); logging them
    // here too would name the staging copy, a path that is gone once the install ends.
    const validation = await validatePack(staged.dir, debugOnly(deps.logger));
    const details: StepDetail[] = [
      ...validation.errors.map((p) => problemDetail('error', p)),
      ...validation.warnings.map((p) => problemDetail('warning', p)),
    ];
    const manifest = validation.manifest;
    if (!manifest) return { status: 'failed', details };
    const fetched: FetchResult = { ...staged, ref: staged.ref ?? manifest.ref, version: staged.version ?? manifest.version };
    this.fetched = fetched;
    this.manifest = manifest;
    details.unshift(
      { level: 'info', message: `${fetched.ref}@${fetched.version} from ${describeSource(fetched)}` },
      { level: 'info', message: checksumNote(fetched) },
      ...fetched.fallbacks.map((message) => ({ level: 'warning' as const, message })),
    );
    this.installedTo = installedPath(this.packsDir, fetched.ref);
    await this.checkNotInstalled(details);
    return { status: statusOf(details), details };
  }

  /** Fail early (before any slow step) when the ref is installed and --force was not given. */
  private async checkNotInstalled(details: StepDetail[]): Promise<void> {
    const target = this.installedTo!;
    if (this.settings.force || !(await stat(target).catch(() => undefined))) return;
    const error = alreadyInstalledError(target, await installedVersion(this.packsDir, this.fetched!.ref).catch(() => undefined));
    if (this.settings.dryRun) details.push({ level: 'warning', message: `a real install would fail: ${error.message}` });
    else throw error;
  }

  private async checkDependencies(): Promise<StepOutcome> {
    if (this.settings.skipDeps) return { status: 'skipped', details: [{ level: 'info', message: 'skipped: --skip-deps' }] };
    const check = () =>
      checkDependencies(
        {
          manifest: this.manifest!,
          attuneVersion: this.settings.attuneVersion,
          installed: (ref) => this.installedAnywhere(ref),
          env: cleanEnvironment(this.settings.callerEnv, 'tests'),
          signal: this.settings.signal,
        },
        this.deps,
      );
    const first = await check();
    if (first.missingPacks.length === 0 || !this.settings.withDeps) return first;
    const context = { chain: [...this.context.chain, this.fetched!.ref], lookupDirs: this.context.lookupDirs };
    const install = (settings: InstallSettings, inner: InstallContext) => installOne(settings, this.deps, inner);
    const installs = await installMissingDependencies(first.missingPacks, this.dependencyTarget(), this.settings, context, install);
    this.dependencies.push(...installs.reports);
    if (installs.error) return { status: 'failed', details: [...first.details.filter((d) => d.level !== 'error'), installs.error], processes: first.processes };
    const second = await check();
    return { ...second, processes: [...first.processes, ...second.processes] };
  }

  /** Where --with-deps installs dependencies: the packs folder, or a private one in a dry run. */
  private dependencyTarget(): { packsDir: string; lookupDirs: string[] } {
    if (!this.settings.dryRun) return { packsDir: this.packsDir, lookupDirs: [...this.context.lookupDirs] };
    const packsDir = join(this.work, 'dependencies');
    return { packsDir, lookupDirs: [packsDir, ...this.context.lookupDirs] };
  }

  private async installedAnywhere(ref: string): Promise<string | undefined> {
    const extra = this.settings.dryRun ? [join(this.work, 'dependencies')] : [];
    for (const dir of [...extra, ...this.context.lookupDirs]) {
      const version = await installedVersion(dir, ref);
      if (version !== undefined) return version;
    }
    return undefined;
  }

  private async environment(): Promise<StepOutcome> {
    const fetched = this.fetched!;
    const reuseFrom = [this.installedTo!, ...(fetched.from === 'directory' && fetched.source ? [fetched.source.url] : [])];
    const outcome = await setUpEnvironment(
      { packDir: fetched.dir, manifest: this.manifest!, callerEnv: withAbsolutePipPaths(this.settings.callerEnv, this.settings.cwd), reuseFrom, venvCache: this.settings.venvCache === undefined ? undefined : resolve(this.settings.cwd, this.settings.venvCache), signal: this.settings.signal, setupTimeoutSeconds: this.settings.setupTimeoutSeconds },
      this.deps,
    );
    this.venvDir = outcome.venvDir;
    return outcome;
  }

  private async runTests(): Promise<StepOutcome> {
    if (this.settings.skipTests) return { status: 'skipped', details: [{ level: 'info', message: 'skipped: --skip-tests (the pack was not tested)' }] };
    const fetched = this.fetched!;
    const tmp = join(this.work, 'tmp');
    await mkdir(tmp);
    const env = cleanEnvironment(this.settings.callerEnv, 'tests', {
      TMPDIR: tmp,
      ATTUNE_PACK_REF: fetched.ref,
      ATTUNE_PACK_VERSION: fetched.version,
      ATTUNE_PACK_DIR: fetched.dir,
    });
    const outcome = await runPackTests({ packDir: fetched.dir, testing: this.manifest!.testing, venvDir: this.venvDir, env, signal: this.settings.signal }, this.deps);
    this.tests = outcome.tests;
    return outcome;
  }

  private async register(): Promise<StepOutcome> {
    if (this.settings.dryRun) return { status: 'skipped', details: [{ level: 'info', message: `dry run: nothing registered (a real install goes to ${this.installedTo})` }] };
    const fetched = this.fetched!;
    const now = this.settings.now?.() ?? new Date();
    const source: { type: string; url: string; ref?: string } = fetched.source ?? { type: fetched.from, url: this.settings.spec };
    const target = await registerPack(
      {
        packsDir: this.packsDir,
        staged: fetched.dir,
        force: this.settings.force,
        venvDir: this.venvDir,
        metadata: {
          pack_ref: fetched.ref,
          version: fetched.version,
          installed_at: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          installed_from: { type: source.type, url: source.url, ...(source.ref ? { ref: source.ref } : {}) },
          checksum: fetched.checksum ?? null,
          registry: fetched.registry ?? null,
        },
      },
      this.deps.logger,
    );
    return { status: 'passed', details: [{ level: 'info', message: `installed to ${target}` }] };
  }

  /** Remove the work folder whatever happened; a dry run leaves nothing at all. */
  private async cleanup(): Promise<void> {
    const started = performance.now();
    if (!this.work) return;
    try {
      await rm(this.work, { recursive: true, force: true, maxRetries: 3 });
      this.steps.push(stepReport('cleanup', 'passed', started, [{ level: 'info', message: 'temporary files removed' }]));
    } catch (error) {
      this.steps.push(stepReport('cleanup', 'warned', started, [{ level: 'warning', message: `could not remove ${this.work}: ${messageOf(error)}` }]));
    }
  }

  private report(): InstallReport {
    const fetched = this.fetched ?? this.staged;
    return {
      spec: this.settings.spec,
      ref: fetched?.ref,
      version: fetched?.version,
      passed: !this.failure,
      exitCode: this.failure?.exitCode ?? ExitCode.Ok,
      dryRun: this.settings.dryRun,
      installedTo: this.installedTo,
      registry: fetched?.registry,
      shadowed: fetched?.shadowed ?? [],
      source: fetched?.source,
      checksum: fetched?.checksum,
      fallbacks: fetched?.fallbacks ?? [],
      // in workflow order: execute() runs them in that order and cleanup comes last
      steps: this.steps,
      tests: this.tests,
      processes: this.processes,
      dependencies: this.dependencies,
      error: this.failure?.message,
    };
  }
}

/** A validation problem as a step detail, keeping its file and line for annotations. */
function problemDetail(level: 'error' | 'warning', p: Problem): StepDetail {
  const file = p.file ?? 'pack.yaml';
  return { level, message: formatProblem(file, p), file, line: p.line };
}

/** What the checksum means: verified against a registry entry, or computed over a local copy. */
function checksumNote(fetched: FetchResult): string {
  if (!fetched.checksum) return 'no checksum to verify (an explicitly unverified source)';
  return fetched.from === 'directory' ? `checksum ${fetched.checksum} of the files copied (a local folder has no registry checksum)` : `checksum ${fetched.checksum} verified`;
}

function describeSource(fetched: FetchResult): string {
  if (fetched.registry) return `registry "${fetched.registry}" (${fetched.source?.type ?? 'entry'} ${fetched.source?.url ?? ''})`.trim();
  return fetched.source ? `${fetched.source.type} ${fetched.source.url}` : fetched.from;
}
