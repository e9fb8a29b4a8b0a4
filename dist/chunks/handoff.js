import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { posix, join, relative } from 'node:path';
import { I as InputError, U as UsageError, a as IntegrityError, P as PackregError, R as RemoteError, m as messageOf, f as fsInputError } from './errors.js';
import { e as entryProblems, f as formatIndexProblems } from './index-rules.js';
import { repoText, isApiStatus, GitHubApiError } from './github-api.js';
import { existsSync } from 'node:fs';
import { updateIndex } from './index-update.js';
import { h as headBranch, e as entryName, p as pullRequestBody } from './pull-request-body.js';
import './index.js';
import './_commonjsHelpers.js';
import './runtime.js';
import './atomic-file.js';
import 'node:crypto';
import './history.js';
import './canonical-json.js';
import './json-text.js';
import './versions.js';
import './index-stream.js';
import './upsert-plan.js';

/** The two ways to hand an entry to a registry repository. */
const HANDOFF_MODES = ['pull-request', 'dispatch'];
/** The identity GitHub shows for commits made by a workflow's GITHUB_TOKEN. */
const DEFAULT_AUTHOR = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

/** GitHub refuses a longer repository_dispatch event type. */
const MAX_EVENT_TYPE = 100;
/**
 * Apply the defaults and check everything that can be checked before any remote is touched:
 * a bad setting or entry fails here, so nothing is half-done in the registry.
 */
function resolveHandoff(settings) {
    const resolved = {
        ...settings,
        indexPath: registryIndexPath(settings.indexPath ?? 'index.json'),
        baseBranch: settings.baseBranch?.trim() || 'main',
        eventType: settings.eventType?.trim() || 'pack-updated',
        author: settings.author ?? DEFAULT_AUTHOR,
    };
    const problems = entryProblems(settings.entry, settings.policy);
    if (problems.length > 0) {
        throw new InputError(`the entry to hand off is not a valid Attune index entry (policy ${settings.policy}); nothing was sent:\n${formatIndexProblems(problems)}`);
    }
    if (resolved.mode === 'dispatch' && resolved.eventType.length > MAX_EVENT_TYPE) {
        throw new UsageError(`event type "${resolved.eventType.slice(0, 40)}…" is ${resolved.eventType.length} characters; GitHub accepts at most ${MAX_EVENT_TYPE}`);
    }
    if (resolved.mode === 'pull-request' && !resolved.gitUrl) {
        throw new UsageError('a pull-request handoff needs the clone URL of the registry repository (git-url)');
    }
    return resolved;
}
/** The index path inside the registry repository: relative, `/`-separated, never leaving it. */
function registryIndexPath(text) {
    const path = posix.normalize(text.trim().replace(/\\/g, '/'));
    if (path === '' || path === '.' || path.startsWith('/') || path === '..' || path.startsWith('../') || !path.endsWith('.json')) {
        throw new UsageError(`index path ${JSON.stringify(text)}: expected the index file's path relative to the top of the registry repository, like index.json or registry/index.json`);
    }
    return path;
}

/** GitHub refuses a repository_dispatch body of 64 KB or more. */
const MAX_PAYLOAD = 64 * 1024;
/**
 * Send `repository_dispatch` with `client_payload: { entry, source }`. GitHub allows at most
 * 10 top-level keys in client_payload; packreg uses 2, so a receiving workflow reads
 * `github.event.client_payload.entry`. The event changes nothing by itself: the registry's
 * workflow runs index-update, which commits nothing when the entry is already listed, so a
 * re-sent event (a re-run for the same tag) is a no-op on the receiving side.
 */
async function handOffByDispatch(s, deps) {
    const clientPayload = { entry: s.entry, source: sourceFields(s.source) };
    const size = Buffer.byteLength(JSON.stringify({ event_type: s.eventType, client_payload: clientPayload }));
    if (size >= MAX_PAYLOAD) {
        throw new InputError(`the entry ${s.entry.ref}@${s.entry.version} makes a repository_dispatch body of ${size} bytes; GitHub accepts less than 64 KB. Use mode pull-request instead`);
    }
    deps.logger.info(`sending repository_dispatch "${s.eventType}" with ${s.entry.ref} ${s.entry.version} to ${repoText(s.repository)}`);
    await deps.github.dispatch(s.repository, s.eventType, clientPayload);
    return { result: 'dispatched' };
}
/** The source fields that are set (JSON has no undefined). */
function sourceFields(source) {
    return Object.fromEntries(Object.entries(source ?? {}).filter(([, value]) => typeof value === 'string' && value !== ''));
}

