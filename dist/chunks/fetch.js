import { open, mkdir, chmod, rm, realpath, mkdtemp, stat, rename } from 'node:fs/promises';
import { resolve, relative, sep, isAbsolute, join, dirname, basename } from 'node:path';
import { a as IntegrityError, U as UsageError, P as PackregError, f as fsInputError, I as InputError, m as messageOf, R as RemoteError } from './errors.js';
import { openSync, writeSync, fchmodSync, closeSync, createReadStream, statSync } from 'node:fs';
import { s as silentLogger } from './logger.js';
import { pipeline, Readable, PassThrough } from 'node:stream';
import { createGunzip, createInflateRaw, crc32 } from 'node:zlib';
import { B as ByteReader } from './byte-reader.js';
import { c as chunksOf, W as WorkPool } from './work-pool.js';
import { readPackIdentity } from './build.js';
import { o as openPackSource } from './pack-source.js';
import { fileURLToPath } from 'node:url';
import { d as digestFile } from './file-digest.js';
import { a as displayLocation, d as displayUrl } from './http-errors.js';
import { p as parseDigest, f as formatDigest } from './algorithms.js';
import { nodeProcessRunner } from './runner.js';
import { F as FramedHasher, g as gitTree } from './git-tree.js';
import { devNull } from 'node:os';
import { s as semver } from './index.js';
import { registrySources } from './registry-sources.js';
import { r as resolveFromRegistries } from './resolve.js';

/** An entry name as messages show it: JSON-quoted, so control characters and odd spaces are visible. */
function quoteName(name) {
    return JSON.stringify(name);
}
const NOTHING_EXTRACTED = 'the whole archive is refused and nothing was extracted';
/** One entry is unsafe or unsupported: the whole archive is refused. */
function refuseEntry(archive, name, problem, detail = {}) {
    return new IntegrityError(`archive ${archive}: entry ${quoteName(name)} ${problem}; ${NOTHING_EXTRACTED}. Rebuild the archive (packreg archive writes safe ones) or report it to the pack's publisher`, detail.expected, detail.actual, { cause: detail.cause });
}
/** The archive's bytes are damaged or cut short (`entry` names where, when known). */
function corruptArchive(archive, problem, detail = {}) {
    const where = detail.entry === undefined ? '' : ` at entry ${quoteName(detail.entry)}`;
    return new IntegrityError(`archive ${archive} is corrupt or truncated${where}: ${problem}; ${NOTHING_EXTRACTED}. Download it again, or rebuild it`, detail.expected, detail.actual, { cause: detail.cause });
}
/** The archive as a whole breaks a limit or a rule that no single entry does. */
function refuseArchive(archive, problem, detail = {}) {
    return new IntegrityError(`archive ${archive} ${problem}; ${NOTHING_EXTRACTED}`, detail.expected, detail.actual, { cause: detail.cause });
}
/** Strict UTF-8: a name that does not decode is refused rather than mangled into a different name. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Decode a stored name; undefined when the bytes are not valid UTF-8. */
function decodeName(bytes) {
    try {
        return utf8.decode(bytes);
    }
    catch {
        return undefined;
    }
}
/** A name that failed to decode, for messages (invalid bytes become U+FFFD). */
function lossyName(bytes) {
    return Buffer.from(bytes).toString('utf8');
}

/** 20 000 entries, 1 GiB, 1000:1 — far above any real pack, far below a full disk. */
const DEFAULT_LIMITS = Object.freeze({ maxEntries: 20_000, maxBytes: 1 << 30, maxRatio: 1000 });
/** The defaults with `overrides` applied, each checked to be a positive whole number. */
function resolveLimits(overrides = {}) {
    const limits = { ...DEFAULT_LIMITS, ...overrides };
    for (const [key, value] of Object.entries(limits)) {
        if (!Number.isSafeInteger(value) || value <= 0)
            throw new UsageError(`extract limit ${key} must be a positive whole number, not ${String(value)}`);
    }
    return limits;
}
/**
 * Counts entries and unpacked bytes for one archive and throws the moment a limit is
 * passed. Bytes are counted as they come out of the decompressor, before anything is
 * written, so a bomb stops within one chunk of the limit whatever its headers claim.
 * For a tar.gz every byte of the tar stream counts (headers and padding too, so a bomb made
 * of skipped metadata is stopped as well); for a zip, every byte of every entry's data.
 */
class ExtractBudget {
    archive;
    limits;
    archiveSize;
    /** The byte limit that applies: maxBytes, or maxRatio × the archive size if smaller. */
    maxUnpacked;
    byRatio;
    entries = 0;
    unpacked = 0;
    constructor(archive, limits, archiveSize) {
        this.archive = archive;
        this.limits = limits;
        this.archiveSize = archiveSize;
        // An empty file still gets the bytes of one block, so "0 × ratio" cannot refuse everything.
        const byRatio = limits.maxRatio * Math.max(archiveSize, 512);
        this.byRatio = byRatio < limits.maxBytes;
        this.maxUnpacked = Math.min(byRatio, limits.maxBytes);
    }
    /** Count one entry (file or folder) named `name`. */
    addEntry(name) {
        this.entries += 1;
        if (this.entries > this.limits.maxEntries) {
            throw refuseEntry(this.archive, name, `is entry number ${this.entries}, past the limit of ${this.limits.maxEntries} entries (maxEntries)`, {
                expected: `at most ${this.limits.maxEntries} entries`,
                actual: `more than ${this.limits.maxEntries}`,
            });
        }
    }
    /** Count `n` unpacked bytes, while unpacking `name` (undefined between entries). */
    addBytes(n, name) {
        this.unpacked += n;
        if (this.unpacked <= this.maxUnpacked)
            return;
        const detail = { expected: `at most ${this.maxUnpacked} bytes`, actual: `${this.unpacked} bytes so far` };
        const problem = `unpacks past ${this.describeLimit()}`;
        throw name === undefined ? refuseArchive(this.archive, problem, detail) : refuseEntry(this.archive, name, problem, detail);
    }
    /** Refuse up front when the sizes an archive declares already pass the limit (the stream is still counted). */
    checkDeclared(total) {
        if (total <= this.maxUnpacked)
            return;
        throw refuseArchive(this.archive, `declares ${total} bytes of content in its central directory, more than ${this.describeLimit()}`, {
            expected: `at most ${this.maxUnpacked} bytes`,
            actual: `${total} bytes`,
        });
    }
    /** Pass chunks through, counting each before it is handed on. */
    async *counted(source, name) {
        for await (const chunk of source) {
            this.addBytes(chunk.length, name());
            yield chunk;
        }
    }
    describeLimit() {
        if (this.byRatio) {
            return `${this.maxUnpacked} bytes, ${this.limits.maxRatio} times the archive's ${this.archiveSize} bytes (maxRatio): a compression bomb`;
        }
        return `the limit of ${this.maxUnpacked} bytes (maxBytes)`;
    }
}

/**
 * Why an entry name is unsafe to extract anywhere, or undefined when it is fine. The rules
 * are syntactic and platform-independent on purpose: an archive that would be dangerous on
 * Windows is refused on Linux too, since the same archive is installed everywhere.
 */
function nameProblem(name) {
    if (name === '')
        return 'has an empty name';
    for (const char of name) {
        const code = char.codePointAt(0);
        if (code < 0x20 || code === 0x7f)
            return `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}; names must be printable`;
    }
    if (name.includes('\\'))
        return 'contains a backslash, which Windows reads as a folder separator; separate folders with /';
    if (/^[A-Za-z]:/.test(name))
        return 'starts with a drive letter (a Windows absolute or drive-relative path); entry names must be relative paths';
    if (name.startsWith('/'))
        return 'is an absolute path; entry names must be relative paths';
    const segments = withoutTrailingSlash(name).split('/');
    if (segments.includes('..'))
        return 'has a ".." segment, which climbs out of the target folder';
    if (segments.includes(''))
        return 'has an empty path segment ("//")';
    return undefined;
}
/**
 * The path segments of a name that passed {@link nameProblem}: no trailing slash and no
 * `.` segments (`tar -C dir .` writes `./` and `./x`). Empty for the archive root itself.
 */
function splitEntryName(name) {
    return withoutTrailingSlash(name)
        .split('/')
        .filter((segment) => segment !== '.');
}
function withoutTrailingSlash(name) {
    return name.endsWith('/') ? name.slice(0, -1) : name;
}
/**
 * The absolute path of `segments` below `root`, or undefined when it would not be strictly
 * inside. Decided on the resolved path with path.relative, never by comparing string
 * prefixes (which would let `/target-evil` pass for `/target`).
 */
function resolveInside(root, segments) {
    const target = resolve(root, ...segments);
    const rel = relative(root, target);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
        return undefined;
    return target;
}
/**
 * The key under which two paths name the same file on a case-insensitive or
 * normalisation-insensitive file system (macOS, Windows): NFC, then case-folded. Folding
 * through upper case as well as lower case is a little stricter than those file systems
 * (it also joins "ß" and "ss"), which only ever refuses more.
 */
function collisionKey(path) {
    return path.normalize('NFC').toUpperCase().toLowerCase();
}
/**
 * Every path an archive creates, explicit entries and their implied parent folders, by
 * {@link collisionKey}: catches exact duplicates, case and Unicode look-alikes, and a path
 * used both as a file and as a folder, whatever the order the entries come in.
 */
class EntryNames {
    known = new Map();
    topLevel = [];
    /** Record an entry's path; returns why it clashes with an earlier one, or undefined. */
    add(segments, kind) {
        for (let i = 1; i < segments.length; i++) {
            const parent = segments.slice(0, i).join('/');
            const clash = this.put(parent, 'directory', false);
            if (clash !== undefined)
                return `needs the folder ${quoteName(parent)}, which ${clash}`;
        }
        const clash = this.put(segments.join('/'), kind, true);
        return clash === undefined ? undefined : `is a ${kind === 'file' ? 'file' : 'folder'} that ${clash}`;
    }
    /** The single top-level folder every entry sits under, if there is one (and no top-level file). */
    topDirectory() {
        if (this.topLevel.length !== 1 || this.topLevel[0].kind !== 'directory')
            return undefined;
        return this.topLevel[0].path;
    }
    put(path, kind, explicit) {
        const key = collisionKey(path);
        const seen = this.known.get(key);
        if (seen === undefined) {
            const known = { path, kind, explicit };
            this.known.set(key, known);
            if (!path.includes('/'))
                this.topLevel.push(known);
            return undefined;
        }
        if (seen.path !== path) {
            return `collides with ${quoteName(seen.path)} from an earlier entry: the names differ only in letter case or Unicode normalisation, so they are the same file on macOS and Windows`;
        }
        if (seen.kind !== kind) {
            return seen.kind === 'file' ? 'an earlier entry already wrote as a file' : 'an earlier entry already uses as a folder';
        }
        if (explicit && seen.explicit)
            return 'duplicates an earlier entry with the same path';
        if (explicit)
            seen.explicit = true;
        return undefined;
    }
}

