import { ExitCode } from '../../core/errors.js';
import { boolFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';
import { REGISTRY_OPTIONS, registrySourcesFromFlags } from '../registry-flags.js';

export const searchCommand: Command = {
  name: 'search',
  summary: 'Find packs by ref, label, description or keyword across registries',
  usage: '<keyword> [--registry NAME] [--config FILE] [--json]',
  description: [
    'Case-insensitive substring match on ref, label, description and keywords, in every enabled',
    'registry (or only --registry NAME). Prints ref, version, description and registry, by registry',
    'priority. A registry that cannot be read is reported on stderr and skipped.',
  ].join('\n'),
  options: {
    ...REGISTRY_OPTIONS,
    registry: { type: 'string', value: 'NAME', help: 'search only this registry' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [keyword] = positionals(this, args, ['keyword']);
    const { searchRegistries } = await import('../../core/client/registry-commands.js');
    const result = await searchRegistries(await registrySourcesFromFlags(args, ctx), keyword, stringFlag(args, 'registry'));
    for (const u of result.unavailable) ctx.deps.logger.warning(`registry "${u.registry}" was not searched: ${u.error}`);
    if (boolFlag(args, 'json')) ctx.out(json(result));
    else ctx.out(result.hits.map((h) => `${h.ref}\t${h.version}\t${h.description}\t${h.registry}\n`).join('') || `no pack matches "${keyword}"\n`);
    return ExitCode.Ok;
  },
};