/**
 * Upsert the entry into the index of the registry clone at `top` (validating the whole
 * index) and return the files that changed, relative to `top`: none when the registry
 * already lists this exact entry. A different entry already published under the same
 * ref@version is an IntegrityError, and nothing is written.
 */
async function applyEntry(top, s, logger) {
    const where = `${repoText(s.repository)} (branch ${s.baseBranch})`;
    const indexFile = join(top, ...s.indexPath.split('/'));
    if (!existsSync(indexFile)) {
        throw new UsageError(`${where} has no ${s.indexPath}; check the index path, or create the registry's index first (packreg index-update --registry-name NAME --registry-url URL)`);
    }
    const result = await updateIndex({ indexPath: indexFile, entries: [s.entry], policy: s.policy, dryRun: false, force: false, now: s.now }, logger).catch((error) => {
        throw inRegistry(error, top, where);
    });
    const refused = result.plan.find((item) => item.action === 'refused');
    if (refused) {
        const reason = refused.reason.replace(/,? or pass --force to replace it\.?$/, '');
        throw new IntegrityError(`${where} already lists a different entry: ${reason}. Nothing was pushed`);
    }
    return result.files.map((file) => relative(top, file).split('\\').join('/'));
}
/** An index error with the scratch clone's path replaced by the registry's name. */
function inRegistry(error, top, where) {
    if (!(error instanceof PackregError))
        return error;
    const message = error.message.split(`${top}/`).join('');
    const Type = error.constructor;
    return error instanceof IntegrityError ? error : new Type(`${where}: ${message}`, { cause: error.cause });
}

/**
 * Whether origin's `branch` already holds `files` (relative to `top`) as the work tree has
 * them. An index's last_updated is left out of the comparison: every run stamps its own
 * time, and a re-run must still see the pull request it opened earlier as the same.
 */
async function branchHolds(top, branch, files, repoGit, auth, logger) {
    try {
        await repoGit.fetchBranch(top, branch, auth);
    }
    catch (error) {
        // A pull request whose branch is gone: push it again.
        if (error instanceof RemoteError) {
            logger.debug(`cannot fetch ${branch}: ${error.message}`);
            return false;
        }
        throw error;
    }
    for (const file of files) {
        const theirs = await repoGit.readFile(top, `refs/remotes/origin/${branch}`, file);
        const ours = await readFile(join(top, ...file.split('/')));
        if (!theirs || !sameDocument(theirs, ours))
            return false;
    }
    return true;
}
/** Byte-equal, or JSON documents equal but for a top-level last_updated. */
function sameDocument(a, b) {
    if (a.equals(b))
        return true;
    const normal = (bytes) => {
        try {
            const value = JSON.parse(bytes.toString('utf8'));
            if (!value || typeof value !== 'object' || Array.isArray(value) || !('last_updated' in value))
                return undefined;
            return JSON.stringify({ ...value, last_updated: '' });
        }
        catch {
            return undefined;
        }
    };
    const left = normal(a);
    return left !== undefined && left === normal(b);
}

/**
 * Propose the entry to the registry as a pull request, as krew's release bot does: clone the
 * base branch into `scratch`, upsert the entry, and push the result to packreg's own branch
 * `packreg/<ref>-<version>`. Nothing is pushed when the registry already lists the entry
 * (`unchanged`) or the open pull request already proposes it (`exists`), so a re-run is a
 * no-op. A pull request that cannot be created takes its pushed branch back with it.
 */
