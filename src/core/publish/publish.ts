import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildArchive, readPackIdentity } from '../archive/build.js';
import type { ArchiveFormat } from '../archive/build.js';
import { treeDigest } from '../checksum/framed.js';
import type { CoreDeps } from '../deps.js';
import { formatDigest, parseDigest } from '../hash/algorithms.js';
import { buildIndexEntry } from '../index/entry-builder.js';
import type { UrlScope } from '../index/index-rules.js';
import type { IndexEntry } from '../index/model.js';
import { archiveKey, entryKey, INDEX_KEY, objectUrl } from '../registry/layout.js';
import type { ObjectStore } from '../store/object-store.js';
import { describeLocation, openStore, parseRegistryLocation, registryBaseUrl } from '../store/registry-location.js';
import { UsageError } from '../errors.js';
import { chooseBaseUrl } from './base-url.js';
import type { RegistryLocation } from '../store/registry-location.js';
import type { S3Connection } from '../store/s3-store.js';
import { openPackSource } from '../tree/pack-source.js';
import { plannedArchive, publishedState, putArchive, putEntry } from './immutable-objects.js';
import type { BuiltArchive, Outcome } from './immutable-objects.js';
import { reconcileIndex } from './reconcile.js';
import type { ReconcileResult } from './reconcile.js';
import { RegistryObjects } from './registry-objects.js';

/** What `packreg publish` and the publish-to-s3 action do. */
export interface PublishSettings {
  readonly packDir: string;
  /** `s3://bucket/prefix`, `file:///path` or a folder path. */
  readonly registry: string;
  /** https URL the registry root is served from; without it a folder becomes a local (file://) registry. */
  readonly baseUrl?: string;
  /** registry_name of a new index (or a new name for the existing one). */
  readonly registryName?: string;
  /** Also record a git source: this repository URL, pinned to `gitRef`. */
  readonly gitUrl?: string;
  /** The commit to archive and (with gitUrl) to pin: a full 40-character SHA. */
  readonly gitRef?: string;
  readonly format: ArchiveFormat;
  readonly noGit?: boolean;
  readonly exclude?: readonly string[];
  /** Archive entry time (SOURCE_DATE_EPOCH). */
  readonly mtime?: number;
  /** Extra `meta` fields for the entry. */
  readonly meta?: Readonly<Record<string, string>>;
  readonly connection: S3Connection;
  /** Check the registry before building; stop early when this tree is already published. */
  readonly skipExisting: boolean;
  /** Build and compare, write nothing. */
  readonly dryRun: boolean;
  readonly now: Date;
  readonly cwd: string;
  /** How messages name the registry and base URL settings (default the CLI flags). */
  readonly names?: { readonly registry: string; readonly baseUrl: string };
}

/** Core edges, plus the object store (tests wrap it to inject failures). */
export interface PublishDeps extends CoreDeps {
  readonly openStore?: (location: RegistryLocation, connection: S3Connection) => Promise<ObjectStore>;
}

/** What happened to each object, and where the release is. */
export interface PublishResult {
  readonly ref: string;
  readonly version: string;
  /** The registry, as `s3://bucket/prefix/` or a folder path. */
  readonly registry: string;
  /** A local development registry (file:// URLs). */
  readonly local: boolean;
  readonly archiveUrl: string;
  /** `sha256:<hex>` of the archive bytes. */
  readonly checksum: string;
  /** Framed checksum of the archived tree. */
  readonly treeChecksum: string;
  readonly indexUrl: string;
  /** This version with this tree was already in the registry before the run. */
  readonly alreadyPublished: boolean;
  /** The version's entry as the registry holds it (or, on a dry run, would hold it). */
  readonly published: IndexEntry;
  readonly archive: Outcome;
  readonly entry: Outcome;
  /** The index files' update; undefined on a dry run. */
  readonly index?: ReconcileResult;
  readonly dryRun: boolean;
}

/**
 * Publish one pack version: build its archive, upload it, write the version's entry, then
 * regenerate both index files from the entry objects. Archives first, index last, so an
 * index never points at a missing archive. Archives and entries are immutable: the same
 * content again is a no-op, different content under a published version is refused and
 * nothing is overwritten.
 */
