import { U as UsageError } from './errors.js';

/**
 * The branch checked out in the work tree at `top` (what `--branch` defaults to). A detached
 * HEAD has none: the caller must name the branch to push to.
 */
async function currentBranch(repoGit, top) {
    const branch = await repoGit.currentBranch(top);
    if (branch)
        return branch;
    throw new UsageError(`the work tree ${top} is on a detached HEAD; give the branch to push the index to with --branch NAME`);
}
/** A branch name git accepts (the common rules of git check-ref-format), checked before any git runs. */
function checkBranchName(branch, what) {
    const control = [...branch].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
    const bad = control || branch === '' || branch === '@' || /^[-/.]|[/.]$|\.lock$|\.\.|@\{|\/\/|\/\.|[\s~^:?*[\\]/.test(branch);
    if (bad)
        throw new UsageError(`${what}: "${branch}" is not a branch name; give the branch to push to, for example main`);
    return branch;
}

export { checkBranchName, currentBranch };
