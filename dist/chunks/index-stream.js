import { readFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { I as InputError, b as InternalError, f as fsInputError } from './errors.js';
import { A as AtomicFile } from './atomic-file.js';
import { s as stringifyCanonical, c as canonicalEntry } from './canonical-json.js';
import { f as formatIndexProblems, u as urlScopeOf, a as indexSchemaProblems, e as entryProblems, r as refOrderProblems } from './index-rules.js';
import { p as parseJsonText } from './json-text.js';

/** Parse one pack entry of a scanned index; a syntax error in it is reported with its line and column. */
function packAt(index, slice) {
    try {
        return JSON.parse(index.bytes.toString('utf8', slice.start, slice.end));
    }
    catch {
        return parseJsonText(index.bytes.toString('utf8'), index.file); // throws the located error
    }
}
/**
 * Scan index text. Malformed JSON is an InputError with file, line and column. A document
 * whose root is not an object is returned with everything in `header.__root` for the
 * schema to report.
 */
function scanIndex(bytes, file) {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
        return new Scanner(body, file).index();
    }
    catch (error) {
        if (!(error instanceof ScanFailure) && !(error instanceof SyntaxError))
            throw error;
        const text = body.toString('utf8');
        parseJsonText(text, file); // throws the located syntax error
        const value = JSON.parse(text);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw new InputError(`${file}: the document is ${Array.isArray(value) ? 'an array' : typeof value}; an index is a JSON object with registry_name, registry_url, version, last_updated and packs`);
        }
        throw new InternalError(`${file}: the index scanner failed where JSON.parse did not (${error.message})`);
    }
}
class ScanFailure extends Error {
    offset;
    constructor(offset) {
        super(`scan failure at ${offset}`);
        this.offset = offset;
    }
}
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
class Scanner {
    text;
    file;
    at = 0;
    constructor(text, file) {
        this.text = text;
        this.file = file;
    }
    index() {
        this.space();
        this.expect(0x7b); // {
        const header = {};
        let packs;
        let packsValue;
        this.space();
        if (this.peek() === 0x7d)
            this.at += 1;
        else {
            for (;;) {
                this.space();
                const key = JSON.parse(this.slice(this.at, this.skipString()));
                this.space();
                this.expect(0x3a); // :
                this.space();
                if (key === 'packs' && this.peek() === 0x5b)
                    packs = this.elements();
                else {
                    const start = this.at;
                    const value = JSON.parse(this.slice(start, this.skipValue()));
                    if (key === 'packs')
                        packsValue = value;
                    else
                        header[key] = value;
                }
                this.space();
                const c = this.next();
                if (c === 0x7d)
                    break;
                if (c !== 0x2c)
                    throw new ScanFailure(this.at - 1);
            }
        }
        this.space();
        if (this.at !== this.text.length)
            throw new ScanFailure(this.at);
        return { file: this.file, bytes: this.text, header, packs, ...(packsValue !== undefined ? { packsValue } : {}) };
    }
    elements() {
        const slices = [];
        this.at += 1; // [
        this.space();
        if (this.peek() === 0x5d) {
            this.at += 1;
            return slices;
        }
        for (;;) {
            this.space();
            const start = this.at;
            const end = this.skipValue();
            slices.push({ start, end });
            this.space();
            const c = this.next();
            if (c === 0x5d)
                return slices;
            if (c !== 0x2c)
                throw new ScanFailure(this.at - 1);
        }
    }
    /** Skip one value; strings are jumped over with indexOf, nesting is counted. Returns its end. */
    skipValue() {
        const c = this.peek();
        if (c === QUOTE)
            return this.skipString();
        if (c !== 0x7b && c !== 0x5b) {
            const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.slice(this.at, this.at + 64));
            if (!match)
                throw new ScanFailure(this.at);
            this.at += match[0].length;
            return this.at;
        }
        let depth = 0;
        const text = this.text;
        for (let i = this.at; i < text.length; i++) {
            const ch = text[i];
            if (ch === QUOTE) {
                this.at = i;
                i = this.skipString() - 1;
            }
            else if (ch === 0x7b || ch === 0x5b)
                depth += 1;
            else if (ch === 0x7d || ch === 0x5d) {
                depth -= 1;
                if (depth === 0) {
                    this.at = i + 1;
                    return this.at;
                }
            }
        }
        throw new ScanFailure(text.length);
    }
    /** Skip a string starting at the current quote; returns the offset after its closing quote. */
    skipString() {
        if (this.peek() !== QUOTE)
            throw new ScanFailure(this.at);
        let i = this.at + 1;
        for (;;) {
            const close = this.text.indexOf(QUOTE, i);
            if (close < 0)
                throw new ScanFailure(this.text.length);
            let slashes = 0;
            for (let j = close - 1; j >= 0 && this.text[j] === BACKSLASH; j--)
                slashes += 1;
            if (slashes % 2 === 0) {
                this.at = close + 1;
                return this.at;
            }
            i = close + 1;
        }
    }
    space() {
        const text = this.text;
        let i = this.at;
        for (;;) {
            const c = text[i];
            if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)
                break;
            i += 1;
        }
        this.at = i;
    }
    peek() {
        return this.text[this.at];
    }
    next() {
        return this.text[this.at++];
    }
    slice(start, end) {
        return this.text.toString('utf8', start, end);
    }
    expect(c) {
        if (this.next() !== c)
            throw new ScanFailure(this.at - 1);
    }
}

