import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import { boolFlag, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { cliGitHubApi, GITHUB_OPTIONS } from '../github-flags.js';
import { json } from '../output.js';
import { parsePolicy } from '../policy.js';

export const handoffCommand: Command = {
  name: 'handoff',
  summary: 'Hand an index entry to a registry repository (pull request or dispatch)',
  usage:
    '--entry FILE --repository OWNER/NAME [--mode pull-request|dispatch] [--index PATH] [--branch NAME] [--event-type T] [--git-url URL] [--policy P] [--token-env NAME] [--api-url URL] [--json]',
  description: [
    'pull-request (default): clones --branch of the registry repository, upserts the entry into --index',
    '(validating the whole index), pushes packreg/<ref>-<version> and opens a pull request, or replaces',
    'the branch of the open one. Nothing is pushed when the registry already lists the entry or the open',
    'pull request already proposes it, so a re-run is a no-op; a different entry already listed for the',
    'version is refused (exit 5). If the pull request cannot be opened, the pushed branch is deleted again.',
    'dispatch: sends repository_dispatch --event-type with client_payload {entry, source}; the registry\'s',
    'workflow runs index-update, which commits nothing when nothing changed.',
    'The token comes from GITHUB_TOKEN or GH_TOKEN (or --token-env), never from a flag; it is also used',
    'for git over https. --git-url defaults to $GITHUB_SERVER_URL/OWNER/NAME.git (https://github.com).',
  ].join('\n'),
  options: {
    entry: { type: 'string', value: 'FILE', help: 'the entry file written by index-entry (exactly one entry)' },
    repository: { type: 'string', value: 'OWNER/NAME', help: 'the registry repository' },
    mode: { type: 'string', value: 'M', help: 'pull-request (default) or dispatch' },
    index: { type: 'string', value: 'PATH', help: 'index.json inside the registry repository (default index.json)' },
    branch: { type: 'string', value: 'NAME', help: 'the branch the pull request targets (default main)' },
    'event-type': { type: 'string', value: 'T', help: 'the repository_dispatch event type (default pack-updated)' },
    'git-url': { type: 'string', value: 'URL', help: 'clone URL of the registry repository' },
    policy: { type: 'string', value: 'P', help: 'custom (default) or standard (one git source pinned to a commit SHA)' },
    ...GITHUB_OPTIONS,
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const entryFile = stringFlag(args, 'entry');
    if (!entryFile) throw new UsageError('--entry FILE is required: the entry file written by packreg index-entry');
    const repoFlag = stringFlag(args, 'repository');
    if (!repoFlag) throw new UsageError('--repository OWNER/NAME is required: the registry repository');
    const { HANDOFF_MODES, handOffEntry } = await import('../../core/handoff/handoff.js');
    const mode = HANDOFF_MODES.find((m) => m === (stringFlag(args, 'mode') ?? 'pull-request'));
    if (!mode) throw new UsageError(`--mode: "${stringFlag(args, 'mode')}" is not a mode; use ${HANDOFF_MODES.join(' or ')}`);
    const { cloneUrl, parseRepoName } = await import('../../core/github/github-api.js');
    const repository = parseRepoName(repoFlag, '--repository');
    const policy = parsePolicy(stringFlag(args, 'policy'));
    const { readOneEntry } = await import('../../core/handoff/one-entry.js');
    const entry = await readOneEntry(resolve(ctx.cwd, entryFile), '--entry file');
    const { api, token } = await cliGitHubApi(args, ctx.env, 'packreg handoff');
    const { handoffText } = await import('../../core/handoff/handoff-text.js');
    const { RepoGitCli } = await import('../../core/git/repo-git-cli.js');
    const { nodeProcessRunner } = await import('../../core/process/runner.js');
    const settings = {
      mode,
      repository,
      entry,
      indexPath: stringFlag(args, 'index'),
      baseBranch: stringFlag(args, 'branch'),
      eventType: stringFlag(args, 'event-type'),
      policy,
      gitUrl: stringFlag(args, 'git-url') ?? cloneUrl(repository, ctx.env.GITHUB_SERVER_URL),
      auth: { token },
      workDir: tmpdir(),
      now: new Date(),
    };
    const result = await handOffEntry(settings, { logger: ctx.deps.logger, github: api, repoGit: new RepoGitCli(nodeProcessRunner) });
    ctx.out(boolFlag(args, 'json') ? json(result) : handoffText(result, settings));
    return ExitCode.Ok;
  },
};
