import { RemoteError } from '../errors.js';
import { displayUrl, urlProblem } from './http-url.js';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** A status the client follows (it only ever sends GET, so all five mean "GET the Location"). */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The hops of one fetch, followed by hand so each target is checked before anything is sent
 * to it. Configured headers belong to the starting origin: once a hop leaves it (another
 * host, port or scheme) they are dropped for the rest of the chain, even if a later hop
 * comes back, as browsers do with Authorization.
 */
export class RedirectChain {
  private url: URL;
  private hops = 0;
  private leftOrigin = false;

  constructor(
    /** The URL the caller asked for. */
    readonly start: URL,
    private readonly policy: { readonly allowHttp: boolean; readonly maxRedirects: number },
  ) {
    this.url = start;
  }

  /** The URL to request next. */
  get current(): URL {
    return this.url;
  }

  /** Whether configured headers may be sent to {@link current}. */
  get sendsConfiguredHeaders(): boolean {
    return !this.leftOrigin;
  }

  /** Whether any redirect was followed. */
  get redirected(): boolean {
    return this.hops > 0;
  }

  /** Move to the target of a redirect answered by {@link current}; throws RemoteError when it must not be followed. */
  follow(status: number, location: string | undefined): URL {
    const from = this.url;
    if (!location) throw new RemoteError(`${displayUrl(from)} answered HTTP ${status} (a redirect) without a Location header; the registry is misconfigured`);
    let target: URL;
    try {
      target = new URL(location, from);
    } catch (error) {
      throw new RemoteError(`${displayUrl(from)} redirected to an invalid URL; the registry is misconfigured`, { cause: error });
    }
    if (this.hops >= this.policy.maxRedirects) {
      throw new RemoteError(`too many redirects: more than ${this.policy.maxRedirects} starting at ${displayUrl(this.start)} (last ${displayUrl(from)} → ${displayUrl(target)}); the registry may have a redirect loop`);
    }
    if (from.protocol === 'https:' && target.protocol === 'http:' && !this.policy.allowHttp) {
      throw new RemoteError(`${displayUrl(from)} redirected to plain http ${displayUrl(target)}; refused, as it would send the request unencrypted. Fix the registry, or allow http if this network is trusted`);
    }
    const problem = urlProblem(target, this.policy.allowHttp);
    if (problem) throw new RemoteError(`${displayUrl(from)} redirected to ${displayUrl(target)}, which is refused: ${problem}`);
    this.hops += 1;
    if (target.origin !== this.start.origin) this.leftOrigin = true;
    this.url = target;
    return target;
  }
}
