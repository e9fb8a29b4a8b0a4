import { ExitCode } from '../../core/errors.js';
import { boolFlag, positionals } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';
import { REGISTRY_OPTIONS, registrySourcesFromFlags } from '../registry-flags.js';

export const registriesCommand: Command = {
  name: 'registries',
  summary: 'List the configured registries and whether each answers with a valid index',
  usage: '[--config FILE] [--json]',
  description: [
    'Prints priority, name, URL and status (online with its pack count, or the error) of every enabled',
    'index in the registry config (--config, then ATTUNE__PACK_REGISTRY__* variables), fetched in',
    'parallel. Exits 1 when any registry is not online.',
  ].join('\n'),
  options: { ...REGISTRY_OPTIONS, json: { type: 'boolean', help: 'print the result as JSON' } },
  async run(args, ctx) {
    positionals(this, args, []);
    const { registryStatuses } = await import('../../core/client/registry-commands.js');
    const statuses = await registryStatuses(await registrySourcesFromFlags(args, ctx));
    if (boolFlag(args, 'json')) ctx.out(json(statuses));
    else if (statuses.length === 0) ctx.out('no registry configured: give --config FILE or set ATTUNE__PACK_REGISTRY__INDICES\n');
    else ctx.out(statuses.map((s) => `${s.priority}\t${s.name}\t${s.url}\t${s.online ? `online (${s.packs} packs)` : `ERROR: ${s.error}`}\n`).join(''));
    return statuses.every((s) => s.online) ? ExitCode.Ok : ExitCode.CheckFailed;
  },
};
