import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { request as httpRequest, validateHeaderName, validateHeaderValue } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { fsInputError, PackregError, UsageError } from '../errors.js';
import { AtomicFile } from '../fs/atomic-file.js';
import { chunksOf } from '../stream/chunks.js';
import { WorkPool } from '../stream/work-pool.js';
import type { Logger } from '../logger.js';
import { DEFAULT_MAX_REDIRECTS } from './http-client.js';
import type { DownloadTee, HttpBytes, HttpClient, HttpDownload, HttpOptions } from './http-client.js';
import { badLengthError, connectionError, isTlsError, isTransientNetworkError, networkCode, statusError, timeoutError, tlsError, tooLargeError, truncatedError } from './http-errors.js';
import type { Hop } from './http-errors.js';
import { checkRequestUrl, displayUrl } from './http-url.js';
import { isRedirect, RedirectChain } from './redirects.js';
import { DEFAULT_RETRY_TIMING, isRetryableStatus, parseRetryAfter, TransientFailure, withRetries } from './retry.js';
import type { RetryTiming } from './retry.js';

/** Knobs tests turn; production callers pass nothing. */
export interface NodeHttpTuning {
  /** Backoff and Retry-After cap; defaults to {@link DEFAULT_RETRY_TIMING}. */
  readonly retryTiming?: Partial<RetryTiming>;
}

/**
 * The {@link HttpClient} on node:http/node:https (not global fetch: it cannot take an extra
 * CA per request, and its redirect handling cannot be checked hop by hop).
 */
export function nodeHttpClient(logger: Logger, tuning: NodeHttpTuning = {}): HttpClient {
  return new NodeHttpClient(logger, { ...DEFAULT_RETRY_TIMING, ...tuning.retryTiming });
}

/** What one attempt at one hop produced: the consumer's result, or a redirect to follow. */
type Outcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'redirect'; readonly status: number; readonly location?: string };

/** Reads an accepted response (200, or 304 for a conditional GET). */
type Consumer<T> = (response: IncomingMessage, hop: Hop, exchange: Exchange) => Promise<T>;

/** One request in flight, and whether its idle timer fired (the socket error alone cannot tell). */
interface Exchange {
  timedOut: boolean;
}

/** TLS options that trust the system's roots plus one extra CA. */
interface Trust {
  /**
   * Passed as `ca` beside the context, which is what a connection uses: the https agent tells
   * pooled connections apart by `ca`, so one made for another CA is never reused.
   */
  readonly ca: string | string[];
  readonly secureContext: SecureContext;
}

class NodeHttpClient implements HttpClient {
  /** By extra CA: a context is built once per client and CA, and reused by every request. */
  private readonly trusted = new Map<string, Trust>();

  constructor(
    private readonly logger: Logger,
    private readonly timing: RetryTiming,
  ) {}

  async getBytes(url: string, options: HttpOptions): Promise<HttpBytes> {
    checkOptions(options);
    const start = checkRequestUrl(url, options.allowHttp);
    return this.fetch(start, options, true, async (response, hop, exchange) => {
      const etag = header(response, 'etag') ?? (response.statusCode === 304 ? options.etag : undefined);
      if (response.statusCode === 304) return { status: 304, etag, url: hop.url.href };
      const chunks: Buffer[] = [];
      await readBody(response, hop, exchange, options, (chunk) => {
        chunks.push(chunk);
      });
      return { status: 200, body: Buffer.concat(chunks), etag, url: hop.url.href };
    });
  }

