import { resolve, posix, sep } from 'node:path';
import { I as InputError, U as UsageError, P as PackregError, a as IntegrityError } from './errors.js';
import { isApiStatus, repoText } from './github-api.js';
import { s as semver } from './index.js';
import { d as distExports } from './index2.js';
import { p as parseManifest } from './manifest.js';
import 'node:fs/promises';
import { f as formatProblem } from './problem.js';
import 'node:fs';
import './index3.js';
import { i as isStrictSemver } from './runtime.js';
import './_commonjsHelpers.js';
import 'process';
import 'buffer';
import './yaml-source.js';

const MANIFESTS = ['pack.yaml', 'pack.yml'];
/** The manifest text of the pack in `dir` (below the top, '' for the top) at `rev`, if it has one. */
async function manifestAt(repoGit, top, rev, dir) {
    for (const name of MANIFESTS) {
        const file = dir === '' ? name : `${dir}/${name}`;
        const bytes = await repoGit.readFile(top, rev, file);
        if (bytes)
            return { file, text: bytes.toString('utf8') };
    }
    return undefined;
}
/** The pack in `dir` at commit `rev`, whose pack.yaml must exist and be valid (it is what gets tagged). */
async function packAt(repoGit, top, rev, dir) {
    const found = await manifestAt(repoGit, top, rev, dir);
    const where = dir === '' ? 'the repository top' : dir;
    if (!found)
        throw new InputError(`no pack.yaml in ${where} at commit ${rev}; each pack-dir must name a folder holding pack.yaml (relative to the checkout)`);
    const parsed = parseManifest(found.text, found.file);
    if (!parsed.manifest) {
        const problems = parsed.errors.map((p) => `  ${formatProblem(found.file, p)}`).join('\n');
        throw new InputError(`${found.file} at commit ${rev} is not a valid pack manifest, so its version cannot be tagged; fix these:\n${problems}`);
    }
    return { ref: parsed.manifest.ref, version: parsed.manifest.version, file: found.file };
}
/**
 * The version the pack in `dir` had at `rev`: undefined when there was no pack there (a new
 * pack), or no readable version. Read leniently: an older pack.yaml that today's stricter
 * rules refuse still says which version it was.
 */
async function versionAt(repoGit, top, rev, dir) {
    const found = await manifestAt(repoGit, top, rev, dir);
    if (!found)
        return undefined;
    const strict = parseManifest(found.text, found.file).manifest?.version;
    if (strict)
        return strict;
    try {
        const version = distExports.parse(found.text)?.version;
        return typeof version === 'string' && isStrictSemver(version) ? version : undefined;
    }
    catch {
        return undefined;
    }
}
/** Whether `now` is a raise over `before` by semver precedence (build metadata does not count). */
function isRaised(now, before) {
    return before === undefined || semver.gt(now, before);
}

/** The tag tag-version creates by default: StackStorm Exchange's `v<version>`. */
const DEFAULT_TAG_FORMAT = 'v{version}';
const PLACEHOLDERS = ['ref', 'version'];
/**
 * Check a tag format such as `v{version}` or `{ref}-v{version}` (monorepos): it must hold
 * `{version}` (or every release would get the same tag) and no other placeholder than
 * `{ref}`. Returns the format unchanged.
 */
