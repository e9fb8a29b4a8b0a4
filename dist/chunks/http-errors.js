import { U as UsageError, I as InputError, R as RemoteError, m as messageOf } from './errors.js';

/**
 * A URL as it may appear in messages and logs: no userinfo, and the query elided because
 * signed URLs (a registry redirecting to object storage) carry their signature there.
 */
function displayUrl(url) {
    let parsed;
    try {
        parsed = new URL(String(url));
    }
    catch {
        return '(an invalid URL)';
    }
    const query = parsed.search ? '?…' : '';
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}
/** A registry location for messages: URLs as {@link displayUrl} shows them, local paths as they are. */
function displayLocation(location) {
    return /^(https?|file):\/\//i.test(location) ? displayUrl(location) : location;
}
/**
 * Parse a URL given to the client and check it may be fetched: http or https only (http
 * only when allowed), and no credentials in it (they would end up in logs and on every
 * redirect hop; configured headers are scoped to the original host instead).
 */
function checkRequestUrl(url, allowHttp) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch (error) {
        // It cannot be parsed, so strip anything shaped like userinfo by hand before quoting it.
        const shown = JSON.stringify(url.replace(/\/\/[^/]*@/, '//'));
        throw new UsageError(`${shown} is not a valid URL; give an absolute http(s) URL`, { cause: error });
    }
    const problem = urlProblem(parsed, allowHttp);
    if (problem)
        throw new UsageError(`${displayUrl(parsed)}: ${problem}`);
    return parsed;
}
/** Why `url` may not be fetched, or undefined when it may. Shared by the first URL and every redirect target. */
function urlProblem(url, allowHttp) {
    if (url.username || url.password) {
        return 'the URL contains credentials (user:password@); remove them and configure the token as a header instead';
    }
    if (url.protocol === 'http:' && !allowHttp) {
        return 'plain http is refused; use https, or allow http explicitly for a trusted local registry';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return `the ${url.protocol.replace(/:$/, '')} scheme is not supported; use https`;
    }
    return undefined;
}

/** The server says the document does not exist (404/410): callers may treat that as "absent". */
class HttpNotFoundError extends InputError {
}
function where(hop) {
    const from = hop.redirectedFrom ? ` (redirected from ${displayUrl(hop.redirectedFrom)})` : '';
    return `GET ${displayUrl(hop.url)}${from}`;
}
function tries(attempts) {
    return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}
/** An HTTP status the client does not accept (after any retries). */
function statusError(hop, status, statusText, attempts) {
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
    if (status >= 400)
        return new RemoteError(`${where(hop)} failed: ${code}; the registry rejected the request`);
    return new RemoteError(`${where(hop)}: unexpected ${code}; expected 200`);
}
/** No progress for `timeoutMs` while connecting or between chunks. */
function timeoutError(hop, timeoutMs, attempts, cause) {
    return new RemoteError(`${where(hop)}: timed out after ${timeoutMs} ms without data (${tries(attempts)}); the registry is slow or unreachable, try again or raise the timeout`, { cause });
}
/** The connection failed before or during the response. */
function connectionError(hop, cause, attempts) {
    return new RemoteError(`${where(hop)}: connection failed (${networkCode(cause)}) after ${tries(attempts)}; check the registry URL and the network`, { cause });
}
/** A TLS failure: certificate not trusted, wrong host name, handshake refused. Not retried. */
function tlsError(hop, cause) {
    return new RemoteError(`${where(hop)}: TLS failed (${networkCode(cause)}); the server's certificate is not trusted for ${hop.url.host}. For a private registry, configure its CA certificate`, { cause });
}
/** The body ended before (or ran past) its Content-Length. */
function truncatedError(hop, received, expected, attempts, cause) {
    const what = received < expected ? 'truncated: the connection closed before the end of the body' : 'longer than its Content-Length';
    return new RemoteError(`${where(hop)}: the response was ${what} (${received} of ${expected} bytes read) after ${tries(attempts)}; the connection is unreliable, try again`, { cause });
}
/**
 * The body is larger than the caller's cap. An InputError (exit 3), not an IntegrityError:
 * no checksum was compared, and the cap is the caller's setting: either the registry serves
 * something that is not the expected file, or the cap must be raised for a large pack.
 */
function tooLargeError(hop, maxBytes, declared) {
    const size = declared !== undefined ? `announces ${declared} bytes (Content-Length)` : `sent more than ${maxBytes} bytes`;
    return new InputError(`${where(hop)}: the response ${size}, over the ${maxBytes}-byte size limit; refused. If the file is genuinely this large, raise the limit`);
}
/** The Content-Length header is not a byte count. */
function badLengthError(hop) {
    return new RemoteError(`${where(hop)}: the response has an invalid Content-Length; the registry is misconfigured`);
}
/** Codes of connection failures another attempt may cure. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_SOCKET']);
/** Whether a connection failure is worth another attempt (not DNS misses, TLS or policy failures). */
function isTransientNetworkError(error) {
    return TRANSIENT_CODES.has(networkCode(error));
}
/** Whether a failure came from TLS (certificate or handshake). */
function isTlsError(error) {
    const code = networkCode(error);
    return /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/.test(code);
}
/** The error's code (ECONNRESET...), else its message. */
function networkCode(error) {
    const code = error?.code;
    return typeof code === 'string' && code ? code : messageOf(error);
}

export { HttpNotFoundError as H, displayLocation as a, truncatedError as b, checkRequestUrl as c, displayUrl as d, badLengthError as e, timeoutError as f, tlsError as g, isTransientNetworkError as h, isTlsError as i, connectionError as j, networkCode as n, statusError as s, tooLargeError as t, urlProblem as u };
