import { join, relative, sep } from 'node:path';
import { U as UsageError, R as RemoteError, I as InputError } from './errors.js';
import { checkBranchName } from './index-push-branch.js';
import { indexCommitMessage, DEFAULT_INDEX_AUTHOR } from './index-push-message.js';
import { pushTarget, checkCleanTree, restoreBranch } from './index-push-tree.js';
import { updateIndex } from './index-update.js';
import { e as entryProblems, f as formatIndexProblems } from './index-rules.js';
import 'node:fs';
import 'node:fs/promises';
import './atomic-file.js';
import 'node:crypto';
import './runtime.js';
import './_commonjsHelpers.js';
import './index.js';
import './history.js';
import './canonical-json.js';
import './json-text.js';
import './versions.js';
import './index-stream.js';
import './upsert-plan.js';

/** Attempts when none are given, and the most allowed (each waits a little longer). */
const DEFAULT_PUSH_ATTEMPTS = 5;
const MAX_PUSH_ATTEMPTS = 20;
/**
 * Upsert entries into the index of a registry repository and push the commit, safely
 * against concurrent updaters: each attempt fetches origin's branch, resets the local branch
 * to it, runs {@link updateIndex} on that index and pushes. When the push is rejected because
 * the branch moved (another release landed first), the next attempt re-applies the same upsert
 * on the new index, so neither update overwrites the other; no lock or `concurrency` group is
 * needed. Nothing is committed when nothing changes, and nothing when an entry is refused.
 * After `maxAttempts` rejections, or any other failure, the local branch is put back at
 * origin's and a RemoteError says nothing was pushed.
 */
async function pushIndexUpdate(settings, deps) {
    const maxAttempts = checkAttempts(settings.maxAttempts ?? DEFAULT_PUSH_ATTEMPTS);
    const branch = checkBranchName(settings.branch, 'branch');
    checkEntries(settings.entries, settings.policy);
    const target = pushTarget(settings.top, settings.indexPath);
    await checkCleanTree(deps.git, deps.repoGit, target);
    const sleep = deps.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    let last;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        let base;
        try {
            base = await deps.repoGit.fetchBranch(target.top, branch, settings.auth);
        }
        catch (error) {
            // A fetch after a rejected attempt leaves that attempt's commit behind unless undone.
            if (last)
                await restoreBranch(deps.repoGit, deps.logger, target, branch, last.base, last.files);
            throw nothingPushed(error, branch, last?.base);
        }
        const outcome = await attemptOnce(settings, deps, target, branch, base, attempt);
        if ('done' in outcome)
            return outcome.done;
        last = outcome;
        deps.logger.warning(`push to ${branch} rejected (attempt ${attempt} of ${maxAttempts}): ${outcome.reason}`);
        if (attempt < maxAttempts) {
            const wait = 500 * attempt + Math.floor(Math.random() * 250);
            deps.logger.info(`fetching ${branch} again in ${wait} ms and re-applying the update on it`);
            await sleep(wait);
        }
    }
    await restoreBranch(deps.repoGit, deps.logger, target, branch, last.base, last.files);
    throw new RemoteError(`could not push the index update to ${branch}: origin rejected it ${maxAttempts} time(s) (last: ${last.reason}). Nothing was pushed, and the local ${branch} is back at origin's ${last.base}. ` +
        `Rerun the workflow or command to try again; if every push is rejected, check the branch protection rules of ${branch} and that the job may push to it (permissions: contents: write).`);
}
/** One reset to origin's `base`, upsert, commit and push: the result, or why the push was rejected. */
async function attemptOnce(settings, deps, target, branch, base, attempt) {
    const { repoGit, logger } = deps;
    let result;
    try {
        const previous = attempt === 1 ? await repoGit.head(target.top) : base;
        await repoGit.resetBranch(target.top, branch, base);
        if (previous !== base)
            logger.info(`reset ${branch} from ${previous} to origin's ${base} (git branch <name> ${previous} would keep the old commit)`);
        result = await updateIndex({ ...settings, indexPath: join(target.top, target.index), dryRun: false }, logger);
        const done = (changed, commit) => ({ done: { changed, commit, attempts: attempt, result: result } });
        if (result.refused > 0)
            return done(false);
        if (!result.changed) {
            logger.info(`the index on ${branch} already holds these entries; nothing to commit`);
            return done(false);
        }
        const paths = result.files.map((file) => relative(target.top, file).split(sep).join('/'));
        await repoGit.stage(target.top, paths);
        if (!(await repoGit.hasStagedChanges(target.top))) {
            throw new InputError(`git sees no change in ${paths.join(', ')} after the update wrote them; check that .gitignore does not exclude ${target.index} or ${target.packs}/`);
        }
        const commit = await repoGit.commit(target.top, settings.commitMessage ?? indexCommitMessage(result.plan), settings.author ?? DEFAULT_INDEX_AUTHOR);
        const pushed = await pushOnce(repoGit, target.top, branch, settings.auth);
        if (pushed.pushed) {
            logger.info(`pushed ${commit} to ${branch} (attempt ${attempt})`);
            return done(true, commit);
        }
        return { base, reason: pushed.reason, files: result.files };
    }
    catch (error) {
        await restoreBranch(repoGit, logger, target, branch, base, result?.files ?? []);
        throw nothingPushed(error, branch, base);
    }
}
/** A remote failure, saying nothing was pushed and where the local branch is; other errors as they are. */
function nothingPushed(error, branch, base) {
    if (!(error instanceof RemoteError))
        return error;
    const where = base ? `; the local ${branch} is back at origin's ${base}` : '';
    return new RemoteError(`${error.message}. Nothing was pushed${where}`, { cause: error });
}
/**
 * Push once. Both kinds of rejection are retried: a branch that moved on (the race this loop
 * exists for), and a ref the server refused, which may be a lost race for its lock (a hook or
 * branch protection keeps refusing, and the last attempt says so). Other failures (no access,
 * no network) end the update at once.
 */
