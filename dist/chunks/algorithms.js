import { createHash } from 'node:crypto';
import { U as UsageError } from './errors.js';

/** Digest algorithms packreg computes, all through node:crypto (OpenSSL). */
const ALGORITHMS = ['sha256', 'sha512', 'sha1', 'md5'];
/** Hex digest length per algorithm. */
const HEX_LENGTH = { sha256: 64, sha512: 128, sha1: 40, md5: 32 };
/** Lower-case hex sha256 of bytes held in memory (small documents; files stream through digestFile). */
function sha256Hex(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}
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

export { parseAlgorithm as a, formatDigest as f, parseDigest as p, sha256Hex as s };
