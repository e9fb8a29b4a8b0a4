import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import type { IndexEntry } from '../../core/index/model.js';
import { boolFlag, listFlag, stringFlag } from '../args.js';
import type { Command, CommandContext, ParsedArgs } from '../command.js';
import { ENTRY_OPTIONS, entrySettings } from '../entry-flags.js';
import { json } from '../output.js';
import { parsePolicy } from '../policy.js';

export const indexUpdateCommand: Command = {
  name: 'index-update',
  summary: 'Upsert pack entries into a registry index and its per-pack histories',
  usage: '--index FILE (<pack-dir> SOURCE-FLAGS | --entry FILE...) [--output FILE] [--dry-run] [--force] [--registry-name NAME --registry-url URL] [--policy standard|custom] [--json]',
  description: [
    'Reads and validates the index (or creates it with --registry-name and --registry-url), then',
    'upserts each entry: built from <pack-dir> with the index-entry source flags, or read from',
    '--entry files. Each ref\'s top-level entry is its highest version by semver precedence; every',
    'version is kept in packs/<ref>/index.json beside the index (newest first). A published',
    'ref@version is immutable: the same content is a no-op, a different one is refused (exit 1)',
    'unless --force. Output is canonical and deterministic; last_updated moves only when the',
    'packs change; files are replaced atomically. --dry-run prints the plan and writes nothing.',
  ].join('\n'),
  options: {
    index: { type: 'string', value: 'FILE', help: 'the index.json to update (created if missing)' },
    entry: { type: 'string', multiple: true, value: 'FILE', help: 'an entry file from index-entry (repeatable)' },
    ...ENTRY_OPTIONS,
    output: { type: 'string', value: 'FILE', help: 'write the index here instead of over --index' },
    'dry-run': { type: 'boolean', help: 'print the plan, write nothing' },
    force: { type: 'boolean', help: 'replace an already published version (reported loudly)' },
    'registry-name': { type: 'string', value: 'NAME', help: 'registry_name of a new index' },
    'registry-url': { type: 'string', value: 'URL', help: 'registry_url (https) of a new index' },
    policy: { type: 'string', value: 'P', help: 'custom (default) or standard (one git source pinned to a commit SHA)' },
    json: { type: 'boolean', help: 'print the result and plan as JSON' },
  },
  async run(args, ctx) {
    const index = stringFlag(args, 'index');
    if (!index) throw new UsageError('--index FILE is required');
    const { updateIndex } = await import('../../core/index/index-update.js');
    const { planText } = await import('../../core/index/plan-text.js');
    const result = await updateIndex(
      {
        indexPath: resolve(ctx.cwd, index),
        outputPath: stringFlag(args, 'output') && resolve(ctx.cwd, stringFlag(args, 'output')!),
        entries: await entries(args, ctx),
        registryName: stringFlag(args, 'registry-name'),
        registryUrl: stringFlag(args, 'registry-url'),
        policy: parsePolicy(stringFlag(args, 'policy')),
        dryRun: boolFlag(args, 'dry-run'),
        force: boolFlag(args, 'force'),
        now: new Date(),
      },
      ctx.deps.logger,
    );
    ctx.out(boolFlag(args, 'json') ? json(result) : planText(result));
    return result.refused > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
  },
};

async function entries(args: ParsedArgs, ctx: CommandContext): Promise<IndexEntry[]> {
  const files = listFlag(args, 'entry');
  if (files.length > 0 && args.positionals.length > 0) throw new UsageError('give either <pack-dir> with source flags or --entry files, not both');
  if (files.length > 0) {
    const { readEntryFile } = await import('../../core/index/entry-files.js');
    const all: IndexEntry[] = [];
    for (const file of files) all.push(...(await readEntryFile(resolve(ctx.cwd, file))));
    return all;
  }
  if (args.positionals.length !== 1) throw new UsageError('give one <pack-dir> with source flags, or --entry FILE');
  const { buildIndexEntry } = await import('../../core/index/entry-builder.js');
  return [(await buildIndexEntry(entrySettings(args.positionals[0], args, ctx.cwd), ctx.deps)).entry];
}
