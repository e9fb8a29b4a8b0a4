import type { ParseArgsConfig } from 'node:util';
import type { CoreDeps } from '../core/deps.js';

/** Option definitions in node:util parseArgs form, with help text. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { help: string; value?: string };

/** What a command gets to run with. */
export interface CommandContext {
  readonly deps: CoreDeps;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Write to standard output (results only: logs go to standard error). */
  out(text: string): void;
}

/** Parsed flags and positionals. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/** One `packreg <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Synopsis after `packreg <name>`. */
  readonly usage: string;
  /** Longer description for `packreg help <name>`. */
  readonly description: string;
  readonly options: Record<string, OptionSpec>;
  /** Returns the exit code. */
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}