function parseTagFormat(format) {
    const unknown = [...format.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => !PLACEHOLDERS.includes(name));
    if (unknown.length > 0) {
        throw new UsageError(`tag format ${JSON.stringify(format)} has the unknown placeholder {${unknown[0]}}; use {version} and optionally {ref}, e.g. v{version} or {ref}-v{version}`);
    }
    if (!format.includes('{version}')) {
        throw new UsageError(`tag format ${JSON.stringify(format)} lacks {version}, so every release would get the same tag; write e.g. v{version} or {ref}-v{version}`);
    }
    return format;
}
/** The tag name `format` gives a pack version; refused when git could not hold it as a tag. */
function renderTag(format, pack) {
    const tag = format.replaceAll('{ref}', pack.ref).replaceAll('{version}', pack.version);
    const problem = refNameProblem(tag);
    if (problem)
        throw new UsageError(`tag format ${JSON.stringify(format)} gives ${JSON.stringify(tag)} for ${pack.ref} ${pack.version}, which is not a valid git tag name (${problem}); change the format`);
    return tag;
}
/** Why `name` breaks git's ref name rules (git check-ref-format), or undefined. */
function refNameProblem(name) {
    if (name === '' || name === '@')
        return 'it is empty or "@"';
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x20\x7f~^:?*[\\]/.test(name))
        return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
    if (name.includes('..') || name.includes('@{') || name.includes('//'))
        return 'it contains "..", "@{" or "//"';
    if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.startsWith('-'))
        return 'it starts with "/" or "-", or ends with "/" or "."';
    if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')))
        return 'a part starts with "." or ends with ".lock"';
    return undefined;
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
async function tagRaisedVersions(settings, deps) {
    const format = parseTagFormat(settings.tagFormat ?? DEFAULT_TAG_FORMAT);
    const location = await deps.git.locate(resolve(settings.top));
    if (!location)
        throw new InputError(`${settings.top} is not a git work tree; check out the repository (actions/checkout) before tag-version`);
    const top = location.top;
    const sha = await commitIn(deps.git, top, settings.sha, `commit ${settings.sha} (sha)`, 'fetch it, or check out the pushed commit');
    const before = noCommit(settings.before)
        ? undefined
        : await commitIn(deps.git, top, settings.before, `the commit before the push (${settings.before})`, 'check out with fetch-depth: 0 (fetch-depth: 2 is enough when every push adds one commit, as a merge does)');
    const plans = [];
    for (const dir of unique(settings.packDirs ?? ['.']))
        plans.push(await planPack(dir, repoPath(location.prefix, dir), { top, sha, before, format }, deps));
    refuseSharedTags(plans);
    const results = [];
    const toCreate = [];
    // Every existing tag is checked before any is created: a conflict leaves nothing half-done.
    for (const plan of plans) {
        if (!plan.tag) {
            results.push(result(plan, 'unchanged', sha));
            continue;
        }
        const existing = await deps.github.getTag(settings.repository, plan.tag);
        if (existing && (await sameCommit(existing, plan, sha, top, deps.git)))
            results.push(result(plan, 'exists', sha));
        else
            toCreate.push(plan);
    }
    for (const plan of toCreate)
        results.push(result(plan, await createTag(plan, sha, settings.repository, top, deps), sha));
    for (const r of results)
        deps.logger.info(logLine(r, settings.repository));
    return plans.map((p) => results.find((r) => r.packDir === p.packDir));
}
/** The pack's versions at both commits, and its tag when the version was raised. */
async function planPack(packDir, dir, at, deps) {
    const now = await packAt(deps.repoGit, at.top, at.sha, dir);
    const previousVersion = at.before === undefined ? undefined : await versionAt(deps.repoGit, at.top, at.before, dir);
    const plan = { packDir, ref: now.ref, version: now.version, previousVersion, file: now.file };
    if (!isRaised(now.version, previousVersion)) {
        if (previousVersion !== now.version)
            deps.logger.warning(`${now.file}: version ${now.version} is lower than ${previousVersion} before the push; no tag is created (a version only moves up)`);
        return plan;
    }
    return { ...plan, tag: renderTag(at.format, now) };
}
/** Whether the existing tag points at `sha`; a different commit is an immutability violation. */
async function sameCommit(existing, plan, sha, top, git) {
    const tagged = await taggedCommit(existing, top, git);
    if (tagged === sha)
        return true;
    throw new IntegrityError(`${existing.tag} already tags ${tagged}, not ${sha}, where ${plan.file} raises ${plan.ref} to ${plan.version}; a released version is immutable: raise the version in ${plan.file} and merge again`, sha, tagged);
}
/** The commit a tag names: the ref's target, or for an annotated tag the commit its tag object points at. */
async function taggedCommit(existing, top, git) {
    if (existing.type === 'commit')
        return existing.sha;
    try {
        return await git.resolveCommit(top, existing.sha);
    }
    catch (error) {
        throw new InputError(`${existing.tag} is an annotated tag (tag object ${existing.sha}) that this checkout does not hold, so the commit it tags is unknown; check out with fetch-depth: 0 to fetch tags`, { cause: error });
    }
}
/** Create the tag; when a concurrent run created it first (422), its commit decides. */
async function createTag(plan, sha, repository, top, deps) {
    const tag = plan.tag;
    try {
        await deps.github.createTag(repository, tag, sha);
        return 'created';
    }
    catch (error) {
        if (!isApiStatus(error, 422))
            throw error;
        const now = await deps.github.getTag(repository, tag);
        if (!now)
            throw error;
        await sameCommit(now, plan, sha, top, deps.git);
        return 'exists';
    }
}
/** Two packs raised to versions that give one tag name (v{version} in a monorepo) cannot both be tagged. */
function refuseSharedTags(plans) {
    const byTag = new Map();
    for (const plan of plans) {
        if (!plan.tag)
            continue;
        const other = byTag.get(plan.tag);
        if (other) {
            throw new UsageError(`${other.file} and ${plan.file} would both get the tag ${plan.tag}; with several packs use a tag format holding {ref}, such as {ref}-v{version}`);
        }
        byTag.set(plan.tag, plan);
    }
}
/** The full id of `rev`; `what` and `fix` explain a commit the checkout lacks. */
async function commitIn(git, top, rev, what, fix) {
    try {
        return await git.resolveCommit(top, rev.trim());
    }
    catch (error) {
        if (!(error instanceof PackregError))
            throw error;
        throw new InputError(`${what} is not in the checkout at ${top}; ${fix}`, { cause: error });
    }
}
/** An absent `before`: empty, or the all-zeros id a push that creates a branch reports. */
const noCommit = (rev) => rev === undefined || /^0*$/.test(rev.trim());
/** A pack folder's path below the repository top ('' at the top); refused outside the repository. */
function repoPath(prefix, dir) {
    const path = posix.normalize(posix.join(prefix, dir.split(sep).join('/'))).replace(/\/$/, '');
    if (posix.isAbsolute(dir) || path === '..' || path.startsWith('../')) {
        throw new UsageError(`pack folder ${JSON.stringify(dir)} is outside the repository; give folders relative to the checkout, such as . or packs/hello`);
    }
    return path === '.' ? '' : path;
}
const unique = (dirs) => [...new Set(dirs.length > 0 ? dirs : ['.'])];
const result = (plan, outcome, commit) => ({
    packDir: plan.packDir,
    ref: plan.ref,
    version: plan.version,
    ...(plan.previousVersion !== undefined ? { previousVersion: plan.previousVersion } : {}),
    outcome,
    ...(plan.tag ? { tag: plan.tag } : {}),
    commit,
});
function logLine(r, repository) {
    const from = r.previousVersion === undefined ? 'new pack' : `from ${r.previousVersion}`;
    if (r.outcome === 'unchanged')
        return `${r.ref} ${r.version}: version not raised; no tag`;
    if (r.outcome === 'exists')
        return `${r.ref} ${r.version} (${from}): ${r.tag} already tags ${r.commit} in ${repoText(repository)}; nothing to do`;
    return `${r.ref} ${r.version} (${from}): created tag ${r.tag} at ${r.commit} in ${repoText(repository)}`;
}

export { tagRaisedVersions };
