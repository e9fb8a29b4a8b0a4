import { InputError, messageOf, RemoteError } from '../errors.js';
import type { PackregError } from '../errors.js';
import { displayUrl } from './http-url.js';

/**
 * Typed errors for failed fetches. Messages name the URL (shown by {@link displayUrl}),
 * the cause and the fix, and never a header value: configured headers carry tokens.
 */

/** The request an error is about. */
export interface Hop {
  /** The URL requested. */
  readonly url: URL;
  /** The URL the caller asked for, when redirects led elsewhere. */
  readonly redirectedFrom?: URL;
  /** Whether configured headers existed but were not sent here (the chain left their origin). */
  readonly headersDropped: boolean;
}

/** The server says the document does not exist (404/410): callers may treat that as "absent". */
export class HttpNotFoundError extends InputError {}

function where(hop: Hop): string {
  const from = hop.redirectedFrom ? ` (redirected from ${displayUrl(hop.redirectedFrom)})` : '';
  return `GET ${displayUrl(hop.url)}${from}`;
}

function tries(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}

/** An HTTP status the client does not accept (after any retries). */
export function statusError(hop: Hop, status: number, statusText: string | undefined, attempts: number): PackregError {
  const code = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401 || status === 403) {
    const dropped = hop.headersDropped ? '; the configured headers were not sent to this host because a redirect left the original host' : '';
    return new InputError(`${where(hop)}: the registry refused access (${code}); check the token/headers configured for this registry${dropped}`);
  }
  if (status === 404 || status === 410) {
    return new HttpNotFoundError(`${where(hop)}: not found (${code}); check the URL and that the registry holds it`);
  }
  if (status >= 500 || status === 408 || status === 429) {
    return new RemoteError(`${where(hop)} failed: ${code} after ${tries(attempts)}; the registry is unavailable or overloaded, try again later`);
  }
  if (status >= 400) return new RemoteError(`${where(hop)} failed: ${code}; the registry rejected the request`);
  return new RemoteError(`${where(hop)}: unexpected ${code}; expected 200`);
}

/** No progress for `timeoutMs` while connecting or between chunks. */
export function timeoutError(hop: Hop, timeoutMs: number, attempts: number, cause: unknown): PackregError {
  return new RemoteError(`${where(hop)}: timed out after ${timeoutMs} ms without data (${tries(attempts)}); the registry is slow or unreachable, try again or raise the timeout`, { cause });
}

/** The connection failed before or during the response. */
export function connectionError(hop: Hop, cause: unknown, attempts: number): PackregError {
  return new RemoteError(`${where(hop)}: connection failed (${networkCode(cause)}) after ${tries(attempts)}; check the registry URL and the network`, { cause });
}

/** A TLS failure: certificate not trusted, wrong host name, handshake refused. Not retried. */
export function tlsError(hop: Hop, cause: unknown): PackregError {
  return new RemoteError(
    `${where(hop)}: TLS failed (${networkCode(cause)}); the server's certificate is not trusted for ${hop.url.host}. For a private registry, configure its CA certificate`,
    { cause },
  );
}

/** The body ended before (or ran past) its Content-Length. */
export function truncatedError(hop: Hop, received: number, expected: number, attempts: number, cause?: unknown): PackregError {
  const what = received < expected ? 'truncated: the connection closed before the end of the body' : 'longer than its Content-Length';
  return new RemoteError(`${where(hop)}: the response was ${what} (${received} of ${expected} bytes read) after ${tries(attempts)}; the connection is unreliable, try again`, { cause });
}

/**
 * The body is larger than the caller's cap. An InputError (exit 3), not an IntegrityError:
 * no checksum was compared, and the cap is the caller's setting: either the registry serves
 * something that is not the expected file, or the cap must be raised for a large pack.
 */
export function tooLargeError(hop: Hop, maxBytes: number, declared?: number): PackregError {
  const size = declared !== undefined ? `announces ${declared} bytes (Content-Length)` : `sent more than ${maxBytes} bytes`;
  return new InputError(`${where(hop)}: the response ${size}, over the ${maxBytes}-byte size limit; refused. If the file is genuinely this large, raise the limit`);
}

/** The Content-Length header is not a byte count. */
export function badLengthError(hop: Hop): PackregError {
  return new RemoteError(`${where(hop)}: the response has an invalid Content-Length; the registry is misconfigured`);
}

/** Codes of connection failures another attempt may cure. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_SOCKET']);

/** Whether a connection failure is worth another attempt (not DNS misses, TLS or policy failures). */
export function isTransientNetworkError(error: unknown): boolean {
  return TRANSIENT_CODES.has(networkCode(error));
}

/** Whether a failure came from TLS (certificate or handshake). */
export function isTlsError(error: unknown): boolean {
  const code = networkCode(error);
  return /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/.test(code);
}

/** The error's code (ECONNRESET...), else its message. */
export function networkCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code ? code : messageOf(error);
}
