import { resolve, relative, sep, isAbsolute } from 'node:path';
import { F as FramedHasher } from './git-tree.js';
import { I as InputError, U as UsageError } from './errors.js';
import { A as AtomicFile } from './atomic-file.js';
import './index2.js';
import { p as parseManifest } from './manifest.js';
import 'node:fs/promises';
import { f as formatProblem } from './problem.js';
import 'node:fs';
import './index3.js';
import { o as openPackSource } from './pack-source.js';
import { deflateRaw, constants, crc32 } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import './fs-tree.js';
import 'process';
import 'buffer';
import './runtime.js';
import './_commonjsHelpers.js';
import './index.js';
import './yaml-source.js';
import './packignore.js';

/**
 * The tag spellings that name a pack version, for docs and messages. A monorepo tags each
 * pack with its ref in front, so one repository can release several packs.
 */
const RELEASE_TAG_FORMS = ['v<version>', '<version>', '<ref>-v<version>', '<ref>/v<version>'];
/** The tag names that release `pack`, in the order of {@link RELEASE_TAG_FORMS}. */
function releaseTagNames(pack) {
    return RELEASE_TAG_FORMS.map((form) => form.replace('<ref>', pack.ref).replace('<version>', pack.version));
}
/**
 * Fail unless `tag` (a tag name, or a full `refs/tags/...` ref such as GITHUB_REF) names
 * the version pack.yaml declares, so a release never ships an archive whose pack.yaml says
 * another version than its tag. `manifestFile` names the pack.yaml that was read.
 */