const BLOCK = 512;
/** Most bytes of a pax header or GNU long name: real ones are a few hundred bytes. */
const METADATA_LIMIT = 1 << 20;
/** Tar types that are refused, by what they are (anything else not listed is "unknown"). */
const REFUSED_TYPES = {
    '1': 'a hard link',
    '2': 'a symbolic link',
    '3': 'a character device',
    '4': 'a block device',
    '6': 'a FIFO (named pipe)',
    '7': 'a contiguous file',
    D: 'a GNU dump directory',
    K: 'a GNU long link name (for a link)',
    M: 'a GNU multi-volume continuation',
    N: 'a GNU long name for a link or rename',
    S: 'a GNU sparse file',
    V: 'a GNU volume label',
};
/**
 * Bytes gunzip hands over at a time: the most a byte limit can be overshot by before it is
 * noticed (what was inflated past it is never written).
 */
const GUNZIP_CHUNK = 1 << 20;
/**
 * Inflated bytes gunzip may hold ready beyond the chunk being read: it keeps inflating in
 * the thread pool while the entries before are parsed and written. Nothing in it is written
 * before it is counted against the limits.
 */
const GUNZIP_AHEAD = 4 << 20;
/**
 * The entries of a gzip-compressed tar, streamed: `compressed` (the archive file, or a
 * download as it arrives; best in chunks of about 1 MiB, as each chunk costs gunzip one
 * thread-pool round trip) is read once, front to back, through gunzip, and no more than a
 * few chunks (see {@link GUNZIP_AHEAD}) plus one header are held at a time. Formats: ustar
 * (prefix + name), GNU (long names 'L'), POSIX pax ('x' path and size; 'g' ignored). Only
 * regular files ('0', NUL) and directories ('5') are extracted; every other type is refused.
 * Every header checksum is verified, the end-of-archive marker is required, and gunzip checks
 * the gzip CRC and length at the end.
 */
async function* readTarGz(compressed, archive, budget) {
    // Large output chunks: gunzip's 16 KiB default costs a thread-pool round trip per 16 KiB
    // (about 6,500 for 100 MB); and it inflates ahead while earlier entries are written.
    const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
    // pipeline, not pipe: a source that failed (or was destroyed) before this point still fails gunzip.
    pipeline(compressed, gunzip, () => undefined);
    /** The entry being read (for byte counts and truncation), and the last one started (for where a header is bad). */
    let current;
    let last;
    const source = gunzipped(budget.counted(chunksOf(gunzip, GUNZIP_AHEAD), () => current), archive);
    const reader = new ByteReader(source, `archive ${archive}`, () => corruptArchive(archive, 'the tar data ends in the middle of an entry', { entry: current }));
    try {
        let pending = {};
        for (;;) {
            if (await reader.atEnd())
                throw corruptArchive(archive, `the tar data ends without its end-of-archive marker, ${after(last)}`);
            const block = await reader.read(BLOCK);
            if (isZero(block)) {
                if (Object.keys(pending).length > 0)
                    throw corruptArchive(archive, 'a pax header or GNU long name is not followed by an entry');
                await readTrailer(reader, archive);
                return;
            }
            const header = parseHeader(block, archive, last);
            if (header.type === 'x' || header.type === 'L') {
                const data = await readMetadata(reader, header, archive);
                pending = header.type === 'x' ? { ...pending, ...parsePax(data, archive, header.name) } : { ...pending, longName: longName(data, archive) };
                continue;
            }
            if (header.type === 'g') {
                await reader.skip(padded(header.size));
                continue;
            }
            const name = pending.path ?? pending.longName ?? header.name;
            const size = pending.size ?? header.size;
            pending = {};
            current = name;
            last = name;
            const kind = entryKind(header.type, name, archive);
            budget.addEntry(name);
            let remaining = size;
            const content = async function* () {
                if (kind !== 'file')
                    return;
                for await (const chunk of reader.stream(remaining)) {
                    remaining -= chunk.length;
                    yield chunk;
                }
            };
            yield { name, kind, executable: (header.mode & 0o111) !== 0, content };
            // Whatever the consumer left unread (a folder's data, an abandoned file), then the padding.
            await reader.skip(remaining + padded(size) - size);
            current = undefined;
        }
    }
    finally {
        compressed.destroy();
        gunzip.destroy();
    }
}
/** Gunzip's output with its failures turned into messages that name the archive. */
async function* gunzipped(source, archive) {
    try {
        yield* source;
    }
    catch (error) {
        if (error instanceof PackregError)
            throw error;
        const code = error?.code ?? '';
        if (code.startsWith('Z_')) {
            throw corruptArchive(archive, `the gzip data is damaged or cut short (zlib: ${error.message})`, { cause: error });
        }
        throw fsInputError(error, 'archive', archive);
    }
}
/** Where in the archive, for messages about headers. */
function after(entry) {
    return entry === undefined ? 'before the first entry' : `after entry ${quoteName(entry)}`;
}
function parseHeader(block, archive, previous) {
    const rawName = cString(block, 0, 100);
    const stored = parseNumber(block, 148, 8);
    const { unsigned, signed } = headerSums(block);
    if (stored === undefined || (stored !== unsigned && stored !== signed)) {
        throw corruptArchive(archive, `a tar header (name ${quoteName(lossyName(rawName))}, ${after(previous)}) has a bad checksum`, {
            expected: String(unsigned),
            actual: String(stored),
        });
    }
    const magic = block.toString('latin1', 257, 263);
    // POSIX ustar splits long names over prefix + name; GNU tar uses those bytes for other things.
    const prefix = magic === 'ustar\0' ? cString(block, 345, 155) : Buffer.alloc(0);
    const bytes = prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), rawName]) : rawName;
    const name = decodeName(bytes);
    if (name === undefined)
        throw refuseEntry(archive, lossyName(bytes), 'has a name that is not valid UTF-8');
    const field = (offset, width, what) => {
        const value = parseNumber(block, offset, width);
        if (value === undefined)
            throw corruptArchive(archive, `the tar header's ${what} field is not a number`, { entry: name });
        return value;
    };
    return { name, mode: field(100, 8, 'mode'), size: field(124, 12, 'size'), type: block.toString('latin1', 156, 157) };
}
/** The header checksum both ways old and new tars compute it (bytes as unsigned or as signed). */
function headerSums(block) {
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
        const byte = i >= 148 && i < 156 ? 0x20 : block[i];
        unsigned += byte;
        signed += byte > 127 ? byte - 256 : byte;
    }
    return { unsigned, signed };
}
/**
 * A numeric header field: octal digits (padded with spaces or NULs), or GNU base-256 (first
 * byte 0x80) for values that do not fit. Undefined when malformed or negative.
 */
function parseNumber(block, offset, width) {
    if (block[offset] === 0x80) {
        let value = 0;
        for (let i = offset + 1; i < offset + width; i++)
            value = value * 256 + block[i];
        return Number.isSafeInteger(value) ? value : undefined;
    }
    const text = block.toString('latin1', offset, offset + width).replace(/[\0 ]+$/, '').replace(/^ +/, '');
    if (text === '')
        return 0;
    return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}
function entryKind(type, name, archive) {
    if (type === '5')
        return 'directory';
    if (type === '0' || type === '\0') {
        if (name.endsWith('/'))
            throw refuseEntry(archive, name, 'is a regular file whose name ends with /');
        return 'file';
    }
    const what = REFUSED_TYPES[type] ?? `of unknown tar type ${JSON.stringify(type)}`;
    throw refuseEntry(archive, name, `is ${what}; only regular files and directories are extracted`);
}
async function readMetadata(reader, header, archive) {
    const what = header.type === 'x' ? 'pax header' : 'GNU long name';
    if (header.size > METADATA_LIMIT) {
        throw corruptArchive(archive, `a ${what} of ${header.size} bytes is larger than the ${METADATA_LIMIT} bytes allowed`, { entry: header.name });
    }
    const data = await reader.read(header.size);
    await reader.skip(padded(header.size) - header.size);
    return data;
}
/** pax records, `"<length> <key>=<value>\n"`: only `path` and `size` matter; sparse files are refused. */
function parsePax(data, archive, headerName) {
    const out = {};
    let at = 0;
    while (at < data.length) {
        const space = data.indexOf(0x20, at);
        const length = space < 0 ? NaN : Number(data.toString('latin1', at, space));
        const end = at + length;
        if (!Number.isSafeInteger(length) || length <= space - at || end > data.length || data[end - 1] !== 0x0a) {
            throw corruptArchive(archive, `a pax header has a malformed record at byte ${at}`, { entry: headerName });
        }
        const record = decodeName(data.subarray(space + 1, end - 1));
        const equals = record?.indexOf('=') ?? -1;
        if (record === undefined || equals <= 0)
            throw corruptArchive(archive, `a pax header has a malformed record at byte ${at}`, { entry: headerName });
        const key = record.slice(0, equals);
        const value = record.slice(equals + 1);
        if (key.startsWith('GNU.sparse.'))
            throw refuseEntry(archive, out.path ?? headerName, 'is a GNU sparse file (pax GNU.sparse records); only regular files and directories are extracted');
        // An empty value deletes the record (POSIX): the header's own field applies again.
        if (key === 'path')
            out.path = value === '' ? undefined : value;
        if (key === 'size') {
            if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
                throw corruptArchive(archive, `a pax header has a bad size ${JSON.stringify(value)}`, { entry: headerName });
            out.size = Number(value);
        }
        at = end;
    }
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
/** A GNU long name: the payload without its trailing NULs (a NUL inside is left for the name check). */
function longName(data, archive) {
    let end = data.length;
    while (end > 0 && data[end - 1] === 0)
        end--;
    const name = decodeName(data.subarray(0, end));
    if (name === undefined)
        throw refuseEntry(archive, lossyName(data.subarray(0, end)), 'has a name that is not valid UTF-8');
    return name;
}
/** After the first zero block: only zero blocks (the second marker block, record padding) may follow. */
async function readTrailer(reader, archive) {
    while (!(await reader.atEnd())) {
        if (!isZero(await reader.read(BLOCK)))
            throw corruptArchive(archive, 'data follows the end-of-archive marker');
    }
}
/** A field up to its first NUL (fixed-width fields need no NUL when full). */
function cString(block, offset, width) {
    const field = block.subarray(offset, offset + width);
    const nul = field.indexOf(0);
    return nul < 0 ? field : field.subarray(0, nul);
}
function isZero(block) {
    for (const byte of block)
        if (byte !== 0)
            return false;
    return true;
}
function padded(size) {
    return Math.ceil(size / BLOCK) * BLOCK;
}

/**
 * Read `content` whole if it is at most `limit` bytes: `whole`, one copied buffer (the chunks
 * may be slices of much larger decompressor output, which a small file should not keep
 * alive). Otherwise `rest` yields all of it, the chunks already read first, and reads the
 * remainder from `content` as it is iterated.
 */
async function gather(content, limit) {
    const iterator = content[Symbol.asyncIterator]();
    const head = [];
    let size = 0;
    for (;;) {
        const next = await iterator.next();
        if (next.done === true)
            return { whole: Buffer.concat(head, size) };
        head.push(next.value);
        size += next.value.length;
        if (size > limit)
            return { rest: resume(head, iterator) };
    }
}
async function* resume(head, iterator) {
    yield* head;
    for (;;) {
        const next = await iterator.next();
        if (next.done === true)
            return;
        yield next.value;
    }
}

/**
 * One file being written: created with `wx` (exclusive: never through an existing file or
 * link) and mode 0600 until complete, its chunks written at their offsets in the
 * background, then given its final mode and closed. The handle is closed exactly
 * once, by {@link complete} or {@link abort}, and only after every write has settled.
 */
class FileJob {
    handle;
    path;
    /**
     * One write at a time, in the background: the next chunk is read (and inflated) while one
     * is written; two writes to one file at once would only contend for its lock.
     */
    writes = new WorkPool(1);
    size = 0;
    closed = false;
    constructor(handle, path) {
        this.handle = handle;
        this.path = path;
    }
    /** Create `path`, which must not exist. Errors are the file system's (EEXIST, ENOENT, ...). */
    static async create(path) {
        return new FileJob(await open(path, 'wx', 0o600), path);
    }
    /** Bytes handed to {@link write} so far. */
    get written() {
        return this.size;
    }
    /**
     * Start writing `chunk` after the bytes before it; returns once it is under way (waiting
     * for the write before it). The caller must not change `chunk` afterwards.
     */
    async write(chunk) {
        if (chunk.length === 0)
            return;
        const at = this.size;
        this.size += chunk.length;
        await this.writes.add(() => writeAllAt(this.handle, chunk, at, this.path));
    }
    /** Wait for every write, set the final mode (not subject to the umask), and close. */
    async complete(mode) {
        try {
            await this.writes.drain();
            await this.handle.chmod(mode);
        }
        catch (error) {
            await this.abort();
            throw error;
        }
        // A failed close can be a late write error (network file systems): it must not be lost.
        this.closed = true;
        await this.handle.close();
    }
    /** Wait for the writes under way to settle and close; never throws. Safe to call twice. */
    async abort() {
        await this.writes.settle();
        if (this.closed)
            return;
        this.closed = true;
        await this.handle.close().catch(() => undefined);
    }
}
/** Write all of `chunk` at `position` (a write may be partial). */
async function writeAllAt(handle, chunk, position, path) {
    let offset = 0;
    while (offset < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, position + offset);
        if (bytesWritten === 0)
            throw new Error(`could not write to ${path}`);
        offset += bytesWritten;
    }
}
/**
 * Create `path` (which must not exist: `wx`, mode 0600 until complete), write all of `data`
 * and give it `mode` (not subject to the umask), synchronously. Errors are the file
 * system's; the file is closed in any case.
 */
