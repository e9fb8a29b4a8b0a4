import { ExitCode } from '../../core/errors.js';
import { boolFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';
import { REGISTRY_OPTIONS, registrySourcesFromFlags } from '../registry-flags.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'Print the registry entry a pack ref resolves to',
  usage: '<ref> [--registry NAME] [--config FILE] [--json]',
  description: [
    'Resolves <ref> as an install would (registries by priority, first match wins, fail closed) and',
    'prints its entry, the registry it came from and the lower-priority registries it shadows.',
  ].join('\n'),
  options: {
    ...REGISTRY_OPTIONS,
    registry: { type: 'string', value: 'NAME', help: 'look only in this registry' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [ref] = positionals(this, args, ['ref']);
    const { showPack } = await import('../../core/client/registry-commands.js');
    const result = await showPack(await registrySourcesFromFlags(args, ctx), ref, stringFlag(args, 'registry'));
    const report = { registry: result.source.name, shadowed: result.shadowed, entry: result.entry };
    if (boolFlag(args, 'json')) ctx.out(json(report));
    else {
      const e = result.entry;
      const lines = [
        `${e.ref} ${e.version} (registry "${report.registry}")`,
        `  ${e.label}: ${e.description}`,
        ...e.install_sources.map((s) => `  ${s.type} ${s.url}${s.type === 'git' ? ` @ ${s.ref}` : ''}  ${s.checksum}`),
        ...(report.shadowed.length > 0 ? [`  shadows the same ref in: ${report.shadowed.join(', ')}`] : []),
        '',
      ];
      ctx.out(lines.join('\n'));
    }
    return ExitCode.Ok;
  },
};