function checkReleaseTag(tag, pack, manifestFile) {
    const name = tag.trim().replace(/^refs\/tags\//, '');
    const accepted = releaseTagNames(pack);
    if (accepted.includes(name))
        return;
    const forms = `${accepted.slice(0, -1).join(', ')} or ${accepted[accepted.length - 1]}`;
    throw new InputError(`tag ${JSON.stringify(tag)} does not name version ${pack.version}, which ${manifestFile} declares for pack ${pack.ref} ` +
        `(a release tag must be ${forms}). Either tag the commit whose pack.yaml says the version you are releasing, ` +
        `or correct the version in ${manifestFile}, commit, and tag that commit again.`);
}

/** Uncompressed bytes per job: large enough that the lost history at each seam costs little. */
const BLOCK$1 = 128 * 1024;
/** DEFLATE's window: each block is primed with the previous block's last 32 KiB. */
const WINDOW = 32 * 1024;
/**
 * One raw DEFLATE stream compressed on several threads, as pigz does: the input is cut into
 * fixed blocks, each compressed independently with the previous block's tail as its preset
 * dictionary and ended with a sync flush, so the concatenation is a single valid stream
 * (only the last block is final). Block boundaries depend only on the input, so the
 * output is the same bytes on every run. Memory is bounded by the number of jobs in flight.
 */
class ParallelDeflater {
    write;
    level;
    /** The block being filled: input is copied in, so callers may reuse their buffers. */
    block = Buffer.allocUnsafe(BLOCK$1);
    filled = 0;
    previousTail;
    inFlight = [];
    maxInFlight = Math.max(2, availableParallelism()) * 2;
    constructor(write, level = 6) {
        this.write = write;
        this.level = level;
    }
    /**
     * Add uncompressed bytes. They are copied before this resolves (blocks are compressed
     * later, on other threads), so the caller may reuse `data` afterwards.
     */
    async push(data) {
        let offset = 0;
        while (offset < data.length) {
            const copied = data.copy(this.block, this.filled, offset);
            this.filled += copied;
            offset += copied;
            if (this.filled === BLOCK$1)
                await this.dispatch(this.takeBlock(), false);
        }
    }
    /** Compress what is left as the final block and write everything out. */
    async finish() {
        await this.dispatch(this.takeBlock(), true);
        while (this.inFlight.length > 0)
            await this.write(await this.inFlight.shift());
    }
    takeBlock() {
        const block = this.block.subarray(0, this.filled);
        this.block = Buffer.allocUnsafe(BLOCK$1);
        this.filled = 0;
        return block;
    }
    async dispatch(block, last) {
        const dictionary = this.previousTail;
        // Copy the tail so it does not keep the whole block alive.
        this.previousTail = Buffer.from(block.subarray(Math.max(0, block.length - WINDOW)));
        this.inFlight.push(compress(block, dictionary, last, this.level));
        while (this.inFlight.length >= this.maxInFlight)
            await this.write(await this.inFlight.shift());
    }
}
/** One block as raw DEFLATE on the libuv thread pool. */
function compress(block, dictionary, last, level) {
    return new Promise((resolve, reject) => {
        deflateRaw(block, {
            level,
            dictionary,
            // Output space sized to the input: a fixed 64 KiB per small file churns memory.
            chunkSize: Math.min(64 * 1024, Math.max(1024, block.length + 256)),
            finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
        }, (error, result) => (error ? reject(error) : resolve(result)));
    });
}
/** A whole small buffer as one final raw DEFLATE stream (a zip entry), on the thread pool. */
function deflateWhole(data, level = 6) {
    return compress(data, undefined, true, level);
}

/**
 * A fixed gzip header: no file name, no timestamp (MTIME 0), no extra flags, and OS 3
 * (Unix) whatever the platform, so the same input gives the same bytes everywhere (like gzip -n).
 */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
/** A single-member gzip stream whose DEFLATE body is compressed on several threads. */
class GzipWriter {
    write;
    deflater;
    crc = 0;
    length = 0;
    started = false;
    constructor(write, level = 6) {
        this.write = write;
        this.deflater = new ParallelDeflater(write, level);
    }
    /** Add uncompressed bytes. */
    async push(data) {
        await this.start();
        this.crc = crc32(data, this.crc);
        this.length += data.length;
        await this.deflater.push(data);
    }
    /** Finish the DEFLATE stream and write the CRC-32 and length trailer. */
    async finish() {
        await this.start();
        await this.deflater.finish();
        const trailer = Buffer.alloc(8);
        trailer.writeUInt32LE(this.crc >>> 0, 0);
        trailer.writeUInt32LE(this.length % 2 ** 32, 4);
        await this.write(trailer);
    }
    async start() {
        if (this.started)
            return;
        this.started = true;
        await this.write(HEADER);
    }
}

/** Writes are gathered up to this size: thousands of tiny zip headers must not each cost a syscall. */
const BATCH = 1 << 20;
/** Where archive bytes go: written in order, hashed and counted in the same pass. */
class OutputSink {
    handle;
    hash = createHash('sha256');
    written = 0;
    pending = [];
    pendingBytes = 0;
    constructor(handle) {
        this.handle = handle;
    }
    /** Append bytes (buffered; call {@link flush} at the end). */
    async write(data) {
        if (data.length === 0)
            return;
        this.hash.update(data);
        this.written += data.length;
        this.pending.push(data);
        this.pendingBytes += data.length;
        if (this.pendingBytes >= BATCH)
            await this.flush();
    }
    /** Write out everything buffered. */
    async flush() {
        if (this.pendingBytes === 0)
            return;
        const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
        this.pending = [];
        this.pendingBytes = 0;
        let offset = 0;
        while (offset < data.length) {
            const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
            offset += bytesWritten;
        }
    }
    /** Bytes written so far (the offset of the next write). */
    get size() {
        return this.written;
    }
    /** SHA-256 hex of everything written; call once, at the end. */
    digestHex() {
        return this.hash.digest('hex');
    }
}

/**
 * A minimal, deterministic ustar writer. Every header is built from the path, size and
 * executable bit alone: fixed mtime, uid/gid 0, no user or group names, so archives do not
 * depend on who built them or when. Paths that do not fit ustar's name/prefix fields, or
 * are not ASCII, also get a POSIX pax `path` record (which readers prefer when present).
 */
const BLOCK = 512;
/** GNU tar and git archive pad the archive to 20-block records; so do we, for strict readers. */
const RECORD = 20 * BLOCK;
const MAX_OCTAL_SIZE = 0o77777777777;
/** Streams tar entries to a sink. */
class TarWriter {
    sink;
    mtime;
    written = 0;
    constructor(sink, mtime) {
        this.sink = sink;
        this.mtime = mtime;
    }
    /** A directory entry; `path` ends with `/`. */
    async directory(path) {
        await this.header(path, 0, 0o755, '5');
    }
    /** A regular file: header, then the content chunks, then padding to the block size. */
    async file(path, size, executable, content) {
        await this.header(path, size, executable ? 0o755 : 0o644, '0');
        let seen = 0;
        for await (const chunk of content) {
            seen += chunk.length;
            if (seen > size)
                break;
            await this.emit(chunk);
        }
        if (seen !== size)
            throw new Error(`${path}: expected ${size} bytes, read ${seen}`);
        await this.pad();
    }
    /** The end-of-archive marker and record padding. */
    async finish() {
        const end = 2 * BLOCK;
        const total = this.written + end;
        const padded = Math.ceil(total / RECORD) * RECORD;
        await this.emit(Buffer.alloc(padded - this.written));
    }
    async header(path, size, mode, type) {
        const name = Buffer.from(path, 'utf8');
        const split = splitUstar(name);
        const needsPax = split === undefined || !isAscii(name) || size > MAX_OCTAL_SIZE;
        if (needsPax)
            await this.pax(path, size);
        const block = Buffer.alloc(BLOCK);
        const [prefix, base] = split ?? [Buffer.alloc(0), name.subarray(0, 100)];
        base.copy(block, 0);
        octal(block, 100, 8, mode);
        octal(block, 108, 8, 0); // uid
        octal(block, 116, 8, 0); // gid
        octal(block, 124, 12, Math.min(size, MAX_OCTAL_SIZE));
        octal(block, 136, 12, this.mtime);
        block.write(type, 156, 'ascii');
        block.write('ustar\x0000', 257, 'ascii');
        octal(block, 329, 8, 0); // devmajor
        octal(block, 337, 8, 0); // devminor
        prefix.copy(block, 345);
        checksum(block);
        await this.emit(block);
    }
    /** A pax extended header carrying the exact path (and size when it exceeds ustar's field). */
    async pax(path, size) {
        let records = paxRecord('path', path);
        if (size > MAX_OCTAL_SIZE)
            records = Buffer.concat([records, paxRecord('size', String(size))]);
        const block = Buffer.alloc(BLOCK);
        block.write('PaxHeader', 0, 'ascii');
        octal(block, 100, 8, 0o644);
        octal(block, 108, 8, 0);
        octal(block, 116, 8, 0);
        octal(block, 124, 12, records.length);
        octal(block, 136, 12, this.mtime);
        block.write('x', 156, 'ascii');
        block.write('ustar\x0000', 257, 'ascii');
        octal(block, 329, 8, 0);
        octal(block, 337, 8, 0);
        checksum(block);
        await this.emit(block);
        await this.emit(records);
        await this.pad();
    }
    async pad() {
        const rest = this.written % BLOCK;
        if (rest !== 0)
            await this.emit(Buffer.alloc(BLOCK - rest));
    }
    async emit(data) {
        this.written += data.length;
        await this.sink(data);
    }
}
/** Split a path over ustar's prefix (155) and name (100) fields at a `/`, if it fits. */
function splitUstar(name) {
    if (name.length <= 100)
        return [Buffer.alloc(0), name];
    // A directory's trailing slash stays with the name part.
    for (let i = name.length - 2; i >= 0; i--) {
        if (name[i] !== 0x2f)
            continue;
        if (i > 155)
            continue;
        const base = name.subarray(i + 1);
        if (base.length === 0 || base.length > 100)
            return undefined;
        return [name.subarray(0, i), base];
    }
    return undefined;
}
/** `"<len> key=value\n"`, where len counts the whole record including its own digits. */
function paxRecord(key, value) {
    const body = ` ${key}=${value}\n`;
    const bodyLength = Buffer.byteLength(body, 'utf8');
    let length = bodyLength + 1;
    while (String(length).length + bodyLength !== length)
        length = String(length).length + bodyLength;
    return Buffer.from(`${length}${body}`, 'utf8');
}
function octal(block, offset, width, value) {
    block.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'ascii');
}
function checksum(block) {
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += block[i];
    block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
}
function isAscii(bytes) {
    for (const b of bytes)
        if (b > 0x7e || b < 0x20)
            return false;
    return true;
}

