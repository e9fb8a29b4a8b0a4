import { createHash } from 'node:crypto';
import { I as InputError, b as InternalError } from './errors.js';
import { c as comparePathBytes } from './fs-tree.js';

/** The 19-byte tag that opens every file frame ("attune-pack-file-v1"). */
const FRAME_TAG = Buffer.from('attune-pack-file-v1', 'ascii');
/**
 * Incremental framed directory checksum ("attune-pack-file-v1"): for each file, in UTF-8
 * byte order of paths, SHA-256 over tag, u64be path length, path, u64be content length,
 * content. Used directly by the archive builder so one pass both archives and hashes.
 */
class FramedHasher {
    hash = createHash('sha256');
    previous;
    files = 0;
    bytes = 0;
    /** Start a file's frame. Files must arrive in strictly increasing path-byte order. */
    begin(file) {
        if (this.previous && comparePathBytes(this.previous, file.pathBytes) >= 0) {
            throw new InternalError(`tree files out of order or repeated at ${file.path}`);
        }
        this.previous = file.pathBytes;
        const header = Buffer.allocUnsafe(FRAME_TAG.length + 8);
        FRAME_TAG.copy(header, 0);
        header.writeBigUInt64BE(BigInt(file.pathBytes.length), FRAME_TAG.length);
        this.hash.update(header);
        this.hash.update(file.pathBytes);
        const size = Buffer.allocUnsafe(8);
        size.writeBigUInt64BE(BigInt(file.size));
        this.hash.update(size);
        this.files += 1;
    }
    /** Feed content bytes of the current file. */
    update(chunk) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
    }
    /** The checksum of everything fed so far; the hasher is finished afterwards. */
    digest() {
        return { algorithm: 'sha256', hex: this.hash.digest('hex'), files: this.files, bytes: this.bytes };
    }
}
/** Framed directory checksum of a pack tree, streamed file by file. */
async function treeDigest(tree) {
    const hasher = new FramedHasher();
    for await (const file of tree.files()) {
        hasher.begin(file);
        let seen = 0;
        for await (const chunk of file.content()) {
            hasher.update(chunk);
            seen += chunk.length;
        }
        if (seen !== file.size) {
            throw new InputError(`${tree.origin}: ${file.path} has ${seen} bytes but was listed with ${file.size}; it changed while being read`);
        }
    }
    return hasher.digest();
}

const SYMLINK = '120000';
const SUBMODULE = '160000';
/**
 * The files tracked at `rev` below the pack directory `location`, leaving out paths
 * marked `export-ignore` (as a host's source archive does) and whatever `exclude` rejects.
 * Untracked files in the work tree never count. A tracked symlink is an InputError.
 */
async function gitTree(git, location, rev, logger, exclude) {
    const commit = await git.resolveCommit(location.top, rev);
    // Only what lies below the pack directory: at this commit `prefix` may also be a file.
    const below = location.prefix === '' ? '' : `${location.prefix}/`;
    const listed = (await git.listTree(location.top, commit, location.prefix)).filter((blob) => blob.path.startsWith(below));
    if (listed.length === 0 && location.prefix !== '') {
        // A clone of this commit has no such directory: hashing an empty tree would pin nothing.
        throw new InputError(`${location.prefix}/ holds no tracked files at commit ${commit} of ${location.top}; commit the pack first, or pick a revision that has it`);
    }
    const strip = below.length;
    const ignored = await git.exportIgnored(location.top, commit, candidatePaths(listed));
    const blobs = [];
    for (const blob of listed) {
        if (isExportIgnored(blob.path, ignored))
            continue;
        const path = blob.path.slice(strip);
        if (blob.mode === SUBMODULE) {
            logger.warning(`${path} is a git submodule; its files are not part of the pack tree (a clone does not contain them)`);
            continue;
        }
        if (exclude && (exclude(path, false) || ancestors(path).some((dir) => exclude(`${dir}/`, true))))
            continue;
        if (blob.mode === SYMLINK) {
            throw new InputError(`${path} is a symbolic link tracked at commit ${commit}; Attune packs may contain only regular files. Commit a regular file instead`);
        }
        blobs.push({ ...blob, path, pathBytes: Buffer.from(path, 'utf8') });
    }
    blobs.sort((a, b) => comparePathBytes(a.pathBytes, b.pathBytes));
    const origin = `commit ${commit} of ${location.top}${location.prefix ? ` (${location.prefix}/)` : ''}`;
    return { origin, commit, location, blobs, files: () => readFiles(git, location.top, blobs) };
}
async function* readFiles(git, top, blobs) {
    let index = 0;
    for await (const blob of git.readBlobs(top, blobs.map((b) => b.oid))) {
        const entry = blobs[index++];
        yield {
            path: entry.path,
            pathBytes: entry.pathBytes,
            size: blob.size,
            executable: entry.mode === '100755',
            content: () => blob.chunks,
        };
    }
}
/** Every file path and every ancestor directory (with a trailing slash, as git archive asks). */
function candidatePaths(blobs) {
    const paths = new Set();
    for (const blob of blobs) {
        paths.add(blob.path);
        for (const dir of ancestors(blob.path))
            paths.add(`${dir}/`);
    }
    return [...paths];
}
function isExportIgnored(path, ignored) {
    return ignored.has(path) || ancestors(path).some((dir) => ignored.has(`${dir}/`));
}
/** `a/b/c.txt` → [`a`, `a/b`]. */
function ancestors(path) {
    const parts = path.split('/');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export { FramedHasher as F, gitTree as g, treeDigest as t };
