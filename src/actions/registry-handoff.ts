import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { actionGitHubApi } from '../action-kit/github-context.js';
import { releaseSource } from '../action-kit/release-source.js';
import { runAction } from '../action-kit/run-action.js';
import { RegistryHandoff } from '../contract/actions.js';
import { RepoGitCli } from '../core/git/repo-git-cli.js';
import { cloneUrl, parseRepoName } from '../core/github/github-api.js';
import { handOffEntry, HANDOFF_MODES } from '../core/handoff/handoff.js';
import { handoffMarkdown, handoffText } from '../core/handoff/handoff-text.js';
import { readOneEntry } from '../core/handoff/one-entry.js';
import { INDEX_POLICIES } from '../core/index/validate-index.js';
import { nodeProcessRunner } from '../core/process/runner.js';

const { inputs: I, outputs: O } = RegistryHandoff;

await runAction(RegistryHandoff, async ({ inputs, deps, output, summary }) => {
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const repoInput = inputs.required(I.repository);
  const repository = parseRepoName(repoInput, `input ${I.repository}`);
  const { api, token } = actionGitHubApi(inputs.required(I.token), I.token, 'registry-handoff');
  const settings = {
    mode: inputs.choice(I.mode, HANDOFF_MODES, 'pull-request'),
    repository,
    entry: await readOneEntry(resolve(workspace, inputs.required(I.entry)), `input ${I.entry}:`),
    indexPath: inputs.optional(I.index),
    baseBranch: inputs.optional(I.branch),
    eventType: inputs.optional(I.eventType),
    policy: inputs.choice(I.policy, INDEX_POLICIES, 'custom'),
    gitUrl: inputs.optional(I.gitUrl) ?? cloneUrl(repository, env.GITHUB_SERVER_URL),
    auth: { token },
    source: releaseSource(env),
    workDir: env.RUNNER_TEMP || tmpdir(),
    now: new Date(),
  };
  const result = await handOffEntry(settings, { logger: deps.logger, github: api, repoGit: new RepoGitCli(nodeProcessRunner) });
  deps.logger.info(handoffText(result, settings).trimEnd());
  output(O.result, result.result);
  output(O.pullRequestUrl, result.pullRequest?.url ?? '');
  output(O.pullRequestNumber, result.pullRequest?.number ?? '');
  output(O.branch, result.branch ?? '');
  await summary(handoffMarkdown(result, settings));
});
