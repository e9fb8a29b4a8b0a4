import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fsInputError, InputError } from '../errors.js';
import { parseHistory } from '../index/history.js';
import { formatIndexProblems, indexProblems, urlScopeOf } from '../index/index-rules.js';
import { parseJsonText } from '../index/json-text.js';
import type { IndexEntry, RegistryIndex } from '../index/model.js';
import { HttpNotFoundError } from '../http/http-errors.js';
import type { HttpClient, HttpOptions } from '../http/http-client.js';
import { displayLocation as shown, displayUrl } from '../http/http-url.js';
import type { Logger } from '../logger.js';
import type { RegistryConfig, RegistryIndexConfig } from '../registry/config-types.js';
import { IndexCache } from './index-cache.js';
import type { IndexSource } from './resolve.js';

/** The reference installer's cap for an index: 10 MiB. */
export const INDEX_MAX_BYTES = 10 * 1024 * 1024;

/** What the registry client reads indices with. */
export interface RegistryClientDeps {
  readonly http: HttpClient;
  readonly logger: Logger;
  /** Milliseconds since the epoch (tests move time). */
  readonly now?: () => number;
}

/** Where fetched indices are cached, and trust for private registries. */
export interface RegistryClientSettings {
  readonly config: RegistryConfig;
  /** Folder for the index cache; without it nothing is cached. */
  readonly cacheDir?: string;
  /** Extra trusted CA certificates (PEM). */
  readonly ca?: string;
}

/** The enabled indices of a configuration, as sources resolution can search (highest priority first). */
export function registrySources(settings: RegistryClientSettings, deps: RegistryClientDeps): IndexSource[] {
  if (!settings.config.enabled) return [];
  const cache = settings.cacheDir && settings.config.cacheEnabled ? new IndexCache(settings.cacheDir, settings.config.cacheTtlSeconds, deps.now) : undefined;
  return settings.config.indices.filter((i) => i.enabled).map((i) => new ConfiguredIndex(i, settings, deps, cache));
}

/** One configured index: fetched once per process, cached on disk between processes. */
class ConfiguredIndex implements IndexSource {
  readonly name: string;
  readonly url: string;
  readonly priority: number;
  private loaded?: Promise<RegistryIndex>;

  constructor(
    private readonly config: RegistryIndexConfig,
    private readonly settings: RegistryClientSettings,
    private readonly deps: RegistryClientDeps,
    private readonly cache: IndexCache | undefined,
  ) {
    this.name = config.name;
    this.url = isRemote(config.url) ? displayUrl(config.url) : config.url;
    this.priority = config.priority;
  }

  index(): Promise<RegistryIndex> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  async history(ref: string): Promise<readonly IndexEntry[] | undefined> {
    // A local registry (file:// registry_url) may hold file:// URLs in its histories too.
    const scope = urlScopeOf((await this.index()).registry_url);
    const url = siblingUrl(this.config.url, `packs/${ref}/index.json`);
    return (await this.read(url, (bytes) => parseHistory(bytes.toString('utf8'), shown(url), ref, 'custom', scope), true))?.versions;
  }

  headersFor(url: string): Readonly<Record<string, string>> {
    if (!isRemote(url) || !isRemote(this.config.url)) return {};
    return new URL(url).origin === new URL(this.config.url).origin ? this.config.headers : {};
  }

  private async load(): Promise<RegistryIndex> {
    return (await this.read(this.config.url, (bytes) => checkIndex(bytes, this.config.url), false))!;
  }

  /** A document, parsed and checked by `parse` (before it is cached); `optional`: undefined when absent. */
  private async read<T>(url: string, parse: (bytes: Buffer) => T, optional: boolean): Promise<T | undefined> {
    if (!isRemote(url)) {
      const bytes = await readLocal(url, optional);
      return bytes && parse(bytes);
    }
    const cached = await this.cache?.read(url);
    if (cached?.fresh) {
      this.deps.logger.debug(`${shown(url)}: cached copy is fresh`);
      return parse(cached.bytes);
    }
    const options: HttpOptions = {
      headers: this.config.headers,
      timeoutMs: this.settings.config.timeoutSeconds * 1000,
      maxBytes: INDEX_MAX_BYTES,
      retries: 2,
      allowHttp: this.settings.config.allowHttp,
      ca: this.settings.ca,
      etag: cached?.etag,
    };
    let answer;
    try {
      answer = await this.deps.http.getBytes(url, options);
    } catch (error) {
      if (optional && error instanceof HttpNotFoundError) return undefined;
      throw error;
    }
    if (answer.status === 304 && cached) {
      await this.cache?.touch(url, answer.etag ?? cached.etag);
      return parse(cached.bytes);
    }
    if (!answer.body) throw new InputError(`${shown(url)}: the server answered 304 but there is no cached copy; clear the cache and retry`);
    const value = parse(answer.body);
    await this.cache?.write(url, answer.body, answer.etag);
    return value;
  }
}

/** Parse and validate an index; a local registry (file:// registry_url) may hold file:// URLs. */
function checkIndex(bytes: Buffer, url: string): RegistryIndex {
  const value = parseJsonText(bytes.toString('utf8'), shown(url));
  const problems = indexProblems(value, 'custom');
  if (problems.length > 0) throw new InputError(`the index at ${shown(url)} is not a valid Attune index (${problems.length} problem(s)):\n${formatIndexProblems(problems, 10)}`);
  return value as RegistryIndex;
}

function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** The URL of `path` beside the index at `indexUrl` (same folder). */
export function siblingUrl(indexUrl: string, path: string): string {
  if (isRemote(indexUrl) || indexUrl.startsWith('file:')) return new URL(path, indexUrl).href;
  return new URL(path, pathToFileURL(indexUrl)).href;
}

async function readLocal(url: string, optional: boolean): Promise<Buffer | undefined> {
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  if (!isAbsolute(path)) throw new InputError(`registry index ${url}: a local index needs an absolute path or a file:// URL`);
  try {
    const info = await stat(path);
    if (info.size > INDEX_MAX_BYTES) throw new InputError(`registry index ${path} is ${info.size} bytes, over the ${INDEX_MAX_BYTES}-byte cap for an index`);
    return await readFile(path);
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsInputError(error, 'registry index', path);
  }
}
