import { tmpdir } from 'node:os';
import { resolve, join } from 'node:path';
import { a as archiveSettings } from './chunks/archive-inputs.js';
import { a as actionGitHubApi, c as currentRepository } from './chunks/github-context.js';
import { r as releaseSource } from './chunks/release-source.js';
import { r as runAction, f as Release } from './chunks/run-action.js';
import { a as archiveSummary } from './chunks/summaries.js';
import { U as UsageError, a as IntegrityError } from './chunks/errors.js';
import { RepoGitCli } from './chunks/repo-git-cli.js';
import { cloneUrl, parseRepoName } from './chunks/github-api.js';
import 'node:fs/promises';
import './chunks/index.js';
import './chunks/index-rules.js';
import { I as INDEX_POLICIES } from './chunks/policy.js';
import { handOffEntry, HANDOFF_MODES } from './chunks/handoff.js';
import 'node:fs';
import 'node:crypto';
import { s as stringifyCanonical, c as canonicalEntry } from './chunks/canonical-json.js';
import { handoffMarkdown } from './chunks/handoff-text.js';
import { p as parseMetaPairs } from './chunks/meta-pairs.js';
import { buildArchive } from './chunks/build.js';
import { w as writeTextAtomic } from './chunks/atomic-file.js';
import { p as parseDigest } from './chunks/algorithms.js';
import { b as buildIndexEntry } from './chunks/entry-builder.js';
import { p as publish } from './chunks/publish.js';
import { attachReleaseAsset } from './chunks/release-asset.js';
import { nodeProcessRunner } from './chunks/runner.js';
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
import './chunks/runtime.js';
import './chunks/index-update.js';
import './chunks/history.js';
import './chunks/json-text.js';
import './chunks/versions.js';
import './chunks/index-stream.js';
import './chunks/upsert-plan.js';
import './chunks/pull-request-body.js';
import './chunks/git-tree.js';
import './chunks/fs-tree.js';
import './chunks/index2.js';
import 'process';
import 'buffer';
import './chunks/manifest.js';
import './chunks/problem.js';
import './chunks/yaml-source.js';
import './chunks/index3.js';
import './chunks/pack-source.js';
import './chunks/packignore.js';
import './chunks/file-digest.js';
import './chunks/pack-files.js';
import './chunks/layout.js';
import 'node:timers/promises';
import './chunks/loadSharedConfigFiles.js';
import './chunks/readFile.js';
import './chunks/configLoader.js';
import './chunks/chain.js';
import './chunks/CredentialsProviderError.js';
import './chunks/hex-encoding.js';
import 'stream';
import './chunks/node-http-handler.js';
import 'node:https';
import './chunks/EventStreamSerdeConfig.js';
import './chunks/setCredentialFeature.js';
import 'node:process';
import 'node:child_process';

/**
 * Release one pack version in one step, in the order that never leaves a reference to
 * something missing: build the archive (after the tag check), publish it, build the entry
 * pointing at it, write the entry file, then hand the entry to the registry. Every stage is
 * idempotent, so re-running the release of a tag succeeds without changing anything.
 */