function pushOnce(repoGit, top, branch, auth) {
    return repoGit.push(top, branch, { auth });
}
function checkAttempts(value) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_PUSH_ATTEMPTS) {
        throw new UsageError(`max-attempts: ${String(value)} is not a whole number from 1 to ${MAX_PUSH_ATTEMPTS}; give how many times to try the push (default ${DEFAULT_PUSH_ATTEMPTS})`);
    }
    return value;
}
/** Entries are checked before the work tree is touched (updateIndex checks them again, after the reset). */
function checkEntries(entries, policy) {
    if (entries.length === 0)
        throw new UsageError('no entries to add: give entry files, or a pack directory with source flags');
    entries.forEach((entry, i) => {
        const problems = entryProblems(entry, policy);
        if (problems.length === 0)
            return;
        const name = typeof entry?.ref === 'string' ? `${entry.ref}@${String(entry.version)}` : `#${i + 1}`;
        throw new InputError(`entry ${name} is not a valid Attune index entry (policy ${policy}); nothing was changed:\n${formatIndexProblems(problems)}`);
    });
}
/** A max-attempts value as text (an input or flag), checked; undefined when empty. */
function parseAttempts(text, what) {
    if (text === undefined || text.trim() === '')
        return undefined;
    if (!/^\d+$/.test(text.trim()))
        throw new UsageError(`${what}: "${text}" is not a whole number; give how many times to try the push (1 to ${MAX_PUSH_ATTEMPTS})`);
    const value = Number(text.trim());
    if (value < 1 || value > MAX_PUSH_ATTEMPTS)
        throw new UsageError(`${what}: ${value} is out of range; give 1 to ${MAX_PUSH_ATTEMPTS}`);
    return value;
}

export { DEFAULT_PUSH_ATTEMPTS, MAX_PUSH_ATTEMPTS, parseAttempts, pushIndexUpdate };
