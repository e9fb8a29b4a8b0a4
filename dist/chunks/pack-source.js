import { readFile } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { I as InputError, f as fsInputError } from './errors.js';
import { a as assertDirectory, d as directoryTree } from './fs-tree.js';
import { g as gitTree } from './git-tree.js';
import { P as PACKIGNORE, e as excludeFilter } from './packignore.js';

/** Pick the committed tree or the files on disk, as {@link SourceSelection} asks. */
async function openPackSource(selection, git, logger) {
    const packDir = resolve(selection.packDir);
    assertDirectory(packDir, 'pack directory');
    const location = selection.noGit ? undefined : await git.locate(packDir);
    if (selection.gitRef !== undefined && !location) {
        const why = selection.noGit ? ' (--no-git was given)' : '';
        throw new InputError(`--git-ref ${selection.gitRef}: ${packDir} is not inside a git work tree${why}; drop --git-ref to use the files on disk`);
    }
    if (location && (selection.gitRef !== undefined || selection.preferGitHead)) {
        return gitSource(git, logger, packDir, location, selection.gitRef);
    }
    return directorySource(packDir);
}
async function gitSource(git, logger, packDir, location, gitRef) {
    const commit = await resolveSourceCommit(git, location, gitRef);
    if (gitRef === undefined)
        await warnIfDirty(git, location, logger);
    const readText = gitReader(git, location, commit);
    const origin = `commit ${commit} of ${location.top}${location.prefix ? ` (${location.prefix}/)` : ''}`;
    return {
        kind: 'git',
        packDir,
        commit,
        origin,
        readText,
        tree: async (excludes) => gitTree(git, location, commit, logger, await filterFor(excludes, readText)),
    };
}
/** The commit to read: `gitRef`, else HEAD (which a repository without any commit lacks). */
async function resolveSourceCommit(git, location, gitRef) {
    if (gitRef !== undefined)
        return git.resolveCommit(location.top, gitRef);
    try {
        return await git.resolveCommit(location.top, 'HEAD');
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        throw new InputError(`HEAD of the git repository at ${location.top} names no commit (a repository without any commit yet?), so there is no committed tree to read; commit the pack, or pass --no-git to use the files on disk`, { cause: error });
    }
}
function directorySource(packDir) {
    const readText = (path) => readOptional(join(packDir, path));
    return {
        kind: 'directory',
        packDir,
        origin: `directory ${packDir}`,
        readText,
        tree: async (excludes) => directoryTree(packDir, await filterFor(excludes, readText)),
    };
}
async function filterFor(excludes, readText) {
    if (!excludes)
        return undefined;
    const packignore = excludes.packignore ? await readText(PACKIGNORE) : undefined;
    const byPattern = excludeFilter(packignore, excludes.patterns);
    const paths = new Set(excludes.paths ?? []);
    if (paths.size === 0)
        return byPattern;
    return (path, isDirectory) => paths.has(path) || (byPattern?.(path, isDirectory) ?? false);
}
function gitReader(git, location, commit) {
    return async (path) => {
        const full = location.prefix === '' ? path : `${location.prefix}/${path}`;
        const blob = (await git.listTree(location.top, commit, full)).find((b) => b.path === full);
        if (!blob)
            return undefined;
        const parts = [];
        for await (const object of git.readBlobs(location.top, [blob.oid]))
            for await (const chunk of object.chunks)
                parts.push(chunk);
        return Buffer.concat(parts).toString('utf8');
    };
}
async function warnIfDirty(git, location, logger) {
    const dirty = await git.dirtyPaths(location.top, location.prefix);
    if (dirty.length === 0)
        return;
    const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? `, and ${dirty.length - 5} more` : '');
    logger.warning(`uncommitted or untracked files are not included (the committed tree at HEAD is used): ${shown}. Commit them, or pass --no-git to use the files on disk`);
}
async function readOptional(path) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw fsInputError(error, 'file', path);
    }
}

export { openPackSource as o };
