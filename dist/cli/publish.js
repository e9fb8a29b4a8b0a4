import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resolve, join } from 'node:path';
import { readPackIdentity, buildArchive } from './build.js';
import { t as treeDigest } from './framed.js';
import { f as formatDigest, p as parseDigest } from './file-digest.js';
import { c as checkSourceUrl, b as buildIndexEntry } from './entry-builder.js';
import { statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { U as UsageError, I as InputError, C as CheckFailedError, R as RemoteError } from './_commonjsHelpers.js';
import { o as openPackSource } from './pack-source.js';
import { p as parseHistory, d as describeDifferences, a as stringifyHistory, n as newestFirst, h as highest, t as timestamp, I as INDEX_FORMAT_VERSION, s as sameContent } from './index-update.js';
import { createHash } from 'node:crypto';
import { s as stringifyCanonical, c as canonicalEntry } from './canonical-json.js';
import { i as indexProblems, f as formatIndexProblems, e as entryProblems } from './index-rules.js';
import { p as parseJsonText } from './json-text.js';
import { i as indexPieces } from './index-stream.js';
import { c as compareByteOrder } from './index.js';
import { setTimeout } from 'node:timers/promises';

/**
 * The registry layout, the same in a directory and in a bucket (so one can be synced to the
 * other): keys are relative to the registry root.
 *
 *     index.json                               the Attune index: one entry per ref, its highest version
 *     packs/<ref>/index.json                   every version of one pack, newest first
 *     packs/<ref>/<version>/entry.json         one version's immutable entry: the source of truth
 *     packs/<ref>/<version>/<ref>-<version>.tar.gz (or .zip)   the archive
 */
/** The Attune index at the registry root. */
const INDEX_KEY = 'index.json';
/** Where every pack's objects live. */
const PACKS_PREFIX = 'packs/';
/** The per-pack history: every version of `ref`. */
function historyKey(ref) {
    return `${PACKS_PREFIX}${ref}/index.json`;
}
/** One version's immutable entry. */
function entryKey(ref, version) {
    return `${PACKS_PREFIX}${ref}/${version}/entry.json`;
}
/** One version's archive. */
function archiveKey(ref, version, format) {
    return `${PACKS_PREFIX}${ref}/${version}/${ref}-${version}.${format}`;
}
/** The ref and version of an entry key, or undefined for any other key. */
function parseEntryKey(key) {
    const match = /^packs\/([^/]+)\/([^/]+)\/entry\.json$/.exec(key);
    return match ? { ref: match[1], version: match[2] } : undefined;
}
/**
 * The public URL of a key: the base URL (the registry root as served, ending in `/`) joined
 * with the key, each segment percent-encoded (a version may hold `+`).
 */
function objectUrl(baseUrl, key) {
    return baseUrl + key.split('/').map(encodeURIComponent).join('/');
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/**
 * Parse `s3://bucket/prefix`, `file:///path` or a local path (relative to `cwd`). `what`
 * names the flag or input in messages.
 */
function parseRegistryLocation(value, cwd, what) {
    if (value.startsWith('s3://'))
        return parseS3(value, what);
    if (value.startsWith('file:')) {
        let path;
        try {
            path = fileURLToPath(value);
        }
        catch (error) {
            throw new UsageError(`${what}: "${value}" is not a usable file URL; write file:///absolute/path`, { cause: error });
        }
        return directory(path, what);
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        throw new UsageError(`${what}: "${value}" is not a registry location; write s3://bucket/prefix, file:///path or a folder path`);
    }
    return directory(resolve(cwd, value), what);
}
function parseS3(value, what) {
    const rest = value.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const path = slash < 0 ? '' : rest.slice(slash + 1);
    if (!BUCKET.test(bucket) || bucket.includes('..')) {
        throw new UsageError(`${what}: "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, dots and hyphens); write s3://bucket/prefix`);
    }
    const segments = path.split('/').filter((s, i, all) => !(s === '' && i === all.length - 1));
    if (path !== '' && segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
        throw new UsageError(`${what}: the key prefix "${path}" has an empty, "." or ".." segment or a backslash; write a plain prefix such as s3://${bucket}/registry`);
    }
    return { kind: 's3', bucket, prefix: path === '' ? '' : `${segments.join('/')}/` };
}
function directory(path, what) {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info && !info.isDirectory())
        throw new InputError(`${what}: ${path} is a file; give a folder (created if missing), s3://bucket/prefix or file:///path`);
    return { kind: 'directory', path };
}
/** A registry location as text: `s3://bucket/prefix/` or the folder path. */
function describeLocation(location) {
    return location.kind === 's3' ? `s3://${location.bucket}/${location.prefix}` : location.path;
}
/**
 * The public URL of the registry root, ending in `/`: the given https base URL; for a folder
 * without one, its file:// URL (a local development registry); for a bucket on AWS, its
 * virtual-hosted https URL. Other S3-compatible stores need an explicit base URL.
 */
function registryBaseUrl(location, baseUrl, connection, what) {
    if (baseUrl !== undefined) {
        checkSourceUrl(baseUrl, what);
        return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    }
    if (location.kind === 'directory')
        return `${pathToFileURL(location.path).href}/`;
    if (connection.endpoint || location.bucket.includes('.')) {
        throw new UsageError(`${what} is required for this bucket: give the https URL the registry root is served from (a CDN, website endpoint or the store's public URL)`);
    }
    const host = connection.region ? `s3.${connection.region}.amazonaws.com` : 's3.amazonaws.com';
    return `https://${location.bucket}.${host}/${location.prefix}`;
}
/** Open the store a location names. The S3 SDK is loaded only when a bucket is used. */
async function openStore(location, connection, logger, options) {
    if (location.kind === 'directory') {
        const { DirectoryStore } = await import('./dir-store.js');
        return new DirectoryStore(location.path);
    }
    const { S3Store, createS3Client } = await import('./s3-store.js').then(function (n) { return n.b5; });
    return new S3Store(createS3Client(connection), location, logger, options);
}

/** Cache-Control for objects that never change once written (archives, version entries). */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Cache-Control for index files, which change with every release. */
const INDEX_CACHE = 'public, max-age=60, must-revalidate';

/**
 * Typed, validated access to a registry's JSON objects. Entries are immutable once
 * written, so each is fetched at most once per process.
 */
class RegistryObjects {
    store;
    scope;
    entries = new Map();
    constructor(store, scope) {
        this.store = store;
        this.scope = scope;
    }
    /** Every entry object and history under `packs/`. */
    async list() {
        const versions = new Map();
        const histories = new Set();
        for await (const key of this.store.list(PACKS_PREFIX)) {
            const entry = parseEntryKey(key);
            if (entry) {
                if (!versions.has(entry.ref))
                    versions.set(entry.ref, new Set());
                versions.get(entry.ref).add(entry.version);
            }
            else {
                const history = /^packs\/([^/]+)\/index\.json$/.exec(key);
                if (history)
                    histories.add(history[1]);
            }
        }
        return { versions, histories };
    }
    /** The index, validated; undefined when the registry has none yet. */
    async index() {
        const object = await this.store.get(INDEX_KEY);
        if (!object)
            return undefined;
        const where = this.where(INDEX_KEY);
        const text = object.bytes.toString('utf8');
        const value = parseJsonText(text, where);
        const problems = indexProblems(value, 'custom');
        if (problems.length > 0) {
            throw new InputError(`${where} is not a valid Attune index, so it was not changed (${problems.length} problem(s)); fix or remove it and publish again:\n${formatIndexProblems(problems)}`);
        }
        return { value: value, tag: object.tag, text };
    }
    /** A pack's history, validated; undefined when it has none yet. */
    async history(ref) {
        const object = await this.store.get(historyKey(ref));
        if (!object)
            return undefined;
        const text = object.bytes.toString('utf8');
        return { value: parseHistory(text, this.where(historyKey(ref)), ref, 'custom', this.scope), tag: object.tag, text };
    }
    /** One version's entry; undefined when absent. Cached: entries never change. */
    async entry(ref, version) {
        const key = entryKey(ref, version);
        let pending = this.entries.get(key);
        if (!pending) {
            pending = this.readEntry(ref, version);
            this.entries.set(key, pending);
            pending.catch(() => this.entries.delete(key));
        }
        return pending.catch((error) => {
            if (error instanceof MissingEntry)
                return undefined;
            throw error;
        });
    }
    /** An entry that must exist (it was listed). */
    async requireEntry(ref, version) {
        const entry = await this.entry(ref, version);
        if (!entry)
            throw new InputError(`${this.where(entryKey(ref, version))} was listed but cannot be read; publish again`);
        return entry;
    }
    /** The store location of a key, for messages. */
    where(key) {
        return `${this.store.location}${this.store.location.endsWith('/') ? '' : '/'}${key}`;
    }
    async readEntry(ref, version) {
        const key = entryKey(ref, version);
        const object = await this.store.get(key);
        if (!object)
            throw new MissingEntry();
        const value = parseJsonText(object.bytes.toString('utf8'), this.where(key));
        const problems = entryProblems(value, 'custom', '', this.scope);
        if (value?.ref !== ref || value?.version !== version)
            problems.push({ path: '/ref', message: `must be ${ref} version ${version}, as its key says` });
        if (problems.length > 0)
            throw new InputError(`${this.where(key)} is not a valid entry; fix or remove it:\n${formatIndexProblems(problems)}`);
        return value;
    }
}
class MissingEntry extends Error {
}
/** An entry object's bytes: canonical JSON, as in the index. */
function entryBytes(entry) {
    return Buffer.from(stringifyCanonical(canonicalEntry(entry)), 'utf8');
}
/** Upload options for JSON: immutable entries are cached for a year, index files briefly. */
function jsonOptions(bytes, immutable) {
    return { contentType: 'application/json', cacheControl: immutable ? IMMUTABLE_CACHE : INDEX_CACHE, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const CONTENT_TYPES = { 'tar.gz': 'application/gzip', zip: 'application/zip' };
const BUMP = 'published versions are immutable: bump version in pack.yaml and publish the new version';
/** The tree checksum an entry records: publish's meta.tree_checksum, else its git source's. */
function treeOf(entry) {
    const meta = entry.meta?.tree_checksum;
    if (typeof meta === 'string')
        return meta;
    return entry.install_sources.find((s) => s.type === 'git')?.checksum;
}
/**
 * Whether `ref@version` is already published with this tree: the published entry when it
 * is, undefined when the version is not published. A published version with another tree
 * is refused (exit 1), naming both checksums.
 */
function publishedState(existing, treeChecksum, where) {
    if (!existing)
        return undefined;
    const published = treeOf(existing);
    if (published === treeChecksum)
        return existing;
    const theirs = published ? `tree ${published}` : 'a tree checksum packreg cannot read (no meta.tree_checksum or git source)';
    throw new CheckFailedError(`${existing.ref}@${existing.version} is already published (${where}) with ${theirs}; this pack's tree is ${treeChecksum}. Nothing was written; ${BUMP}`);
}
/**
 * Upload the archive unless present. Present with the same sha256 is a no-op; with another
 * sha256 it is refused, unless the version's published entry shows the same tree (the bytes
 * then differ only in archive metadata such as entry times, and the published one is kept).
 */
async function putArchive(objects, key, archive, published, logger) {
    const hex = archive.checksum.slice('sha256:'.length);
    const where = objects.where(key);
    const options = { contentType: CONTENT_TYPES[archive.format] ?? 'application/octet-stream', cacheControl: IMMUTABLE_CACHE, sha256: hex };
    const created = (await objects.store.create(key, { file: archive.path, size: archive.size }, options)) === 'created';
    const present = await objects.store.head(key);
    if (created && present?.sha256 === hex) {
        logger.info(`uploaded ${where} (${archive.size} bytes, ${archive.checksum})`);
        return 'uploaded';
    }
    if (!present)
        throw new RemoteError(`${where} was uploaded but the store does not show it; check the store and publish again`);
    if (present.sha256 === hex) {
        logger.info(`${where} is already published with the same checksum ${archive.checksum}; not uploaded again`);
        return 'unchanged';
    }
    const theirs = present.sha256 ? `sha256:${present.sha256}` : 'an unknown sha256 (uploaded without packreg)';
    if (published) {
        logger.info(`${where} is already published (${theirs}); this build's bytes (${archive.checksum}) differ only in archive metadata, the tree is the same. Keeping the published archive`);
        return 'unchanged';
    }
    throw new CheckFailedError(`${where} already exists with ${theirs}, and this build is ${archive.checksum}; nothing was overwritten. If the content is the same, the earlier build used another SOURCE_DATE_EPOCH: use the same one; otherwise ${BUMP}`);
}
/** On a dry run: what {@link putArchive} would do, refusing exactly what it would refuse. */
async function plannedArchive(objects, key, archive, published) {
    const present = await objects.store.head(key);
    if (!present)
        return 'would upload';
    if (present.sha256 === archive.checksum.slice('sha256:'.length) || published)
        return 'unchanged';
    throw new CheckFailedError(`${objects.where(key)} already exists with sha256:${present.sha256 ?? '(unknown)'}, and this build is ${archive.checksum}; a real run would refuse to overwrite it. ${BUMP}`);
}
/** Write the version's entry unless present; a present entry for another tree is refused. */
async function putEntry(objects, entry, logger) {
    const key = entryKey(entry.ref, entry.version);
    const bytes = entryBytes(entry);
    const created = (await objects.store.create(key, { bytes }, jsonOptions(bytes, true))) === 'created';
    // Read back: on stores that ignore If-None-Match a racing publisher may have won.
    const stored = await objects.entry(entry.ref, entry.version);
    if (!stored)
        throw new InputError(`${objects.where(key)} was written but cannot be read back; check the store and publish again`);
    publishedState(stored, String(entry.meta?.tree_checksum), objects.where(key));
    if (created && entryBytes(stored).equals(bytes)) {
        logger.info(`wrote ${objects.where(key)}`);
        return 'uploaded';
    }
    const differences = describeDifferences(stored, entry);
    logger.info(`${objects.where(key)} is already published for this tree${differences.length ? ` (kept as published; this run differs in ${differences.join(', ')})` : ''}`);
    return 'unchanged';
}

/** Wait `ms` milliseconds. */
function sleep(ms) {
    return setTimeout(ms).then(() => undefined);
}
/**
 * Exponential backoff with full jitter: racing publishers that collided spread out instead
 * of colliding again in step. `attempt` counts from 0.
 */
function backoffMs(attempt, baseMs = 50, capMs = 2_000) {
    return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/**
 * Regenerate both index files from the entry objects until they list every entry that
 * exists. Each round lists the entries, rewrites what lacks something with a
 * compare-and-swap, and starts over; a round that writes nothing ends it. Because every
 * publisher lists again after its own write, the last writer always sees every entry
 * written before it, so no entry is lost even on stores that ignore conditional writes.
 * Entries already in an index file but without an entry object are kept: nothing is lost.
 */
async function reconcileIndex(objects, settings, logger) {
    const maxRounds = settings.maxRounds ?? 12;
    let changed = false;
    let conflicts = 0;
    for (let round = 1; round <= maxRounds; round++) {
        const listing = await objects.list();
        const current = await objects.index();
        const refs = new Set([...settings.refs, ...[...listing.versions.keys()].filter((ref) => !listing.histories.has(ref))]);
        const steps = [];
        for (const ref of [...refs].sort(compareByteOrder))
            steps.push(await syncHistory(objects, ref, listing, current?.value));
        const index = await syncIndex(objects, listing, current, settings);
        steps.push(index.step);
        if (steps.every((s) => s === 'clean'))
            return { changed, rounds: round, packs: index.packs, unbacked: index.unbacked };
        if (steps.includes('written'))
            changed = true;
        if (steps.includes('conflict')) {
            conflicts += 1;
            logger.debug(`index files changed under this publisher (round ${round}); retrying`);
            await sleep(backoffMs(conflicts));
        }
    }
    throw new RemoteError(`${objects.where(INDEX_KEY)} did not settle after ${maxRounds} rounds: other publishers kept changing it. ` +
        'Every entry object is written, so running the publish again completes the index');
}
/** Bring one history up to the listed versions (plus the index's entry, if it lacks that). */
async function syncHistory(objects, ref, listing, index) {
    const current = await objects.history(ref);
    const versions = new Map((current?.value.versions ?? []).map((e) => [e.version, e]));
    const listed = [...(listing.versions.get(ref) ?? [])].filter((v) => !versions.has(v));
    const top = index?.packs.find((p) => p.ref === ref);
    if (listed.length === 0 && (!top || versions.has(top.version)))
        return 'clean';
    for (const entry of await Promise.all(listed.map((v) => objects.requireEntry(ref, v))))
        versions.set(entry.version, entry);
    if (top && !versions.has(top.version))
        versions.set(top.version, top);
    const bytes = Buffer.from(stringifyHistory({ ref, versions: [...versions.values()].sort(newestFirst) }), 'utf8');
    return (await objects.store.replace(historyKey(ref), bytes, current?.tag, jsonOptions(bytes, false))) ? 'written' : 'conflict';
}
/** Bring index.json up to the highest listed version of every ref. */
async function syncIndex(objects, listing, current, s) {
    const listedTop = new Map((current?.value.packs ?? []).map((p) => [p.ref, p]));
    const next = new Map(listedTop);
    const unbacked = [...listedTop.values()].filter((p) => !listing.versions.get(p.ref)?.has(p.version)).map((p) => `${p.ref}@${p.version}`);
    await Promise.all([...listing.versions].map(async ([ref, versions]) => {
        const indexed = listedTop.get(ref);
        const best = highest([...versions].map((version) => ({ version })).concat(indexed ? [{ version: indexed.version }] : [])).version;
        if (indexed?.version !== best)
            next.set(ref, await objects.requireEntry(ref, best));
    }));
    const entries = [...next.values()].sort((a, b) => compareByteOrder(a.ref, b.ref));
    const packsChanged = !current || entries.length !== listedTop.size || entries.some((e) => !sameEntry(listedTop.get(e.ref), e));
    const header = {
        registry_name: s.registryName ?? current?.value.registry_name ?? s.defaultName,
        registry_url: s.registryUrl,
        version: INDEX_FORMAT_VERSION,
        last_updated: packsChanged || !current ? timestamp(s.now) : current.value.last_updated,
    };
    const text = [...indexPieces(header, entries)].join('');
    if (current && text === current.text)
        return { step: 'clean', packs: entries.length, unbacked };
    const problems = indexProblems(JSON.parse(text), 'custom');
    if (problems.length > 0)
        throw new InputError(`the regenerated ${objects.where(INDEX_KEY)} would not be a valid Attune index; nothing was written:\n${formatIndexProblems(problems)}`);
    const bytes = Buffer.from(text, 'utf8');
    const written = await objects.store.replace(INDEX_KEY, bytes, current?.tag, jsonOptions(bytes, false));
    return { step: (written ? 'written' : 'conflict'), packs: entries.length, unbacked };
}
function sameEntry(a, b) {
    return a !== undefined && a.version === b.version && sameContent(a, b);
}

/**
 * Publish one pack version: build its archive, upload it, write the version's entry, then
 * regenerate both index files from the entry objects. Archives first, index last, so an
 * index never points at a missing archive. Archives and entries are immutable: the same
 * content again is a no-op, different content under a published version is refused and
 * nothing is overwritten.
 */
async function publish(settings, deps) {
    const names = settings.names ?? { registry: '--registry', baseUrl: '--base-url' };
    const location = parseRegistryLocation(settings.registry, settings.cwd, names.registry);
    const baseUrl = registryBaseUrl(location, settings.baseUrl, settings.connection, names.baseUrl);
    const scope = baseUrl.startsWith('file:') ? 'local' : 'https';
    const store = await (deps.openStore ?? ((l, c) => openStore(l, c, deps.logger)))(location, settings.connection);
    await store.check();
    const objects = new RegistryObjects(store, scope);
    await objects.index(); // an index that does not validate stops the run before anything is written
    const packDir = resolve(settings.cwd, settings.packDir);
    const source = await openPackSource({ packDir, gitRef: settings.gitRef, noGit: settings.noGit, preferGitHead: true }, deps.git, deps.logger);
    const { ref, version } = await readPackIdentity(source, deps);
    const common = { ref, version, registry: describeLocation(location), local: scope === 'local', indexUrl: objectUrl(baseUrl, INDEX_KEY), dryRun: settings.dryRun };
    if (scope === 'local')
        deps.logger.warning(`no ${names.baseUrl}: ${common.registry} is a local development registry (file:// URLs), installable on this machine only`);
    if (settings.skipExisting) {
        const tree = await source.tree({ packignore: true, patterns: settings.exclude ?? [] });
        const treeChecksum = formatDigest(await treeDigest(tree));
        const published = publishedState(await objects.entry(ref, version), treeChecksum, objects.where(entryKey(ref, version)));
        if (published) {
            deps.logger.info(`${ref}@${version} is already published with this tree (${treeChecksum}); nothing to build`);
            const index = settings.dryRun ? undefined : await reconcile(objects, ref, baseUrl, settings, deps);
            return { ...common, ...describePublished(published, baseUrl), treeChecksum, alreadyPublished: true, archive: 'unchanged', entry: 'unchanged', index };
        }
    }
    return buildAndUpload(settings, deps, objects, { ...common, baseUrl, scope });
}
async function buildAndUpload(settings, deps, objects, c) {
    const { ref, version, baseUrl } = c;
    const scratch = await mkdtemp(join(tmpdir(), 'packreg-publish-'));
    try {
        const archive = await buildArchive({ packDir: settings.packDir, format: settings.format, out: join(scratch, `${ref}-${version}.${settings.format}`), gitRef: settings.gitRef, noGit: settings.noGit, exclude: settings.exclude, mtime: settings.mtime, cwd: settings.cwd }, deps);
        const key = archiveKey(ref, version, settings.format);
        const archiveUrl = objectUrl(baseUrl, key);
        const { entry } = await buildIndexEntry({
            packDir: settings.packDir,
            gitUrl: settings.gitUrl,
            gitRef: settings.gitUrl ? settings.gitRef : undefined,
            archiveUrl,
            archiveChecksum: parseDigest(archive.checksum),
            meta: { ...(settings.meta ?? {}), tree_checksum: archive.directoryChecksum },
            scope: c.scope,
            cwd: settings.cwd,
        }, deps);
        const published = publishedState(await objects.entry(ref, version), archive.directoryChecksum, objects.where(entryKey(ref, version)));
        const base = { ...c, archiveUrl, checksum: archive.checksum, treeChecksum: archive.directoryChecksum };
        if (settings.dryRun)
            return dryRunResult(objects, base, key, archive, published);
        const archiveOutcome = await putArchive(objects, key, archive, published, deps.logger);
        const entryOutcome = published ? 'unchanged' : await putEntry(objects, entry, deps.logger);
        const index = await reconcile(objects, ref, baseUrl, settings, deps);
        const shown = published ? describePublished(published, baseUrl) : { archiveUrl, checksum: archive.checksum };
        return { ...base, ...shown, alreadyPublished: archiveOutcome === 'unchanged' && entryOutcome === 'unchanged', archive: archiveOutcome, entry: entryOutcome, index };
    }
    finally {
        await rm(scratch, { recursive: true, force: true });
    }
}
async function dryRunResult(objects, base, key, archive, published) {
    const archiveOutcome = await plannedArchive(objects, key, archive, published);
    return { ...base, alreadyPublished: published !== undefined && archiveOutcome === 'unchanged', archive: archiveOutcome, entry: published ? 'unchanged' : 'would upload' };
}
/** The archive URL and checksum a published entry records. */
function describePublished(entry, baseUrl) {
    const source = entry.install_sources.find((s) => s.type === 'archive');
    return { archiveUrl: source?.url ?? objectUrl(baseUrl, ''), checksum: source?.checksum ?? '' };
}
function reconcile(objects, ref, baseUrl, settings, deps) {
    return reconcileIndex(objects, { refs: [ref], registryUrl: baseUrl, registryName: settings.registryName, defaultName: defaultRegistryName(baseUrl), now: settings.now }, deps.logger);
}
/** A name for a new index: the host and path it is served from, or "local: <folder>". */
function defaultRegistryName(baseUrl) {
    const url = new URL(baseUrl);
    if (url.protocol === 'file:')
        return `local registry ${decodeURIComponent(url.pathname).replace(/\/$/, '')}`;
    return `${url.host}${url.pathname}`.replace(/\/$/, '');
}

var publish$1 = /*#__PURE__*/Object.freeze({
    __proto__: null,
    publish: publish
});

export { publish$1 as p, sleep as s };
