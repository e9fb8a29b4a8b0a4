import { resolve } from 'node:path';
import { actionGitHubApi, currentRepository } from '../action-kit/github-context.js';
import { runAction } from '../action-kit/run-action.js';
import { GithubRelease } from '../contract/actions.js';
import { UsageError } from '../core/errors.js';
import { attachReleaseAsset } from '../core/release/release-asset.js';
import { releaseAssetMarkdown } from '../core/release/release-report.js';

const { inputs: I, outputs: O } = GithubRelease;

await runAction(GithubRelease, async ({ inputs, deps, output, summary }) => {
  const settings = {
    archivePath: resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), inputs.required(I.archive)),
    tag: inputs.optional(I.tag) ?? pushedTag(),
    repository: currentRepository({ value: inputs.optional(I.repository), name: I.repository }),
  };
  const { api } = actionGitHubApi(inputs.optional(I.token), I.token, 'github-release (it creates the release and uploads the archive)');
  const result = await attachReleaseAsset(settings, { logger: deps.logger, github: api });
  output(O.archiveUrl, result.archiveUrl);
  output(O.releaseUrl, result.releaseUrl);
  output(O.alreadyPublished, result.alreadyPublished);
  await summary(releaseAssetMarkdown(settings, result));
});

/** The tag a tag push ran for (GITHUB_REF_NAME when GITHUB_REF_TYPE is tag). */
function pushedTag(): string {
  if (process.env.GITHUB_REF_TYPE === 'tag' && process.env.GITHUB_REF_NAME) return process.env.GITHUB_REF_NAME;
  throw new UsageError(`input ${I.tag} is empty and this run is not for a tag push (GITHUB_REF_TYPE is ${process.env.GITHUB_REF_TYPE || 'unset'}); give the release tag in ${I.tag}`);
}
