import { resolve } from 'node:path';
import { ExitCode } from '../../core/errors.js';
import { boolFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';
import { parsePolicy } from '../policy.js';

export const indexValidateCommand: Command = {
  name: 'index-validate',
  summary: 'Check an index against the Attune schema and index rules',
  usage: '<index-file> [--policy standard|custom] [--json]',
  description: [
    'Reports every schema error with its JSON path, then the index rules: packs sorted by ref,',
    'refs unique, semver versions, component names unique within each kind, and with --policy',
    'standard exactly one git source per pack pinned to a 40-character commit SHA. Malformed JSON',
    'is reported with its line and column. Exits 1 when there is any problem. An index whose',
    'registry_url is a file:// URL is a local development registry (what publish writes to a folder',
    'without --base-url): file:// URLs are accepted and it is reported as local, not production.',
  ].join('\n'),
  options: {
    policy: { type: 'string', value: 'P', help: 'custom (default) or standard (the public standard index rules)' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [file] = positionals(this, args, ['index-file']);
    const { validateIndexFile } = await import('../../core/index/validate-index.js');
    const result = await validateIndexFile(resolve(ctx.cwd, file), parsePolicy(stringFlag(args, 'policy')));
    if (boolFlag(args, 'json')) ctx.out(json(result));
    else {
      const kind = result.local ? ', local development registry: file:// URLs, installable on this machine only' : '';
      const head = `${result.valid ? 'valid' : 'INVALID'}: ${result.file} (${result.packs} packs, policy ${result.policy}${kind})`;
      ctx.out([head, ...result.problems.map((p) => `  ${p.path || '/'}: ${p.message}`), ''].join('\n'));
    }
    return result.valid ? ExitCode.Ok : ExitCode.CheckFailed;
  },
};
