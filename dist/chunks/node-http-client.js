import { createHash } from 'node:crypto';
import { validateHeaderName, validateHeaderValue, request as request$1 } from 'node:http';
import { request } from 'node:https';
import { setTimeout } from 'node:timers/promises';
import { createSecureContext, rootCertificates } from 'node:tls';
import { R as RemoteError, f as fsInputError, U as UsageError, P as PackregError } from './errors.js';
import { A as AtomicFile } from './atomic-file.js';
import { W as WorkPool, c as chunksOf } from './work-pool.js';
import { d as displayUrl, u as urlProblem, c as checkRequestUrl, s as statusError, t as tooLargeError, b as truncatedError, e as badLengthError, f as timeoutError, i as isTlsError, g as tlsError, h as isTransientNetworkError, n as networkCode, j as connectionError } from './http-errors.js';
import 'node:fs';
import 'node:fs/promises';
import 'node:path';

/**
 * The HTTP edge of the registry client: the narrow interface core code fetches through, so
 * registry logic never touches sockets and tests can substitute it. The implementation is
 * {@link nodeHttpClient} in node-http-client.ts.
 */
/** Redirects followed by default. */
const DEFAULT_MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** A status the client follows (it only ever sends GET, so all five mean "GET the Location"). */
function isRedirect(status) {
    return REDIRECT_STATUSES.has(status);
}
/**
 * The hops of one fetch, followed by hand so each target is checked before anything is sent
 * to it. Configured headers belong to the starting origin: once a hop leaves it (another
 * host, port or scheme) they are dropped for the rest of the chain, even if a later hop
 * comes back, as browsers do with Authorization.
 */
class RedirectChain {
    start;
    policy;
    url;
    hops = 0;
    leftOrigin = false;
    constructor(
    /** The URL the caller asked for. */
    start, policy) {
        this.start = start;
        this.policy = policy;
        this.url = start;
    }
    /** The URL to request next. */
    get current() {
        return this.url;
    }
    /** Whether configured headers may be sent to {@link current}. */
    get sendsConfiguredHeaders() {
        return !this.leftOrigin;
    }
    /** Whether any redirect was followed. */
    get redirected() {
        return this.hops > 0;
    }
    /** Move to the target of a redirect answered by {@link current}; throws RemoteError when it must not be followed. */
    follow(status, location) {
        const from = this.url;
        if (!location)
            throw new RemoteError(`${displayUrl(from)} answered HTTP ${status} (a redirect) without a Location header; the registry is misconfigured`);
        let target;
        try {
            target = new URL(location, from);
        }
        catch (error) {
            throw new RemoteError(`${displayUrl(from)} redirected to an invalid URL; the registry is misconfigured`, { cause: error });
        }
        if (this.hops >= this.policy.maxRedirects) {
            throw new RemoteError(`too many redirects: more than ${this.policy.maxRedirects} starting at ${displayUrl(this.start)} (last ${displayUrl(from)} → ${displayUrl(target)}); the registry may have a redirect loop`);
        }
        if (from.protocol === 'https:' && target.protocol === 'http:' && !this.policy.allowHttp) {
            throw new RemoteError(`${displayUrl(from)} redirected to plain http ${displayUrl(target)}; refused, as it would send the request unencrypted. Fix the registry, or allow http if this network is trusted`);
        }
        const problem = urlProblem(target, this.policy.allowHttp);
        if (problem)
            throw new RemoteError(`${displayUrl(from)} redirected to ${displayUrl(target)}, which is refused: ${problem}`);
        this.hops += 1;
        if (target.origin !== this.start.origin)
            this.leftOrigin = true;
        this.url = target;
        return target;
    }
}

