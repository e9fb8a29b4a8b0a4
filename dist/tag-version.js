import { c as currentRepository, a as actionGitHubApi, e as eventPayload } from './chunks/github-context.js';
import { r as runAction, T as TagVersion } from './chunks/run-action.js';
import { U as UsageError } from './chunks/errors.js';
import { RepoGitCli } from './chunks/repo-git-cli.js';
import { nodeProcessRunner } from './chunks/runner.js';
import { tagResultsMarkdown } from './chunks/tag-report.js';
import { tagRaisedVersions } from './chunks/tag-version.js';
import 'node:fs';
import './chunks/github-api.js';
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
import 'node:fs/promises';
import 'node:os';
import 'node:path';
import './chunks/byte-reader.js';
import './chunks/atomic-file.js';
import 'node:crypto';
import 'node:child_process';
import './chunks/index.js';
import './chunks/index2.js';
import 'process';
import 'buffer';
import './chunks/manifest.js';
import './chunks/runtime.js';
import './chunks/problem.js';
import './chunks/yaml-source.js';
import './chunks/index3.js';

const { inputs: I, outputs: O } = TagVersion;
await runAction(TagVersion, async ({ inputs, deps, output, summary }) => {
    const sha = inputs.optional(I.sha) ?? process.env.GITHUB_SHA;
    if (!sha)
        throw new UsageError(`input ${I.sha} is empty and GITHUB_SHA is not set; give the commit to tag`);
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
function pushBefore() {
    const before = eventPayload().before;
    if (typeof before === 'string')
        return before;
    const event = process.env.GITHUB_EVENT_NAME ?? 'this';
    throw new UsageError(`input ${I.before} is empty and the ${event} event has no "before" commit; run tag-version on push, or give the commit to compare with in ${I.before}`);
}
