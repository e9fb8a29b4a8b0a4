import { resolve } from 'node:path';
import { e as eventPayload } from './chunks/github-context.js';
import { r as runAction, a as IndexUpdate } from './chunks/run-action.js';
import { U as UsageError, I as InputError } from './chunks/errors.js';
import { RepoGitCli } from './chunks/repo-git-cli.js';
import { r as readEntryFile, e as entriesFromValue } from './chunks/entry-files.js';
import { parseAttempts, pushIndexUpdate } from './chunks/index-push.js';
import { locateWorkTree } from './chunks/index-push-tree.js';
import { updateIndex } from './chunks/index-update.js';
import { planText, planMarkdown } from './chunks/plan-text.js';
import 'node:fs/promises';
import 'node:crypto';
import 'node:fs';
import './chunks/index-rules.js';
import './chunks/index.js';
import { I as INDEX_POLICIES } from './chunks/policy.js';
import { nodeProcessRunner } from './chunks/runner.js';
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
import 'node:os';
import './chunks/byte-reader.js';
import './chunks/atomic-file.js';
import './chunks/json-text.js';
import './chunks/index-push-branch.js';
import './chunks/index-push-message.js';
import './chunks/runtime.js';
import './chunks/history.js';
import './chunks/canonical-json.js';
import './chunks/versions.js';
import './chunks/index-stream.js';
import './chunks/upsert-plan.js';
import 'node:child_process';

const { inputs: I, outputs: O } = IndexUpdate;
await runAction(IndexUpdate, async ({ inputs, deps, output, summary, fail }) => {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const entries = await entryFiles(inputs.optional(I.entries), inputs.lines(I.entries), workspace);
    const outputPath = inputs.optional(I.output);
    const dryRun = inputs.boolean(I.dryRun, false);
    const push = inputs.boolean(I.push, false);
    const common = {
        indexPath: resolve(workspace, inputs.required(I.index)),
        entries,
        registryName: inputs.optional(I.registryName),
        registryUrl: inputs.optional(I.registryUrl),
        policy: inputs.choice(I.policy, INDEX_POLICIES, 'custom'),
        force: inputs.boolean(I.force, false),
        now: new Date(),
    };
    const pushSettings = {
        branch: inputs.optional(I.branch),
        maxAttempts: parseAttempts(inputs.optional(I.maxAttempts), `input ${I.maxAttempts}`),
        commitMessage: inputs.optional(I.commitMessage),
    };
    if (!push || dryRun) {
        if (push)
            deps.logger.info(`dry-run is set, so push is ignored: the plan is computed on the checkout as it is, and nothing is committed or pushed`);
        const result = await updateIndex({ ...common, outputPath: outputPath && resolve(workspace, outputPath), dryRun }, deps.logger);
        deps.logger.info(planText(result));
        output(O.changed, result.changed);
        output(O.plan, JSON.stringify(result.plan));
        output(O.commit, '');
        output(O.attempts, 0);
        await summary(planMarkdown(result));
        if (result.refused > 0)
            fail(`index-update: ${result.refused} entry(ies) refused; nothing was written (see the plan in the job summary)`);
        return;
    }
    if (outputPath)
        throw new UsageError(`input ${I.output} cannot be combined with ${I.push}: the index is committed where it is; leave ${I.output} empty`);
    const pushed = await pushIndexUpdate({ ...common, ...pushSettings, top: await locateWorkTree(deps.git, common.indexPath), branch: pushSettings.branch ?? refBranch() }, { ...deps, repoGit: new RepoGitCli(nodeProcessRunner) });
    deps.logger.info(planText(pushed.result));
    output(O.changed, pushed.changed);
    output(O.plan, JSON.stringify(pushed.result.plan));
    output(O.commit, pushed.commit ?? '');
    output(O.attempts, pushed.attempts);
    const line = pushed.commit ? `Pushed \`${pushed.commit}\` after ${pushed.attempts} attempt(s).` : 'Nothing was committed or pushed.';
    await summary(`${planMarkdown(pushed.result)}\n${line}\n`);
    if (pushed.result.refused > 0)
        fail(`index-update: ${pushed.result.refused} entry(ies) refused; nothing was committed or pushed (see the plan in the job summary)`);
});
/**
 * The entries to upsert: the entry files the input lists, else the entries a
 * repository_dispatch event carries (a pack repository's registry-handoff in dispatch mode).
 */
async function entryFiles(given, files, workspace) {
    if (given !== undefined) {
        if (files.length === 0)
            throw new UsageError(`input ${I.entries} lists no entry files; give one path per line`);
        const entries = [];
        for (const file of files)
            entries.push(...(await readEntryFile(resolve(workspace, file))));
        return entries;
    }
    const dispatched = dispatchedEntries();
    if (dispatched)
        return dispatched;
    throw new UsageError(`input ${I.entries} is required by index-update unless the workflow runs on a repository_dispatch event whose client_payload carries "entry" (one entry object) or "entries" (an array of them); set ${I.entries} under "with:" to entry files, one path per line, or trigger the workflow with such an event`);
}
/** client_payload.entry or client_payload.entries of a repository_dispatch event, if it carries one. */
function dispatchedEntries() {
    const name = process.env.GITHUB_EVENT_NAME;
    if (name !== undefined && name !== 'repository_dispatch')
        return undefined;
    const payload = eventPayload().client_payload;
    if (!payload || typeof payload !== 'object')
        return undefined;
    const { entry, entries } = payload;
    const where = (key) => `client_payload.${key} of the repository_dispatch event`;
    if (entry !== undefined && entries !== undefined)
        throw new InputError(`the repository_dispatch event carries both ${where('entry')} and client_payload.entries; send one of them`);
    if (entry !== undefined) {
        if (!entry || typeof entry !== 'object' || Array.isArray(entry))
            throw new InputError(`${where('entry')} is ${JSON.stringify(entry)}; expected one entry object (from packreg index-entry)`);
        return entriesFromValue(entry, where('entry'));
    }
    if (entries !== undefined) {
        if (!Array.isArray(entries))
            throw new InputError(`${where('entries')} is not an array; expected an array of entry objects`);
        return entriesFromValue(entries, where('entries'));
    }
    return undefined;
}
/** The branch this run is on (GITHUB_REF): the default branch for repository_dispatch and workflow_dispatch runs. */
function refBranch() {
    const ref = process.env.GITHUB_REF ?? '';
    if (ref.startsWith('refs/heads/'))
        return ref.slice('refs/heads/'.length);
    throw new UsageError(`input ${I.branch} is empty and GITHUB_REF (${ref || 'unset'}) is not a branch, as on pull_request or tag runs; give the branch to push the index to under "with:"`);
}
