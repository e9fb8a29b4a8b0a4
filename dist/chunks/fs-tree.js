import { statSync, openSync, fstatSync, readSync, closeSync, readdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { f as fsInputError, I as InputError } from './errors.js';

/**
 * A pack tree: the regular files of a pack, in the order the framed checksum and the
 * archives use (UTF-8 bytes of the relative path). Sources are the file system
 * ({@link ./fs-tree.ts}) and a git commit ({@link ./git-tree.ts}).
 */
/** Order of two paths by their UTF-8 bytes (JavaScript's default sort uses UTF-16 units). */
function comparePathBytes(a, b) {
    return Buffer.compare(a, b);
}

/** Chunk size for reading files; files up to this size are read in one call. */
const CHUNK = 1 << 20;
/**
 * The regular files under `root`, excluding any `.git` entry and whatever `exclude` rejects.
 * A symlink, hard link, device, FIFO or socket anywhere in the walked tree is an InputError
 * naming it: Attune packs may not contain them, and hashing or archiving them would make
 * the result depend on the machine.
 */
function directoryTree(root, exclude) {
    const listed = walk(root, exclude); // list and check everything before anything is read or written
    return { origin: `directory ${root}`, files: () => readFiles(listed) };
}
/**
 * An InputError unless `path` is an existing directory; `what` names its role. The path
 * itself may be a symlink to a directory (as /tmp is on some systems): only entries inside
 * the pack are held to the no-symlink rule.
 */
function assertDirectory(path, what) {
    let stat;
    try {
        stat = statSync(path);
    }
    catch (error) {
        throw fsInputError(error, what, path);
    }
    if (!stat.isDirectory())
        throw new InputError(`${what} ${path} is not a directory; give the folder that holds pack.yaml`);
}
/** Lists and checks every file first, so a bad entry fails before any output is written. */
function walk(root, exclude) {
    const { files, special } = list(root, exclude);
    if (special.length > 0)
        throw specialFilesError(root, special);
    return files;
}
/** Every entry under `root` (minus `.git` and excluded paths) that a pack may not contain. */
function findSpecialFiles(root, exclude) {
    return list(root, exclude).special;
}
function list(root, exclude) {
    assertDirectory(root, 'pack directory');
    const listing = { files: [], special: [] };
    walkInto(root, '', exclude, listing);
    listing.files.sort((a, b) => comparePathBytes(a.pathBytes, b.pathBytes));
    return listing;
}
function walkInto(root, prefix, exclude, out) {
    const dir = prefix === '' ? root : join(root, prefix);
    let names;
    try {
        names = readdirSync(dir);
    }
    catch (error) {
        throw fsInputError(error, 'directory', dir);
    }
    for (const name of names) {
        if (name === '.git')
            continue;
        const rel = prefix === '' ? name : `${prefix}/${name}`;
        const absolute = join(root, rel);
        const stat = statOrThrow(absolute, 'file');
        if (stat.isDirectory()) {
            if (!exclude?.(`${rel}/`, true))
                walkInto(root, rel, exclude, out);
            continue;
        }
        if (exclude?.(rel, false))
            continue;
        const kind = specialKind(stat);
        if (kind) {
            out.special.push({ path: rel, kind });
            continue;
        }
        out.files.push({
            path: rel,
            pathBytes: Buffer.from(rel, 'utf8'),
            absolute,
            size: stat.size,
            executable: (stat.mode & 0o111) !== 0,
        });
    }
}
function statOrThrow(path, what) {
    try {
        return lstatSync(path);
    }
    catch (error) {
        throw fsInputError(error, what, path);
    }
}
function specialKind(stat) {
    if (stat.isSymbolicLink())
        return 'a symbolic link';
    if (stat.isFIFO())
        return 'a FIFO';
    if (stat.isCharacterDevice() || stat.isBlockDevice())
        return 'a device';
    if (stat.isSocket())
        return 'a socket';
    if (!stat.isFile())
        return 'not a regular file';
    if (stat.nlink > 1)
        return `a hard link (${stat.nlink} names share its content)`;
    return undefined;
}
function specialFilesError(root, special) {
    const shown = special.slice(0, 10).map((s) => `${join(root, s.path)} is ${s.kind}`);
    if (special.length > 10)
        shown.push(`and ${special.length - 10} more`);
    return new InputError(`${shown.join('; ')}. Attune packs may contain only regular files and directories: ` +
        'replace each with a regular file copy, or exclude it (.packignore, or hash the committed tree with --git-ref)');
}
async function* readFiles(found) {
    for (const file of found) {
        yield { path: file.path, pathBytes: file.pathBytes, size: file.size, executable: file.executable, content: () => readContent(file) };
    }
}
/**
 * Synchronous reads on purpose: for thousands of small files one event-loop turn per file
 * costs more than the read itself. The size is checked against the listing because the
 * checksum frames the length before the bytes.
 */
async function* readContent(file) {
    let fd;
    try {
        fd = openSync(file.absolute, 'r');
    }
    catch (error) {
        throw fsInputError(error, 'file', file.absolute);
    }
    try {
        const stat = fstatSync(fd);
        if (stat.size !== file.size || !stat.isFile())
            throw changed(file);
        let remaining = file.size;
        while (remaining > 0) {
            const buffer = Buffer.allocUnsafe(Math.min(CHUNK, remaining));
            const n = readSync(fd, buffer, 0, buffer.length, null);
            if (n === 0)
                throw changed(file);
            remaining -= n;
            yield n === buffer.length ? buffer : buffer.subarray(0, n);
        }
    }
    catch (error) {
        throw fsInputError(error, 'file', file.absolute);
    }
    finally {
        closeSync(fd);
    }
}
function changed(file) {
    return new InputError(`file ${file.absolute} changed while it was read; run again when nothing writes to the pack`);
}

export { assertDirectory as a, comparePathBytes as c, directoryTree as d, findSpecialFiles as f };
