import { resolve } from 'node:path';
import { eventPayload } from '../action-kit/github-context.js';
import { runAction } from '../action-kit/run-action.js';
import { IndexUpdate } from '../contract/actions.js';
import { InputError, UsageError } from '../core/errors.js';
import { RepoGitCli } from '../core/git/repo-git-cli.js';
import { readEntryFile } from '../core/index/entry-files.js';
import { entriesFromValue } from '../core/index/entry-values.js';
import { parseAttempts, pushIndexUpdate } from '../core/index/index-push.js';
import { locateWorkTree } from '../core/index/index-push-tree.js';
import { updateIndex } from '../core/index/index-update.js';
import type { IndexEntry } from '../core/index/model.js';
import { planMarkdown, planText } from '../core/index/plan-text.js';
import { INDEX_POLICIES } from '../core/index/validate-index.js';
import { nodeProcessRunner } from '../core/process/runner.js';

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
    if (push) deps.logger.info(`dry-run is set, so push is ignored: the plan is computed on the checkout as it is, and nothing is committed or pushed`);
    const result = await updateIndex({ ...common, outputPath: outputPath && resolve(workspace, outputPath), dryRun }, deps.logger);
    deps.logger.info(planText(result));
    output(O.changed, result.changed);
    output(O.plan, JSON.stringify(result.plan));
    output(O.commit, '');
    output(O.attempts, 0);
    await summary(planMarkdown(result));
    if (result.refused > 0) fail(`index-update: ${result.refused} entry(ies) refused; nothing was written (see the plan in the job summary)`);
    return;
  }

  if (outputPath) throw new UsageError(`input ${I.output} cannot be combined with ${I.push}: the index is committed where it is; leave ${I.output} empty`);
  const pushed = await pushIndexUpdate(
    { ...common, ...pushSettings, top: await locateWorkTree(deps.git, common.indexPath), branch: pushSettings.branch ?? refBranch() },
    { ...deps, repoGit: new RepoGitCli(nodeProcessRunner) },
  );
  deps.logger.info(planText(pushed.result));
  output(O.changed, pushed.changed);
  output(O.plan, JSON.stringify(pushed.result.plan));
  output(O.commit, pushed.commit ?? '');
  output(O.attempts, pushed.attempts);
  const line = pushed.commit ? `Pushed \`${pushed.commit}\` after ${pushed.attempts} attempt(s).` : 'Nothing was committed or pushed.';
  await summary(`${planMarkdown(pushed.result)}\n${line}\n`);
  if (pushed.result.refused > 0) fail(`index-update: ${pushed.result.refused} entry(ies) refused; nothing was committed or pushed (see the plan in the job summary)`);
});

/**
 * The entries to upsert: the entry files the input lists, else the entries a
 * repository_dispatch event carries (a pack repository's registry-handoff in dispatch mode).
 */
async function entryFiles(given: string | undefined, files: string[], workspace: string): Promise<IndexEntry[]> {
  if (given !== undefined) {
    if (files.length === 0) throw new UsageError(`input ${I.entries} lists no entry files; give one path per line`);
    const entries: IndexEntry[] = [];
    for (const file of files) entries.push(...(await readEntryFile(resolve(workspace, file))));
    return entries;
  }
  const dispatched = dispatchedEntries();
  if (dispatched) return dispatched;
  throw new UsageError(
    `input ${I.entries} is required by index-update unless the workflow runs on a repository_dispatch event whose client_payload carries "entry" (one entry object) or "entries" (an array of them); set ${I.entries} under "with:" to entry files, one path per line, or trigger the workflow with such an event`,
  );
}

/** client_payload.entry or client_payload.entries of a repository_dispatch event, if it carries one. */
function dispatchedEntries(): IndexEntry[] | undefined {
  const name = process.env.GITHUB_EVENT_NAME;
  if (name !== undefined && name !== 'repository_dispatch') return undefined;
  const payload = eventPayload().client_payload;
  if (!payload || typeof payload !== 'object') return undefined;
  const { entry, entries } = payload as { entry?: unknown; entries?: unknown };
  const where = (key: string) => `client_payload.${key} of the repository_dispatch event`;
  if (entry !== undefined && entries !== undefined) throw new InputError(`the repository_dispatch event carries both ${where('entry')} and client_payload.entries; send one of them`);
  if (entry !== undefined) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(`${where('entry')} is ${JSON.stringify(entry)}; expected one entry object (from packreg index-entry)`);
    return entriesFromValue(entry, where('entry'));
  }
  if (entries !== undefined) {
    if (!Array.isArray(entries)) throw new InputError(`${where('entries')} is not an array; expected an array of entry objects`);
    return entriesFromValue(entries, where('entries'));
  }
  return undefined;
}

/** The branch this run is on (GITHUB_REF): the default branch for repository_dispatch and workflow_dispatch runs. */
function refBranch(): string {
  const ref = process.env.GITHUB_REF ?? '';
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  throw new UsageError(`input ${I.branch} is empty and GITHUB_REF (${ref || 'unset'}) is not a branch, as on pull_request or tag runs; give the branch to push the index to under "with:"`);
}
