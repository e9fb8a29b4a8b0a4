import * as core from '@actions/core';
import { actionGitHubApi, eventPayload, pullRequestBase } from '../action-kit/github-context.js';
import { runAction } from '../action-kit/run-action.js';
import { PrChecks } from '../contract/actions.js';
import { checkPullRequest } from '../core/gates/check-pull-request.js';
import type { PrCheckSettings } from '../core/gates/check-pull-request.js';
import { gatesMarkdown } from '../core/gates/render-markdown.js';
import type { GateReport } from '../core/gates/report.js';
import { GATE_TITLES } from '../core/gates/report.js';
import { RepoGitCli } from '../core/git/repo-git-cli.js';
import { UsageError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { parseRepoName } from '../core/github/github-api.js';
import { INDEX_POLICIES } from '../core/index/validate-index.js';
import { nodeProcessRunner } from '../core/process/runner.js';

const { inputs: I, outputs: O } = PrChecks;

await runAction(PrChecks, async ({ inputs, deps, output, summary, fail }) => {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const event = eventPayload();
  const base = pullRequestBase(inputs.optional(I.baseRef), I.baseRef);
  const target = inputs.boolean(I.comment, true) ? commentTarget(event, deps.logger) : undefined;
  const token = inputs.optional(I.token);
  if (target && !token) deps.logger.warning(`input ${I.token} is empty, so no pull request comment is posted; the results are in the job summary`);
  const github = target && token ? actionGitHubApi(token, I.token, 'commenting on the pull request').api : undefined;
  const settings: PrCheckSettings = {
    top: workspace,
    base: base.rev,
    baseName: base.name,
    versionGate: inputs.boolean(I.versionGate, true),
    changelog: inputs.boolean(I.changelog, false),
    index: inputs.optional(I.index),
    policy: inputs.choice(I.policy, INDEX_POLICIES, 'custom'),
    comment: github ? target : undefined,
  };
  const result = await checkPullRequest(settings, { ...deps, repoGit: new RepoGitCli(nodeProcessRunner), github });
  annotate(result.report);
  output(O.result, result.report.passed ? 'passed' : 'failed');
  output(O.failures, result.report.failures);
  output(O.commentUrl, result.comment?.posted ? result.comment.url : '');
  await summary(gatesMarkdown(result.report, result));
  const problems = [
    ...(result.report.passed ? [] : [`pr-checks: ${result.report.failures} problem(s) in ${failedGates(result.report)} (see the job summary)`]),
    ...(result.comment && !result.comment.posted && result.comment.failed ? [result.comment.reason] : []),
  ];
  if (problems.length > 0) fail(problems.join('; '));
});

/** The pull request to comment on, from a pull_request event; other events get no comment. */
function commentTarget(event: Record<string, unknown>, logger: Logger): PrCheckSettings['comment'] {
  const number = (event.pull_request as { number?: unknown } | undefined)?.number;
  if (typeof number !== 'number') {
    logger.info(`not a pull_request event, so no pull request comment is posted (input ${I.comment})`);
    return undefined;
  }
  const name = (event.repository as { full_name?: unknown } | undefined)?.full_name;
  const text = typeof name === 'string' ? name : process.env.GITHUB_REPOSITORY;
  if (!text) throw new UsageError('the event names no repository and GITHUB_REPOSITORY is not set, so the pull request cannot be commented on');
  return { repository: parseRepoName(text, 'the repository of the event'), pullRequest: number };
}

function failedGates(report: GateReport): string {
  return report.checks
    .filter((c) => c.status === 'failed')
    .map((c) => GATE_TITLES[c.name].toLowerCase())
    .join(', ');
}

/** Problems as annotations on the file (and line) they concern. */
function annotate(report: GateReport): void {
  for (const check of report.checks) {
    for (const d of check.details) {
      if (d.level === 'info') continue;
      const message = `${GATE_TITLES[check.name]}: ${d.pack ? `${d.pack}: ` : ''}${d.message}`;
      const where = d.file ? { file: d.file, ...(d.line ? { startLine: d.line } : {}) } : {};
      if (d.level === 'error') core.error(message, where);
      else core.warning(message, where);
    }
  }
}