function writeNewFileSync(path, data, mode) {
    const fd = openSync(path, 'wx', 0o600);
    try {
        let offset = 0;
        while (offset < data.length) {
            const written = writeSync(fd, data, offset, data.length - offset, offset);
            if (written === 0)
                throw new Error(`could not write to ${path}`);
            offset += written;
        }
        fchmodSync(fd, mode);
    }
    finally {
        closeSync(fd);
    }
}

/**
 * Files up to this size are read whole into memory and written at once, synchronously;
 * larger ones are written as they stream in, in the background. Packs are mostly small
 * files: each costs four system calls of a few microseconds (open, write, chmod, close),
 * and through the thread pool every one of them would be a round trip between threads
 * that costs more than the call itself (tar writes this way too).
 */
const SMALL_FILE = 1 << 20;
/** Large files whose last writes, mode and close may be finishing in the background at once. */
const LARGE_FILES_FINISHING = 4;
/**
 * Creates files and folders strictly inside one new folder. Every path is checked with
 * {@link resolveInside} before anything is created; files are opened with `wx` (exclusive
 * create: never through an existing file or link) and get mode 0644 or 0755 whatever the
 * archive or the umask says; folders get 0755. Nothing here ever creates a link, so no path
 * component below the root can lead elsewhere.
 *
 * {@link queueFile} returns once a file's content has been read: a large file's writes go on
 * in the background while the next entries are read. Call {@link finish} to wait for all of
 * them (and see the first failure), or, after a failure, {@link abandon} before removing the
 * target, so that nothing is still being written into it.
 */
