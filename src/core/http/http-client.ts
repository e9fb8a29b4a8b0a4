/**
 * The HTTP edge of the registry client: the narrow interface core code fetches through, so
 * registry logic never touches sockets and tests can substitute it. The implementation is
 * {@link nodeHttpClient} in node-http-client.ts.
 */

/** How one fetch behaves. Every field applies to each hop of a redirect chain. */
export interface HttpOptions {
  /**
   * Configured headers (such as Authorization). Sent only while the request stays on the
   * original URL's origin (scheme, host and port): once a redirect leaves it they are dropped
   * for the rest of the chain. Their values never appear in messages or logs.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per attempt: how long connecting may take, and the longest silence between two chunks. */
  readonly timeoutMs: number;
  /** Size cap in bytes: a larger Content-Length fails before the body is read; a body that grows past it is aborted. */
  readonly maxBytes: number;
  /** Extra attempts after 408, 429, 5xx, connection resets, truncated bodies and timeouts (0 = try once). */
  readonly retries: number;
  /** Allow http:// URLs, including a redirect from https to http. Off: only https is fetched. */
  readonly allowHttp: boolean;
  /** Redirects followed before giving up; default {@link DEFAULT_MAX_REDIRECTS}. */
  readonly maxRedirects?: number;
  /** Extra trusted CA certificate(s), PEM: a private registry's, or a test server's. */
  readonly ca?: string | Buffer;
  /** Conditional GET: sent as If-None-Match by {@link HttpClient.getBytes} (a download ignores it). */
  readonly etag?: string;
}

/** Redirects followed by default. */
export const DEFAULT_MAX_REDIRECTS = 5;

/** A body fetched into memory, or word that the cached copy is still current. */
export type HttpBytes =
  | { readonly status: 200; readonly body: Buffer; readonly etag?: string; readonly url: string }
  | { readonly status: 304; readonly body?: undefined; readonly etag?: string; readonly url: string };

/** A body streamed to a file. */
export interface HttpDownload {
  /** SHA-256 of the bytes written, lowercase hex. */
  readonly sha256: string;
  /** Bytes written. */
  readonly size: number;
  /** The URL the body came from, after redirects. */
  readonly url: string;
}

/**
 * Takes a download's body as it arrives, besides the file: how an archive is unpacked in the
 * same pass as it is downloaded and hashed. {@link DownloadTee.open} is called when an
 * accepted response's body starts, and again each time a retry starts it over (after the
 * previous sink was aborted).
 */
export interface DownloadTee {
  /** A body starts; its Content-Length if it declared a valid one. Undefined: take no bytes of it. */
  open(body: { readonly declaredLength?: number }): BodySink | undefined;
}

/** Where one attempt's body goes. Its methods never throw. */
export interface BodySink {
  /**
   * The next bytes of the body, in order, batched (about 1 MiB). A returned promise holds the
   * download back until it settles: the sink's backpressure.
   */
  write(chunks: readonly Buffer[]): Promise<void> | undefined;
  /** The body arrived whole: every byte was given to `write`, and its length checked. */
  end(): void;
  /** This attempt failed (it may be retried) or the download was abandoned: no more bytes come. */
  abort(reason: unknown): void;
}

/** GET over HTTP(S), with redirects, retries, size caps and typed errors (see errors.ts). */
export interface HttpClient {
  /**
   * GET into memory, for small documents such as indices: status 200 with the body, or
   * 304 when `options.etag` still matches. `url` is the final URL after redirects.
   */
  getBytes(url: string, options: HttpOptions): Promise<HttpBytes>;
  /**
   * GET streamed to `file`, hashed with SHA-256 in the same pass and never held in memory.
   * The file is written under a temporary name beside it and renamed into place (replacing
   * any existing file) only when complete; on failure nothing is left behind. `tee`, if
   * given, also receives the body as it arrives.
   */
  download(url: string, file: string, options: HttpOptions, tee?: DownloadTee): Promise<HttpDownload>;
}
