import { existsSync, realpathSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { dirname, relative, sep, isAbsolute, join, basename } from 'node:path';
import { U as UsageError, m as messageOf } from './errors.js';

/** The index's place in `top`; a UsageError when it lies outside (it could not be committed). */
function pushTarget(top, indexPath) {
    const realTop = realExisting(top);
    const index = relative(realTop, realExisting(indexPath)).split(sep).join('/');
    if (index === '' || index.startsWith('../') || index === '..' || isAbsolute(index)) {
        throw new UsageError(`the index ${indexPath} is not inside the work tree ${top}; to push it, give an index in the registry repository's checkout`);
    }
    const folder = dirname(index);
    return { top: realTop, index, packs: folder === '.' ? 'packs' : `${folder}/packs` };
}
/** `path` with the symbolic links of its nearest existing ancestor resolved (the rest may not exist yet). */
function realExisting(path) {
    if (existsSync(path))
        return realpathSync(path);
    const parent = dirname(path);
    return parent === path ? path : join(realExisting(parent), basename(path));
}
/**
 * Refuse a work tree whose changes the update would lose or sweep into its commit: staged
 * changes and changed or deleted tracked files (each attempt resets the branch to origin's,
 * discarding them), and untracked files in the index or its histories (the update would read
 * them as published history). Untracked files elsewhere are left alone.
 */
async function checkCleanTree(git, repoGit, target) {
    const head = await repoGit.head(target.top);
    const tracked = new Set((await git.listTree(target.top, head, '')).map((blob) => blob.path));
    const ours = (path) => path === target.index || path.startsWith(`${target.packs}/`);
    const dirty = (await git.dirtyPaths(target.top, '')).filter((path) => tracked.has(path) || ours(path));
    const staged = await repoGit.hasStagedChanges(target.top);
    if (dirty.length === 0 && !staged)
        return;
    const listed = dirty.slice(0, 10).join(', ') + (dirty.length > 10 ? `, and ${dirty.length - 10} more` : '');
    const what = dirty.length > 0 ? `uncommitted changes (${listed})` : 'staged changes';
    throw new UsageError(`the work tree ${target.top} has ${what}; pushing an index update resets the branch to origin's, which would discard them. Commit, stash or remove them first (in a workflow, run index-update before steps that change the checkout). Nothing was changed`);
}
/**
 * Put the work tree back as origin has it after a failed attempt: the branch at `base` (which
 * drops a local commit and the update's changes to tracked files) and the files the update
 * created removed. Best effort: a failure here is logged, the caller reports the original error.
 */
async function restoreBranch(repoGit, logger, target, branch, base, files) {
    try {
        await repoGit.resetBranch(target.top, branch, base);
        for (const file of files) {
            const path = relative(target.top, file).split(sep).join('/');
            if ((await repoGit.readFile(target.top, base, path)) !== undefined)
                continue;
            await rm(file, { force: true });
            // Folders the update created (packs/, packs/<ref>/) would be left empty: git would not show them, people would.
            const stop = dirname(join(target.top, target.index));
            for (let dir = dirname(file); dir.startsWith(`${stop}${sep}`); dir = dirname(dir))
                if (!(await rmdir(dir).then(() => true, () => false)))
                    break;
        }
    }
    catch (error) {
        logger.warning(`could not put ${branch} back at ${base} in ${target.top}: ${messageOf(error)}; run git checkout -f -B ${branch} ${base} there before reusing the work tree`);
    }
}
/**
 * The work tree holding the index (or, for a new index, its nearest existing folder): where
 * the update is committed. A UsageError when there is none, since nothing could be pushed.
 */
async function locateWorkTree(git, indexPath) {
    let dir = dirname(indexPath);
    while (!existsSync(dir) && dirname(dir) !== dir)
        dir = dirname(dir);
    const location = await git.locate(dir);
    if (!location) {
        throw new UsageError(`the index ${indexPath} is not in a git work tree; pushing needs the registry repository checked out (actions/checkout in a workflow, git clone on a workstation)`);
    }
    return location.top;
}

export { checkCleanTree, locateWorkTree, pushTarget, restoreBranch };
