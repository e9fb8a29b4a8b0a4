import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import type { Command, ParsedArgs } from './command.js';

/** Parse a command's arguments strictly: unknown flags and missing values are usage errors. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  // parseArgs rejects keys it does not know (help, value) and undefined ones, so pass only what is set.
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(`${message}. Run "packreg help ${command.name}" for the options`, { cause: error });
  }
}

/** Exactly `count` positionals, named for the message. */
export function positionals(command: Command, args: ParsedArgs, names: string[]): string[] {
  if (args.positionals.length !== names.length) {
    const got = args.positionals.length === 0 ? 'none' : args.positionals.join(' ');
    throw new UsageError(`packreg ${command.name} takes ${names.map((n) => `<${n}>`).join(' ')}; got ${got}. Usage: packreg ${command.name} ${command.usage}`);
  }
  return args.positionals;
}

/** A string flag's value, if given. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A boolean flag. */
export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A repeatable string flag. */
export function listFlag(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value : [];
}