class SafeWriter {
    root;
    archive;
    /** Folders created or being created, by `/`-joined segments: files being written share one mkdir. */
    made = new Map();
    background = new WorkPool(LARGE_FILES_FINISHING);
    /** Files open for writing, so {@link abandon} can close any whose completion never started. */
    open = new Set();
    constructor(
    /** The target folder, already created, as a real path (no symbolic links). */
    root, archive) {
        this.root = root;
        this.archive = archive;
    }
    /** A folder and any missing parents. `name` is the entry's name, for messages. */
    async directory(name, segments) {
        await this.folders(name, segments);
    }
    /** A file with its content streamed in, completely written when this resolves; returns the bytes written. */
    async file(name, segments, executable, content) {
        const job = await this.stream(name, segments, content);
        await this.complete(job, name, executable);
        return job.written;
    }
    /**
     * A file whose content is read now: resolves (with the byte count) once `content` is
     * consumed. A small file is written by then; a large one may still be being written, and a
     * failure to write it is thrown by a later call or by {@link finish}.
     */
    async queueFile(name, segments, executable, content) {
        const head = await gather(content, SMALL_FILE);
        if (head.whole !== undefined) {
            await this.folders(name, segments.slice(0, -1));
            const path = this.inside(name, segments);
            try {
                writeNewFileSync(path, head.whole, modeFor(executable));
            }
            catch (error) {
                throw this.failure(error, name, path);
            }
            return head.whole.length;
        }
        const job = await this.stream(name, segments, head.rest);
        // The job is in `open`: if this add throws (an earlier failure), abandon() closes it.
        await this.background.add(() => this.complete(job, name, executable));
        return job.written;
    }
    /** Wait until every queued file is written; throws the first failure. */
    async finish() {
        await this.background.drain();
    }
    /** After a failure: wait for every write under way to settle and close every file. Never throws. */
    async abandon() {
        await this.background.settle();
        for (const job of this.open)
            await job.abort();
        this.open.clear();
    }
    /** Create the file and start writing `content` into it; resolves once `content` is consumed. */
    async stream(name, segments, content) {
        await this.folders(name, segments.slice(0, -1));
        const path = this.inside(name, segments);
        let job;
        try {
            job = await FileJob.create(path);
        }
        catch (error) {
            throw this.failure(error, name, path);
        }
        this.open.add(job);
        try {
            for await (const chunk of content)
                await job.write(chunk);
        }
        catch (error) {
            await job.abort();
            this.open.delete(job);
            throw this.failure(error, name, path);
        }
        return job;
    }
    async complete(job, name, executable) {
        try {
            await job.complete(modeFor(executable));
        }
        catch (error) {
            throw this.failure(error, name, job.path);
        }
        finally {
            this.open.delete(job);
        }
    }
    async folders(name, segments) {
        for (let i = 1; i <= segments.length; i++) {
            const key = segments.slice(0, i).join('/');
            let made = this.made.get(key);
            if (made === undefined) {
                made = this.makeFolder(name, segments.slice(0, i));
                // Every file below shares this promise; a failure stays recorded for them too.
                made.catch(() => undefined);
                this.made.set(key, made);
            }
            await made;
        }
    }
    async makeFolder(name, segments) {
        const path = this.inside(name, segments);
        try {
            await mkdir(path);
            await chmod(path, 0o755);
        }
        catch (error) {
            throw this.failure(error, name, path);
        }
    }
    inside(name, segments) {
        const path = resolveInside(this.root, segments);
        if (path === undefined)
            throw refuseEntry(this.archive, name, `resolves outside the target folder ${this.root}`);
        return path;
    }
    /** Errors the archive causes are integrity errors; the rest (disk full, permissions) are about the target. */
    failure(error, name, path) {
        const code = error?.code;
        // The name checks make these impossible on a plain local file system; keep them the archive's fault.
        if (code === 'EEXIST')
            return refuseEntry(this.archive, name, `would overwrite ${path}, which an earlier entry created (the file system may ignore case)`, { cause: error });
        if (code === 'ENAMETOOLONG')
            return refuseEntry(this.archive, name, 'has a name too long for this file system', { cause: error });
        return fsInputError(error, 'extracted file', path);
    }
}
/** 0644, or 0755 when any execute bit was set: nothing else of an archive's mode survives. */
function modeFor(executable) {
    return executable ? 0o755 : 0o644;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const MAX_COMMENT = 0xffff;
/** Bytes per read of compressed data or central directory. */
const READ_CHUNK = 64 * 1024;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_MASKED_HEADERS = 0x2000;
const STORED = 0;
const DEFLATE = 8;
const METHOD_NAMES = { 1: 'shrink', 6: 'implode', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd', 95: 'xz', 98: 'ppmd' };
/** Hosts whose external attributes carry a Unix mode in the high 16 bits: Unix and macOS. */
const UNIX_HOSTS = new Set([3, 19]);
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const UNIX_TYPES = {
    0o120000: 'a symbolic link',
    0o020000: 'a character device',
    0o060000: 'a block device',
    0o010000: 'a FIFO (named pipe)',
    0o140000: 'a socket',
};
const DOS_DIRECTORY = 0x10;
/**
 * A zip read through one FileHandle: the central directory is read (streamed) and checked
 * in full when the reader opens, so an archive with a bad name, type, method or size is
 * refused before a byte is written; each entry's data is then streamed from its range of
 * the file through inflate, counted, and checked against its size and CRC-32. Zip64,
 * encryption, multi-disk archives and methods other than stored and deflate are refused.
 */
class ZipReader {
    archive;
    handle;
    budget;
    records;
    constructor(archive, handle, budget, records) {
        this.archive = archive;
        this.handle = handle;
        this.budget = budget;
        this.records = records;
    }
    /** Open `archive` (`size` bytes) and read its central directory. */
    static async open(archive, size, budget) {
        let handle;
        try {
            handle = await open(archive, 'r');
        }
        catch (error) {
            throw fsInputError(error, 'archive', archive);
        }
        try {
            const records = await readCentralDirectory(archive, handle, size, budget);
            return new ZipReader(archive, handle, budget, records);
        }
        catch (error) {
            await handle.close();
            throw ioError(error, archive);
        }
    }
    /** Every entry, in central directory order. */
    get entries() {
        return this.records.map((record) => ({ name: record.name, kind: record.kind, executable: record.executable, content: () => this.content(record) }));
    }
    async close() {
        await this.handle.close();
    }
    async *content(record) {
        if (record.kind !== 'file')
            return;
        const start = await this.dataStart(record);
        const raw = Readable.from(readRange(this.handle, start, start + record.compressedSize), { objectMode: false });
        let inflate;
        let output = raw;
        if (record.method === DEFLATE) {
            inflate = createInflateRaw();
            raw.on('error', (error) => inflate.destroy(error));
            output = raw.pipe(inflate);
        }
        let crc = 0;
        let size = 0;
        try {
            for await (const chunk of output) {
                size += chunk.length;
                this.budget.addBytes(chunk.length, record.name);
                // Never trust the header alone: stop the moment the data outgrows what it declared.
                if (size > record.size)
                    throw this.corrupt(record, 'unpacks to more bytes than its header declares', record.size, `more than ${record.size}`);
                crc = crc32(chunk, crc);
                yield chunk;
            }
        }
        catch (error) {
            throw ioError(error, this.archive, record.name);
        }
        finally {
            raw.destroy();
            inflate?.destroy();
        }
        if (size !== record.size)
            throw this.corrupt(record, 'unpacks to fewer bytes than its header declares', record.size, size);
        if (crc >>> 0 !== record.crc)
            throw this.corrupt(record, 'fails its CRC-32 check', hex(record.crc), hex(crc >>> 0));
        if (inflate !== undefined && inflate.bytesWritten !== record.compressedSize) {
            throw this.corrupt(record, 'has compressed data of a different length than its header declares', record.compressedSize, inflate.bytesWritten);
        }
        if (record.flags & FLAG_DESCRIPTOR)
            await this.checkDescriptor(record, start + record.compressedSize);
    }
    /** Check the local header against the central record; returns where the data starts. */
    async dataStart(record) {
        const header = await this.readAt(record.localOffset, LOCAL_SIZE);
        if (header.length < LOCAL_SIZE || header.readUInt32LE(0) !== LOCAL_SIGNATURE)
            throw this.corrupt(record, 'has no local header where the central directory says');
        const flags = header.readUInt16LE(6);
        const nameLength = header.readUInt16LE(26);
        const start = record.localOffset + LOCAL_SIZE + nameLength + header.readUInt16LE(28);
        const localName = await this.readAt(record.localOffset + LOCAL_SIZE, nameLength);
        // Other tools may trust the local header: any disagreement could extract a different file.
        const agrees = localName.equals(record.nameBytes) &&
            (flags & FLAG_ENCRYPTED) === 0 &&
            header.readUInt16LE(8) === record.method &&
            ((flags & FLAG_DESCRIPTOR) !== 0 ||
                (header.readUInt32LE(14) === record.crc && header.readUInt32LE(18) === record.compressedSize && header.readUInt32LE(22) === record.size));
        if (!agrees)
            throw refuseEntry(this.archive, record.name, 'has a local header that disagrees with the central directory (name, method, encryption, CRC or sizes)');
        const descriptor = record.flags & FLAG_DESCRIPTOR ? 12 : 0;
        if (start + record.compressedSize + descriptor > record.bound)
            throw refuseEntry(this.archive, record.name, 'has data that overlaps the next entry or the central directory');
        return start;
    }
    /** A data descriptor (optionally signed) must repeat the central directory's CRC and sizes. */
    async checkDescriptor(record, at) {
        const bytes = await this.readAt(at, 16);
        const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === DESCRIPTOR_SIGNATURE;
        const fields = signed ? bytes.subarray(4) : bytes;
        if (fields.length < 12 || (signed && at + 16 > record.bound))
            throw this.corrupt(record, 'is missing its data descriptor');
        if (fields.readUInt32LE(0) !== record.crc || fields.readUInt32LE(4) !== record.compressedSize || fields.readUInt32LE(8) !== record.size) {
            throw this.corrupt(record, 'has a data descriptor that disagrees with the central directory');
        }
    }
    async readAt(position, length) {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await this.handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
    }
    corrupt(record, problem, expected, actual) {
        return corruptArchive(this.archive, `the entry ${problem}`, { entry: record.name, expected: optional(expected), actual: optional(actual) });
    }
}
/** Find and read the end record, then read, check and count every central directory record. */
async function readCentralDirectory(archive, handle, size, budget) {
    const end = await findEnd(archive, handle, size);
    const records = [];
    const reader = new ByteReader(readRange(handle, end.offset, end.offset + end.size), `archive ${archive}`, () => corruptArchive(archive, 'the central directory is cut short'));
    while (!(await reader.atEnd())) {
        const record = await readRecord(reader, archive, end.offset);
        budget.addEntry(record.name);
        records.push(record);
    }
    if (records.length !== end.count) {
        throw corruptArchive(archive, 'the central directory holds a different number of entries than its end record says', { expected: String(end.count), actual: String(records.length) });
    }
    checkLayout(archive, records, end.offset);
    budget.checkDeclared(records.reduce((sum, r) => sum + r.size, 0));
    return records;
}
/** The end of central directory record: the last one whose comment runs exactly to the end of the file. */
async function findEnd(archive, handle, size) {
    const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    for (let at = tailLength - EOCD_SIZE; at >= 0; at--) {
        if (tail.readUInt32LE(at) !== EOCD_SIGNATURE || at + EOCD_SIZE + tail.readUInt16LE(at + 20) !== tailLength)
            continue;
        const eocdOffset = size - tailLength + at;
        const fields = [4, 6, 8, 10].map((o) => tail.readUInt16LE(at + o));
        const cdSize = tail.readUInt32LE(at + 12);
        const cdOffset = tail.readUInt32LE(at + 16);
        const zip64 = at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR_SIGNATURE;
        if (zip64 || fields.includes(0xffff) || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
            throw refuseArchive(archive, 'is a zip64 archive, which packreg does not extract; publish it as tar.gz, or as a zip under 4 GiB with fewer than 65535 entries');
        }
        if (fields[0] !== 0 || fields[1] !== 0 || fields[2] !== fields[3])
            throw refuseArchive(archive, 'spans several disks, which packreg does not extract');
        if (cdOffset + cdSize !== eocdOffset) {
            throw corruptArchive(archive, 'the central directory does not end where the end record starts', { expected: String(eocdOffset), actual: String(cdOffset + cdSize) });
        }
        return { count: fields[3], size: cdSize, offset: cdOffset };
    }
    throw corruptArchive(archive, 'no end of central directory record at the end of the file (not a complete zip)');
}
async function readRecord(reader, archive, cdOffset) {
    const fixed = await reader.read(CENTRAL_SIZE);
    if (fixed.readUInt32LE(0) !== CENTRAL_SIGNATURE)
        throw corruptArchive(archive, 'the central directory holds something that is not an entry record');
    const nameBytes = await reader.read(fixed.readUInt16LE(28));
    await reader.skip(fixed.readUInt16LE(30) + fixed.readUInt16LE(32)); // extra field, comment
    const name = decodeName(nameBytes);
    if (name === undefined)
        throw refuseEntry(archive, lossyName(nameBytes), 'has a name that is not valid UTF-8');
    const flags = fixed.readUInt16LE(8);
    const method = fixed.readUInt16LE(10);
    const record = {
        name,
        nameBytes,
        flags,
        method,
        crc: fixed.readUInt32LE(16),
        compressedSize: fixed.readUInt32LE(20),
        size: fixed.readUInt32LE(24),
        localOffset: fixed.readUInt32LE(42),
        bound: cdOffset,
        ...entryType(archive, name, fixed.readUInt16LE(4) >> 8, fixed.readUInt32LE(38)),
    };
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS) || method === 99) {
        throw refuseEntry(archive, name, 'is encrypted; packreg extracts only unencrypted archives');
    }
    if (method !== STORED && method !== DEFLATE) {
        throw refuseEntry(archive, name, `uses compression method ${method}${METHOD_NAMES[method] ? ` (${METHOD_NAMES[method]})` : ''}; only stored (0) and deflate (8) are supported`);
    }
    if ([record.compressedSize, record.size, record.localOffset].includes(0xffffffff) || fixed.readUInt16LE(34) === 0xffff) {
        throw refuseEntry(archive, name, 'uses zip64 sizes or offsets, which packreg does not extract');
    }
    if (fixed.readUInt16LE(34) !== 0)
        throw refuseArchive(archive, 'spans several disks, which packreg does not extract');
    if (method === STORED && record.compressedSize !== record.size)
        throw corruptArchive(archive, 'a stored entry has different compressed and unpacked sizes', { entry: name });
    if (record.kind === 'directory' && record.size !== 0)
        throw refuseEntry(archive, name, 'is a directory with content');
    return record;
}
/** File or folder, from the name and the attributes; links, devices and the rest are refused. */
function entryType(archive, name, host, attributes) {
    const unix = UNIX_HOSTS.has(host);
    const mode = unix ? attributes >>> 16 : 0;
    const type = mode & S_IFMT;
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
        const what = UNIX_TYPES[type] ?? `a special file (mode ${mode.toString(8)})`;
        throw refuseEntry(archive, name, `is ${what}; only regular files and directories are extracted`);
    }
    const directory = name.endsWith('/') || type === S_IFDIR || (!unix && (attributes & DOS_DIRECTORY) !== 0);
    if (directory && type === S_IFREG)
        throw refuseEntry(archive, name, 'is a regular file whose name ends with /');
    return { kind: directory ? 'directory' : 'file', executable: !directory && (mode & 0o111) !== 0 };
}
/**
 * Entries must not share or overlap data (the "overlapping files" zip bomb reuses one
 * compressed block for many entries): each ends before the next begins. Sets each bound.
 */
function checkLayout(archive, records, cdOffset) {
    const byOffset = [...records].sort((a, b) => a.localOffset - b.localOffset);
    for (let i = 0; i < byOffset.length; i++) {
        const record = byOffset[i];
        record.bound = i + 1 < byOffset.length ? byOffset[i + 1].localOffset : cdOffset;
        if (record.localOffset + LOCAL_SIZE + record.nameBytes.length + record.compressedSize > record.bound) {
            throw refuseEntry(archive, record.name, 'has data that overlaps another entry or the central directory');
        }
    }
}
/**
 * The bytes in [start, end) of the file, a chunk at a time. Read through the one FileHandle
 * rather than FileHandle.createReadStream, whose destroy() closes the handle even with
 * autoClose: false (Node 20), which would end the reader at the first abandoned entry.
 */
async function* readRange(handle, start, end) {
    for (let position = start; position < end;) {
        const length = Math.min(READ_CHUNK, end - position);
        const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(length), 0, length, position);
        if (bytesRead === 0)
            return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
    }
}
/** File-system and zlib failures while reading, named after the archive (and entry). */
function ioError(error, archive, entry) {
    if (error instanceof PackregError)
        return error;
    const code = error?.code ?? '';
    if (code.startsWith('Z_'))
        return corruptArchive(archive, `the compressed data is damaged or cut short (zlib: ${error.message})`, { entry, cause: error });
    return fsInputError(error, 'archive', archive);
}
function hex(value) {
    return value.toString(16).padStart(8, '0');
}
function optional(value) {
    return value === undefined ? undefined : String(value);
}

/**
 * Extract `archive` — a gzip-compressed tar or a zip, told apart by its first bytes, never
 * by its name — into `into`, which must not exist: it is created, and removed entirely if
 * anything fails, so a refused archive leaves nothing behind.
 *
 * Hostile or damaged content throws an IntegrityError naming the entry and the rule it
 * breaks: unsafe names (`..`, absolute, drive letters, backslashes, control characters),
 * duplicates and case or Unicode look-alikes, links, devices and other special files,
 * encryption, more than `maxEntries` entries, more than `maxBytes` (or `maxRatio` × the
 * archive size) unpacked — counted as the bytes stream out of the decompressor — and bad
 * checksums, CRCs, sizes or truncation. Files are written 0644, or 0755 when any execute
 * bit was set; setuid, setgid and sticky bits are dropped.
 *
 * Entries are extracted as they are named; when all of them sit under one top-level folder
 * (as in every archive packreg builds), `root` points at that folder and `stripped` names it.
 */
