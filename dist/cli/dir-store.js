import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { unlink, open, stat, readFile, readdir, mkdir } from 'node:fs/promises';
import { join, sep, dirname } from 'node:path';
import { f as fsInputError, R as RemoteError, I as InputError, b as IntegrityError } from './_commonjsHelpers.js';
import { A as AtomicFile } from './atomic-file.js';
import { d as digestFile } from './file-digest.js';
import { s as sleep } from './publish.js';
import 'node:os';
import './build.js';
import './framed.js';
import './index2.js';
import './manifest.js';
import './index.js';
import 'process';
import 'buffer';
import './pack-source.js';
import './packignore.js';
import 'node:zlib';
import './entry-builder.js';
import './pack-files.js';
import './index-rules.js';
import 'node:url';
import './index-update.js';
import './canonical-json.js';
import './json-text.js';
import './index-stream.js';
import 'node:timers/promises';

/** A lock older than this is taken to belong to a process that died holding it. */
const STALE_MS = 30_000;
/** Give up waiting for a live lock after this long. */
const WAIT_MS = 120_000;
/**
 * Run `body` while holding `lockPath`, a file created with O_EXCL (atomic on local file
 * systems, across processes). A lock left behind by a crashed process is broken once it
 * is older than {@link STALE_MS}; the body is short (read, compare, rename), so a live
 * holder never keeps it that long.
 */
async function withFileLock(lockPath, body) {
    await acquire(lockPath);
    try {
        return await body();
    }
    finally {
        await unlink(lockPath).catch(() => undefined);
    }
}
async function acquire(lockPath) {
    const started = Date.now();
    for (let attempt = 0;; attempt++) {
        try {
            const handle = await open(lockPath, 'wx', 0o644);
            await handle.writeFile(`${process.pid}\n`);
            await handle.close();
            return;
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw fsInputError(error, 'lock file', lockPath);
        }
        const info = await stat(lockPath).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > STALE_MS) {
            await unlink(lockPath).catch(() => undefined);
            continue;
        }
        if (Date.now() - started > WAIT_MS) {
            throw new RemoteError(`lock ${lockPath} has been held for over ${WAIT_MS / 1000} s; if no publisher is running, delete it and retry`);
        }
        await sleep(Math.min(5 * 2 ** Math.min(attempt, 6), 200) * (0.5 + Math.random()));
    }
}

/** Names the store itself leaves beside objects while writing: never listed as objects. */
const WORK_FILE = /(^\.[^/]*\.[0-9a-f]{12}\.tmp|\.lock)$/;
/**
 * A registry in a plain directory: each key is a file under `root`. Exclusive create is a
 * hard link of a complete temporary file (fails if the name exists); compare-and-swap holds
 * a lock file while it checks the content hash and renames the new file into place. Content
 * types and cache headers have no place on disk and are left to whatever serves the folder.
 */
class DirectoryStore {
    root;
    location;
    constructor(root) {
        this.root = root;
        this.location = root;
    }
    async check() {
        const info = await stat(this.root).catch((error) => {
            if (error.code === 'ENOENT')
                return undefined; // created on the first write
            throw fsInputError(error, 'registry folder', this.root);
        });
        if (info && !info.isDirectory())
            throw new InputError(`registry ${this.root} is a file; give a folder (it is created if missing), an s3://bucket/prefix or a file:// URL`);
    }
    async get(key) {
        const bytes = await readFile(this.path(key)).catch((error) => absent(error, 'registry file', this.path(key)));
        return bytes && { bytes, tag: sha256(bytes) };
    }
    async head(key) {
        const path = this.path(key);
        const info = await stat(path).catch((error) => absent(error, 'registry file', path));
        if (!info)
            return undefined;
        const digest = await digestFile(path, 'sha256');
        return { size: digest.size, sha256: digest.hex };
    }
    async *list(prefix) {
        const base = this.path(prefix);
        const names = await readdir(base, { recursive: true, withFileTypes: true }).catch((error) => absent(error, 'registry folder', base));
        for (const dirent of names ?? []) {
            if (!dirent.isFile() || WORK_FILE.test(dirent.name))
                continue;
            const full = join(dirent.parentPath, dirent.name);
            yield full.slice(this.root.length + 1).split(sep).join('/');
        }
    }
    async create(key, body, options) {
        const path = this.path(key);
        if (await exists(path))
            return 'exists';
        await this.makeFolder(path);
        let file;
        try {
            file = await AtomicFile.create(path, { overwrite: false, what: 'registry file' });
        }
        catch (error) {
            if (await exists(path))
                return 'exists'; // another publisher created it meanwhile
            throw error;
        }
        try {
            await writeVerified(file, body, options.sha256, path);
            return (await file.commitUnlessExists()) ? 'created' : 'exists';
        }
        catch (error) {
            await file.abort();
            throw error;
        }
    }
    async replace(key, bytes, tag, options) {
        const path = this.path(key);
        await this.makeFolder(path);
        return withFileLock(`${path}.lock`, async () => {
            const current = await this.get(key);
            if (current?.tag !== tag)
                return false;
            const file = await AtomicFile.create(path, { overwrite: true, what: 'registry file' });
            try {
                await writeVerified(file, { bytes }, options.sha256, path);
                await file.commit();
                return true;
            }
            catch (error) {
                await file.abort();
                throw error;
            }
        });
    }
    path(key) {
        return key === '' ? this.root : join(this.root, ...key.split('/'));
    }
    async makeFolder(path) {
        await mkdir(dirname(path), { recursive: true }).catch((error) => {
            throw fsInputError(error, 'registry folder', dirname(path));
        });
    }
}
/** Write the body to the temporary file, hashing it on the way; a mismatch writes nothing. */
async function writeVerified(file, body, expected, path) {
    const hash = createHash('sha256');
    if ('bytes' in body) {
        hash.update(body.bytes);
        await file.handle.write(body.bytes);
    }
    else {
        for await (const chunk of createReadStream(body.file, { highWaterMark: 1 << 20 })) {
            hash.update(chunk);
            await file.handle.write(chunk);
        }
    }
    const actual = hash.digest('hex');
    if (actual !== expected) {
        throw new IntegrityError(`${path}: the content changed while it was written (sha256 ${actual}, expected ${expected}); nothing was stored`, expected, actual);
    }
}
function sha256(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}
async function exists(path) {
    return (await stat(path).catch(() => undefined)) !== undefined;
}
/** undefined for "not there"; any other failure is an error naming the file. */
function absent(error, what, path) {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
        return undefined;
    throw fsInputError(error, what, path);
}

export { DirectoryStore };
