import { resolve } from 'node:path';
import { c as currentRepository, a as actionGitHubApi } from './chunks/github-context.js';
import { r as runAction, G as GithubRelease } from './chunks/run-action.js';
import { U as UsageError } from './chunks/errors.js';
import { attachReleaseAsset } from './chunks/release-asset.js';
import { releaseAssetMarkdown } from './chunks/release-report.js';
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
import './chunks/byte-reader.js';
import './chunks/runner.js';
import 'node:child_process';
import './chunks/atomic-file.js';
import 'node:crypto';
import './chunks/file-digest.js';

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
function pushedTag() {
    if (process.env.GITHUB_REF_TYPE === 'tag' && process.env.GITHUB_REF_NAME)
        return process.env.GITHUB_REF_NAME;
    throw new UsageError(`input ${I.tag} is empty and this run is not for a tag push (GITHUB_REF_TYPE is ${process.env.GITHUB_REF_TYPE || 'unset'}); give the release tag in ${I.tag}`);
}