async function extractArchive(archive, into, options = {}) {
    const { format, size } = await detectFormat(archive);
    return extractInto(into, { label: archive, format, size }, options, (budget, names, writer) => format === 'zip'
        ? extractZip(archive, size, budget, names, writer)
        : // 1 MiB reads: each chunk costs gunzip one thread-pool round trip.
            extractTarGz(createReadStream(archive, { highWaterMark: 1 << 20 }), archive, budget, names, writer));
}
/**
 * {@link extractArchive} for a gzip-compressed tar read from a stream as it arrives (a
 * download being unpacked in the same pass), with the same checks, limits and clean-up.
 * Destroying `source` with an error stops the extraction: it fails and `into` is removed.
 */
async function extractTarGzStream(archive, into, options = {}) {
    try {
        return await extractInto(into, { ...archive, format: 'tar.gz' }, options, (budget, names, writer) => extractTarGz(archive.source, archive.label, budget, names, writer));
    }
    finally {
        // Also when `into` could not even be created: whoever feeds the stream must see it end.
        archive.source.destroy();
    }
}
/** Create `into`, run `extract` into it, and remove it entirely if anything fails. */
async function extractInto(into, archive, options, extract) {
    const limits = resolveLimits(options.limits);
    const logger = options.logger ?? silentLogger;
    const target = await createTarget(into);
    const writer = new SafeWriter(target.real, archive.label);
    try {
        const names = new EntryNames();
        const written = await extract(new ExtractBudget(archive.label, limits, archive.size), names, writer);
        await writer.finish();
        const stripped = names.topDirectory();
        const root = stripped === undefined ? target.path : join(target.path, stripped);
        logger.info(`extracted ${archive.format} archive ${archive.label}: ${written.files} files, ${written.bytes} bytes -> ${root}`);
        return { root, ...written, ...(stripped === undefined ? {} : { stripped }) };
    }
    catch (error) {
        // Files may still be being written in the background: let them settle before removing the target.
        await writer.abandon();
        // Keep the archive's error: it is the one the caller must see, even if the clean-up fails too.
        await rm(target.real, { recursive: true, force: true }).catch((cleanup) => logger.warning(`could not remove ${target.real} after a failed extraction: ${messageOf(cleanup)}`));
        throw error;
    }
}
/**
 * A tar streams: each entry is checked, and its content read and handed to the writer,
 * before the next is read; the writes themselves may finish while later entries are read.
 */
async function extractTarGz(compressed, archive, budget, names, writer) {
    const written = { files: 0, bytes: 0 };
    for await (const entry of readTarGz(compressed, archive, budget)) {
        const segments = admit(entry, names, archive);
        if (segments !== undefined)
            await write(entry, segments, writer, written);
    }
    return written;
}
/** A zip is checked whole (every name, type and size) before its first file is written. */
async function extractZip(archive, size, budget, names, writer) {
    const written = { files: 0, bytes: 0 };
    const zip = await ZipReader.open(archive, size, budget);
    try {
        const admitted = zip.entries.map((entry) => ({ entry, segments: admit(entry, names, archive) }));
        for (const { entry, segments } of admitted)
            if (segments !== undefined)
                await write(entry, segments, writer, written);
    }
    finally {
        await zip.close();
    }
    return written;
}
/** Check an entry's name and record its path; undefined for the archive root itself (`./`). */
function admit(entry, names, archive) {
    const problem = nameProblem(entry.name);
    if (problem !== undefined)
        throw refuseEntry(archive, entry.name, problem);
    const segments = splitEntryName(entry.name);
    if (segments.length === 0) {
        if (entry.kind === 'directory')
            return undefined;
        throw refuseEntry(archive, entry.name, 'is a file named after the archive root');
    }
    const clash = names.add(segments, entry.kind);
    if (clash !== undefined)
        throw refuseEntry(archive, entry.name, clash);
    return segments;
}
async function write(entry, segments, writer, written) {
    if (entry.kind === 'directory') {
        await writer.directory(entry.name, segments);
        return;
    }
    written.bytes += await writer.queueFile(entry.name, segments, entry.executable, entry.content());
    written.files += 1;
}
/** gzip starts 1f 8b; a zip starts with a local header, or is empty (just the end record). */
async function detectFormat(archive) {
    let head;
    let size;
    try {
        const handle = await open(archive, 'r');
        try {
            const stat = await handle.stat();
            if (!stat.isFile())
                throw new InputError(`archive ${archive} is not a regular file`);
            size = stat.size;
            head = Buffer.alloc(4);
            head = head.subarray(0, (await handle.read(head, 0, 4, 0)).bytesRead);
        }
        finally {
            await handle.close();
        }
    }
    catch (error) {
        throw fsInputError(error, 'archive', archive);
    }
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
        return { format: 'tar.gz', size };
    if (head.length === 4 && (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50))
        return { format: 'zip', size };
    const first = head.length === 0 ? 'it is empty' : `it starts with ${head.toString('hex').replace(/(..)/g, '$1 ').trim()}`;
    throw corruptArchive(archive, `it is neither a gzip-compressed tar (starting 1f 8b) nor a zip (starting 50 4b 03 04): ${first}`);
}
/** Create `into` (which must not exist; its parent must); returns it as given and as a real path. */
async function createTarget(into) {
    const path = resolve(into);
    try {
        await mkdir(path, { mode: 0o755 });
    }
    catch (error) {
        const code = error.code;
        if (code === 'EEXIST') {
            throw new InputError(`extraction folder ${path} already exists; extraction needs a new folder: remove it or choose another path`, { cause: error });
        }
        if (code === 'ENOENT')
            throw new InputError(`extraction folder ${path}: the folder ${dirname(path)} does not exist; create it first`, { cause: error });
        throw fsInputError(error, 'extraction folder', path);
    }
    return { path, real: await realpath(path) };
}

/**
 * Compressed bytes held for gunzip: how far the download may run ahead of the extraction.
 * Beyond it the download waits (the socket stops being read); a wait longer than the HTTP
 * timeout ends that attempt as a timeout, and the retry goes to the file alone.
 */
const AHEAD = 8 << 20;
/**
 * Unpacks a tar.gz download into `into` while it arrives, so that downloading, hashing and
 * extracting are one pass over the bytes instead of two. Give it to
 * {@link HttpClient.download} as the tee; when the download has settled, compare its checksum
 * and then take {@link StreamedExtraction.outcome} (or {@link StreamedExtraction.discard} it).
 *
 * Only a body that declares its length (the base of the ratio limit) and starts like gzip is
 * unpacked this way, and only the first attempt's: a zip needs its central directory at the
 * end, and a retried body starts over. In those cases the outcome is undefined, and the
 * caller extracts the finished file as before.
 *
 * Unverified bytes are parsed, but nothing is trusted before the checksum is compared: the
 * extraction writes only into `into` (inside the caller's private scratch folder) under the
 * same name rules and limits as any extraction, and on a mismatch `discard` removes it. The
 * extractor is built for hostile archives anyway, since local and unverified ones use it too.
 */
