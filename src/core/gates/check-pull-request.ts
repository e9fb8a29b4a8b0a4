import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { CoreDeps } from '../deps.js';
import { messageOf, PackregError, UsageError } from '../errors.js';
import type { RepoGit } from '../git/repo-git.js';
import type { GitHubApi, RepoName } from '../github/github-api.js';
import type { IndexPolicy } from '../index/policy.js';
import { changelogGate } from './changelog-gate.js';
import { packChanges } from './pack-changes.js';
import type { CommentResult } from './pr-comment.js';
import { upsertPullRequestComment } from './pr-comment.js';
import type { PrRange } from './pr-range.js';
import { resolveRange, shownPath } from './pr-range.js';
import { registryGate } from './registry-gate.js';
import type { RegistryFiles } from './registry-snapshot.js';
import { commentMarkdown } from './render-markdown.js';
import type { GateCheck, GateReport } from './report.js';
import { gateReport, skippedGate } from './report.js';
import { versionGate } from './version-gate.js';

/** What `packreg pr-check` and the pr-checks action check. */
export interface PrCheckSettings {
  /** The checked folder: the checkout, or a folder of packs in it (a git work tree). */
  readonly top: string;
  /** The base branch's commit (a pull request's base SHA, or a branch such as origin/main). */
  readonly base: string;
  /** Where `base` came from (an input or flag), for messages. */
  readonly baseName?: string;
  /** Default HEAD. */
  readonly head?: string;
  /** Every changed pack must raise its version. */
  readonly versionGate: boolean;
  /** Every changed pack must change CHANGES.md or CHANGELOG.md. */
  readonly changelog: boolean;
  /** A registry repository's index.json, relative to `top`: released entries must not change. */
  readonly index?: string;
  /** Rules the head index must pass; default custom. */
  readonly policy?: IndexPolicy;
  /** Post (or update) the result as a comment on this pull request. */
  readonly comment?: { readonly repository: RepoName; readonly pullRequest: number };
}

/** The edges: git for both commits, and the GitHub API when commenting. */
export interface PrCheckDeps extends CoreDeps {
  readonly repoGit: RepoGit;
  readonly github?: GitHubApi;
}

export interface PrCheckResult {
  readonly report: GateReport;
  /** The commits compared (full ids). */
  readonly base: string;
  readonly head: string;
  /** How commenting ended; undefined when no comment was asked for. */
  readonly comment?: CommentResult;
}

/**
 * Run the pull request gates between base and head: the version gate and the changelog gate
 * over the changed packs, and, given an index, the registry gate over released entries. Then
 * post the report as the pull request's one packreg comment, when asked. Failed gates are in
 * the report, not thrown; a comment the token may not post is a warning.
 */
export async function checkPullRequest(settings: PrCheckSettings, deps: PrCheckDeps): Promise<PrCheckResult> {
  if (settings.comment && !deps.github) throw new UsageError('commenting on the pull request needs the GitHub API: give a token');
  if (settings.comment && !(Number.isInteger(settings.comment.pullRequest) && settings.comment.pullRequest > 0)) {
    throw new UsageError(`pull request number ${settings.comment.pullRequest} is not a positive integer`);
  }
  const baseName = settings.baseName ?? 'base';
  const range = await resolveRange({ ...settings, baseName }, deps.git);
  const files = settings.index === undefined ? undefined : registryFiles(settings, range);
  const changes = settings.versionGate || settings.changelog ? await packChanges(range, deps, resolve(settings.top), baseName) : [];
  const checks: GateCheck[] = [
    settings.versionGate ? versionGate(changes, range.prefix) : skippedGate('version', 'turned off'),
    settings.changelog ? changelogGate(changes, range) : skippedGate('changelog', 'turned off'),
  ];
  if (files) checks.push(await registryGate(range, files, deps.repoGit));
  const report = gateReport(checks);
  deps.logger.info(`pull request checks ${report.passed ? 'passed' : `failed with ${report.failures} problem(s)`} (base ${range.base.slice(0, 12)}, head ${range.head.slice(0, 12)})`);
  const comment = settings.comment && (await postComment(settings.comment, report, range, deps));
  return { report, base: range.base, head: range.head, ...(comment ? { comment } : {}) };
}

/** Where the registry's index is in the repository. */
function registryFiles(settings: PrCheckSettings, range: PrRange): RegistryFiles {
  const index = settings.index!;
  const inside = relative(resolve(settings.top), resolve(settings.top, index));
  if (index.trim() === '' || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new UsageError(`index "${index}" is not a file inside ${resolve(settings.top)}; give the path of index.json relative to it`);
  }
  return {
    index: posix.join(range.prefix, inside.split(sep).join('/')),
    policy: settings.policy ?? 'custom',
    shown: (path) => shownPath(range.prefix, path),
  };
}

/** Post the report; an API failure other than a permission one is returned as `failed`, so the summary is still written. */
async function postComment(target: NonNullable<PrCheckSettings['comment']>, report: GateReport, range: PrRange, deps: PrCheckDeps): Promise<CommentResult> {
  try {
    return await upsertPullRequestComment(deps.github!, target.repository, target.pullRequest, commentMarkdown(report, range), deps.logger);
  } catch (error) {
    if (!(error instanceof PackregError)) throw error;
    return { posted: false, reason: `the pull request comment could not be posted: ${messageOf(error)}`, failed: true };
  }
}
