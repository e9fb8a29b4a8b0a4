import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import { boolFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { cliGitHubApi, GITHUB_OPTIONS } from '../github-flags.js';
import { json } from '../output.js';

export const releaseAssetCommand: Command = {
  name: 'release-asset',
  summary: 'Attach an archive to the GitHub release of a tag',
  usage: '<archive> --tag TAG [--repository OWNER/NAME] [--token-env NAME] [--api-url URL] [--json]',
  description: [
    'Uploads the archive (streamed) as an asset of the release of --tag in --repository (default',
    'GITHUB_REPOSITORY), creating the release, named after the tag, when there is none; the tag must',
    'exist. A released archive never changes: an asset of the same name with the same sha256 is a',
    'no-op (already published), one with other bytes fails with both checksums (exit 5) and nothing',
    'is uploaded. Prints the download URL (the archive install source URL) and the checksum.',
    'The token comes from GITHUB_TOKEN (or GH_TOKEN, or the variable --token-env names).',
  ].join('\n'),
  options: {
    tag: { type: 'string', value: 'TAG', help: 'the release tag (must exist)' },
    repository: { type: 'string', value: 'O/R', help: 'the GitHub repository (default GITHUB_REPOSITORY)' },
    ...GITHUB_OPTIONS,
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [archive] = positionals(this, args, ['archive']);
    const tag = stringFlag(args, 'tag');
    if (!tag) throw new UsageError('--tag TAG is required: the release to attach the archive to');
    const { parseRepoName } = await import('../../core/github/github-api.js');
    const repository = stringFlag(args, 'repository') ?? ctx.env.GITHUB_REPOSITORY;
    if (!repository) throw new UsageError('--repository OWNER/NAME is required (or set GITHUB_REPOSITORY)');
    const settings = {
      archivePath: resolve(ctx.cwd, archive),
      tag,
      repository: parseRepoName(repository, stringFlag(args, 'repository') ? '--repository' : 'GITHUB_REPOSITORY'),
    };
    const { api } = await cliGitHubApi(args, ctx.env, 'release-asset');
    const { attachReleaseAsset } = await import('../../core/release/release-asset.js');
    const { releaseAssetText } = await import('../../core/release/release-report.js');
    const result = await attachReleaseAsset(settings, { logger: ctx.deps.logger, github: api });
    ctx.out(boolFlag(args, 'json') ? json(result) : releaseAssetText(result));
    return ExitCode.Ok;
  },
};