async function releasePack(settings, deps) {
    checkEdges(settings, deps);
    const archive = await buildArchive(archiveIn(settings), deps);
    const published = await publishArchive(settings, archive, deps);
    const entry = published.entry ?? (await entryFor(settings, archive, published.archiveUrl, deps));
    const entryPath = settings.entry.output;
    await writeTextAtomic(entryPath, stringifyCanonical(canonicalEntry(entry)), 'the entry file');
    const handoff = settings.handoff && (await handOff(settings, entry, deps));
    return { archive, publish: settings.publish.kind, archiveUrl: published.archiveUrl, alreadyPublished: published.alreadyPublished, entry, entryPath, handoff };
}
/** The archive settings with paths made absolute, so only the default output lands in `archiveDir`. */
function archiveIn(settings) {
    const a = settings.archive;
    if (!settings.archiveDir || a.out)
        return a;
    return { ...a, packDir: resolve(a.cwd, a.packDir), cwd: settings.archiveDir };
}
/** Missing clients are a caller's bug in wiring, reported before anything is built. */
function checkEdges(settings, deps) {
    if (settings.publish.kind === 'github-release' && !deps.github)
        throw new UsageError('publishing to a GitHub release needs a GitHub token');
    if (settings.handoff && (!deps.registryGitHub || !deps.repoGit))
        throw new UsageError('the handoff to a registry repository needs a token for it');
}
async function publishArchive(settings, archive, deps) {
    const target = settings.publish;
    if (target.kind === 'none')
        return { archiveUrl: target.archiveUrl ?? '', alreadyPublished: false };
    if (target.kind === 'github-release') {
        const github = deps.github;
        const result = await attachReleaseAsset({ repository: target.repository, tag: target.tag, archivePath: archive.path, checksum: archive.checksum }, { logger: deps.logger, github });
        return { archiveUrl: result.archiveUrl, alreadyPublished: result.alreadyPublished };
    }
    const a = settings.archive;
    const result = await publish({
        ...target.settings,
        packDir: a.packDir,
        gitUrl: settings.entry.gitUrl,
        gitRef: settings.entry.gitUrl ? settings.entry.gitRef : a.gitRef,
        format: a.format,
        noGit: a.noGit,
        exclude: a.exclude,
        mtime: a.mtime,
        meta: settings.entry.meta,
        dryRun: false,
        now: settings.now,
        cwd: a.cwd,
    }, deps);
    // publish builds its own archive from the same tree and time: a reproducible build gives the same bytes.
    if (!result.alreadyPublished && result.checksum !== archive.checksum) {
        throw new IntegrityError(`the archive published to ${result.registry} (${result.checksum}) differs from ${archive.path} (${archive.checksum}); set git-ref to the released commit so both are built from the same tree`);
    }
    return { archiveUrl: result.archiveUrl, alreadyPublished: result.alreadyPublished, entry: result.published };
}
async function entryFor(settings, archive, archiveUrl, deps) {
    const e = settings.entry;
    const built = await buildIndexEntry({
        packDir: settings.archive.packDir,
        gitUrl: e.gitUrl,
        gitRef: e.gitUrl ? e.gitRef : undefined,
        allowMutableRef: e.allowMutableRef,
        archiveUrl: archiveUrl || undefined,
        archiveChecksum: archiveUrl ? parseDigest(archive.checksum) : undefined,
        meta: e.meta,
        cwd: settings.archive.cwd,
    }, deps);
    return built.entry;
}
function handOff(settings, entry, deps) {
    const handoff = settings.handoff;
    return handOffEntry({ ...handoff, entry, source: settings.source, now: settings.now }, { logger: deps.logger, github: deps.registryGitHub, repoGit: deps.repoGit });
}