const DEFAULT_RETRY_TIMING = { baseMs: 500, capMs: 10_000, retryAfterCapMs: 30_000 };
/** Statuses worth another attempt: request timeout, rate limiting and server errors. */
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599);
}
/** Retry-After (delay in seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    // An HTTP date names its day and month; without letters Date.parse would read "-3" as a year.
    const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * Wait before retry number `retry` (from 1): the server's Retry-After when it gave one
 * (capped), else exponential backoff with jitter in its upper half, so clients that failed
 * together do not retry in step yet each still waits a meaningful time.
 */
function retryDelayMs(retry, timing, retryAfterMs) {
    if (retryAfterMs !== undefined)
        return Math.min(retryAfterMs, timing.retryAfterCapMs);
    const ceiling = Math.min(timing.capMs, timing.baseMs * 2 ** (retry - 1));
    return ceiling / 2 + (Math.random() * ceiling) / 2;
}
/**
 * A failure that another attempt may cure. `error` builds what to throw once attempts run
 * out, given how many were made, so the message can say so.
 */
class TransientFailure extends Error {
    reason;
    error;
    retryAfterMs;
    constructor(
    /** Short description for the retry log line ("HTTP 503", "connection reset"). */
    reason, error, 
    /** The server's Retry-After, in milliseconds. */
    retryAfterMs) {
        super(reason);
        this.reason = reason;
        this.error = error;
        this.retryAfterMs = retryAfterMs;
        this.name = 'TransientFailure';
    }
}
/**
 * Run `attempt` until it succeeds, throws anything but a {@link TransientFailure}, or has
 * failed transiently `retries + 1` times (then the failure's own error is thrown).
 */
async function withRetries(attempt, loop) {
    for (let made = 1;; made += 1) {
        try {
            return await attempt(made);
        }
        catch (error) {
            if (!(error instanceof TransientFailure))
                throw error;
            if (made > loop.retries)
                throw error.error(made);
            const delay = retryDelayMs(made, loop.timing, error.retryAfterMs);
            loop.onRetry(error, made, delay);
            await loop.sleep(delay);
        }
    }
}

/**
 * The {@link HttpClient} on node:http/node:https (not global fetch: it cannot take an extra
 * CA per request, and its redirect handling cannot be checked hop by hop).
 */