/** Files up to this size are compressed whole, several at a time; larger ones are streamed. */
const WHOLE_LIMIT = 1 << 20;
/** Bounds on compressed-but-unwritten data. */
const MAX_JOBS = 16;
const MAX_QUEUED_BYTES = 32 << 20;
const LIMIT_32 = 0xffffffff;
/** Version made by: Unix (3), spec 2.0; version needed: 2.0 (deflate). */
const MADE_BY = (3 << 8) | 20;
const NEEDED = 20;
const FLAG_UTF8 = 0x0800;
const FLAG_DESCRIPTOR = 0x0008;
/**
 * A deterministic zip writer: no extra fields (no timestamps, uids), one fixed DOS time,
 * Unix permissions 0644/0755 only. Small files are deflated several at a time on the
 * thread pool and written in order; a large file is streamed through a parallel deflater
 * with a data descriptor after it, so nothing is held whole in memory and the output is
 * written strictly front to back (and can be hashed in the same pass).
 */
class ZipWriter {
    sink;
    level;
    records = [];
    queue = [];
    queuedBytes = 0;
    offset = 0;
    dosTime;
    dosDate;
    constructor(sink, mtime, level = 6) {
        this.sink = sink;
        this.level = level;
        [this.dosDate, this.dosTime] = dosDateTime(mtime);
    }
    /** A directory entry; `path` ends with `/`. */
    async directory(path) {
        await this.drain();
        const name = Buffer.from(path, 'utf8');
        await this.entry(name, 0, 0, Buffer.alloc(0), 0, (0o40755 << 16) | 0x10, 0);
    }
    /** A regular file. Its content must be read now: tree sources may stream it only once. */
    async file(path, size, executable, content) {
        const name = Buffer.from(path, 'utf8');
        if (size > WHOLE_LIMIT)
            return this.streamed(name, size, executable, content);
        const parts = [];
        for await (const chunk of content)
            parts.push(chunk);
        const data = Buffer.concat(parts);
        if (data.length !== size)
            throw new Error(`${path}: expected ${size} bytes, read ${data.length}`);
        const crc = crc32(data);
        const job = size === 0 ? Promise.resolve(Buffer.alloc(0)) : deflateWhole(data, this.level);
        this.queue.push(job.then((compressed) => ({ name, executable, crc, size, data: compressed })));
        this.queuedBytes += size;
        while (this.queue.length >= MAX_JOBS || this.queuedBytes > MAX_QUEUED_BYTES)
            await this.writeNext();
    }
    /** The central directory and its end record. */
    async finish() {
        await this.drain();
        if (this.records.length > 0xffff)
            throw new InputError(`the pack has ${this.records.length} entries; zip without zip64 holds at most 65535. Use --format tar.gz`);
        const start = this.offset;
        for (const record of this.records)
            await this.emit(centralHeader(record, this.dosTime, this.dosDate));
        const size = this.offset - start;
        this.checkLimit(this.offset);
        const end = Buffer.alloc(22);
        end.writeUInt32LE(0x06054b50, 0);
        end.writeUInt16LE(this.records.length, 8);
        end.writeUInt16LE(this.records.length, 10);
        end.writeUInt32LE(size, 12);
        end.writeUInt32LE(start, 16);
        await this.emit(end);
    }
    async writeNext() {
        const prepared = await this.queue.shift();
        this.queuedBytes -= prepared.size;
        const method = prepared.size === 0 ? 0 : 8;
        await this.entry(prepared.name, method, prepared.crc, prepared.data, prepared.size, fileAttributes(prepared.executable), 0);
    }
    async drain() {
        while (this.queue.length > 0)
            await this.writeNext();
    }
    /** A local header with known sizes, then the data. */
    async entry(name, method, crc, data, size, externalAttributes, extraFlags) {
        const flags = utf8Flag(name) | extraFlags;
        const record = { name, flags, method, crc, compressedSize: data.length, size, offset: this.offset, externalAttributes };
        this.checkLimit(this.offset + data.length);
        this.records.push(record);
        await this.emit(localHeader(record, this.dosTime, this.dosDate));
        await this.emit(data);
    }
    /** A large file: zeroed sizes in the local header, deflated body, then a data descriptor. */
    async streamed(name, size, executable, content) {
        await this.drain();
        const record = {
            name,
            flags: utf8Flag(name) | FLAG_DESCRIPTOR,
            method: 8,
            crc: 0,
            compressedSize: 0,
            size,
            offset: this.offset,
            externalAttributes: fileAttributes(executable),
        };
        this.records.push(record);
        await this.emit(localHeader({ ...record, size: 0 }, this.dosTime, this.dosDate));
        const before = this.offset;
        const deflater = new ParallelDeflater((data) => this.emit(data), this.level);
        let crc = 0;
        let seen = 0;
        for await (const chunk of content) {
            crc = crc32(chunk, crc);
            seen += chunk.length;
            await deflater.push(chunk);
        }
        await deflater.finish();
        if (seen !== size)
            throw new Error(`${name.toString('utf8')}: expected ${size} bytes, read ${seen}`);
        record.crc = crc;
        record.compressedSize = this.offset - before;
        this.checkLimit(this.offset);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc >>> 0, 4);
        descriptor.writeUInt32LE(record.compressedSize, 8);
        descriptor.writeUInt32LE(size, 12);
        await this.emit(descriptor);
    }
    checkLimit(offset) {
        if (offset > LIMIT_32)
            throw new InputError('the zip archive would exceed 4 GiB, which needs zip64; use --format tar.gz');
    }
    async emit(data) {
        this.offset += data.length;
        await this.sink(data);
    }
}
function localHeader(r, time, date) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(NEEDED, 4);
    header.writeUInt16LE(r.flags, 6);
    header.writeUInt16LE(r.method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(r.crc >>> 0, 14);
    header.writeUInt32LE(r.compressedSize, 18);
    header.writeUInt32LE(r.size, 22);
    header.writeUInt16LE(r.name.length, 26);
    return Buffer.concat([header, r.name]);
}
function centralHeader(r, time, date) {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(MADE_BY, 4);
    header.writeUInt16LE(NEEDED, 6);
    header.writeUInt16LE(r.flags, 8);
    header.writeUInt16LE(r.method, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(r.crc >>> 0, 16);
    header.writeUInt32LE(r.compressedSize, 20);
    header.writeUInt32LE(r.size, 24);
    header.writeUInt16LE(r.name.length, 28);
    header.writeUInt32LE(r.externalAttributes >>> 0, 38);
    header.writeUInt32LE(r.offset, 42);
    return Buffer.concat([header, r.name]);
}
function fileAttributes(executable) {
    return ((executable ? 0o100755 : 0o100644) << 16) >>> 0;
}
function utf8Flag(name) {
    return name.some((b) => b > 0x7f) ? FLAG_UTF8 : 0;
}
/** DOS date and time of a Unix time, read in UTC so the time zone never matters; clamped to DOS's 1980..2107 range. */
function dosDateTime(unixSeconds) {
    const min = Date.UTC(1980, 0, 1) / 1000;
    const max = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000;
    const d = new Date(Math.min(Math.max(unixSeconds, min), max) * 1000);
    const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
    const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
    return [date, time];
}

/** Archive formats packreg builds. */
const ARCHIVE_FORMATS = ['tar.gz', 'zip'];
/** 1980-01-01T00:00:00Z: the earliest time zip can store, so tar and zip entries agree. */
const DEFAULT_MTIME = 315532800;
/**
 * Build a reproducible archive of a pack: one streaming pass reads each file once, feeds
 * it to the archive writer and to the framed hasher, and writes the archive to a
 * temporary file that is moved into place only when complete.
 */
async function buildArchive(settings, deps) {
    const packDir = resolve(settings.cwd, settings.packDir);
    const source = await openPackSource({ packDir, gitRef: settings.gitRef, noGit: settings.noGit, preferGitHead: true }, deps.git, deps.logger);
    const { ref, version, file: manifestFile } = await readPackIdentity(source, deps);
    if (settings.tag !== undefined)
        checkReleaseTag(settings.tag, { ref, version }, manifestFile);
    const topDirectory = `${ref}-${version}`;
    const out = resolve(settings.cwd, settings.out ?? `${topDirectory}.${settings.format}`);
    const insidePack = relative(packDir, out);
    const outside = insidePack === '..' || insidePack.startsWith(`..${sep}`) || isAbsolute(insidePack);
    // Never archive a previous output lying in the pack directory (even one named "..x.tar.gz").
    const tree = await source.tree({ packignore: true, patterns: settings.exclude ?? [], paths: outside ? [] : [insidePack.split(sep).join('/')] });
    const file = await AtomicFile.create(out, { overwrite: settings.force ?? false, what: 'archive' });
    try {
        const sink = new OutputSink(file.handle);
        const hasher = new FramedHasher();
        const mtime = settings.mtime ?? DEFAULT_MTIME;
        const files = await writeEntries(settings.format, tree, topDirectory, mtime, sink, hasher);
        await sink.flush();
        await file.commit();
        deps.logger.info(`${settings.format} archive of ${tree.origin}: ${files} files, ${sink.size} bytes -> ${out}`);
        return {
            path: out,
            format: settings.format,
            checksum: `sha256:${sink.digestHex()}`,
            directoryChecksum: `sha256:${hasher.digest().hex}`,
            size: sink.size,
            files,
            ref,
            version,
            topDirectory,
            source: source.kind,
            commit: source.commit,
        };
    }
    catch (error) {
        await file.abort();
        throw error;
    }
}
/** The pack's ref and version, from the manifest of the very tree being archived, and that manifest's path (for messages). */
async function readPackIdentity(source, deps) {
    let name = 'pack.yaml';
    let text = await source.readText(name);
    if (text === undefined)
        text = await source.readText((name = 'pack.yml'));
    if (text === undefined) {
        throw new InputError(`no pack.yaml in ${source.origin}: a pack directory must contain pack.yaml`);
    }
    const parsed = parseManifest(text, name);
    for (const warning of parsed.warnings)
        deps.logger.warning(formatProblem(name, warning));
    if (!parsed.manifest || parsed.errors.length > 0) {
        const problems = parsed.errors.map((p) => `  ${formatProblem(name, p)}`).join('\n');
        throw new InputError(`${source.packDir}/${name} is not a valid pack manifest; fix these and build again:\n${problems}`);
    }
    return { ref: parsed.manifest.ref, version: parsed.manifest.version, file: `${source.packDir}/${name}` };
}
async function writeEntries(format, tree, top, mtime, sink, hasher) {
    const write = (data) => sink.write(data);
    let writer;
    let finishOuter = async () => undefined;
    if (format === 'zip') {
        writer = new ZipWriter(write, mtime);
    }
    else {
        const gzip = new GzipWriter(write);
        writer = new TarWriter((data) => gzip.push(data), mtime);
        finishOuter = () => gzip.finish();
    }
    const directories = new Set();
    await writer.directory(`${top}/`);
    let count = 0;
    for await (const file of tree.files()) {
        await writeParents(writer, top, file.path, directories);
        hasher.begin(file);
        await writer.file(`${top}/${file.path}`, file.size, file.executable, hashed(file, hasher));
        count += 1;
    }
    await writer.finish();
    await finishOuter();
    return count;
}
/** Directory entries for a file's parents, each once, just before its first file. */
async function writeParents(writer, top, path, seen) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (seen.has(dir))
            continue;
        seen.add(dir);
        await writer.directory(`${top}/${dir}/`);
    }
}
async function* hashed(file, hasher) {
    for await (const chunk of file.content()) {
        hasher.update(chunk);
        yield chunk;
    }
}
/** The latest entry time a ustar header holds (11 octal digits): 2242-03-16T12:56:31Z. */
const MAX_MTIME = 0o77777777777;
/** Parse a SOURCE_DATE_EPOCH-style value (whole non-negative seconds); `what` names its origin. */
function parseEpoch(value, what) {
    if (value === undefined || value.trim() === '')
        return undefined;
    if (!/^\d+$/.test(value.trim()))
        throw new UsageError(`${what}: "${value}" is not a Unix time in whole seconds; write e.g. 1700000000`);
    const seconds = Number(value.trim());
    if (seconds > MAX_MTIME)
        throw new UsageError(`${what}: "${value}" is later than ${MAX_MTIME} (2242-03-16), the latest time a tar header holds; write e.g. 1700000000`);
    return seconds;
}
/** Parse an archive format name; `what` names the flag or input. */
function parseFormat(value, what) {
    const format = value ?? 'tar.gz';
    if (format === 'tgz')
        return 'tar.gz';
    if (ARCHIVE_FORMATS.includes(format))
        return format;
    throw new UsageError(`${what}: unknown archive format "${format}"; use tar.gz or zip`);
}

export { ARCHIVE_FORMATS, DEFAULT_MTIME, MAX_MTIME, buildArchive, parseEpoch, parseFormat, readPackIdentity };
