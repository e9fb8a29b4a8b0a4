import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { a as actionGitHubApi } from './chunks/github-context.js';
import { r as releaseSource } from './chunks/release-source.js';
import { r as runAction, R as RegistryHandoff } from './chunks/run-action.js';
import { RepoGitCli } from './chunks/repo-git-cli.js';
import { parseRepoName, cloneUrl } from './chunks/github-api.js';
import { HANDOFF_MODES, handOffEntry } from './chunks/handoff.js';
import { handoffText, handoffMarkdown } from './chunks/handoff-text.js';
import { readOneEntry } from './chunks/one-entry.js';
import 'node:fs/promises';
import 'node:crypto';
import 'node:fs';
import './chunks/index-rules.js';
import './chunks/index.js';
import { I as INDEX_POLICIES } from './chunks/policy.js';
import { nodeProcessRunner } from './chunks/runner.js';
import './chunks/errors.js';
import './chunks/octokit-api.js';
import 'fs';
import 'os';
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
import 'crypto';
import 'path';
import 'child_process';
import 'timers';
import './chunks/deps.js';
import './chunks/byte-reader.js';
import './chunks/atomic-file.js';
import './chunks/index-update.js';
import './chunks/runtime.js';
import './chunks/history.js';
import './chunks/canonical-json.js';
import './chunks/json-text.js';
import './chunks/versions.js';
import './chunks/index-stream.js';
import './chunks/upsert-plan.js';
import './chunks/pull-request-body.js';
import './chunks/entry-files.js';
import 'node:child_process';

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
