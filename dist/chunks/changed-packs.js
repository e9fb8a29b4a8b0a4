import { stat } from 'node:fs/promises';
import { resolve, join, relative, sep, posix, dirname } from 'node:path';
import { I as InputError, P as PackregError } from './errors.js';

const MANIFESTS = ['pack.yaml', 'pack.yml'];
/**
 * The packs a pull request touches: for each changed path, the nearest folder at or above it
 * that holds a pack.yaml in the checkout. Several packs in one repository (a monorepo) are
 * each listed once, sorted; a deleted pack has no pack.yaml left and is not listed.
 */
async function changedPacks(range, git) {
    const workspace = resolve(range.workspace);
    const location = await git.locate(workspace);
    if (!location)
        throw new InputError(`${workspace} is not a git work tree, so the packs changed since ${range.baseName} cannot be found; check out the repository (actions/checkout) first`);
    const base = await resolveBase(git, location.top, range);
    const head = await git.resolveCommit(location.top, range.head ?? 'HEAD');
    const paths = await git.changedPaths(location.top, base, head);
    const found = new Set();
    for (const path of paths) {
        const dir = await packFolderOf(join(location.top, ...path.split('/')), location.top);
        if (dir === undefined)
            continue;
        // Relative to the work tree as git reports it: the workspace path may go through a symlink.
        const inside = relative(join(location.top, ...location.prefix.split('/')), dir);
        if (inside.startsWith('..'))
            continue;
        found.add(inside === '' ? '.' : inside.split(sep).join(posix.sep));
    }
    return [...found].sort().map((path) => ({ path }));
}
async function resolveBase(git, top, range) {
    try {
        return await git.resolveCommit(top, range.base);
    }
    catch (error) {
        if (!(error instanceof PackregError))
            throw error;
        throw new InputError(`${range.baseName} "${range.base}" names no commit in ${top}; a shallow checkout lacks the base branch: use actions/checkout with fetch-depth: 0, or fetch the base commit`, { cause: error });
    }
}
/** The nearest folder at or above `file` (not above `top`) that holds a pack manifest. */
async function packFolderOf(file, top) {
    for (let dir = dirname(file);; dir = dirname(dir)) {
        for (const name of MANIFESTS)
            if (await isFile(join(dir, name)))
                return dir;
        if (dir === top || dirname(dir) === dir)
            return undefined;
    }
}
async function isFile(path) {
    return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

export { changedPacks as c };
