import { randomBytes } from 'node:crypto';
import { unlinkSync, statSync } from 'node:fs';
import { mkdir, open, rename, link, unlink } from 'node:fs/promises';
import { dirname, resolve, join, basename } from 'node:path';
import { f as fsInputError, I as InputError } from './errors.js';

/** Temporary files not yet committed or removed, so an interrupted process can clean up. */
const pending = new Set();
/**
 * Remove every temporary file still pending. Synchronous, for signal handlers:
 * the CLI and the actions call it on SIGINT/SIGTERM so no partial output survives.
 */
function removePendingTemporaryFiles() {
    for (const path of pending) {
        try {
            unlinkSync(path);
        }
        catch {
            // already gone
        }
        pending.delete(path);
    }
}
/**
 * A file written under a temporary name beside its destination and moved into place
 * only when complete, so readers never see partial content and a failure leaves nothing.
 */
class AtomicFile {
    path;
    temporaryPath;
    handle;
    overwrite;
    what;
    done = false;
    constructor(
    /** Final destination. */
    path, 
    /** Temporary file being written. */
    temporaryPath, 
    /** Open for writing. */
    handle, overwrite, what) {
        this.path = path;
        this.temporaryPath = temporaryPath;
        this.handle = handle;
        this.overwrite = overwrite;
        this.what = what;
    }
    /**
     * Check the destination and open a temporary file beside it. `what` names the file's role
     * in messages ("--out file"). Without `overwrite`, an existing destination is an error.
     */
    static async create(path, options) {
        const target = resolve(path);
        checkDestination(target, options);
        const temporaryPath = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
        let handle;
        try {
            handle = await open(temporaryPath, 'wx', 0o644);
        }
        catch (error) {
            throw fsInputError(error, `${options.what} folder`, dirname(target));
        }
        pending.add(temporaryPath);
        return new AtomicFile(target, temporaryPath, handle, options.overwrite, options.what);
    }
    /** Flush, close and move the file into place. */
    async commit() {
        if (this.done)
            return;
        this.done = true;
        try {
            await this.handle.sync();
            await this.handle.close();
            if (this.overwrite)
                await rename(this.temporaryPath, this.path);
            else
                await this.linkIntoPlace();
        }
        catch (error) {
            await this.removeTemporary();
            throw fsInputError(error, this.what, this.path);
        }
        pending.delete(this.temporaryPath);
    }
    /**
     * Flush, close and link the file into place unless the destination exists (exclusive
     * create): true when written, false when another writer got there first (nothing changed).
     */
    async commitUnlessExists() {
        if (this.done)
            return true;
        try {
            await this.commit();
            return true;
        }
        catch (error) {
            if (error instanceof ExistsError)
                return false;
            throw error;
        }
    }
    /** Close and delete the temporary file; the destination is untouched. */
    async abort() {
        if (this.done)
            return;
        this.done = true;
        await this.handle.close().catch(() => undefined);
        await this.removeTemporary();
    }
    /** link() fails if the destination appeared meanwhile: never clobber without --force. */
    async linkIntoPlace() {
        try {
            await link(this.temporaryPath, this.path);
        }
        catch (error) {
            const code = error.code;
            if (code === 'EEXIST')
                throw existsError(this.what, this.path);
            if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV')
                throw error;
            // File systems without hard links: check, then rename (a small race, but no partial file).
            checkDestination(this.path, { overwrite: false, what: this.what });
            await rename(this.temporaryPath, this.path);
            return;
        }
        await unlink(this.temporaryPath);
    }
    async removeTemporary() {
        await unlink(this.temporaryPath).catch(() => undefined);
        pending.delete(this.temporaryPath);
    }
}
function checkDestination(target, options) {
    const folder = dirname(target);
    let folderStat;
    try {
        folderStat = statSync(folder);
    }
    catch (error) {
        throw new InputError(`${options.what} ${target}: the folder ${folder} does not exist; create it first`, { cause: error });
    }
    if (!folderStat.isDirectory())
        throw new InputError(`${options.what} ${target}: ${folder} is not a folder`);
    let existing;
    try {
        existing = statSync(target);
    }
    catch {
        return;
    }
    if (existing.isDirectory())
        throw new InputError(`${options.what} ${target} is a directory; give a file path`);
    if (!options.overwrite)
        throw existsError(options.what, target);
}
/** The destination of a file that must not be overwritten already exists. */
class ExistsError extends InputError {
}
function existsError(what, path) {
    return new ExistsError(`${what} ${path} already exists; pass --force to replace it, or choose another path`);
}
/** Write a whole text file atomically (temporary file beside it, then rename), creating its folder. */
async function writeTextAtomic(path, text, what) {
    await mkdir(dirname(resolve(path)), { recursive: true }).catch((error) => {
        throw fsInputError(error, `${what} folder`, dirname(resolve(path)));
    });
    const file = await AtomicFile.create(path, { overwrite: true, what });
    try {
        await file.handle.writeFile(text, 'utf8');
        await file.commit();
    }
    catch (error) {
        await file.abort();
        throw error;
    }
}

export { AtomicFile as A, removePendingTemporaryFiles as r, writeTextAtomic as w };
