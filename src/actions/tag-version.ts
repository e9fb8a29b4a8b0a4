import { actionGitHubApi, currentRepository, eventPayload } from '../action-kit/github-context.js';
import { runAction } from '../action-kit/run-action.js';
import { TagVersion } from '../contract/actions.js';
import { UsageError } from '../core/errors.js';
import { RepoGitCli } from '../core/git/repo-git-cli.js';
import { nodeProcessRunner } from '../core/process/runner.js';
import { tagResultsMarkdown } from '../core/release/tag-report.js';
import { tagRaisedVersions } from '../core/release/tag-version.js';

const { inputs: I, outputs: O } = TagVersion;

await runAction(TagVersion, async ({ inputs, deps, output, summary }) => {
  const sha = inputs.optional(I.sha) ?? process.env.GITHUB_SHA;
  if (!sha) throw new UsageError(`input ${I.sha} is empty and GITHUB_SHA is not set; give the commit to tag`);
  const settings = {
    top: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    packDirs: inputs.lines(I.packDir),
    before: inputs.optional(I.before) ?? pushBefore(),
    sha,
    tagFormat: inputs.optional(I.tagFormat),
    repository: currentRepository({ value: inputs.optional(I.repository), name: I.repository }),
  };
  const { api } = actionGitHubApi(inputs.optional(I.token), I.token, 'tag-version (it creates tags)');
  const results = await tagRaisedVersions(settings, { ...deps, repoGit: new RepoGitCli(nodeProcessRunner), github: api });
  const created = results.filter((r) => r.outcome === 'created').map((r) => r.tag);
  output(O.tags, JSON.stringify(created));
  output(O.created, created.length > 0);
  await summary(tagResultsMarkdown(results));
});

/** The push event's `before` commit; other events have none, and guessing one could tag the wrong versions. */
function pushBefore(): string {
  const before = eventPayload().before;
  if (typeof before === 'string') return before;
  const event = process.env.GITHUB_EVENT_NAME ?? 'this';
  throw new UsageError(`input ${I.before} is empty and the ${event} event has no "before" commit; run tag-version on push, or give the commit to compare with in ${I.before}`);
}
