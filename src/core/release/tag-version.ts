import { posix, resolve, sep } from 'node:path';
import { InputError, IntegrityError, PackregError, UsageError } from '../errors.js';
import type { GitHubApi, GitTagRef, RepoName } from '../github/github-api.js';
import { isApiStatus, repoText } from '../github/github-api.js';
import type { Git } from '../git/git.js';
import type { RepoGit } from '../git/repo-git.js';
import type { Logger } from '../logger.js';
import { isRaised, packAt, versionAt } from './pack-at-commit.js';
import { DEFAULT_TAG_FORMAT, parseTagFormat, renderTag } from './tag-format.js';

/** What {@link tagRaisedVersions} looks at. */
export interface TagVersionSettings {
  /** The checkout (a git work tree); pack folders are relative to it. */
  readonly top: string;
  /** Pack folders relative to `top`; default `['.']`. */
  readonly packDirs?: readonly string[];
  /** The commit before the push (the push event's `before`); empty or all zeros: none (a new branch). */
  readonly before?: string;
  /** The pushed commit: what the tags point at. */
  readonly sha: string;
  /** Tag name format with `{version}` and optionally `{ref}`; default {@link DEFAULT_TAG_FORMAT}. */
  readonly tagFormat?: string;
  /** The repository on GitHub that gets the tags. */
  readonly repository: RepoName;
}

/** The edges tag-version reaches out through. */
export interface TagVersionDeps {
  readonly logger: Logger;
  readonly repoGit: RepoGit;
  readonly github: GitHubApi;
  readonly git: Git;
}

/** created: the tag is new; exists: it was already there at this commit; unchanged: the version was not raised. */
export type TagOutcome = 'created' | 'exists' | 'unchanged';

/** What happened for one pack. */
export interface PackTagResult {
  /** The pack folder as given. */
  readonly packDir: string;
  readonly ref: string;
  readonly version: string;
  /** The version before the push; undefined for a new pack (or none readable). */
  readonly previousVersion?: string;
  readonly outcome: TagOutcome;
  /** The tag, unless the outcome is unchanged. */
  readonly tag?: string;
  /** The commit the tag points at. */
  readonly commit: string;
}

interface Plan {
  readonly packDir: string;
  readonly ref: string;
  readonly version: string;
  readonly previousVersion?: string;
  readonly file: string;
  readonly tag?: string;
}

/**
 * Create the release tag of every pack whose version the push raised, as the StackStorm
 * Exchange CI does on merge: for each pack folder, pack.yaml's version at `sha` is compared
 * with the one at `before` (semver); a raise, or a new pack, gets the tag `tagFormat` names,
 * pointing at `sha`. Every existing tag is looked up before any tag is created, so a tag
 * that already names another commit (a released version is immutable) fails the run with
 * nothing created. A tag already at `sha` is fine: re-running the workflow changes nothing.
 *
 * Tags created with a workflow's GITHUB_TOKEN do not trigger other workflows (GitHub's rule
 * against recursive runs), so a `push: tags` release workflow will not start from them. Use
 * a GitHub App token or a fine-grained token with contents: write when the tag should start
 * the release workflow, or call the release workflow from the same run (`workflow_call`).
 */
export async function tagRaisedVersions(settings: TagVersionSettings, deps: TagVersionDeps): Promise<PackTagResult[]> {
  const format = parseTagFormat(settings.tagFormat ?? DEFAULT_TAG_FORMAT);
  const location = await deps.git.locate(resolve(settings.top));
  if (!location) throw new InputError(`${settings.top} is not a git work tree; check out the repository (actions/checkout) before tag-version`);
  const top = location.top;
  const sha = await commitIn(deps.git, top, settings.sha, `commit ${settings.sha} (sha)`, 'fetch it, or check out the pushed commit');
  const before = noCommit(settings.before)
    ? undefined
    : await commitIn(deps.git, top, settings.before as string, `the commit before the push (${settings.before})`, 'check out with fetch-depth: 0 (fetch-depth: 2 is enough when every push adds one commit, as a merge does)');
  const plans: Plan[] = [];
  for (const dir of unique(settings.packDirs ?? ['.'])) plans.push(await planPack(dir, repoPath(location.prefix, dir), { top, sha, before, format }, deps));
  refuseSharedTags(plans);
  const results: PackTagResult[] = [];
  const toCreate: Plan[] = [];
  // Every existing tag is checked before any is created: a conflict leaves nothing half-done.
  for (const plan of plans) {
    if (!plan.tag) {
      results.push(result(plan, 'unchanged', sha));
      continue;
    }
    const existing = await deps.github.getTag(settings.repository, plan.tag);
    if (existing && (await sameCommit(existing, plan, sha, top, deps.git))) results.push(result(plan, 'exists', sha));
    else toCreate.push(plan);
  }
  for (const plan of toCreate) results.push(result(plan, await createTag(plan, sha, settings.repository, top, deps), sha));
  for (const r of results) deps.logger.info(logLine(r, settings.repository));
  return plans.map((p) => results.find((r) => r.packDir === p.packDir) as PackTagResult);
}

