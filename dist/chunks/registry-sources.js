import { readFile, stat } from 'node:fs/promises';
import { join, isAbsolute } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { I as InputError, f as fsInputError } from './errors.js';
import { p as parseHistory } from './history.js';
import { u as urlScopeOf, i as indexProblems, f as formatIndexProblems } from './index-rules.js';
import { p as parseJsonText } from './json-text.js';
import { d as displayUrl, a as displayLocation, H as HttpNotFoundError } from './http-errors.js';
import { w as writeTextAtomic } from './atomic-file.js';
import { s as sha256Hex } from './algorithms.js';
import './canonical-json.js';
import './versions.js';
import './index.js';
import './_commonjsHelpers.js';
import './runtime.js';
import 'node:crypto';
import 'node:fs';

/**
 * Fetched registry documents on disk, keyed by URL (sha256 of it, so URLs with tokens in a
 * query never become file names): `<key>.json` holds the bytes, `<key>.meta.json` the URL,
 * ETag and time of the last check. Only validated documents are stored; writes are atomic,
 * and a damaged entry reads as a miss.
 */
class IndexCache {
    dir;
    ttlSeconds;
    now;
    constructor(dir, ttlSeconds, now = Date.now) {
        this.dir = dir;
        this.ttlSeconds = ttlSeconds;
        this.now = now;
    }
    /** The cached copy of `url`, or undefined. */
    async read(url) {
        const base = this.base(url);
        try {
            const record = JSON.parse(await readFile(`${base}.meta.json`, 'utf8'));
            if (record.url !== url)
                return undefined;
            const bytes = await readFile(`${base}.json`);
            return { bytes, etag: record.etag, fresh: this.now() - record.checkedAt < this.ttlSeconds * 1000 };
        }
        catch {
            return undefined;
        }
    }
    /** Store a validated document (the bytes first, so the record never points at missing bytes). */
    async write(url, bytes, etag) {
        const base = this.base(url);
        await writeTextAtomic(`${base}.json`, bytes.toString('utf8'), 'index cache file');
        await this.touch(url, etag);
    }
    /** The server confirmed the cached copy (304): it is fresh again. */
    async touch(url, etag) {
        const record = { url, ...(etag ? { etag } : {}), checkedAt: this.now() };
        await writeTextAtomic(`${this.base(url)}.meta.json`, `${JSON.stringify(record)}\n`, 'index cache file');
    }
    base(url) {
        return join(this.dir, sha256Hex(url));
    }
}

/** The reference installer's cap for an index: 10 MiB. */
const INDEX_MAX_BYTES = 10 * 1024 * 1024;
/** The enabled indices of a configuration, as sources resolution can search (highest priority first). */
function registrySources(settings, deps) {
    if (!settings.config.enabled)
        return [];
    const cache = settings.cacheDir && settings.config.cacheEnabled ? new IndexCache(settings.cacheDir, settings.config.cacheTtlSeconds, deps.now) : undefined;
    return settings.config.indices.filter((i) => i.enabled).map((i) => new ConfiguredIndex(i, settings, deps, cache));
}
/** One configured index: fetched once per process, cached on disk between processes. */
class ConfiguredIndex {
    config;
    settings;
    deps;
    cache;
    name;
    url;
    priority;
    loaded;
    constructor(config, settings, deps, cache) {
        this.config = config;
        this.settings = settings;
        this.deps = deps;
        this.cache = cache;
        this.name = config.name;
        this.url = isRemote(config.url) ? displayUrl(config.url) : config.url;
        this.priority = config.priority;
    }
    index() {
        this.loaded ??= this.load();
        return this.loaded;
    }
    async history(ref) {
        // A local registry (file:// registry_url) may hold file:// URLs in its histories too.
        const scope = urlScopeOf((await this.index()).registry_url);
        const url = siblingUrl(this.config.url, `packs/${ref}/index.json`);
        return (await this.read(url, (bytes) => parseHistory(bytes.toString('utf8'), displayLocation(url), ref, 'custom', scope), true))?.versions;
    }
    headersFor(url) {
        if (!isRemote(url) || !isRemote(this.config.url))
            return {};
        return new URL(url).origin === new URL(this.config.url).origin ? this.config.headers : {};
    }
    async load() {
        return (await this.read(this.config.url, (bytes) => checkIndex(bytes, this.config.url), false));
    }
    /** A document, parsed and checked by `parse` (before it is cached); `optional`: undefined when absent. */
    async read(url, parse, optional) {
        if (!isRemote(url)) {
            const bytes = await readLocal(url, optional);
            return bytes && parse(bytes);
        }
        const cached = await this.cache?.read(url);
        if (cached?.fresh) {
            this.deps.logger.debug(`${displayLocation(url)}: cached copy is fresh`);
            return parse(cached.bytes);
        }
        const options = {
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
        }
        catch (error) {
            if (optional && error instanceof HttpNotFoundError)
                return undefined;
            throw error;
        }
        if (answer.status === 304 && cached) {
            await this.cache?.touch(url, answer.etag ?? cached.etag);
            return parse(cached.bytes);
        }
        if (!answer.body)
            throw new InputError(`${displayLocation(url)}: the server answered 304 but there is no cached copy; clear the cache and retry`);
        const value = parse(answer.body);
        await this.cache?.write(url, answer.body, answer.etag);
        return value;
    }
}
/** Parse and validate an index; a local registry (file:// registry_url) may hold file:// URLs. */
function checkIndex(bytes, url) {
    const value = parseJsonText(bytes.toString('utf8'), displayLocation(url));
    const problems = indexProblems(value, 'custom');
    if (problems.length > 0)
        throw new InputError(`the index at ${displayLocation(url)} is not a valid Attune index (${problems.length} problem(s)):\n${formatIndexProblems(problems, 10)}`);
    return value;
}
function isRemote(url) {
    return /^https?:\/\//i.test(url);
}
/** The URL of `path` beside the index at `indexUrl` (same folder). */
function siblingUrl(indexUrl, path) {
    if (isRemote(indexUrl) || indexUrl.startsWith('file:'))
        return new URL(path, indexUrl).href;
    return new URL(path, pathToFileURL(indexUrl)).href;
}
async function readLocal(url, optional) {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (!isAbsolute(path))
        throw new InputError(`registry index ${url}: a local index needs an absolute path or a file:// URL`);
    try {
        const info = await stat(path);
        if (info.size > INDEX_MAX_BYTES)
            throw new InputError(`registry index ${path} is ${info.size} bytes, over the ${INDEX_MAX_BYTES}-byte cap for an index`);
        return await readFile(path);
    }
    catch (error) {
        if (optional && error.code === 'ENOENT')
            return undefined;
        throw fsInputError(error, 'registry index', path);
    }
}

export { INDEX_MAX_BYTES, registrySources, siblingUrl };