function nodeHttpClient(logger, tuning = {}) {
    return new NodeHttpClient(logger, { ...DEFAULT_RETRY_TIMING, ...tuning.retryTiming });
}
class NodeHttpClient {
    logger;
    timing;
    /** By extra CA: a context is built once per client and CA, and reused by every request. */
    trusted = new Map();
    constructor(logger, timing) {
        this.logger = logger;
        this.timing = timing;
    }
    async getBytes(url, options) {
        checkOptions(options);
        const start = checkRequestUrl(url, options.allowHttp);
        return this.fetch(start, options, true, async (response, hop, exchange) => {
            const etag = header(response, 'etag') ?? (response.statusCode === 304 ? options.etag : undefined);
            if (response.statusCode === 304)
                return { status: 304, etag, url: hop.url.href };
            const chunks = [];
            await readBody(response, hop, exchange, options, (chunk) => {
                chunks.push(chunk);
            });
            return { status: 200, body: Buffer.concat(chunks), etag, url: hop.url.href };
        });
    }
    async download(url, file, options, tee) {
        checkOptions(options);
        const start = checkRequestUrl(url, options.allowHttp);
        const out = await AtomicFile.create(file, { overwrite: true, what: 'download' });
        try {
            const result = await this.fetch(start, options, false, async (response, hop, exchange) => {
                // A retry starts the body again: drop what an earlier attempt wrote.
                await out.handle.truncate(0).catch((error) => {
                    throw fsInputError(error, 'download', out.path);
                });
                // A malformed length is refused here, before any sink opens (readBody would refuse it next).
                const sink = tee?.open({ declaredLength: declaredLength(response, hop) });
                const hash = createHash('sha256');
                // Chunks are gathered into ~1 MiB writes (one awaited write per TLS record would stall
                // the socket thousands of times per download), and a batch is written while the next
                // one arrives: memory holds two batches and what readBody reads ahead, never the body.
                const writes = new WorkPool(WRITES_IN_FLIGHT);
                let position = 0;
                let batch = [];
                let batched = 0;
                const flush = () => {
                    if (batched === 0)
                        return undefined;
                    const data = batch;
                    const at = position;
                    position += batched;
                    batch = [];
                    batched = 0;
                    const queued = writes.add(() => writevAt(out.handle, data, at).catch((error) => {
                        throw fsInputError(error, 'download', out.path);
                    }));
                    const taken = sink?.write(data);
                    return taken === undefined ? queued : Promise.all([queued, taken]).then(() => undefined);
                };
                let size;
                try {
                    size = await readBody(response, hop, exchange, options, (chunk) => {
                        hash.update(chunk);
                        batch.push(chunk);
                        batched += chunk.length;
                        return batched >= WRITE_BATCH ? flush() : undefined;
                    });
                    await flush();
                    await writes.drain();
                }
                catch (error) {
                    sink?.abort(error);
                    // A retry truncates the file and starts again: no write of this attempt may land after that.
                    await writes.settle();
                    throw error;
                }
                sink?.end();
                return { sha256: hash.digest('hex'), size, url: hop.url.href };
            });
            await out.commit();
            this.logger.debug(`downloaded ${displayUrl(result.url)} to ${out.path}: ${result.size} bytes, sha256 ${result.sha256}`);
            return result;
        }
        catch (error) {
            await out.abort();
            throw error;
        }
    }
    /** Follow redirects from `start`, retrying each hop, until a response is accepted and consumed. */
    async fetch(start, options, conditional, consume) {
        const chain = new RedirectChain(start, { allowHttp: options.allowHttp, maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS });
        for (;;) {
            const hop = {
                url: chain.current,
                redirectedFrom: chain.redirected ? start : undefined,
                headersDropped: !chain.sendsConfiguredHeaders && Object.keys(options.headers ?? {}).length > 0,
            };
            const headers = requestHeaders(options, chain.sendsConfiguredHeaders, conditional);
            const outcome = await withRetries((attempt) => this.attempt(hop, headers, options, conditional, consume, attempt), {
                retries: options.retries,
                timing: this.timing,
                sleep: (ms) => setTimeout(ms).then(() => undefined),
                onRetry: (failure, retry, ms) => this.logger.warning(`GET ${displayUrl(hop.url)}: ${failure.reason}; retrying in ${(ms / 1000).toFixed(1)} s (retry ${retry} of ${options.retries})`),
            });
            if (outcome.kind === 'done')
                return outcome.value;
            const target = chain.follow(outcome.status, outcome.location);
            const dropped = Object.keys(options.headers ?? {}).length > 0 && !chain.sendsConfiguredHeaders ? '; configured headers are not sent there (another origin)' : '';
            this.logger.debug(`GET ${displayUrl(hop.url)}: HTTP ${outcome.status} redirect to ${displayUrl(target)}${dropped}`);
        }
    }
    trust(extra) {
        let trust = this.trusted.get(extra);
        if (trust === undefined) {
            trust = trustDefaultsAnd(extra);
            this.trusted.set(extra, trust);
        }
        return trust;
    }
    /** One request to one hop. Throws {@link TransientFailure} for what another attempt may cure. */
    async attempt(hop, headers, options, conditional, consume, attempt) {
        this.logger.debug(`GET ${displayUrl(hop.url)}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
        const exchange = { timedOut: false };
        let response;
        try {
            // Inside the try: building a context can fail (the fallback parses every CA), and that is a connection failure.
            const trust = hop.url.protocol === 'https:' && options.ca !== undefined ? this.trust(String(options.ca)) : undefined;
            response = await send(hop.url, headers, options, exchange, trust);
        }
        catch (error) {
            throw transportFailure(error, hop, exchange, options.timeoutMs);
        }
        try {
            const status = response.statusCode ?? 0;
            if (isRedirect(status))
                return { kind: 'redirect', status, location: header(response, 'location') };
            if (status === 200 || (status === 304 && conditional))
                return { kind: 'done', value: await consume(response, hop, exchange) };
            if (isRetryableStatus(status)) {
                const retryAfter = parseRetryAfter(header(response, 'retry-after'));
                throw new TransientFailure(`HTTP ${status}`, (attempts) => statusError(hop, status, response.statusMessage, attempts), retryAfter);
            }
            throw statusError(hop, status, response.statusMessage, attempt);
        }
        finally {
            // Unread bodies (errors, redirects, refused sizes) are not drained: the socket is closed instead.
            response.destroy();
        }
    }
}
/**
 * Trust in whatever Node trusts by default (its root certificates, NODE_EXTRA_CA_CERTS, or
 * the OpenSSL store with --use-openssl-ca) plus `extra`. The CA is added to a default context
 * through the native method Node's own `ca` option calls: about 2 ms, where handing every root
 * certificate back in as `ca` parses ~140 PEM texts (about 20 ms) and trusts only the bundled
 * roots. A Node without that method gets the slow way.
 */
function trustDefaultsAnd(extra) {
    const secureContext = createSecureContext();
    const native = secureContext.context;
    if (typeof native?.addCACert === 'function') {
        native.addCACert.call(native, extra);
        return { ca: extra, secureContext };
    }
    const ca = [...rootCertificates, extra];
    return { ca, secureContext: createSecureContext({ ca }) };
}
/** Reject options that cannot work, before anything is sent. */
function checkOptions(options) {
    const count = (name, value, positive = false) => {
        if (value === undefined && name === 'maxRedirects')
            return;
        if (!Number.isSafeInteger(value) || value < (positive ? 1 : 0)) {
            throw new UsageError(`HTTP option ${name} must be a ${positive ? 'positive' : 'non-negative'} whole number, got ${String(value)}`);
        }
    };
    count('timeoutMs', options.timeoutMs, true);
    count('maxBytes', options.maxBytes);
    count('retries', options.retries);
    count('maxRedirects', options.maxRedirects);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
        try {
            validateHeaderName(name);
            validateHeaderValue(name, value);
        }
        catch (error) {
            // Name only: the value is likely a token.
            throw new UsageError(`configured HTTP header ${JSON.stringify(name)} has an invalid name or value (control characters or non-ASCII); fix the header`, { cause: error });
        }
    }
}
/** Headers for one hop: configured ones only while on the original origin. */
function requestHeaders(options, sendConfigured, conditional) {
    const headers = { 'user-agent': 'packreg' };
    if (sendConfigured)
        Object.assign(headers, lowerCaseKeys(options.headers ?? {}));
    // Ours win: a compressed body would be hashed and size-checked as sent, not as the file.
    headers['accept-encoding'] = 'identity';
    if (conditional && options.etag !== undefined)
        headers['if-none-match'] = options.etag;
    return headers;
}
function lowerCaseKeys(headers) {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
/**
 * Send a GET and wait for the response head. The socket timeout covers connecting and
 * every silence after it, body included; when it fires, the exchange is marked so the
 * resulting socket error is reported as a timeout. `trust`, for https, is Node's default trust plus an extra CA.
 */
function send(url, headers, options, exchange, trust) {
    return new Promise((resolve, reject) => {
        const secure = url.protocol === 'https:';
        const extraCa = secure && trust !== undefined ? { ca: trust.ca, secureContext: trust.secureContext } : {};
        const request$2 = (secure ? request : request$1)(url, { method: 'GET', headers, timeout: options.timeoutMs, ...extraCa });
        let response;
        request$2.on('timeout', () => {
            exchange.timedOut = true;
            const error = new Error(`no data for ${options.timeoutMs} ms`);
            response?.destroy(error);
            request$2.destroy(error);
        });
        // Stays attached after the response: later socket errors reach the body reader through the response.
        request$2.on('error', reject);
        request$2.on('response', (message) => {
            response = message;
            // The reader may attach a moment later; until then an error is kept in the stream's state, not thrown.
            message.on('error', () => undefined);
            resolve(message);
        });
        request$2.end();
    });
}
/**
 * Stream the body of `response` to `sink`, enforcing the size cap and Content-Length;
 * returns the byte count. `sink` must throw typed errors (its failures are not retried).
 */
async function readBody(response, hop, exchange, options, sink) {
    const expected = declaredLength(response, hop);
    if (expected !== undefined && expected > options.maxBytes)
        throw tooLargeError(hop, options.maxBytes, expected);
    let received = 0;
    try {
        for await (const chunk of chunksOf(response, BODY_AHEAD)) {
            received += chunk.length;
            if (received > options.maxBytes)
                throw tooLargeError(hop, options.maxBytes);
            const pending = sink(chunk);
            // Most chunks are only hashed and kept: no need to wait a turn of the event loop for them.
            if (pending !== undefined)
                await pending;
        }
    }
    catch (error) {
        throw transportFailure(error, hop, exchange, options.timeoutMs, { received, expected });
    }
    if (expected !== undefined && received !== expected) {
        throw new TransientFailure('truncated response', (attempts) => truncatedError(hop, received, expected, attempts));
    }
    return received;
}
/** Content-Length as a number; undefined when absent (chunked). */
function declaredLength(response, hop) {
    const value = header(response, 'content-length');
    if (value === undefined)
        return undefined;
    if (!/^\d+$/.test(value.trim()))
        throw badLengthError(hop);
    return Number(value);
}
/**
 * Classify a failure of the connection: timeouts, resets and cut bodies are transient,
 * TLS and other failures are not. Typed errors pass through unchanged.
 */
function transportFailure(error, hop, exchange, timeoutMs, body) {
    if (error instanceof PackregError || error instanceof TransientFailure)
        return error;
    if (exchange.timedOut)
        return new TransientFailure(`no data for ${timeoutMs} ms`, (attempts) => timeoutError(hop, timeoutMs, attempts, error));
    if (isTlsError(error))
        return tlsError(hop, error);
    if (body?.expected !== undefined && body.received < body.expected) {
        const { received, expected } = body;
        return new TransientFailure('truncated response', (attempts) => truncatedError(hop, received, expected, attempts, error));
    }
    // A body cut off mid-way is always worth another attempt, whatever the socket said.
    if (body || isTransientNetworkError(error))
        return new TransientFailure(`connection failed (${networkCode(error)})`, (attempts) => connectionError(hop, error, attempts));
    return connectionError(hop, error, 1);
}
/** A single-valued response header. */
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/**
 * Body bytes received ahead of the consumer. The response's own async iterator reads through
 * a 16 KiB buffer (one TLS record), so the socket stops whenever a record waits to be taken;
 * with this much room it keeps flowing while a batch is hashed and written.
 */
const BODY_AHEAD = 4 << 20;
/** Bytes gathered before one write to the download file. */
const WRITE_BATCH = 1 << 20;
/** Batches being written at once: one, while the next is gathered (two would contend for the file's lock). */
const WRITES_IN_FLIGHT = 1;
/** Write all of `chunks`, in order, at `position` (one writev; a write may be partial). */
async function writevAt(handle, chunks, position) {
    let rest = chunks;
    let at = position;
    while (rest.length > 0) {
        const { bytesWritten } = await handle.writev(rest, at);
        if (bytesWritten === 0)
            throw new Error('the file system accepted no bytes');
        at += bytesWritten;
        rest = after(rest, bytesWritten);
    }
}
/** What is left of `chunks` once their first `n` bytes are written. */
function after(chunks, n) {
    let skip = n;
    let i = 0;
    while (i < chunks.length && skip >= chunks[i].length)
        skip -= chunks[i++].length;
    const rest = chunks.slice(i);
    if (skip > 0)
        rest[0] = rest[0].subarray(skip);
    return rest;
}

export { nodeHttpClient };