class StreamedExtraction {
    into;
    label;
    logger;
    ahead;
    opened = false;
    running;
    /** Set when the bytes stopped coming before the end: the outcome no longer counts. */
    abandoned = false;
    /** `ahead`: compressed bytes held for gunzip before the download is held back (tests make it small). */
    constructor(into, label, logger, ahead = AHEAD) {
        this.into = into;
        this.label = label;
        this.logger = logger;
        this.ahead = ahead;
    }
    open(body) {
        const first = !this.opened;
        this.opened = true;
        const size = body.declaredLength;
        if (!first || size === undefined)
            return undefined;
        let decided = false;
        return {
            write: (chunks) => {
                if (!decided) {
                    decided = true;
                    if (startsLikeGzip(chunks))
                        this.start(size);
                }
                return this.feed(chunks);
            },
            end: () => this.running?.pass.end(),
            abort: () => this.abandon(),
        };
    }
    /**
     * Once the download succeeded: waits for the extraction and says how it ended; undefined
     * when it did not run over the whole body (then nothing of it is left in `into`).
     */
    async outcome() {
        if (this.running === undefined)
            return undefined;
        const outcome = await this.running.outcome;
        if (!this.abandoned)
            return outcome;
        await this.discard();
        return undefined;
    }
    /**
     * Stop the extraction, if one ran, and remove what it wrote: the download failed or did not
     * match. Never throws: the caller is already reporting the error that matters (and removes
     * its scratch folder in the end anyway).
     */
    async discard() {
        if (this.running === undefined)
            return;
        this.abandon();
        const outcome = await this.running.outcome;
        if (outcome.kind !== 'extracted')
            return;
        await rm(this.into, { recursive: true, force: true }).catch((error) => this.logger.warning(`could not remove ${this.into}: ${messageOf(error)}`));
    }
    start(size) {
        const pass = new PassThrough({ highWaterMark: this.ahead });
        // The extraction attaches its own listener once it starts reading; until then an abandonment must not crash.
        pass.on('error', () => undefined);
        this.logger.debug(`extracting ${this.label} while it downloads`);
        const outcome = extractTarGzStream({ source: pass, label: this.label, size }, this.into, { logger: this.logger }).then((result) => ({ kind: 'extracted', result }), (error) => ({ kind: 'failed', error }));
        this.running = { pass, outcome };
    }
    /** Hand bytes on; once the extraction has stopped (failed or abandoned) they are dropped. */
    feed(chunks) {
        const pass = this.running?.pass;
        if (pass === undefined || pass.destroyed || pass.writableEnded)
            return undefined;
        // One buffer per batch: gunzip takes a thread-pool round trip per chunk written to it.
        if (pass.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
            return undefined;
        return new Promise((resolve) => {
            const done = () => {
                pass.off('drain', done);
                pass.off('close', done);
                resolve();
            };
            pass.on('drain', done);
            pass.on('close', done);
        });
    }
    abandon() {
        this.abandoned = true;
        this.running?.pass.destroy(new Error(`the download of ${this.label} stopped before its end`));
    }
}
/** gzip's magic number, 1f 8b, at the start of the body. */
function startsLikeGzip(chunks) {
    const head = Buffer.concat(chunks.slice(0, 2)).subarray(0, 2);
    return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The reference installer's cap for an archive download: 100 MiB. */
const ARCHIVE_MAX_BYTES = 100 * 1024 * 1024;
/**
 * Download (or, for file:// URLs, read) an archive into `work`, hashing it in the same pass,
 * compare the sha256, and extract it safely into `into`. A tar.gz download is unpacked as it
 * arrives (see {@link StreamedExtraction}); nothing unpacked counts until the checksum
 * matches. A mismatch deletes the download and whatever was unpacked from it, and names
 * expected and actual. The download never outlives the call.
 */
async function fetchArchive(request, work, into, deps) {
    const local = request.url.startsWith('file:');
    const file = local ? fileURLToPath(request.url) : join(work, 'download');
    const streamed = local ? undefined : new StreamedExtraction(into, displayLocation(request.url), deps.logger);
    try {
        const sha256 = local ? (await digestFile(file, 'sha256')).hex : (await download(request, file, deps, streamed)).sha256;
        const expected = request.checksum?.replace(/^sha256:/, '');
        if (expected !== undefined && expected !== sha256) {
            throw new IntegrityError(`the archive at ${displayLocation(request.url)} does not match its checksum: expected sha256:${expected}, got sha256:${sha256}. It was deleted, with anything unpacked from it, and nothing was installed; the registry entry or the archive is wrong`, `sha256:${expected}`, `sha256:${sha256}`);
        }
        deps.logger.info(`${displayLocation(request.url)}: sha256:${sha256} ${expected ? 'verified' : 'NOT verified (no checksum)'}`);
        const outcome = await streamed?.outcome();
        // The checksum matched, so a refusal of the streamed content is a refusal of the archive itself.
        if (outcome?.kind === 'failed')
            throw outcome.error;
        return { ...(outcome?.result ?? (await extractArchive(file, into, { logger: deps.logger }))), sha256 };
    }
    catch (error) {
        await streamed?.discard();
        throw error;
    }
    finally {
        if (!local)
            await rm(file, { force: true });
    }
}
function download(request, file, deps, tee) {
    return deps.http.download(request.url, file, {
        headers: request.headers,
        timeoutMs: request.timeoutMs,
        maxBytes: request.maxBytes ?? ARCHIVE_MAX_BYTES,
        retries: 2,
        allowHttp: request.allowHttp,
        ca: request.ca,
    }, tee);
}

/** How long a killed git may take to go before packreg stops waiting for it. */
const KILL_GRACE_MS = 2000;
/**
 * Variables for every git run: never a prompt (CI has no one to answer, and a hostile
 * server must not get a typed password), never an askpass program (GIT_ASKPASS set but empty
 * stops git looking further), messages in English so failures can be told apart, and
 * nothing inherited that points git at another repository or injects configuration.
 */
const ENVIRONMENT = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    GIT_DIR: undefined,
    GIT_WORK_TREE: undefined,
    GIT_INDEX_FILE: undefined,
    GIT_OBJECT_DIRECTORY: undefined,
    GIT_ALTERNATE_OBJECT_DIRECTORIES: undefined,
    GIT_COMMON_DIR: undefined,
    GIT_NAMESPACE: undefined,
    GIT_CONFIG_PARAMETERS: undefined,
    GIT_CONFIG_COUNT: undefined,
};
/**
 * `-c` settings for every git run. Command-line settings win over the user's and the
 * system's configuration, so an `insteadOf` rewrite or a credential helper set there cannot
 * widen what a registry URL may reach or hand over.
 */
function settings(url, timeoutMs) {
    const stallSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const pairs = [
        'credential.helper=', // an empty value clears every helper configured before it
        `core.hooksPath=${devNull}`,
        'protocol.allow=never',
        ...url.protocols.map((p) => `protocol.${p}.allow=always`),
        'protocol.ext.allow=never',
        'fetch.recurseSubmodules=false',
        'submodule.recurse=false',
        // No background gc or maintenance that could outlive packreg inside the temporary clone.
        'gc.auto=0',
        'maintenance.auto=false',
        // A killed git leaves its transport helper behind; a stalled download must end it too.
        'http.lowSpeedLimit=1',
        `http.lowSpeedTime=${stallSeconds}`,
    ];
    return pairs.flatMap((pair) => ['-c', pair]);
}
/**
 * Fetches one commit of a remote repository into a fresh local repository, running git
 * through a {@link ProcessRunner} with {@link settings} and {@link ENVIRONMENT}. Every git
 * run counts against one deadline.
 */
class GitFetcher {
    runner;
    dir;
    url;
    timeoutMs;
    logger;
    deadline;
    constructor(runner, 
    /** The empty directory that becomes the repository. */
    dir, url, timeoutMs, logger) {
        this.runner = runner;
        this.dir = dir;
        this.url = url;
        this.timeoutMs = timeoutMs;
        this.logger = logger;
        this.deadline = Date.now() + timeoutMs;
    }
    /** Create the repository (no template: no sample hooks, no info/ files) and fetch `ref`; returns the commit id. */
    async fetch(ref) {
        await this.checked(['init', '--quiet', '--template='], 'git init');
        return ref.kind === 'commit' ? this.fetchCommit(ref.commit) : this.fetchName(ref.name);
    }
    /**
     * A pinned commit: shallow, by id, which protocol v2 servers (GitHub, GitLab, git 2.x
     * over file://) allow for any reachable commit; servers that only hand out what they
     * advertise get a full fetch of branches and tags instead, and the commit is looked up there.
     */
    async fetchCommit(commit) {
        const shallow = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--depth', '1', '--', this.url.text, commit], 'git fetch');
        if (shallow.code === 0) {
            const fetched = await this.resolve('FETCH_HEAD');
            if (fetched !== commit) {
                const leads = fetched ? ` (it leads to commit ${fetched})` : '';
                throw new InputError(`${this.url.shown}: ${commit} names a tag, tree or blob, not a commit${leads}; pin the commit id itself`);
            }
            return fetched;
        }
        this.logger.debug(`git fetch of ${commit} alone from ${this.url.shown} was refused (${summary(shallow.stderr)}); fetching all branches and tags instead`);
        const full = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--', this.url.text, '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'], 'git fetch');
        if (full.code !== 0)
            throw this.fetchFailed(full);
        const found = await this.resolve(commit);
        if (found !== commit) {
            throw new InputError(`${this.url.shown} has no commit ${commit} on any branch or tag (it may have been force-pushed away or never pushed); check the commit id, or ask the pack's maintainer to push it`);
        }
        return found;
    }
    /** A tag, a branch or HEAD: the remote resolves the name; annotated tags are peeled to their commit. */
    async fetchName(name) {
        const result = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--depth', '1', '--', this.url.text, name], 'git fetch');
        if (result.code !== 0) {
            if (/couldn't find remote ref/i.test(result.stderr)) {
                const what = name === 'HEAD' ? 'no default branch (an empty repository?)' : `no branch or tag named "${name}"`;
                throw new InputError(`${this.url.shown} has ${what}; check --ref, or give a full 40-character commit id`);
            }
            throw this.fetchFailed(result);
        }
        const commit = await this.resolve('FETCH_HEAD');
        if (commit === undefined)
            throw new InputError(`${this.url.shown}: "${name}" names no commit (a tag of a tree or a blob?); give a branch, a tag of a commit, or a commit id`);
        return commit;
    }
    /** The commit `rev` names in the local repository, or undefined. */
    async resolve(rev) {
        const result = await this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], 'git rev-parse');
        const commit = result.stdout.toString('utf8').trim();
        return result.code === 0 && /^[0-9a-f]{40}$/.test(commit) ? commit : undefined;
    }
    fetchFailed(result) {
        return new RemoteError(`git could not fetch from ${this.url.shown}: ${summary(result.stderr) || `exit code ${result.code}`}. Check the URL, that the repository is public, and the network`);
    }
    async checked(args, what) {
        const result = await this.git(args, what);
        if (result.code !== 0)
            throw new RemoteError(`${what} failed in ${this.dir}: ${summary(result.stderr) || `exit code ${result.code}`}`);
        return result;
    }
    /** Run git in the repository; a run still going at the deadline is killed and reported as a timeout. */
    git(args, what) {
        const left = this.deadline - Date.now();
        if (left <= 0)
            return Promise.reject(this.timedOut(what));
        return runWithTimeout(this.runner, ['git', ...settings(this.url, this.timeoutMs), ...args], { cwd: this.dir, env: ENVIRONMENT }, left, () => this.timedOut(what));
    }
    timedOut(what) {
        return new RemoteError(`${what} from ${this.url.shown} did not finish within ${formatSeconds(this.timeoutMs)}; the server is slow or unreachable, try again or raise the timeout`);
    }
}
/**
 * Run `command` to completion, or kill it after `timeoutMs` and throw `onTimeout()`.
 * After the kill packreg waits a moment for the process to go, but not for its children:
 * they may hold the output pipes open (git's transport helpers do).
 */
async function runWithTimeout(runner, [command, ...args], options, timeoutMs, onTimeout) {
    const child = runner.start(command, args, options);
    child.stdin.end();
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    let timer;
    const expired = new Promise((resolve) => {
        timer = setTimeout(() => resolve('expired'), timeoutMs);
    });
    try {
        const outcome = await Promise.race([child.done, expired]);
        if (outcome !== 'expired')
            return { code: outcome.code, stdout: Buffer.concat(chunks), stderr: outcome.stderr };
    }
    finally {
        clearTimeout(timer);
    }
    child.kill();
    child.stdout.destroy();
    let grace;
    await Promise.race([child.done.catch(() => undefined), new Promise((resolve) => (grace = setTimeout(resolve, KILL_GRACE_MS)))]);
    clearTimeout(grace);
    throw onTimeout();
}
/**
 * git's standard error cut to what explains the failure: no hints, no control characters
 * (server text can carry terminal escapes), nothing shaped like URL credentials, at most
 * a few lines.
 */
function summary(stderr) {
    const lines = stderr
        .split(/\r?\n|\r/)
        // eslint-disable-next-line no-control-regex
        .map((line) => line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x1f\x7f]/g, ' ').trim())
        .filter((line) => line !== '' && !line.startsWith('hint:'))
        .map((line) => line.replace(/\/\/[^/\s@]*@/g, '//'));
    const text = lines.slice(-4).join(' ');
    return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
