import { r as runAction, P as PrChecks, e as error, w as warning } from './chunks/run-action.js';
import { e as eventPayload, p as pullRequestBase, a as actionGitHubApi } from './chunks/github-context.js';
import { c as checkPullRequest, g as gatesMarkdown } from './chunks/check-pull-request.js';
import { G as GATE_TITLES } from './chunks/report.js';
import { RepoGitCli } from './chunks/repo-git-cli.js';
import { U as UsageError } from './chunks/errors.js';
import { parseRepoName } from './chunks/github-api.js';
import 'node:fs/promises';
import 'node:path';
import 'node:crypto';
import 'node:fs';
import './chunks/index-rules.js';
import './chunks/index.js';
import { I as INDEX_POLICIES } from './chunks/policy.js';
import { nodeProcessRunner } from './chunks/runner.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'http';
import 'https';
import './chunks/index4.js';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:util';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
import './chunks/_commonjsHelpers.js';
import 'node:tls';
import 'node:zlib';
import 'node:perf_hooks';
import 'node:util/types';
import 'node:worker_threads';
import 'node:url';
import 'node:async_hooks';
import 'node:console';
import 'node:dns';
import 'string_decoder';
import 'child_process';
import 'timers';
import './chunks/deps.js';
import 'node:os';
import './chunks/byte-reader.js';
import './chunks/atomic-file.js';
import './chunks/octokit-api.js';
import './chunks/yaml-source.js';
import './chunks/index2.js';
import 'process';
import 'buffer';
import './chunks/changed-packs.js';
import './chunks/upsert-plan.js';
import './chunks/canonical-json.js';
import './chunks/versions.js';
import './chunks/history.js';
import './chunks/json-text.js';
import './chunks/index-stream.js';
import './chunks/layout.js';
import './chunks/runtime.js';
import 'node:child_process';

const { inputs: I, outputs: O } = PrChecks;
await runAction(PrChecks, async ({ inputs, deps, output, summary, fail }) => {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const event = eventPayload();
    const base = pullRequestBase(inputs.optional(I.baseRef), I.baseRef);
    const target = inputs.boolean(I.comment, true) ? commentTarget(event, deps.logger) : undefined;
    const token = inputs.optional(I.token);
    if (target && !token)
        deps.logger.warning(`input ${I.token} is empty, so no pull request comment is posted; the results are in the job summary`);
    const github = target && token ? actionGitHubApi(token, I.token, 'commenting on the pull request').api : undefined;
    const settings = {
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
    if (problems.length > 0)
        fail(problems.join('; '));
});
/** The pull request to comment on, from a pull_request event; other events get no comment. */
function commentTarget(event, logger) {
    const number = event.pull_request?.number;
    if (typeof number !== 'number') {
        logger.info(`not a pull_request event, so no pull request comment is posted (input ${I.comment})`);
        return undefined;
    }
    const name = event.repository?.full_name;
    const text = typeof name === 'string' ? name : process.env.GITHUB_REPOSITORY;
    if (!text)
        throw new UsageError('the event names no repository and GITHUB_REPOSITORY is not set, so the pull request cannot be commented on');
    return { repository: parseRepoName(text, 'the repository of the event'), pullRequest: number };
}
function failedGates(report) {
    return report.checks
        .filter((c) => c.status === 'failed')
        .map((c) => GATE_TITLES[c.name].toLowerCase())
        .join(', ');
}
/** Problems as annotations on the file (and line) they concern. */
function annotate(report) {
    for (const check of report.checks) {
        for (const d of check.details) {
            if (d.level === 'info')
                continue;
            const message = `${GATE_TITLES[check.name]}: ${d.pack ? `${d.pack}: ` : ''}${d.message}`;
            const where = d.file ? { file: d.file, ...(d.line ? { startLine: d.line } : {}) } : {};
            if (d.level === 'error')
                error(message, where);
            else
                warning(message, where);
        }
    }
}
