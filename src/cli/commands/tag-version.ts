import { ExitCode, UsageError } from '../../core/errors.js';
import { boolFlag, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { cliGitHubApi, GITHUB_OPTIONS } from '../github-flags.js';
import { json } from '../output.js';

export const tagVersionCommand: Command = {
  name: 'tag-version',
  summary: "Create the v<version> tag when a commit raises pack.yaml's version",
  usage: '[PACK-DIR...] --before REV [--sha REV] [--repository OWNER/NAME] [--tag-format F] [--token-env NAME] [--api-url URL] [--json]',
  description: [
    "For each pack folder (default .), compares pack.yaml's version at --sha (default HEAD) with the",
    'one at --before (semver); a raised version, or a pack new since --before, gets the tag --tag-format',
    'names (default v{version}; {ref}-v{version} for several packs in one repository) at --sha,',
    'created through the GitHub API in --repository (default GITHUB_REPOSITORY). --before "" or all',
    'zeros means no earlier commit. A tag already at --sha is left alone; one at another commit fails',
    '(exit 5) before any tag is created: a released version is immutable. Tags made with a workflow\'s',
    'GITHUB_TOKEN start no other workflow; use a GitHub App or fine-grained token for that.',
    'The token comes from GITHUB_TOKEN (or GH_TOKEN, or the variable --token-env names).',
  ].join('\n'),
  options: {
    before: { type: 'string', value: 'REV', help: 'the commit before the push ("" or zeros: none)' },
    sha: { type: 'string', value: 'REV', help: 'the commit to tag (default HEAD)' },
    repository: { type: 'string', value: 'O/R', help: 'the GitHub repository to tag (default GITHUB_REPOSITORY)' },
    'tag-format': { type: 'string', value: 'F', help: 'tag name with {version} and optionally {ref} (default v{version})' },
    ...GITHUB_OPTIONS,
    json: { type: 'boolean', help: 'print the results as JSON' },
  },
  async run(args, ctx) {
    const before = stringFlag(args, 'before');
    if (before === undefined) throw new UsageError('--before REV is required: the commit to compare pack.yaml with (give --before "" when there is none)');
    const { parseRepoName } = await import('../../core/github/github-api.js');
    const repository = stringFlag(args, 'repository') ?? ctx.env.GITHUB_REPOSITORY;
    if (!repository) throw new UsageError('--repository OWNER/NAME is required (or set GITHUB_REPOSITORY)');
    const settings = {
      top: ctx.cwd,
      packDirs: args.positionals,
      before,
      sha: stringFlag(args, 'sha') ?? 'HEAD',
      tagFormat: stringFlag(args, 'tag-format'),
      repository: parseRepoName(repository, stringFlag(args, 'repository') ? '--repository' : 'GITHUB_REPOSITORY'),
    };
    const { api } = await cliGitHubApi(args, ctx.env, 'tag-version');
    const { tagRaisedVersions } = await import('../../core/release/tag-version.js');
    const { tagResultsText } = await import('../../core/release/tag-report.js');
    const { RepoGitCli } = await import('../../core/git/repo-git-cli.js');
    const { nodeProcessRunner } = await import('../../core/process/runner.js');
    const results = await tagRaisedVersions(settings, { ...ctx.deps, repoGit: new RepoGitCli(nodeProcessRunner), github: api });
    ctx.out(boolFlag(args, 'json') ? json(results) : tagResultsText(results));
    return ExitCode.Ok;
  },
};
