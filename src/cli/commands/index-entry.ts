import { resolve } from 'node:path';
import { ExitCode } from '../../core/errors.js';
import { writeTextAtomic } from '../../core/fs/atomic-file.js';
import { canonicalEntry, stringifyCanonical } from '../../core/index/canonical-json.js';
import { positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { ENTRY_OPTIONS, entrySettings } from '../entry-flags.js';

export const indexEntryCommand: Command = {
  name: 'index-entry',
  summary: 'Build the Attune index entry of a pack',
  usage: '<pack-dir> --git-url URL --git-ref SHA [--archive-url URL (--archive-checksum sha256:HEX | --archive-file FILE)] [--meta KEY=VALUE]... [--output FILE] [--json]',
  description: [
    'Fills every field as Attune\'s index builder does (label, keywords, license, homepage, use_case,',
    'dependencies, contents). With --git-url, the manifest and components are read from the tree',
    'tracked at --git-ref and the git source checksum is that tree\'s framed checksum; a tag or branch',
    'name is refused unless --allow-mutable-ref. The archive source checksum is the sha256 of the',
    'archive bytes (--archive-checksum, or computed from --archive-file); URLs are never downloaded.',
    'URLs must be https without credentials, query or fragment. The entry is printed as JSON (and',
    'nothing else) on standard output, or written to --output (replacing it atomically).',
  ].join('\n'),
  options: {
    ...ENTRY_OPTIONS,
    output: { type: 'string', value: 'FILE', help: 'write the entry to FILE instead of standard output' },
    json: { type: 'boolean', help: 'accepted for symmetry: the entry is always JSON' },
  },
  async run(args, ctx) {
    const [packDir] = positionals(this, args, ['pack-dir']);
    const { buildIndexEntry } = await import('../../core/index/entry-builder.js');
    const { entry } = await buildIndexEntry(entrySettings(packDir, args, ctx.cwd), ctx.deps);
    const text = stringifyCanonical(canonicalEntry(entry));
    const output = stringFlag(args, 'output');
    if (output === undefined) ctx.out(text);
    else {
      await writeTextAtomic(resolve(ctx.cwd, output), text, '--output file');
      ctx.deps.logger.info(`entry ${entry.ref}@${entry.version} written to ${resolve(ctx.cwd, output)}`);
    }
    return ExitCode.Ok;
  },
};