export async function publish(settings: PublishSettings, deps: PublishDeps): Promise<PublishResult> {
  const names = settings.names ?? { registry: '--registry', baseUrl: '--base-url' };
  if (settings.gitUrl && !settings.gitRef) throw new UsageError('--git-url needs --git-ref: the full 40-character commit SHA the git source pins (and the archive is built from)');
  const location = parseRegistryLocation(settings.registry, settings.cwd, names.registry);
  registryBaseUrl(location, settings.baseUrl, settings.connection, names.baseUrl); // bad input fails before any request
  const store = await (deps.openStore ?? ((l, c) => openStore(l, c, deps.logger)))(location, settings.connection);
  await store.check();
  // An index that does not validate stops the run before anything is written.
  const current = await new RegistryObjects(store, 'https').index();
  const baseUrl = chooseBaseUrl(location, settings.baseUrl, current?.value.registry_url, settings.connection, names.baseUrl, deps.logger);
  const scope: UrlScope = baseUrl.startsWith('file:') ? 'local' : 'https';
  const objects = new RegistryObjects(store, scope);
  const packDir = resolve(settings.cwd, settings.packDir);
  const source = await openPackSource({ packDir, gitRef: settings.gitRef, noGit: settings.noGit, preferGitHead: true }, deps.git, deps.logger);
  const { ref, version } = await readPackIdentity(source, deps);
  const common = { ref, version, registry: describeLocation(location), local: scope === 'local', indexUrl: objectUrl(baseUrl, INDEX_KEY), dryRun: settings.dryRun };
  if (scope === 'local') deps.logger.warning(`no ${names.baseUrl}: ${common.registry} is a local development registry (file:// URLs), installable on this machine only`);

  if (settings.skipExisting) {
    const tree = await source.tree({ packignore: true, patterns: settings.exclude ?? [] });
    const treeChecksum = formatDigest(await treeDigest(tree));
    const published = publishedState(await objects.entry(ref, version), treeChecksum, objects.where(entryKey(ref, version)));
    if (published) {
      deps.logger.info(`${ref}@${version} is already published with this tree (${treeChecksum}); nothing to build`);
      const index = settings.dryRun ? undefined : await reconcile(objects, ref, baseUrl, settings, deps);
      return { ...common, ...describePublished(published, baseUrl), treeChecksum, alreadyPublished: true, published, archive: 'unchanged', entry: 'unchanged', index };
    }
  }
  return buildAndUpload(settings, deps, objects, common, { baseUrl, scope });
}

async function buildAndUpload(settings: PublishSettings, deps: PublishDeps, objects: RegistryObjects, c: Common, where: { baseUrl: string; scope: UrlScope }): Promise<PublishResult> {
  const { ref, version } = c;
  const { baseUrl } = where;
  const scratch = await mkdtemp(join(tmpdir(), 'packreg-publish-'));
  try {
    const archive = await buildArchive(
      { packDir: settings.packDir, format: settings.format, out: join(scratch, `${ref}-${version}.${settings.format}`), gitRef: settings.gitRef, noGit: settings.noGit, exclude: settings.exclude, mtime: settings.mtime, cwd: settings.cwd },
      deps,
    );
    const key = archiveKey(ref, version, settings.format);
    const archiveUrl = objectUrl(baseUrl, key);
    const { entry } = await buildIndexEntry(
      {
        packDir: settings.packDir,
        gitUrl: settings.gitUrl,
        gitRef: settings.gitUrl ? settings.gitRef : undefined,
        archiveUrl,
        archiveChecksum: parseDigest(archive.checksum),
        meta: { ...(settings.meta ?? {}), tree_checksum: archive.directoryChecksum },
        scope: where.scope,
        cwd: settings.cwd,
      },
      deps,
    );
    const published = publishedState(await objects.entry(ref, version), archive.directoryChecksum, objects.where(entryKey(ref, version)));
    const base = { ...c, archiveUrl, checksum: archive.checksum, treeChecksum: archive.directoryChecksum, published: published ?? entry };
    if (settings.dryRun) return dryRunResult(objects, base, key, archive, published);
    const archiveOutcome = await putArchive(objects, key, archive, published, deps.logger);
    const entryOutcome = published ? 'unchanged' : await putEntry(objects, entry, deps.logger);
    const index = await reconcile(objects, ref, baseUrl, settings, deps);
    const shown = published ? describePublished(published, baseUrl) : { archiveUrl, checksum: archive.checksum };
    return { ...base, ...shown, alreadyPublished: archiveOutcome === 'unchanged' && entryOutcome === 'unchanged', archive: archiveOutcome, entry: entryOutcome, index };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The result fields known before anything is built. */
type Common = Pick<PublishResult, 'ref' | 'version' | 'registry' | 'local' | 'indexUrl' | 'dryRun'>;

async function dryRunResult(objects: RegistryObjects, base: Omit<PublishResult, 'alreadyPublished' | 'archive' | 'entry'>, key: string, archive: BuiltArchive, published: IndexEntry | undefined): Promise<PublishResult> {
  const archiveOutcome = await plannedArchive(objects, key, archive, published);
  return { ...base, alreadyPublished: published !== undefined && archiveOutcome === 'unchanged', archive: archiveOutcome, entry: published ? 'unchanged' : 'would upload' };
}

/** The archive URL and checksum a published entry records. */
function describePublished(entry: IndexEntry, baseUrl: string): { archiveUrl: string; checksum: string } {
  const source = entry.install_sources.find((s) => s.type === 'archive');
  return { archiveUrl: source?.url ?? objectUrl(baseUrl, ''), checksum: source?.checksum ?? '' };
}

function reconcile(objects: RegistryObjects, ref: string, baseUrl: string, settings: PublishSettings, deps: CoreDeps): Promise<ReconcileResult> {
  return reconcileIndex(objects, { refs: [ref], registryUrl: baseUrl, registryName: settings.registryName, defaultName: defaultRegistryName(baseUrl), now: settings.now }, deps.logger);
}

/** A name for a new index: the host and path it is served from, or "local: <folder>". */
function defaultRegistryName(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol === 'file:') return `local registry ${decodeURIComponent(url.pathname).replace(/\/$/, '')}`;
  return `${url.host}${url.pathname}`.replace(/\/$/, '');
}
