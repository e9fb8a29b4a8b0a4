import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import { boolFlag, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';
import { parsePolicy } from '../policy.js';

export const indexMergeCommand: Command = {
  name: 'index-merge',
  summary: 'Merge several registry indices into one',
  usage: '--output FILE INDEX... [--policy standard|custom] [--json]',
  description: [
    'Every input must validate. A ref present in several inputs takes its highest version (ties: the',
    'first input wins); registry_name and registry_url come from the first input. The output is',
    'validated and replaced atomically only after everything succeeded, and left byte-identical',
    '(last_updated included) when the merged packs equal what it already holds.',
  ].join('\n'),
  options: {
    output: { type: 'string', value: 'FILE', help: 'the merged index to write' },
    policy: { type: 'string', value: 'P', help: 'custom (default) or standard' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const output = stringFlag(args, 'output');
    if (!output) throw new UsageError('--output FILE is required');
    if (args.positionals.length === 0) throw new UsageError('give at least one input index');
    const { mergeIndices } = await import('../../core/index/index-merge.js');
    const result = await mergeIndices({
      inputs: args.positionals.map((p) => resolve(ctx.cwd, p)),
      output: resolve(ctx.cwd, output),
      policy: parsePolicy(stringFlag(args, 'policy')),
      now: new Date(),
    });
    if (boolFlag(args, 'json')) ctx.out(json(result));
    else ctx.out(`${result.output}: ${result.packs} packs, ${result.changed ? 'written' : 'unchanged'}\n`);
    return ExitCode.Ok;
  },
};
