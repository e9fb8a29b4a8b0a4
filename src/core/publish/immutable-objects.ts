import { CheckFailedError, InputError, RemoteError } from '../errors.js';
import type { IndexEntry } from '../index/model.js';
import { describeDifferences } from '../index/upsert-plan.js';
import type { Logger } from '../logger.js';
import { entryKey } from '../registry/layout.js';
import { IMMUTABLE_CACHE } from '../store/object-store.js';
import { entryBytes, jsonOptions } from './registry-objects.js';
import type { RegistryObjects } from './registry-objects.js';

/** What a run did (or, on a dry run, would do) with one immutable object. */
export type Outcome = 'uploaded' | 'unchanged' | 'would upload';

/** The archive a run built. */
export interface BuiltArchive {
  readonly path: string;
  readonly size: number;
  readonly format: string;
  /** `sha256:<hex>` of the bytes. */
  readonly checksum: string;
}

const CONTENT_TYPES: Record<string, string> = { 'tar.gz': 'application/gzip', zip: 'application/zip' };
const BUMP = 'published versions are immutable: bump version in pack.yaml and publish the new version';

/** The tree checksum an entry records: publish's meta.tree_checksum, else its git source's. */
function treeOf(entry: IndexEntry): string | undefined {
  const meta = entry.meta?.tree_checksum;
  if (typeof meta === 'string') return meta;
  return entry.install_sources.find((s) => s.type === 'git')?.checksum;
}

/**
 * Whether `ref@version` is already published with this tree: the published entry when it
 * is, undefined when the version is not published. A published version with another tree
 * is refused (exit 1), naming both checksums.
 */
export function publishedState(existing: IndexEntry | undefined, treeChecksum: string, where: string): IndexEntry | undefined {
  if (!existing) return undefined;
  const published = treeOf(existing);
  if (published === treeChecksum) return existing;
  const theirs = published ? `tree ${published}` : 'a tree checksum packreg cannot read (no meta.tree_checksum or git source)';
  throw new CheckFailedError(`${existing.ref}@${existing.version} is already published (${where}) with ${theirs}; this pack's tree is ${treeChecksum}. Nothing was written; ${BUMP}`);
}

/**
 * Upload the archive unless present. Present with the same sha256 is a no-op; with another
 * sha256 it is refused, unless the version's published entry shows the same tree (the bytes
 * then differ only in archive metadata such as entry times, and the published one is kept).
 */
export async function putArchive(objects: RegistryObjects, key: string, archive: BuiltArchive, published: IndexEntry | undefined, logger: Logger): Promise<Outcome> {
  const hex = archive.checksum.slice('sha256:'.length);
  const where = objects.where(key);
  const options = { contentType: CONTENT_TYPES[archive.format] ?? 'application/octet-stream', cacheControl: IMMUTABLE_CACHE, sha256: hex };
  const created = (await objects.store.create(key, { file: archive.path, size: archive.size }, options)) === 'created';
  const present = await objects.store.head(key);
  if (created && present?.sha256 === hex) {
    logger.info(`uploaded ${where} (${archive.size} bytes, ${archive.checksum})`);
    return 'uploaded';
  }
  if (!present) throw new RemoteError(`${where} was uploaded but the store does not show it; check the store and publish again`);
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
export async function plannedArchive(objects: RegistryObjects, key: string, archive: BuiltArchive, published: IndexEntry | undefined): Promise<Outcome> {
  const present = await objects.store.head(key);
  if (!present) return 'would upload';
  if (present.sha256 === archive.checksum.slice('sha256:'.length) || published) return 'unchanged';
  throw new CheckFailedError(`${objects.where(key)} already exists with sha256:${present.sha256 ?? '(unknown)'}, and this build is ${archive.checksum}; a real run would refuse to overwrite it. ${BUMP}`);
}

/** Write the version's entry unless present; a present entry for another tree is refused. */
export async function putEntry(objects: RegistryObjects, entry: IndexEntry, logger: Logger): Promise<Outcome> {
  const key = entryKey(entry.ref, entry.version);
  const bytes = entryBytes(entry);
  const created = (await objects.store.create(key, { bytes }, jsonOptions(bytes, true))) === 'created';
  // Read back: on stores that ignore If-None-Match a racing publisher may have won.
  const stored = await objects.entry(entry.ref, entry.version);
  if (!stored) throw new InputError(`${objects.where(key)} was written but cannot be read back; check the store and publish again`);
  publishedState(stored, String(entry.meta?.tree_checksum), objects.where(key));
  if (created && entryBytes(stored).equals(bytes)) {
    logger.info(`wrote ${objects.where(key)}`);
    return 'uploaded';
  }
  const differences = describeDifferences(stored, entry);
  logger.info(`${objects.where(key)} is already published for this tree${differences.length ? ` (kept as published; this run differs in ${differences.join(', ')})` : ''}`);
  return 'unchanged';
}
