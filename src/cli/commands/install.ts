import { tmpdir } from 'node:os';
import { boolFlag, positionals, stringFlag } from '../args.js';
import type { Command, CommandContext, OptionSpec, ParsedArgs } from '../command.js';
import { ExitCode } from '../../core/errors.js';
import { DEFAULT_SETUP_TIMEOUT_SECONDS, parseSetupTimeout } from '../../core/install/settings.js';
import { installText } from '../install-output.js';
import { claimInterrupts, SIGNAL_EXIT } from '../interrupts.js';
import { json } from '../output.js';
import { REGISTRY_OPTIONS, registryClientFromFlags } from '../registry-flags.js';

/** Where packs are installed when --packs-dir is not given. */
const DEFAULT_PACKS_DIR = './packs';

const SHARED_OPTIONS: Record<string, OptionSpec> = {
  ...REGISTRY_OPTIONS,
  'packs-dir': { type: 'string', value: 'DIR', help: `where packs are installed, as <DIR>/<ref>/ (default ${DEFAULT_PACKS_DIR})` },
  registry: { type: 'string', value: 'NAME', help: 'look the ref up only in this registry' },
  'no-registry': { type: 'boolean', help: 'never look a name up in a registry (paths and URLs only)' },
  ref: { type: 'string', value: 'REV', help: 'branch, tag or commit of a git URL' },
  'allow-unverified': { type: 'boolean', help: 'accept a direct remote URL that has no registry checksum' },
  'attune-version': { type: 'string', value: 'VERSION', help: 'check dependencies.attune_version against this Attune version' },
  'skip-deps': { type: 'boolean', help: 'skip the dependency checks (attune_version, runtime_deps, pack dependencies)' },
  'with-deps': { type: 'boolean', help: 'resolve missing pack dependencies from the registries and install them first' },
  'skip-tests': { type: 'boolean', help: "do not run the pack's tests (the result says so)" },
  force: { type: 'boolean', help: 'replace an installed pack of the same ref' },
  'venv-cache': { type: 'string', value: 'DIR', help: 'reuse virtualenvs stored here, keyed by the hash of requirements.txt (with the files it includes) and the Python version' },
  'setup-timeout': { type: 'string', value: 'SECONDS', help: `stop python3 -m venv, pip install and npm ci/install after this many seconds each (default ${DEFAULT_SETUP_TIMEOUT_SECONDS} = ${DEFAULT_SETUP_TIMEOUT_SECONDS / 60} minutes)` },
  json: { type: 'boolean', help: 'print the result as JSON' },
};

const DESCRIPTION = [
  'The installation workflow of the registry specification: fetch and verify the pack (as packreg fetch),',
  'validate it, check its dependencies (dependencies.attune_version against --attune-version, runtime_deps,',
  'python_version and nodejs_version against python3 and node, pack dependencies in the packs folder), set',
  'up its environment (python3 -m venv .venv and pip install -r requirements.txt; npm ci or npm install;',
  'shell entry points executable), run the tests of its pack.yaml testing section with a cleaned environment',
  '(no tokens or cloud credentials), then move it into <packs-dir>/<ref>/ with a metadata.json. Every step',
  'works in a staging folder: a failure or an interruption (SIGINT, SIGTERM) leaves the packs folder as it was.',
].join('\n');

export const installCommand: Command = {
  name: 'install',
  summary: 'Install a pack: fetch, verify, check dependencies, set up, test, register',
  usage: '<spec> [--packs-dir DIR] [--force] [--skip-deps] [--with-deps] [--skip-tests] [--dry-run] [--attune-version V] [--config FILE] [--registry NAME | --no-registry] [--json]',
  description: `${DESCRIPTION}\n--dry-run does all of it in a temporary folder and registers nothing (packreg verify).`,
  options: { ...SHARED_OPTIONS, 'dry-run': { type: 'boolean', help: 'do every step in a temporary folder and register nothing' } },
  run: (args, ctx) => runInstall(installCommand, args, ctx, boolFlag(args, 'dry-run')),
};

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Dry-run install: every install step in a temporary folder, nothing registered',
  usage: '<spec> [--packs-dir DIR] [--skip-deps] [--with-deps] [--skip-tests] [--attune-version V] [--config FILE] [--registry NAME | --no-registry] [--json]',
  description: `packreg install --dry-run.\n${DESCRIPTION}`,
  options: SHARED_OPTIONS,
  run: (args, ctx) => runInstall(verifyCommand, args, ctx, true),
};

async function runInstall(command: Command, args: ParsedArgs, ctx: CommandContext, dryRun: boolean): Promise<number> {
  const [spec] = positionals(command, args, ['spec']);
  // Checked before anything runs, so a typo never costs a fetch or a half-made venv.
  const setupTimeoutSeconds = parseSetupTimeout(stringFlag(args, 'setup-timeout'), '--setup-timeout');
  const { installPack } = await import('../../core/install/install.js');
  const { nodeCommandRunner } = await import('../../core/process/command.js');
  const client = await registryClientFromFlags(args, ctx);
  const interrupts = claimInterrupts();
  try {
    const report = await installPack(
      {
        spec,
        gitRef: stringFlag(args, 'ref'),
        registry: stringFlag(args, 'registry'),
        noRegistry: boolFlag(args, 'no-registry'),
        allowUnverified: boolFlag(args, 'allow-unverified'),
        client: client.settings,
        cwd: ctx.cwd,
        packsDir: stringFlag(args, 'packs-dir') ?? DEFAULT_PACKS_DIR,
        force: boolFlag(args, 'force'),
        skipDeps: boolFlag(args, 'skip-deps'),
        withDeps: boolFlag(args, 'with-deps'),
        skipTests: boolFlag(args, 'skip-tests'),
        dryRun,
        attuneVersion: stringFlag(args, 'attune-version'),
        venvCache: stringFlag(args, 'venv-cache'),
        setupTimeoutSeconds,
        callerEnv: ctx.env,
        tempDir: ctx.env.TMPDIR || tmpdir(),
        signal: interrupts.signal,
      },
      { ...ctx.deps, http: client.http, runner: nodeCommandRunner },
    );
    ctx.out(boolFlag(args, 'json') ? json(report) : installText(report));
    const received = interrupts.received();
    return report.exitCode === ExitCode.Interrupted && received ? SIGNAL_EXIT[received] : report.exitCode;
  } finally {
    interrupts.release();
  }
}

