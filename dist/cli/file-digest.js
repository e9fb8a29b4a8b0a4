import { U as UsageError, f as fsInputError, I as InputError } from './errors.js';
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Digest algorithms packreg computes, all through node:crypto (OpenSSL). */
const ALGORITHMS = ['sha256', 'sha512', 'sha1', 'md5'];
/** Hex digest length per algorithm. */
const HEX_LENGTH = { sha256: 64, sha512: 128, sha1: 40, md5: 32 };
/** `algorithm:hex`, as index files write it. */
function formatDigest(d) {
    return `${d.algorithm}:${d.hex}`;
}
/** Parse an algorithm name; `what` names the flag or input for the error. */
function parseAlgorithm(value, what = '--algorithm') {
    if (ALGORITHMS.includes(value))
        return value;
    throw new UsageError(`${what}: unknown algorithm "${value}"; use one of ${ALGORITHMS.join(', ')}`);
}
/**
 * Parse a strict `algorithm:hex` value. Upper-case hex is refused on purpose: index files
 * compare checksums as strings, so "ABC" and "abc" must never both circulate.
 */
function parseDigest(value, what = '--expect') {
    const colon = value.indexOf(':');
    if (colon < 0) {
        throw new UsageError(`${what}: "${value}" is not algorithm:hex; write for example sha256:<64 lower-case hex digits>`);
    }
    const algorithm = parseAlgorithm(value.slice(0, colon), what);
    const hex = value.slice(colon + 1);
    const length = HEX_LENGTH[algorithm];
    if (/[A-F]/.test(hex) && /^[0-9a-fA-F]+$/.test(hex)) {
        throw new UsageError(`${what}: the hex digits must be lower-case; write ${algorithm}:${hex.toLowerCase()}`);
    }
    if (!/^[0-9a-f]*$/.test(hex)) {
        throw new UsageError(`${what}: "${hex}" is not hexadecimal; write ${algorithm}:<${length} lower-case hex digits>`);
    }
    if (hex.length !== length) {
        throw new UsageError(`${what}: a ${algorithm} digest has ${length} hex digits, got ${hex.length}`);
    }
    return { algorithm, hex };
}

/** Read size per step: large enough that thread-pool round trips stay rare, small enough to keep memory flat. */
const CHUNK = 4 << 20;
/**
 * Digest of a file's bytes, streamed: memory stays at two 4 MiB buffers whatever the size.
 * The next read runs on the thread pool while the current chunk is hashed, so I/O and
 * hashing overlap.
 */
async function digestFile(path, algorithm) {
    let handle;
    try {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever (and
        // hold a thread-pool thread). It has no effect on regular files; anything else is
        // refused just below.
        handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    }
    catch (error) {
        throw fsInputError(error, 'file', path);
    }
    try {
        const stat = await handle.stat();
        if (!stat.isFile())
            throw new InputError(`file ${path} is not a regular file`);
        const hash = createHash(algorithm);
        const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
        let size = 0;
        let turn = 0;
        let pending = handle.read(buffers[0], 0, CHUNK, null);
        for (;;) {
            const { bytesRead } = await pending;
            if (bytesRead === 0)
                break;
            const current = buffers[turn];
            turn ^= 1;
            pending = handle.read(buffers[turn], 0, CHUNK, null);
            hash.update(current.subarray(0, bytesRead));
            size += bytesRead;
        }
        return { algorithm, hex: hash.digest('hex'), size };
    }
    catch (error) {
        throw fsInputError(error, 'file', path);
    }
    finally {
        await handle.close();
    }
}

export { parseAlgorithm as a, digestFile as d, formatDigest as f, parseDigest as p };