/**
 * Validate a scanned index entry by entry (each parsed, checked and dropped), then the
 * cross-entry rules (sorted, unique refs). Equivalent to validating the whole document.
 */
function checkScanned(scanned, policy) {
    const shell = scanned.packs ? { ...scanned.header, packs: [] } : scanned.packsValue === undefined ? scanned.header : { ...scanned.header, packs: scanned.packsValue };
    const scope = urlScopeOf(scanned.header.registry_url);
    const problems = indexSchemaProblems(shell, scope);
    const packs = [];
    const refs = [];
    (scanned.packs ?? []).forEach((slice, i) => {
        const entry = packAt(scanned, slice);
        problems.push(...entryProblems(entry, policy, `/packs/${i}`, scope));
        refs.push(entry?.ref);
        if (typeof entry?.ref === 'string')
            packs.push({ ref: entry.ref, version: String(entry.version), slice });
    });
    problems.push(...refOrderProblems(refs));
    return { problems, packs, scope };
}
/** Read, scan and validate an index file; problems are an InputError and nothing is changed. */
async function readCheckedIndex(path, policy, what = 'index') {
    let bytes;
    try {
        bytes = await readFile(path);
    }
    catch (error) {
        throw fsInputError(error, what, path);
    }
    const scanned = scanIndex(bytes, path);
    const version = scanned.header.version;
    if (version !== undefined && version !== '1.0') {
        throw new InputError(`${what} ${path} is index format version ${JSON.stringify(version)}; packreg reads format "1.0" only`);
    }
    const { problems, packs } = checkScanned(scanned, policy);
    if (problems.length > 0) {
        throw new InputError(`${what} ${path} is not a valid Attune index (${problems.length} problem(s)); it was not changed. Fix these first:\n${formatIndexProblems(problems)}`);
    }
    return { scanned, packs };
}
/**
 * The canonical text of an index, in pieces: the header, then each entry (indented as
 * JSON.stringify(index, null, 2) would), so a large index is never built as one string.
 * Concatenated, the pieces equal stringifyCanonical(canonicalIndex(index)).
 */
function* indexPieces(header, entries) {
    const fields = ['registry_name', 'registry_url', 'version', 'last_updated'];
    const head = fields.map((k) => `  ${JSON.stringify(k)}: ${escape(JSON.stringify(header[k]))}`).join(',\n');
    let first = true;
    for (const entry of entries) {
        const body = stringifyCanonical(canonicalEntry(entry)).trimEnd().replace(/\n/g, '\n    ');
        yield `${first ? `{\n${head},\n  "packs": [\n` : ',\n'}    ${body}`;
        first = false;
    }
    yield first ? `{\n${head},\n  "packs": []\n}\n` : '\n  ]\n}\n';
}
function escape(json) {
    return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Batch size for writes: few syscalls, bounded memory. */
const BATCH = 1 << 20;
/**
 * Write pieces to `path` atomically unless they equal `previous` exactly (then nothing is
 * touched) or `dryRun`. Returns whether the content differs from `previous`.
 */
async function emitText(path, pieces, options) {
    const previous = options.previous;
    let offset = 0;
    let same = previous !== undefined;
    if (!options.dryRun)
        await ensureFolder(path, options.what);
    const file = options.dryRun ? undefined : await AtomicFile.create(path, { overwrite: true, what: options.what });
    try {
        let batch = [];
        let size = 0;
        for (const piece of pieces) {
            const bytes = Buffer.from(piece, 'utf8');
            if (same && previous.subarray(offset, offset + bytes.length).equals(bytes))
                offset += bytes.length;
            else
                same = false;
            if (!file)
                continue;
            batch.push(bytes);
            size += bytes.length;
            if (size >= BATCH) {
                await file.handle.writeFile(Buffer.concat(batch, size));
                batch = [];
                size = 0;
            }
        }
        same = same && offset === previous.length;
        if (file && !same) {
            await file.handle.writeFile(Buffer.concat(batch, size));
            await file.commit();
        }
        else
            await file?.abort();
        return !same;
    }
    catch (error) {
        await file?.abort();
        throw error;
    }
}
/** Create the folder of an output file (an index may be written to a new registry folder). */
async function ensureFolder(path, what) {
    const folder = dirname(resolve(path));
    await mkdir(folder, { recursive: true }).catch((error) => {
        throw fsInputError(error, `${what} folder`, folder);
    });
}

export { checkScanned as c, emitText as e, indexPieces as i, packAt as p, readCheckedIndex as r, scanIndex as s };
