import { UsageError } from '../errors.js';

/**
 * A URL as it may appear in messages and logs: no userinfo, and the query elided because
 * signed URLs (a registry redirecting to object storage) carry their signature there.
 */
export function displayUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return '(an invalid URL)';
  }
  const query = parsed.search ? '?…' : '';
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}

/** A registry location for messages: URLs as {@link displayUrl} shows them, local paths as they are. */
export function displayLocation(location: string): string {
  return /^(https?|file):\/\//i.test(location) ? displayUrl(location) : location;
}

/**
 * Parse a URL given to the client and check it may be fetched: http or https only (http
 * only when allowed), and no credentials in it (they would end up in logs and on every
 * redirect hop; configured headers are scoped to the original host instead).
 */
export function checkRequestUrl(url: string, allowHttp: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    // It cannot be parsed, so strip anything shaped like userinfo by hand before quoting it.
    const shown = JSON.stringify(url.replace(/\/\/[^/]*@/, '//'));
    throw new UsageError(`${shown} is not a valid URL; give an absolute http(s) URL`, { cause: error });
  }
  const problem = urlProblem(parsed, allowHttp);
  if (problem) throw new UsageError(`${displayUrl(parsed)}: ${problem}`);
  return parsed;
}

/** Why `url` may not be fetched, or undefined when it may. Shared by the first URL and every redirect target. */
export function urlProblem(url: URL, allowHttp: boolean): string | undefined {
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
