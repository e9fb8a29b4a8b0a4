/**
 * The registry client's configuration: Attune's `pack_registry` section, as read from a
 * config file ({@link parseRegistryConfig}) and the `ATTUNE__PACK_REGISTRY__*` environment
 * ({@link applyRegistryEnvironment}).
 */

/** One registry index the client may search. */
export interface RegistryIndexConfig {
  /** Unique (case-insensitively) among the indices; `--registry NAME` selects one. */
  readonly name: string;
  /**
   * Where the index is read from: an `https://` or `http://` URL (the client refuses http
   * unless {@link RegistryConfig.allowHttp}), a `file://` URL, or an absolute path.
   */
  readonly url: string;
  /** Lower numbers are searched first. */
  readonly priority: number;
  /** A disabled index is kept (so it can be named) but not searched. */
  readonly enabled: boolean;
  /** Extra request headers, `${VAR}` references already expanded. Secret: never log the values. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The whole `pack_registry` section. */
export interface RegistryConfig {
  /** False turns registry lookups off altogether. */
  readonly enabled: boolean;
  /** Sorted by priority, lowest number first; equal priorities keep the order they were written in. */
  readonly indices: readonly RegistryIndexConfig[];
  /** How long a fetched index may be reused, in seconds; 0 means always refetch. */
  readonly cacheTtlSeconds: number;
  readonly cacheEnabled: boolean;
  /** Per-request timeout in seconds, always more than 0. */
  readonly timeoutSeconds: number;
  readonly verifyChecksums: boolean;
  /** Whether plain-http index and archive URLs may be fetched. */
  readonly allowHttp: boolean;
}

/** Attune's defaults: enabled, no indices, a one-hour cache, two-minute timeout, checksums verified, https only. */
export const DEFAULT_REGISTRY_CONFIG: RegistryConfig = Object.freeze({
  enabled: true,
  indices: Object.freeze([]),
  cacheTtlSeconds: 3600,
  cacheEnabled: true,
  timeoutSeconds: 120,
  verifyChecksums: true,
  allowHttp: false,
});

/** An environment as a plain object: core never reads `process.env` itself. */
export type Environment = Readonly<Record<string, string | undefined>>;
