import { ExitCode } from '../../core/errors.js';
import { boolFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';
import { REGISTRY_OPTIONS, registryClientFromFlags } from '../registry-flags.js';

export const fetchCommand: Command = {
  name: 'fetch',
  summary: 'Resolve, download, verify and extract a pack (install nothing)',
  usage: '<spec> [--out DIR] [--registry NAME | --no-registry] [--ref REV] [--allow-unverified] [--config FILE] [--json]',
  description: [
    '<spec> is a pack ref (ref, ref@1.2.3, ref@latest, ref@^1.2.0, ref@~1.2.0), a git URL (with --ref),',
    'an https archive URL, a local directory or a local archive. Registry refs are resolved by priority',
    '(first match wins; a registry that cannot be read stops resolution). Git sources are cloned at their',
    'pinned commit and their framed checksum compared; an archive is hashed and safely extracted while it',
    'downloads, into a scratch folder that is kept only if the sha256 matches; a failing git source falls',
    "back to the archive source, and says so. The pack.yaml ref and version must equal the entry's. The",
    'tree lands in --out (default ./<ref>-<version>), which must not exist; a failure leaves nothing behind.',
  ].join('\n'),
  options: {
    ...REGISTRY_OPTIONS,
    out: { type: 'string', value: 'DIR', help: 'where to put the pack tree (default ./<ref>-<version>; must not exist)' },
    registry: { type: 'string', value: 'NAME', help: 'look the ref up only in this registry' },
    'no-registry': { type: 'boolean', help: 'never look a name up in a registry (paths and URLs only)' },
    ref: { type: 'string', value: 'REV', help: 'branch, tag or commit of a git URL' },
    'allow-unverified': { type: 'boolean', help: 'accept a direct remote URL that has no registry checksum' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [spec] = positionals(this, args, ['spec']);
    const { fetchPack } = await import('../../core/client/fetch.js');
    const client = await registryClientFromFlags(args, ctx);
    const result = await fetchPack(
      {
        spec,
        gitRef: stringFlag(args, 'ref'),
        registry: stringFlag(args, 'registry'),
        noRegistry: boolFlag(args, 'no-registry'),
        allowUnverified: boolFlag(args, 'allow-unverified'),
        out: stringFlag(args, 'out'),
        client: client.settings,
        cwd: ctx.cwd,
      },
      { ...ctx.deps, http: client.http },
    );
    if (boolFlag(args, 'json')) ctx.out(json(result));
    else {
      const from = result.registry ? ` from registry "${result.registry}"` : '';
      const lines = [
        `${result.ref}@${result.version}${from} -> ${result.dir}`,
        ...(result.source ? [`  source    ${result.source.type} ${result.source.url}${result.source.ref ? ` @ ${result.source.ref}` : ''}`] : []),
        `  checksum  ${result.checksum ? `${result.checksum} verified` : 'not verified'}`,
        ...result.fallbacks.map((f) => `  fallback  ${f}`),
        ...(result.shadowed.length > 0 ? [`  shadows   ${result.shadowed.join(', ')}`] : []),
        '',
      ];
      ctx.out(lines.join('\n'));
    }
    return ExitCode.Ok;
  },
};
