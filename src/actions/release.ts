import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { archiveSettings } from '../action-kit/archive-inputs.js';
import type { ActionInputs, InputName } from '../action-kit/inputs.js';
import { actionGitHubApi, currentRepository } from '../action-kit/github-context.js';
import { releaseSource } from '../action-kit/release-source.js';
import { runAction } from '../action-kit/run-action.js';
import { archiveSummary } from '../action-kit/summaries.js';
import { Release } from '../contract/actions.js';
import { UsageError } from '../core/errors.js';
import { RepoGitCli } from '../core/git/repo-git-cli.js';
import { cloneUrl, parseRepoName } from '../core/github/github-api.js';
import type { GitHubApi } from '../core/github/github-api.js';
import { HANDOFF_MODES } from '../core/handoff/handoff.js';
import { handoffMarkdown } from '../core/handoff/handoff-text.js';
import { canonicalEntry, stringifyCanonical } from '../core/index/canonical-json.js';
import { parseMetaPairs } from '../core/index/meta-pairs.js';
import { INDEX_POLICIES } from '../core/index/validate-index.js';
import { releasePack } from '../core/pipeline/release-pipeline.js';
import type { PublishTarget, ReleaseSettings } from '../core/pipeline/release-pipeline.js';
import { releaseMarkdown, releaseText } from '../core/pipeline/release-report.js';
import { nodeProcessRunner } from '../core/process/runner.js';

const { inputs: I, outputs: O } = Release;
const PUBLISH_KINDS = ['github-release', 's3', 'none'] as const;

/** The root action: the whole pack-release pipeline in one step (see releasePack). */
await runAction(Release, async ({ inputs, deps, output, summary }) => {
  const env = process.env;
  const archive = archiveSettings(inputs);
  const workspace = archive.cwd;
  // On a tag push the tag is the release: check it against pack.yaml unless told otherwise.
  const tag = archive.tag ?? (env.GITHUB_REF_TYPE === 'tag' ? env.GITHUB_REF_NAME : undefined);
  const kind = inputs.choice(I.publish, PUBLISH_KINDS, 'github-release');
  const handoffMode = inputs.choice(I.handoff, ['none', ...HANDOFF_MODES] as const, 'none');
  let github: GitHubApi | undefined;
  let target: PublishTarget;
  if (kind === 'github-release') {
    if (!tag) throw new UsageError(`input ${I.publish} is github-release but there is no tag: run on a tag push or set input ${I.tag}`);
    github = actionGitHubApi(inputs.optional(I.token), I.token, 'publishing to a GitHub release').api;
    target = { kind, repository: currentRepository(), tag };
  } else if (kind === 's3') {
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
  } else {
    target = { kind, archiveUrl: inputs.optional(I.archiveUrl) };
  }
  const gitUrl = inputs.optional(I.gitUrl) ?? defaultGitUrl(env);
  const handoff = handoffMode === 'none' ? undefined : registryHandoff(inputs, handoffMode);
  const settings: ReleaseSettings = {
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
function defaultGitUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_REPOSITORY ? cloneUrl(currentRepository(), env.GITHUB_SERVER_URL) : undefined;
}

type Inputs = ActionInputs<InputName<typeof Release>>;

/** An input this configuration needs although the action does not always (so it is not `required`). */
function needed(inputs: Inputs, name: InputName<typeof Release>, because: string): string {
  const value = inputs.optional(name);
  if (value === undefined) throw new UsageError(`${because}, so input ${name} must be set`);
  return value;
}

/** The handoff settings from the registry-* inputs; the registry token also clones and pushes. */
function registryHandoff(inputs: Inputs, mode: (typeof HANDOFF_MODES)[number]): { settings: NonNullable<ReleaseSettings['handoff']>; api: GitHubApi } {
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