function formatSeconds(ms) {
    return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

const COMMIT_ID = /^[0-9a-f]{40}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;
/**
 * Check a repository URL before git ever sees it. Only https (http when `allowHttp`) and
 * file:// (local registries, tests) are allowed: git would otherwise also run ssh, the
 * `ext::` command transport or the unauthenticated git:// protocol. Credentials in the URL
 * are refused because git would print them and store them in FETCH_HEAD.
 */
function checkGitUrl(url, allowHttp) {
    // Text git would read as an option, or as `<transport>::<address>` (ext::, fd::).
    if (url.startsWith('-') || /^[A-Za-z][A-Za-z0-9+.-]*::/.test(url)) {
        throw new UsageError(`${JSON.stringify(shortened(url))} is not an allowed git URL; give an https:// repository URL`);
    }
    if (CONTROL.test(url))
        throw new UsageError(`the git URL ${JSON.stringify(shortened(url))} contains a control character; give the URL without it`);
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch (error) {
        throw new UsageError(`${JSON.stringify(shortened(url))} is not a valid git URL; give an https:// repository URL`, { cause: error });
    }
    const shown = displayUrl(parsed);
    if (!['https:', 'http:', 'file:'].includes(parsed.protocol)) {
        throw new UsageError(`${shown}: the ${parsed.protocol.replace(/:$/, '')} scheme is not allowed for git sources; use https:// (or file:// for a local repository)`);
    }
    // git picks its transport from the scheme as written, so "HTTPS://" would not mean https to it.
    if (!/^(https?|file):\/\//.test(url))
        throw new UsageError(`${shown}: write the scheme in lower case, followed by "//"`);
    if (parsed.username || parsed.password) {
        throw new UsageError(`${shown}: the git URL contains credentials (user:password@); remove them (packreg never sends credentials to git remotes)`);
    }
    if (parsed.protocol === 'http:' && !allowHttp) {
        throw new UsageError(`${shown}: plain http is refused for git sources; use https, or allow http explicitly for a trusted local registry`);
    }
    if (parsed.protocol === 'file:') {
        if (parsed.host !== '')
            throw new UsageError(`${shown}: a file:// git URL must not name a host; write file:///absolute/path/repo.git`);
        return { text: url, protocols: ['file'], shown };
    }
    // Redirects never downgrade: an https remote may not send git to plain http (as for HTTP downloads).
    return { text: url, protocols: parsed.protocol === 'http:' ? ['http', 'https'] : ['https'], shown };
}
/**
 * Read the ref of a git source: a full commit id (what registry entries pin), a tag or
 * branch name (`--ref`), or the remote's default branch when absent. Names are limited to
 * what `git check-ref-format` accepts and must not look like an option or a refspec
 * (`a:b` would also write a local ref, a leading `+` forces, a leading `^` negates).
 */
function parseGitRef(ref) {
    if (ref === undefined)
        return { kind: 'name', name: 'HEAD' };
    if (COMMIT_ID.test(ref))
        return { kind: 'commit', commit: ref.toLowerCase() };
    const problem = refNameProblem(ref);
    if (problem)
        throw new UsageError(`--ref ${JSON.stringify(shortened(ref))} ${problem}; give a full 40-character commit id, a tag or a branch name`);
    return { kind: 'name', name: ref };
}
function refNameProblem(ref) {
    if (ref === '')
        return 'is empty';
    if (/^[-+^]/.test(ref))
        return 'starts with "-", "+" or "^"';
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref))
        return 'contains a space, a control character or one of ~ ^ : ? * [ \\';
    if (ref.includes('..') || ref.includes('@{') || ref.includes('//') || ref === '@')
        return 'contains "..", "@{" or "//", or is "@"';
    if (/(^|\/)\./.test(ref) || /[./]$/.test(ref) || /\.lock(\/|$)/.test(ref))
        return 'has a part starting with "." or ending in ".lock", or ends in "/" or "."';
    return undefined;
}
/** Check an expected framed checksum: `sha256:<64 lower-case hex digits>`. */
function parseExpectedChecksum(value) {
    const digest = parseDigest(value, 'expected checksum');
    if (digest.algorithm !== 'sha256') {
        throw new UsageError(`expected checksum ${value}: git sources carry the framed sha256 tree checksum (attune-pack-file-v1); give sha256:<hex>`);
    }
    return `${digest.algorithm}:${digest.hex}`;
}
/** A value quoted in a message, cut short (it may be long or hostile), with anything userinfo-shaped removed. */
function shortened(text) {
    const safe = text.replace(/\/\/[^/@]*@/, '//');
    return safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
}

/**
 * Write every file of `tree` below the existing, empty folder `root` and hash it with the
 * framed checksum in the same pass, so the checksum describes exactly the bytes written.
 * Files get 0644, or 0755 when executable, whatever the umask; folders 0755. Files are
 * created exclusively (`wx`) and no link is ever made, so nothing lands outside `root`.
 */
async function writePackTree(tree, root) {
    const hasher = new FramedHasher();
    const made = new Set();
    let previous;
    for await (const file of tree.files()) {
        const segments = checkedSegments(tree.origin, file.path);
        // gitTree sorts, so a repeat comes right after its twin (a hand-made tree object can repeat a name).
        if (previous?.equals(file.pathBytes))
            throw new InputError(`${tree.origin}: ${quote(file.path)} is listed twice in the tree; the repository is corrupt or hand-crafted`);
        previous = file.pathBytes;
        hasher.begin(file);
        for (let i = 1; i < segments.length; i++)
            await folder(root, segments.slice(0, i), made);
        await writeFile(tree.origin, file, inside(root, tree.origin, file.path, segments), (chunk) => hasher.update(chunk));
    }
    return hasher.digest();
}
/**
 * Why a tracked path must not be written, or undefined when it may: a part that climbs out
 * of the folder or plants git metadata. git refuses such entries on checkout but lists
 * them, and a hand-made tree object can hold them.
 */
