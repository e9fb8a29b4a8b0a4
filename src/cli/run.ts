import { defaultDeps } from '../core/deps.js';
import type { CoreDeps } from '../core/deps.js';
import { ExitCode, exitCodeOf, messageOf, PackregError, UsageError } from '../core/errors.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { archiveCommand } from './commands/archive.js';
import { checksumCommand } from './commands/checksum.js';
import { indexEntryCommand } from './commands/index-entry.js';
import { indexMergeCommand } from './commands/index-merge.js';
import { indexUpdateCommand } from './commands/index-update.js';
import { indexValidateCommand } from './commands/index-validate.js';
import { fetchCommand } from './commands/fetch.js';
import { handoffCommand } from './commands/handoff.js';
import { installCommand, verifyCommand } from './commands/install.js';
import { prCheckCommand } from './commands/pr-check.js';
import { publishCommand } from './commands/publish.js';
import { registriesCommand } from './commands/registries.js';
import { releaseAssetCommand } from './commands/release-asset.js';
import { searchCommand } from './commands/search.js';
import { showCommand } from './commands/show.js';
import { tagVersionCommand } from './commands/tag-version.js';
import { validateCommand } from './commands/validate.js';
import { commandHelp, generalHelp } from './help.js';
import { stderrLogger } from './stderr-logger.js';
import { VERSION } from './version.js';

/** Every command, in help order. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  checksumCommand,
  archiveCommand,
  indexEntryCommand,
  indexUpdateCommand,
  indexMergeCommand,
  indexValidateCommand,
  publishCommand,
  registriesCommand,
  searchCommand,
  showCommand,
  fetchCommand,
  installCommand,
  verifyCommand,
  releaseAssetCommand,
  handoffCommand,
  prCheckCommand,
  tagVersionCommand,
];

/** Where the CLI reads and writes: the real process, or a test's buffers. */
export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Override the core edges (tests). */
  readonly deps?: CoreDeps;
}

/** Run `packreg <argv...>` and return the exit code. Never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return help(rest[0], io);
  if (name === '--version' || name === 'version') {
    io.stdout(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; run "packreg help" for the list`);
    if (rest.includes('--help') || rest.includes('-h')) return help(name, io);
    const args = parseCommandArgs(command, rest);
    const deps = io.deps ?? defaultDeps(stderrLogger(io.stderr, io.env.PACKREG_DEBUG === '1'));
    return await command.run(args, { deps, cwd: io.cwd, env: io.env, out: io.stdout });
  } catch (error) {
    io.stderr(`packreg ${name}: error: ${messageOf(error)}\n`);
    if (!(error instanceof PackregError)) io.stderr(`${error instanceof Error ? error.stack : String(error)}\n`);
    return exitCodeOf(error);
  }
}

function help(name: string | undefined, io: CliIo): number {
  if (name === undefined) {
    io.stdout(generalHelp(COMMANDS));
    return ExitCode.Ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`packreg help: unknown command "${name}"; run "packreg help" for the list\n`);
    return ExitCode.Usage;
  }
  io.stdout(commandHelp(command));
  return ExitCode.Ok;
}