  async download(url: string, file: string, options: HttpOptions, tee?: DownloadTee): Promise<HttpDownload> {
    checkOptions(options);
    const start = checkRequestUrl(url, options.allowHttp);
    const out = await AtomicFile.create(file, { overwrite: true, what: 'download' });
    try {
      const result = await this.fetch(start, options, false, async (response, hop, exchange) => {
        // A retry starts the body again: drop what an earlier attempt wrote.
        await out.handle.truncate(0).catch((error: unknown) => {
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
        let batch: Buffer[] = [];
        let batched = 0;
        const flush = (): Promise<void> | undefined => {
          if (batched === 0) return undefined;
          const data = batch;
          const at = position;
          position += batched;
          batch = [];
          batched = 0;
          const queued = writes.add(() =>
            writevAt(out.handle, data, at).catch((error: unknown) => {
              throw fsInputError(error, 'download', out.path);
            }),
          );
          const taken = sink?.write(data);
          return taken === undefined ? queued : Promise.all([queued, taken]).then(() => undefined);
        };
        let size: number;
        try {
          size = await readBody(response, hop, exchange, options, (chunk) => {
            hash.update(chunk);
            batch.push(chunk);
            batched += chunk.length;
            return batched >= WRITE_BATCH ? flush() : undefined;
          });
          await flush();
          await writes.drain();
        } catch (error) {
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
    } catch (error) {
      await out.abort();
      throw error;
    }
  }

  /** Follow redirects from `start`, retrying each hop, until a response is accepted and consumed. */
  private async fetch<T>(start: URL, options: HttpOptions, conditional: boolean, consume: Consumer<T>): Promise<T> {
    const chain = new RedirectChain(start, { allowHttp: options.allowHttp, maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS });
    for (;;) {
      const hop: Hop = {
        url: chain.current,
        redirectedFrom: chain.redirected ? start : undefined,
        headersDropped: !chain.sendsConfiguredHeaders && Object.keys(options.headers ?? {}).length > 0,
      };
      const headers = requestHeaders(options, chain.sendsConfiguredHeaders, conditional);
      const outcome = await withRetries((attempt) => this.attempt(hop, headers, options, conditional, consume, attempt), {
        retries: options.retries,
        timing: this.timing,
        sleep: (ms) => delay(ms).then(() => undefined),
        onRetry: (failure, retry, ms) =>
          this.logger.warning(`GET ${displayUrl(hop.url)}: ${failure.reason}; retrying in ${(ms / 1000).toFixed(1)} s (retry ${retry} of ${options.retries})`),
      });
      if (outcome.kind === 'done') return outcome.value;
      const target = chain.follow(outcome.status, outcome.location);
      const dropped = Object.keys(options.headers ?? {}).length > 0 && !chain.sendsConfiguredHeaders ? '; configured headers are not sent there (another origin)' : '';
      this.logger.debug(`GET ${displayUrl(hop.url)}: HTTP ${outcome.status} redirect to ${displayUrl(target)}${dropped}`);
    }
  }

  private trust(extra: string): Trust {
    let trust = this.trusted.get(extra);
    if (trust === undefined) {
      trust = trustDefaultsAnd(extra);
      this.trusted.set(extra, trust);
    }
    return trust;
  }

  /** One request to one hop. Throws {@link TransientFailure} for what another attempt may cure. */
  private async attempt<T>(hop: Hop, headers: OutgoingHttpHeaders, options: HttpOptions, conditional: boolean, consume: Consumer<T>, attempt: number): Promise<Outcome<T>> {
    this.logger.debug(`GET ${displayUrl(hop.url)}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    const exchange: Exchange = { timedOut: false };
    let response: IncomingMessage;
    try {
      // Inside the try: building a context can fail (the fallback parses every CA), and that is a connection failure.
      const trust = hop.url.protocol === 'https:' && options.ca !== undefined ? this.trust(String(options.ca)) : undefined;
      response = await send(hop.url, headers, options, exchange, trust);
    } catch (error) {
      throw transportFailure(error, hop, exchange, options.timeoutMs);
    }
    try {
      const status = response.statusCode ?? 0;
      if (isRedirect(status)) return { kind: 'redirect', status, location: header(response, 'location') };
      if (status === 200 || (status === 304 && conditional)) return { kind: 'done', value: await consume(response, hop, exchange) };
      if (isRetryableStatus(status)) {
        const retryAfter = parseRetryAfter(header(response, 'retry-after'));
        throw new TransientFailure(`HTTP ${status}`, (attempts) => statusError(hop, status, response.statusMessage, attempts), retryAfter);
      }
      throw statusError(hop, status, response.statusMessage, attempt);
    } finally {
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
function trustDefaultsAnd(extra: string): Trust {
  const secureContext = createSecureContext();
  const native = (secureContext as { context?: { addCACert?: unknown } }).context;
  if (typeof native?.addCACert === 'function') {
    (native.addCACert as (pem: string) => void).call(native, extra);
    return { ca: extra, secureContext };
  }
  const ca = [...rootCertificates, extra];
  return { ca, secureContext: createSecureContext({ ca }) };
}

/** Reject options that cannot work, before anything is sent. */
function checkOptions(options: HttpOptions): void {
  const count = (name: string, value: number | undefined, positive = false): void => {
    if (value === undefined && name === 'maxRedirects') return;
    if (!Number.isSafeInteger(value) || (value as number) < (positive ? 1 : 0)) {
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
    } catch (error) {
      // Name only: the value is likely a token.
      throw new UsageError(`configured HTTP header ${JSON.stringify(name)} has an invalid name or value (control characters or non-ASCII); fix the header`, { cause: error });
    }
  }
}

/** Headers for one hop: configured ones only while on the original origin. */
function requestHeaders(options: HttpOptions, sendConfigured: boolean, conditional: boolean): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'user-agent': 'packreg' };
  if (sendConfigured) Object.assign(headers, lowerCaseKeys(options.headers ?? {}));
  // Ours win: a compressed body would be hashed and size-checked as sent, not as the file.
  headers['accept-encoding'] = 'identity';
  if (conditional && options.etag !== undefined) headers['if-none-match'] = options.etag;
  return headers;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Send a GET and wait for the response head. The socket timeout covers connecting and
 * every silence after it, body included; when it fires, the exchange is marked so the
 * resulting socket error is reported as a timeout. `trust`, for https, is Node's default trust plus an extra CA.
 */
function send(url: URL, headers: OutgoingHttpHeaders, options: HttpOptions, exchange: Exchange, trust: Trust | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const extraCa = secure && trust !== undefined ? { ca: trust.ca, secureContext: trust.secureContext } : {};
    const request = (secure ? httpsRequest : httpRequest)(url, { method: 'GET', headers, timeout: options.timeoutMs, ...extraCa });
    let response: IncomingMessage | undefined;
    request.on('timeout', () => {
      exchange.timedOut = true;
      const error = new Error(`no data for ${options.timeoutMs} ms`);
      response?.destroy(error);
      request.destroy(error);
    });
    // Stays attached after the response: later socket errors reach the body reader through the response.
    request.on('error', reject);
    request.on('response', (message: IncomingMessage) => {
      response = message;
      // The reader may attach a moment later; until then an error is kept in the stream's state, not thrown.
      message.on('error', () => undefined);
      resolve(message);
    });
    request.end();
  });
}

/**
 * Stream the body of `response` to `sink`, enforcing the size cap and Content-Length;
 * returns the byte count. `sink` must throw typed errors (its failures are not retried).
 */
async function readBody(response: IncomingMessage, hop: Hop, exchange: Exchange, options: HttpOptions, sink: (chunk: Buffer) => Promise<void> | void): Promise<number> {
  const expected = declaredLength(response, hop);
  if (expected !== undefined && expected > options.maxBytes) throw tooLargeError(hop, options.maxBytes, expected);
  let received = 0;
  try {
    for await (const chunk of chunksOf(response, BODY_AHEAD)) {
      received += chunk.length;
      if (received > options.maxBytes) throw tooLargeError(hop, options.maxBytes);
      const pending = sink(chunk);
      // Most chunks are only hashed and kept: no need to wait a turn of the event loop for them.
      if (pending !== undefined) await pending;
    }
  } catch (error) {
    throw transportFailure(error, hop, exchange, options.timeoutMs, { received, expected });
  }
  if (expected !== undefined && received !== expected) {
    throw new TransientFailure('truncated response', (attempts) => truncatedError(hop, received, expected, attempts));
  }
  return received;
}

/** Content-Length as a number; undefined when absent (chunked). */
function declaredLength(response: IncomingMessage, hop: Hop): number | undefined {
  const value = header(response, 'content-length');
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw badLengthError(hop);
  return Number(value);
}

/**
 * Classify a failure of the connection: timeouts, resets and cut bodies are transient,
 * TLS and other failures are not. Typed errors pass through unchanged.
 */
function transportFailure(error: unknown, hop: Hop, exchange: Exchange, timeoutMs: number, body?: { received: number; expected?: number }): Error {
  if (error instanceof PackregError || error instanceof TransientFailure) return error;
  if (exchange.timedOut) return new TransientFailure(`no data for ${timeoutMs} ms`, (attempts) => timeoutError(hop, timeoutMs, attempts, error));
  if (isTlsError(error)) return tlsError(hop, error);
  if (body?.expected !== undefined && body.received < body.expected) {
    const { received, expected } = body;
    return new TransientFailure('truncated response', (attempts) => truncatedError(hop, received, expected, attempts, error));
  }
  // A body cut off mid-way is always worth another attempt, whatever the socket said.
  if (body || isTransientNetworkError(error)) return new TransientFailure(`connection failed (${networkCode(error)})`, (attempts) => connectionError(hop, error, attempts));
  return connectionError(hop, error, 1);
}

/** A single-valued response header. */
function header(response: IncomingMessage, name: string): string | undefined {
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
async function writevAt(handle: FileHandle, chunks: Buffer[], position: number): Promise<void> {
  let rest = chunks;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    if (bytesWritten === 0) throw new Error('the file system accepted no bytes');
    at += bytesWritten;
    rest = after(rest, bytesWritten);
  }
}

/** What is left of `chunks` once their first `n` bytes are written. */
function after(chunks: Buffer[], n: number): Buffer[] {
  let skip = n;
  let i = 0;
  while (i < chunks.length && skip >= chunks[i].length) skip -= chunks[i++].length;
  const rest = chunks.slice(i);
  if (skip > 0) rest[0] = rest[0].subarray(skip);
  return rest;
}