function trackedPathProblem(path) {
    const bad = path.split('/').find((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git' || s.includes('\\') || s.includes('\0'));
    if (bad === undefined)
        return undefined;
    return `the tracked path ${quote(path)} has the part ${quote(bad)}, which could write outside the pack folder or into git metadata; refusing to install it`;
}
function checkedSegments(origin, path) {
    const problem = trackedPathProblem(path);
    if (problem)
        throw new InputError(`${origin}: ${problem}`);
    return path.split('/');
}
async function folder(root, segments, made) {
    const key = segments.join('/');
    if (made.has(key))
        return;
    const path = resolve(root, ...segments);
    try {
        await mkdir(path);
        await chmod(path, 0o755);
    }
    catch (error) {
        throw fsInputError(error, 'pack folder', path);
    }
    made.add(key);
}
async function writeFile(origin, file, path, hash) {
    let handle;
    try {
        handle = await open(path, 'wx', 0o600);
    }
    catch (error) {
        throw fsInputError(error, 'pack file', path);
    }
    let written = 0;
    try {
        for await (const chunk of file.content()) {
            hash(chunk);
            await writeAll(handle, chunk);
            written += chunk.length;
        }
        await handle.chmod(file.executable ? 0o755 : 0o644);
    }
    catch (error) {
        throw fsInputError(error, 'pack file', path);
    }
    finally {
        await handle.close();
    }
    if (written !== file.size)
        throw new InputError(`${origin}: ${quote(file.path)} has ${written} bytes but was listed with ${file.size}; the repository may be corrupt`);
}
/** The absolute path of `segments` below `root`; a second guard behind {@link checkedSegments}. */
function inside(root, origin, path, segments) {
    const target = resolve(root, ...segments);
    const rel = relative(root, target);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
        throw new InputError(`${origin}: the tracked path ${quote(path)} resolves outside the pack folder`);
    return target;
}
async function writeAll(handle, chunk) {
    let offset = 0;
    while (offset < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
        if (bytesWritten === 0)
            throw new Error('the file system accepted no bytes');
        offset += bytesWritten;
    }
}
function quote(text) {
    return JSON.stringify(text);
}

/**
 * Fetch the pack tree at `request.ref` into `into`, which must not exist: it is created,
 * and removed entirely on any failure. The repository is fetched into a temporary folder
 * beside `into` (removed whatever happens); the files written are those `gitTree` gives at
 * the commit (tracked, minus `export-ignore`), hashed as they are written.
 *
 * Errors: a refused URL, ref or checksum format is a UsageError (before anything runs); a
 * remote that cannot be reached or read, or a timeout, is a RemoteError; a ref or commit
 * the remote does not have, or a tree packreg refuses to install, is an InputError (the
 * request names something that is not there: retrying will not help); a checksum that
 * does not match is an IntegrityError.
 */
async function fetchGitSource(request, into, deps) {
    const url = checkGitUrl(request.url, request.allowHttp);
    const ref = parseGitRef(request.ref);
    const expected = request.expectedChecksum === undefined ? undefined : parseExpectedChecksum(request.expectedChecksum);
    const dir = resolve(into);
    await claim(dir);
    let clone;
    try {
        clone = await mkdtemp(join(dirname(dir), `.${basename(dir)}.git-`)).catch((error) => {
            throw fsInputError(error, 'folder for the temporary repository', dirname(dir));
        });
        deps.logger.info(`fetching ${url.shown}${request.ref === undefined ? '' : ` at ${request.ref}`}`);
        const fetcher = new GitFetcher(deps.runner ?? nodeProcessRunner, clone, url, request.timeoutMs, deps.logger);
        const commit = await fetcher.fetch(ref);
        const digest = await readInto(deps, clone, commit, url, dir);
        const checksum = formatDigest(digest);
        if (expected !== undefined && checksum !== expected) {
            throw new IntegrityError(`${url.shown} at commit ${commit}: the pack tree has checksum ${checksum}, but ${expected} was expected; the repository's content changed since the checksum was recorded (or was tampered with). Nothing was installed`, expected, checksum);
        }
        return { dir, commit, checksum, files: digest.files };
    }
    catch (error) {
        await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch((cleanup) => {
            deps.logger.warning(`could not remove ${dir} after a failed install: ${messageOf(cleanup)}; remove it by hand`);
        });
        throw error;
    }
    finally {
        if (clone !== undefined) {
            // maxRetries: a git killed at the timeout may still be finishing writes in there.
            await rm(clone, { recursive: true, force: true, maxRetries: 5 }).catch((cleanup) => {
                deps.logger.warning(`could not remove the temporary repository ${clone}: ${messageOf(cleanup)}; remove it by hand`);
            });
        }
    }
}
/** Create `dir` (and its parents); an existing `dir` is refused, and never removed. */
async function claim(dir) {
    try {
        await mkdir(dirname(dir), { recursive: true });
        await mkdir(dir, { mode: 0o755 });
    }
    catch (error) {
        if (error.code === 'EEXIST') {
            throw new InputError(`pack folder ${dir} already exists; remove it first, or install somewhere else`, { cause: error });
        }
        throw fsInputError(error, 'pack folder', dir);
    }
}
/**
 * Write the pack tree at `commit` of the clone into `dir`. Paths are checked before gitTree
 * runs, since git itself fails on hostile ones with messages about the temporary clone;
 * errors name the URL instead of that clone.
 */
async function readInto(deps, clone, commit, url, dir) {
    const origin = `${url.shown} at commit ${commit}`;
    let tree;
    try {
        for (const blob of await deps.git.listTree(clone, commit, '')) {
            const problem = trackedPathProblem(blob.path);
            if (problem)
                throw new InputError(`${origin}: ${problem}`);
        }
        tree = await gitTree(deps.git, { top: clone, prefix: '' }, commit, deps.logger);
    }
    catch (error) {
        if (!(error instanceof InputError || error instanceof RemoteError) || error.message.startsWith(origin))
            throw error;
        const message = `${origin}: ${error.message.split(` of ${clone}`).join('').split(clone).join(url.shown)}`;
        const Kind = error instanceof InputError ? InputError : RemoteError;
        throw new Kind(message, { cause: error });
    }
    return writePackTree({ origin, files: () => tree.files() }, dir);
}

const CHECKSUM = /^sha256:[0-9a-f]{64}$/;
/**
 * Fetch a registry entry's pack tree into `into`: its git sources first (cloned at the pinned
 * commit, framed checksum compared), then its archive sources (sha256 compared before
 * extraction). A source that fails is reported and the next one is tried, each verified with
 * its own checksum; with `verifyChecksums`, a source without a well-formed checksum is not used.
 */
async function fetchEntrySources(entry, registry, into, work, options, deps) {
    const ordered = [...entry.install_sources].sort((a, b) => (a.type === b.type ? 0 : a.type === 'git' ? -1 : 1));
    const fallbacks = [];
    for (const source of ordered) {
        const label = `${source.type} source ${source.url}`;
        if (!CHECKSUM.test(source.checksum ?? '') && options.verifyChecksums) {
            fallbacks.push(`${label}: no well-formed sha256 checksum, and verify_checksums is on`);
            continue;
        }
        // With verify_checksums off, a source without a well-formed checksum is fetched unverified.
        const checksum = CHECKSUM.test(source.checksum ?? '') ? source.checksum : undefined;
        try {
            const root = await fetchOne({ ...source, checksum }, registry, into, work, options, deps);
            if (fallbacks.length > 0)
                deps.logger.warning(`${entry.ref}@${entry.version}: used the ${label} after: ${fallbacks.join('; ')}`);
            if (!checksum)
                deps.logger.warning(`${entry.ref}@${entry.version}: the ${label} was NOT verified (no usable checksum; verify_checksums is off)`);
            return { root, source, checksum, fallbacks };
        }
        catch (error) {
            await rm(into, { recursive: true, force: true });
            fallbacks.push(`${label} failed: ${messageOf(error)}`);
            deps.logger.warning(`${entry.ref}@${entry.version}: ${label} failed (${messageOf(error)}); trying the next source`);
            if (source === ordered[ordered.length - 1])
                throw error;
        }
    }
    throw new InputError(`${entry.ref}@${entry.version} has no usable install source:\n  ${fallbacks.join('\n  ')}`);
}
async function fetchOne(source, registry, into, work, options, deps) {
    if (source.type === 'git') {
        const result = await fetchGitSource({ url: source.url, ref: source.ref, expectedChecksum: source.checksum || undefined, allowHttp: options.allowHttp, timeoutMs: options.timeoutMs }, into, deps);
        return result.dir;
    }
    const headers = registry.headersFor?.(source.url) ?? {};
    const result = await fetchArchive({ url: source.url, checksum: source.checksum, headers, allowHttp: options.allowHttp, timeoutMs: options.timeoutMs, ca: options.ca }, work, into, deps);
    return result.root;
}

const REF = /^[a-z][a-z0-9_-]*$/;
const ARCHIVE_NAME = /\.(tar\.gz|tgz|zip)$/i;
/**
 * Read an install spec. A URL is a git repository when it ends in `.git` (or starts with
 * `git+`), else an archive when its path ends in `.tar.gz`, `.tgz` or `.zip`; an existing
 * path is a directory or a local archive; anything else must be a registry reference.
 */
function parseInstallSpec(spec, options) {
    const text = spec.trim();
    if (text === '')
        throw new UsageError('an install spec is required: a pack ref (ref, ref@1.2.3, ref@^1.2), a git or archive URL, or a local path');
    const parsed = options.registryOnly
        ? refSpec(text, options)
        : /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? urlSpec(text, options) : (pathSpec(text, options) ?? refSpec(text, options));
    if (options.gitRef !== undefined && parsed.kind !== 'git')
        throw new UsageError(`--ref ${options.gitRef} applies to git URLs only; "${text}" is ${describeKind(parsed)}`);
    return parsed;
}
function urlSpec(text, options) {
    const raw = text.startsWith('git+') ? text.slice(4) : text;
    let url;
    try {
        url = new URL(raw);
    }
    catch (error) {
        throw new UsageError(`"${text}" is not a valid URL`, { cause: error });
    }
    if (url.username || url.password)
        throw new UsageError(`"${url.host}${url.pathname}": the URL carries credentials; put tokens in registry headers, never in URLs`);
    if (text.startsWith('git+') || url.pathname.endsWith('.git'))
        return { kind: 'git', url: raw, ref: options.gitRef };
    if (ARCHIVE_NAME.test(url.pathname))
        return { kind: 'archive-url', url: raw };
    throw new UsageError(`${text}: cannot tell a git repository from an archive; a git URL ends in .git (or starts with git+), an archive URL in .tar.gz, .tgz or .zip`);
}
function pathSpec(text, options) {
    const path = resolve(options.cwd, text);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info?.isDirectory())
        return { kind: 'directory', path };
    if (info?.isFile()) {
        if (!ARCHIVE_NAME.test(path))
            throw new InputError(`${path} is a file but not an archive; give a pack directory or a .tar.gz, .tgz or .zip file`);
        return { kind: 'archive-file', path };
    }
    // A spec that looks like a path must not silently become a registry lookup.
    if (text.includes('/') || text.startsWith('.') || ARCHIVE_NAME.test(text))
        throw new InputError(`${path} does not exist; check the path`);
    return undefined;
}
function refSpec(text, options) {
    const at = text.indexOf('@');
    const ref = at < 0 ? text : text.slice(0, at);
    const wanted = at < 0 ? 'latest' : text.slice(at + 1);
    if (options.noRegistry) {
        throw new UsageError(`"${text}" is not an existing path or a URL, and --no-registry forbids looking it up in a registry; give a path or URL, or drop --no-registry`);
    }
    if (!REF.test(ref))
        throw new UsageError(`"${ref}" is not a pack ref (lower-case letters, digits, '_' and '-', starting with a letter) nor an existing path or URL`);
    return { kind: 'registry', ref, range: parseWanted(wanted, text) };
}
/** `latest`, an exact semantic version, or a semver range. */
function parseWanted(wanted, spec) {
    if (wanted === 'latest' || wanted === '')
        return { kind: 'latest' };
    const exact = semver.valid(wanted);
    if (exact !== null && exact === wanted)
        return { kind: 'exact', version: exact };
    if (semver.validRange(wanted) !== null)
        return { kind: 'range', range: wanted };
    throw new UsageError(`"${spec}": "${wanted}" is not a version or a version range; write ref@1.2.3, ref@^1.2.0, ref@~1.2.0 or ref@latest`);
}
function describeKind(spec) {
    return { registry: 'a registry reference', git: 'a git URL', 'archive-url': 'an archive URL', directory: 'a directory', 'archive-file': 'a local archive' }[spec.kind];
}

/**
 * Turn "what to install" into a verified pack tree. Everything is fetched into a scratch
 * folder beside the destination and moved into place only when verified; a failure leaves
 * nothing behind. Content from a registry entry must carry the entry's ref and version.
 */
async function fetchPack(settings, deps) {
    const spec = parseInstallSpec(settings.spec, { cwd: settings.cwd, gitRef: settings.gitRef, noRegistry: settings.noRegistry, registryOnly: settings.registryOnly });
    if (spec.kind === 'directory')
        return inPlace(spec.path, settings, deps);
    // The scratch folder goes beside the destination (the same file system, so the final move is
    // a rename): the folder of --out, or the working folder for the default ./<ref>-<version>.
    const parent = settings.out === undefined ? resolve(settings.cwd) : dirname(resolve(settings.cwd, settings.out));
    const work = await mkdtemp(join(parent, '.packreg-fetch-')).catch((error) => {
        throw fsInputError(error, 'output folder', parent);
    });
    try {
        const fetched = await fetchTree(spec, settings, join(work, 'tree'), work, deps);
        const identity = await readIdentity(fetched.root, deps);
        if (fetched.expect && (fetched.expect.ref !== identity.ref || fetched.expect.version !== identity.version)) {
            throw new IntegrityError(`the content of ${fetched.expect.ref}@${fetched.expect.version} says it is ${identity.ref}@${identity.version} in its pack.yaml; a registry entry must install exactly its own ref and version, so it was refused`, `${fetched.expect.ref}@${fetched.expect.version}`, `${identity.ref}@${identity.version}`);
        }
        const dir = resolve(settings.cwd, settings.out ?? `${identity.ref}-${identity.version}`);
        await moveIntoPlace(fetched.root, dir);
        return { ...identity, dir, from: spec.kind, registry: fetched.registry, shadowed: fetched.shadowed ?? [], source: fetched.source, checksum: fetched.checksum, fallbacks: fetched.fallbacks ?? [] };
    }
    finally {
        await rm(work, { recursive: true, force: true });
    }
}
async function fetchTree(spec, s, into, work, deps) {
    const config = s.client.config;
    const options = { verifyChecksums: config.verifyChecksums, allowHttp: config.allowHttp, timeoutMs: config.timeoutSeconds * 1000, ca: s.client.ca };
    switch (spec.kind) {
        case 'registry': {
            if (!config.enabled)
                throw new UsageError(`"${s.spec}" is a registry reference, but the registry is disabled (pack_registry.enabled: false)`);
            const found = await resolveFromRegistries(spec.ref, spec.range, registrySources(s.client, deps), s.registry);
            const tree = await fetchEntrySources(found.entry, found.source, into, work, options, deps);
            return { root: tree.root, expect: found.entry, registry: found.source.name, shadowed: found.shadowed, source: tree.source, checksum: tree.checksum, fallbacks: tree.fallbacks };
        }
        case 'git': {
            refuseUnverified(spec.url, s);
            const result = await fetchGitSource({ url: spec.url, ref: spec.ref, allowHttp: config.allowHttp, timeoutMs: options.timeoutMs }, into, deps);
            return { root: result.dir, source: { type: 'git', url: spec.url, ref: result.commit } };
        }
        case 'archive-url': {
            refuseUnverified(spec.url, s);
            const result = await fetchArchive({ url: spec.url, allowHttp: config.allowHttp, timeoutMs: options.timeoutMs, ca: options.ca }, work, into, deps);
            return { root: result.root, source: { type: 'archive', url: spec.url } };
        }
        case 'archive-file':
            return { root: (await extractArchive(spec.path, into, { logger: deps.logger })).root, source: { type: 'archive-file', url: spec.path } };
        case 'directory':
            throw new UsageError('a directory is used in place'); // handled by the caller
    }
}
/** A direct remote URL carries no registry checksum: refused unless the user accepts that. */
function refuseUnverified(url, s) {
    if (!s.allowUnverified) {
        throw new UsageError(`${url} is a direct remote URL with no registry checksum to verify it against; install it from a registry, or pass --allow-unverified to accept unverified content`);
    }
}
/** A local directory is checked in place: nothing to download or copy. */
async function inPlace(path, s, deps) {
    if (s.out !== undefined)
        throw new UsageError('--out applies to downloads; a local directory is used where it is');
    return { ...(await readIdentity(path, deps)), dir: path, from: 'directory', shadowed: [], source: { type: 'directory', url: path }, fallbacks: [] };
}
/** The ref and version in the pack.yaml of the tree at `root` (the files on disk, never git). */
async function readIdentity(root, deps) {
    return readPackIdentity(await openPackSource({ packDir: root, noGit: true }, deps.git, deps.logger), deps);
}
async function moveIntoPlace(from, to) {
    if (await stat(to).catch(() => undefined))
        throw new InputError(`${to} already exists; remove it or choose another --out`);
    await rename(from, to).catch((error) => {
        throw fsInputError(error, 'output folder', to);
    });
}

var fetch = /*#__PURE__*/Object.freeze({
    __proto__: null,
    fetchPack: fetchPack
});

export { fetch as a, fetchPack as f, parseInstallSpec as p };
