import type { Command } from './command.js';
import { VERSION } from './version.js';
import { EXIT_CODES_HELP } from './exit-codes.js';

/** `packreg help`: the command list. */
export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `packreg ${VERSION}: CI toolkit for Attune pack registries`,
    '',
    'Usage: packreg <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show help for a command: packreg help <command>`,
    '',
    'Results go to standard output, logs and errors to standard error.',
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

/** `packreg help <command>`. */
export function commandHelp(command: Command): string {
  const entries = Object.entries(command.options).map(([name, spec]) => {
    const flag = `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    return [flag, spec.help] as const;
  });
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return [
    `Usage: packreg ${command.name} ${command.usage}`,
    '',
    command.summary + '.',
    '',
    command.description,
    '',
    'Options:',
    ...entries.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    '',
  ].join('\n');
}