const PUBLISHED = { 'github-release': 'the GitHub release', s3: 'the S3 registry', none: 'nowhere (publish: none)' };
/** The publish and entry part of the job summary (the archive and handoff have their own). */
function releaseMarkdown(result) {
    const lines = [
        '### Release',
        '',
        `| | |`,
        `|---|---|`,
        `| Published to | ${PUBLISHED[result.publish]}${result.alreadyPublished ? ' (already there with these bytes: nothing uploaded)' : ''} |`,
        `| Archive URL | ${result.archiveUrl ? `\`${result.archiveUrl}\`` : '(none)'} |`,
        `| Entry | \`${result.entryPath}\` |`,
        `| Sources | ${result.entry.install_sources.map((s) => `${s.type} \`${s.url}\``).join('<br>')} |`,
        '',
    ];
    return lines.join('\n') + '\n';
}
/** One line for logs. */
function releaseText(result) {
    const where = result.archiveUrl ? ` at ${result.archiveUrl}` : '';
    return `${result.entry.ref}@${result.entry.version}: published to ${PUBLISHED[result.publish]}${where}${result.alreadyPublished ? ' (already published)' : ''}; entry ${result.entryPath}`;
}

const { inputs: I, outputs: O } = Release;
const PUBLISH_KINDS = ['github-release', 's3', 'none'];
/** The root action: the whole pack-release pipeline in one step (see releasePack). */
await runAction(Release, async ({ inputs, deps, output, summary }) => {
    const env = process.env;
    const archive = archiveSettings(inputs);
    const workspace = archive.cwd;
    // On a tag push the tag is the release: check it against pack.yaml unless told otherwise.
    const tag = archive.tag ?? (env.GITHUB_REF_TYPE === 'tag' ? env.GITHUB_REF_NAME : undefined);
    const kind = inputs.choice(I.publish, PUBLISH_KINDS, 'github-release');
    const handoffMode = inputs.choice(I.handoff, ['none', ...HANDOFF_MODES], 'none');
    let github;
    let target;
    if (kind === 'github-release') {
        if (!tag)
            throw new UsageError(`input ${I.publish} is github-release but there is no tag: run on a tag push or set input ${I.tag}`);
        github = actionGitHubApi(inputs.optional(I.token), I.token, 'publishing to a GitHub release').api;
        target = { kind, repository: currentRepository(), tag };
    }
    else if (kind === 's3') {
        target = {
            kind,
            settings: {
                registry: needed(inputs, I.registry, `input ${I.publish} is s3`),
                baseUrl: inputs.optional(I.baseUrl),
                registryName: inputs.optional(I.registryName),
                connection: { region: inputs.optional(I.region), endpoint: inputs.optional(I.endpoint), forcePathStyle: inputs.boolean(I.forcePathStyle, false) },
                skipExisting: inputs.boolean(I.skipExisting, true),
                names: { registry: `input ${I.registry}`, baseUrl: `input ${I.baseUrl}` },
            },
        };
    }
    else {
        target = { kind, archiveUrl: inputs.optional(I.archiveUrl) };
    }
    const gitUrl = inputs.optional(I.gitUrl) ?? defaultGitUrl(env);
    const handoff = handoffMode === 'none' ? undefined : registryHandoff(inputs, handoffMode);
    const settings = {
        archive: { ...archive, tag, gitRef: archive.gitRef ?? env.GITHUB_SHA },
        publish: target,
        entry: {
            gitUrl: gitUrl === 'none' ? undefined : gitUrl,
            gitRef: archive.gitRef ?? env.GITHUB_SHA,
            allowMutableRef: inputs.boolean(I.allowMutableRef, false),
            meta: parseMetaPairs(inputs.lines(I.meta), `input ${I.meta}`),
            output: resolve(workspace, inputs.optional(I.entryOutput) ?? join(env.RUNNER_TEMP || workspace, 'entry.json')),
        },
        handoff: handoff?.settings,
        source: releaseSource(env),
        // The archive goes to RUNNER_TEMP unless out says otherwise: the workspace stays as checked out.
        archiveDir: env.RUNNER_TEMP || undefined,
        now: new Date(),
    };
    const result = await releasePack(settings, { ...deps, github, registryGitHub: handoff?.api, repoGit: new RepoGitCli(nodeProcessRunner) });
    deps.logger.info(releaseText(result));
    output(O.archivePath, result.archive.path);
    output(O.archiveChecksum, result.archive.checksum);
    output(O.directoryChecksum, result.archive.directoryChecksum);
    output(O.ref, result.archive.ref);
    output(O.version, result.archive.version);
    output(O.archiveUrl, result.archiveUrl);
    output(O.alreadyPublished, result.alreadyPublished);
    output(O.entry, stringifyCanonical(canonicalEntry(result.entry)).trimEnd());
    output(O.entryPath, result.entryPath);
    output(O.handoffResult, result.handoff?.result ?? 'none');
    output(O.pullRequestUrl, result.handoff?.pullRequest?.url ?? '');
    await summary(archiveSummary(result.archive) + releaseMarkdown(result) + (result.handoff && settings.handoff ? handoffMarkdown(result.handoff, { ...settings.handoff, entry: result.entry }) : ''));
});
/** The repository's clone URL on this GitHub (GitHub Enterprise Server included). */
function defaultGitUrl(env) {
    return env.GITHUB_REPOSITORY ? cloneUrl(currentRepository(), env.GITHUB_SERVER_URL) : undefined;
}
/** An input this configuration needs although the action does not always (so it is not `required`). */
function needed(inputs, name, because) {
    const value = inputs.optional(name);
    if (value === undefined)
        throw new UsageError(`${because}, so input ${name} must be set`);
    return value;
}
/** The handoff settings from the registry-* inputs; the registry token also clones and pushes. */
function registryHandoff(inputs, mode) {
    const repoInput = needed(inputs, I.registryRepository, `input ${I.handoff} is ${mode}`);
    const repository = parseRepoName(repoInput, `input ${I.registryRepository}`);
    const { api, token } = actionGitHubApi(inputs.optional(I.registryToken), I.registryToken, `the ${mode} handoff to ${repoInput}`);
    const settings = {
        mode,
        repository,
        indexPath: inputs.optional(I.registryIndex),
        baseBranch: inputs.optional(I.registryBranch),
        eventType: inputs.optional(I.eventType),
        policy: inputs.choice(I.policy, INDEX_POLICIES, 'custom'),
        gitUrl: inputs.optional(I.registryGitUrl) ?? cloneUrl(repository, process.env.GITHUB_SERVER_URL),
        auth: { token },
        workDir: process.env.RUNNER_TEMP || tmpdir(),
    };
    return { settings, api };
}