/** The pack's versions at both commits, and its tag when the version was raised. */
async function planPack(packDir: string, dir: string, at: { top: string; sha: string; before?: string; format: string }, deps: TagVersionDeps): Promise<Plan> {
  const now = await packAt(deps.repoGit, at.top, at.sha, dir);
  const previousVersion = at.before === undefined ? undefined : await versionAt(deps.repoGit, at.top, at.before, dir);
  const plan = { packDir, ref: now.ref, version: now.version, previousVersion, file: now.file };
  if (!isRaised(now.version, previousVersion)) {
    if (previousVersion !== now.version) deps.logger.warning(`${now.file}: version ${now.version} is lower than ${previousVersion} before the push; no tag is created (a version only moves up)`);
    return plan;
  }
  return { ...plan, tag: renderTag(at.format, now) };
}

/** Whether the existing tag points at `sha`; a different commit is an immutability violation. */
async function sameCommit(existing: GitTagRef, plan: Plan, sha: string, top: string, git: Git): Promise<boolean> {
  const tagged = await taggedCommit(existing, top, git);
  if (tagged === sha) return true;
  throw new IntegrityError(
    `${existing.tag} already tags ${tagged}, not ${sha}, where ${plan.file} raises ${plan.ref} to ${plan.version}; a released version is immutable: raise the version in ${plan.file} and merge again`,
    sha,
    tagged,
  );
}

/** The commit a tag names: the ref's target, or for an annotated tag the commit its tag object points at. */
async function taggedCommit(existing: GitTagRef, top: string, git: Git): Promise<string> {
  if (existing.type === 'commit') return existing.sha;
  try {
    return await git.resolveCommit(top, existing.sha);
  } catch (error) {
    throw new InputError(
      `${existing.tag} is an annotated tag (tag object ${existing.sha}) that this checkout does not hold, so the commit it tags is unknown; check out with fetch-depth: 0 to fetch tags`,
      { cause: error },
    );
  }
}

/** Create the tag; when a concurrent run created it first (422), its commit decides. */
async function createTag(plan: Plan, sha: string, repository: RepoName, top: string, deps: TagVersionDeps): Promise<TagOutcome> {
  const tag = plan.tag as string;
  try {
    await deps.github.createTag(repository, tag, sha);
    return 'created';
  } catch (error) {
    if (!isApiStatus(error, 422)) throw error;
    const now = await deps.github.getTag(repository, tag);
    if (!now) throw error;
    await sameCommit(now, plan, sha, top, deps.git);
    return 'exists';
  }
}

/** Two packs raised to versions that give one tag name (v{version} in a monorepo) cannot both be tagged. */
function refuseSharedTags(plans: readonly Plan[]): void {
  const byTag = new Map<string, Plan>();
  for (const plan of plans) {
    if (!plan.tag) continue;
    const other = byTag.get(plan.tag);
    if (other) {
      throw new UsageError(`${other.file} and ${plan.file} would both get the tag ${plan.tag}; with several packs use a tag format holding {ref}, such as {ref}-v{version}`);
    }
    byTag.set(plan.tag, plan);
  }
}

/** The full id of `rev`; `what` and `fix` explain a commit the checkout lacks. */
async function commitIn(git: Git, top: string, rev: string, what: string, fix: string): Promise<string> {
  try {
    return await git.resolveCommit(top, rev.trim());
  } catch (error) {
    if (!(error instanceof PackregError)) throw error;
    throw new InputError(`${what} is not in the checkout at ${top}; ${fix}`, { cause: error });
  }
}

/** An absent `before`: empty, or the all-zeros id a push that creates a branch reports. */
const noCommit = (rev: string | undefined): boolean => rev === undefined || /^0*$/.test(rev.trim());

/** A pack folder's path below the repository top ('' at the top); refused outside the repository. */
function repoPath(prefix: string, dir: string): string {
  const path = posix.normalize(posix.join(prefix, dir.split(sep).join('/'))).replace(/\/$/, '');
  if (posix.isAbsolute(dir) || path === '..' || path.startsWith('../')) {
    throw new UsageError(`pack folder ${JSON.stringify(dir)} is outside the repository; give folders relative to the checkout, such as . or packs/hello`);
  }
  return path === '.' ? '' : path;
}

const unique = (dirs: readonly string[]): string[] => [...new Set(dirs.length > 0 ? dirs : ['.'])];

const result = (plan: Plan, outcome: TagOutcome, commit: string): PackTagResult => ({
  packDir: plan.packDir,
  ref: plan.ref,
  version: plan.version,
  ...(plan.previousVersion !== undefined ? { previousVersion: plan.previousVersion } : {}),
  outcome,
  ...(plan.tag ? { tag: plan.tag } : {}),
  commit,
});

function logLine(r: PackTagResult, repository: RepoName): string {
  const from = r.previousVersion === undefined ? 'new pack' : `from ${r.previousVersion}`;
  if (r.outcome === 'unchanged') return `${r.ref} ${r.version}: version not raised; no tag`;
  if (r.outcome === 'exists') return `${r.ref} ${r.version} (${from}): ${r.tag} already tags ${r.commit} in ${repoText(repository)}; nothing to do`;
  return `${r.ref} ${r.version} (${from}): created tag ${r.tag} at ${r.commit} in ${repoText(repository)}`;
}