async function handOffByPullRequest(s, deps, scratch) {
    const { github, repoGit, logger } = deps;
    const branch = headBranch(s.entry);
    // A read first: a token the API rejects fails here, before anything is cloned or pushed.
    const open = await github.findPullRequest(s.repository, branch, s.baseBranch);
    const top = join(scratch, 'registry');
    logger.info(`cloning ${s.baseBranch} of ${repoText(s.repository)}`);
    await repoGit.clone(s.gitUrl, top, s.baseBranch, s.auth);
    await repoGit.resetBranch(top, branch, 'HEAD');
    const files = await applyEntry(top, s, logger);
    if (files.length === 0) {
        logger.info(`${repoText(s.repository)} already lists ${entryName(s.entry)} on ${s.baseBranch}; nothing to do`);
        return { result: 'unchanged' };
    }
    if (open && (await branchHolds(top, branch, files, repoGit, s.auth, logger))) {
        logger.info(`pull request #${open.number} already proposes ${entryName(s.entry)}: ${open.url}`);
        return { result: 'exists', pullRequest: link(open), branch };
    }
    await repoGit.stage(top, files);
    await repoGit.commit(top, `Add ${entryName(s.entry)}`, s.author);
    const pushed = await repoGit.push(top, branch, { force: true, auth: s.auth });
    if (!pushed.pushed)
        throw new RemoteError(`git push of ${branch} to ${repoText(s.repository)} was rejected: ${pushed.reason}`);
    logger.info(`pushed ${branch} to ${repoText(s.repository)}`);
    if (open)
        return { result: 'updated', pullRequest: link(open), branch };
    const created = await createPullRequest(s, deps, top, branch);
    return { result: created.raced ? 'updated' : 'opened', pullRequest: link(created.pr), branch };
}
/** Open the pull request; on failure, delete the pushed branch so the registry is as it was. */
async function createPullRequest(s, deps, top, branch) {
    const request = { title: entryName(s.entry), head: branch, base: s.baseBranch, body: pullRequestBody(s.entry, s.indexPath, branch, s.source) };
    try {
        return { pr: await deps.github.createPullRequest(s.repository, request), raced: false };
    }
    catch (error) {
        // Another run opened it in the meantime: that pull request now shows our push.
        const theirs = isApiStatus(error, 422) ? await deps.github.findPullRequest(s.repository, branch, s.baseBranch) : undefined;
        if (theirs)
            return { pr: theirs, raced: true };
        throw await takeBack(error, s, deps, top, branch);
    }
}
/** Delete the branch pushed for a pull request that could not be opened; the error says how that went. */
async function takeBack(error, s, deps, top, branch) {
    let outcome;
    try {
        await deps.repoGit.deleteBranch(top, branch, s.auth);
        outcome = `the branch ${branch} pushed for it was deleted again, so ${repoText(s.repository)} is unchanged`;
    }
    catch (deleteError) {
        deps.logger.warning(`could not delete ${branch} from ${repoText(s.repository)}: ${messageOf(deleteError)}`);
        outcome = `the branch ${branch} pushed for it could not be deleted; delete it by hand`;
    }
    if (!(error instanceof GitHubApiError))
        return error;
    return new GitHubApiError(`${error.message}; ${outcome}`, error.status, { cause: error.cause });
}
const link = (pr) => ({ number: pr.number, url: pr.url });

/**
 * Hand an index entry to the registry repository: a pull request with the updated index
 * (mode `pull-request`) or a `repository_dispatch` event (mode `dispatch`) whose receiving
 * workflow runs index-update. Re-running for the same entry is a no-op that succeeds
 * (`unchanged`, `exists`; a re-sent dispatch commits nothing on the receiving side). Bad
 * settings, an invalid entry, a registry that already lists a different entry for the
 * ref@version, or a token the API refuses fail with one error and leave the registry as it was.
 */
async function handOffEntry(settings, deps) {
    const resolved = resolveHandoff(settings);
    if (resolved.mode === 'dispatch')
        return handOffByDispatch(resolved, deps);
    const scratch = await mkdtemp(join(settings.workDir, 'packreg-handoff-')).catch((error) => {
        throw fsInputError(error, 'scratch folder', settings.workDir);
    });
    try {
        return await handOffByPullRequest(resolved, deps, scratch);
    }
    finally {
        await rm(scratch, { recursive: true, force: true });
    }
}

export { DEFAULT_AUTHOR, HANDOFF_MODES, handOffEntry };
