import type { EntrySettings } from '../core/index/entry-builder.js';
import { parseMetaPairs } from '../core/index/meta-pairs.js';
import { parseDigest } from '../core/hash/algorithms.js';
import { boolFlag, listFlag, stringFlag } from './args.js';
import type { OptionSpec, ParsedArgs } from './command.js';

/** The source flags index-entry and index-update share. */
export const ENTRY_OPTIONS: Record<string, OptionSpec> = {
  'git-url': { type: 'string', value: 'URL', help: 'https URL of the pack repository (the git install source)' },
  'git-ref': { type: 'string', value: 'SHA', help: 'the 40-character commit the git source pins; its tracked tree is hashed' },
  'allow-mutable-ref': { type: 'boolean', help: 'accept a tag or branch name as --git-ref (development indices only)' },
  'archive-url': { type: 'string', value: 'URL', help: 'https URL of the release archive (the archive install source)' },
  'archive-checksum': { type: 'string', value: 'sha256:HEX', help: "the archive's sha256 (or give --archive-file)" },
  'archive-file': { type: 'string', value: 'FILE', help: 'compute the archive checksum from this local file' },
  meta: { type: 'string', multiple: true, value: 'KEY=VALUE', help: 'add a field to the entry\'s meta (repeatable)' },
};

/** Entry settings from the shared flags. */
export function entrySettings(packDir: string, args: ParsedArgs, cwd: string): EntrySettings {
  const checksum = stringFlag(args, 'archive-checksum');
  return {
    packDir,
    gitUrl: stringFlag(args, 'git-url'),
    gitRef: stringFlag(args, 'git-ref'),
    allowMutableRef: boolFlag(args, 'allow-mutable-ref'),
    archiveUrl: stringFlag(args, 'archive-url'),
    archiveChecksum: checksum === undefined ? undefined : parseDigest(checksum, '--archive-checksum'),
    archiveFile: stringFlag(args, 'archive-file'),
    meta: parseMetaPairs(listFlag(args, 'meta'), '--meta'),
    cwd,
  };
}
