import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import type { IndexPushResult, IndexPushSettings } from '../../core/index/index-push.js';
import type { IndexEntry } from '../../core/index/model.js';
import { boolFlag, listFlag, stringFlag } from '../args.js';
import type { Command, CommandContext, ParsedArgs } from '../command.js';
import { ENTRY_OPTIONS, entrySettings } from '../entry-flags.js';
import { json } from '../output.js';
import { parsePolicy } from '../policy.js';

export const indexUpdateCommand: Command = {
  name: 'index-update',
  summary: 'Upsert pack entries into a registry index and its per-pack histories',
  usage:
    '--index FILE (<pack-dir> SOURCE-FLAGS | --entry FILE...) [--output FILE] [--dry-run] [--force] [--registry-name NAME --registry-url URL] [--policy standard|custom] [--push [--branch NAME] [--max-attempts N] [--commit-message TEXT] [--author "Name <email>"]] [--json]',
  description: [
    'Reads and validates the index (or creates it with --registry-name and --registry-url), then',
    'upserts each entry: built from <pack-dir> with the index-entry source flags, or read from',
    '--entry files. Each ref\'s top-level entry is its highest version by semver precedence; every',
    'version is kept in packs/<ref>/index.json beside the index (newest first). A published',
    'ref@version is immutable: the same content is a no-op, a different one is refused (exit 1)',
    'unless --force. Output is canonical and deterministic; last_updated moves only when the',
    'packs change; files are replaced atomically. --dry-run prints the plan and writes nothing.',
    '',
    '--push commits the update in the index\'s git work tree and pushes it to origin. Each attempt',
    'fetches the branch, resets the local branch to origin\'s (the work tree must have no',
    'uncommitted changes; local commits origin lacks are dropped), re-applies the upsert and',
    'pushes, so concurrent updaters never overwrite each other; a rejected push is retried up to',
    '--max-attempts times (exit 4 after the last, with nothing pushed). Nothing is committed when',
    'nothing changed. --dry-run wins over --push.',
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
    push: { type: 'boolean', help: 'commit the update and push it to origin, retrying when the branch moved' },
    branch: { type: 'string', value: 'NAME', help: 'with --push: the branch to update (default the current branch)' },
    'max-attempts': { type: 'string', value: 'N', help: 'with --push: push attempts before giving up, 1 to 20 (default 5)' },
    'commit-message': { type: 'string', value: 'TEXT', help: 'with --push: the commit message (default "index: <ref> <version>")' },
    author: { type: 'string', value: '"Name <email>"', help: 'with --push: the commit author (default github-actions[bot])' },
    json: { type: 'boolean', help: 'print the result and plan as JSON' },
  },
  async run(args, ctx) {
    const index = stringFlag(args, 'index');
    if (!index) throw new UsageError('--index FILE is required');
    const pushFlags = PUSH_FLAGS.filter((flag) => args.values[flag] !== undefined);
    if (!boolFlag(args, 'push') && pushFlags.length > 0) throw new UsageError(`--${pushFlags[0]} only applies with --push`);
    const { planText } = await import('../../core/index/plan-text.js');
    const settings = {
      indexPath: resolve(ctx.cwd, index),
      entries: await entries(args, ctx),
      registryName: stringFlag(args, 'registry-name'),
      registryUrl: stringFlag(args, 'registry-url'),
      policy: parsePolicy(stringFlag(args, 'policy')),
      force: boolFlag(args, 'force'),
      now: new Date(),
    };
    if (boolFlag(args, 'push') && !boolFlag(args, 'dry-run')) {
      if (stringFlag(args, 'output')) throw new UsageError('--output cannot be combined with --push: the index is committed where it is');
      const pushed = await push(settings, args, ctx);
      ctx.out(boolFlag(args, 'json') ? json(pushed) : `${planText(pushed.result)}${pushed.commit ? `pushed ${pushed.commit} (attempt ${pushed.attempts})` : 'nothing committed or pushed'}\n`);
      return pushed.result.refused > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
    }
    if (boolFlag(args, 'push')) ctx.deps.logger.info('--dry-run wins over --push: nothing is committed or pushed');
    const { updateIndex } = await import('../../core/index/index-update.js');
    const output = stringFlag(args, 'output');
    const result = await updateIndex({ ...settings, outputPath: output && resolve(ctx.cwd, output), dryRun: boolFlag(args, 'dry-run') }, ctx.deps.logger);
    ctx.out(boolFlag(args, 'json') ? json(result) : planText(result));
    return result.refused > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
  },
};

/** Flags that only mean something with --push. */
const PUSH_FLAGS = ['branch', 'max-attempts', 'commit-message', 'author'] as const;

type CommonSettings = Omit<IndexPushSettings, 'top' | 'branch'>;

/** --push: commit in the index's work tree and push to origin with the retry loop. */
async function push(settings: CommonSettings, args: ParsedArgs, ctx: CommandContext): Promise<IndexPushResult> {
  const { pushIndexUpdate, parseAttempts } = await import('../../core/index/index-push.js');
  const { locateWorkTree } = await import('../../core/index/index-push-tree.js');
  const { currentBranch } = await import('../../core/index/index-push-branch.js');
  const { parseAuthor } = await import('../../core/index/index-push-message.js');
  const { RepoGitCli } = await import('../../core/git/repo-git-cli.js');
  const { nodeProcessRunner } = await import('../../core/process/runner.js');
  const repoGit = new RepoGitCli(nodeProcessRunner);
  const author = stringFlag(args, 'author');
  const top = await locateWorkTree(ctx.deps.git, settings.indexPath);
  return pushIndexUpdate(
    {
      ...settings,
      top,
      branch: stringFlag(args, 'branch') ?? (await currentBranch(repoGit, top)),
      maxAttempts: parseAttempts(stringFlag(args, 'max-attempts'), '--max-attempts'),
      commitMessage: stringFlag(args, 'commit-message'),
      author: author === undefined ? undefined : parseAuthor(author, '--author'),
    },
    { ...ctx.deps, repoGit },
  );
}

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
