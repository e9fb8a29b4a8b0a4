import { InputError, RemoteError } from '../errors.js';
import { stringifyHistory } from '../index/history.js';
import { formatIndexProblems, indexProblems } from '../index/index-rules.js';
import { indexPieces } from '../index/index-stream.js';
import type { IndexHeader } from '../index/index-stream.js';
import { timestamp } from '../index/index-update.js';
import type { IndexEntry, RegistryIndex } from '../index/model.js';
import { INDEX_FORMAT_VERSION } from '../index/model.js';
import { sameContent } from '../index/upsert-plan.js';
import { highest, newestFirst } from '../index/versions.js';
import type { Logger } from '../logger.js';
import { compareByteOrder } from '../pack/byte-order.js';
import { historyKey, INDEX_KEY } from '../registry/layout.js';
import { backoffMs, sleep } from './backoff.js';
import { jsonOptions } from './registry-objects.js';
import type { RegistryListing, RegistryObjects, Tagged } from './registry-objects.js';

/** What the index files should say about the registry. */
export interface ReconcileSettings {
  /** Refs whose history this publisher must bring up to date (its own). */
  readonly refs: readonly string[];
  /** registry_url of a new index, and of this one from now on. */
  readonly registryUrl: string;
  /** registry_name: given, else the current index's, else `defaultName`. */
  readonly registryName?: string;
  readonly defaultName: string;
  readonly now: Date;
  /** Rounds of list-compare-write before giving up. */
  readonly maxRounds?: number;
}

/** How the index files were brought up to date. */
export interface ReconcileResult {
  /** Whether this run wrote index.json or any history. */
  readonly changed: boolean;
  /** Rounds it took (each one re-lists the entry objects). */
  readonly rounds: number;
  /** Packs in index.json afterwards. */
  readonly packs: number;
  /** index.json entries with no entry object behind them, kept as they are. */
  readonly unbacked: readonly string[];
}

type Step = 'clean' | 'written' | 'conflict';

/**
 * Regenerate both index files from the entry objects until they list every entry that
 * exists. Each round lists the entries, rewrites what lacks something with a
 * compare-and-swap, and starts over; a round that writes nothing ends it. Because every
 * publisher lists again after its own write, the last writer always sees every entry
 * written before it, so no entry is lost even on stores that ignore conditional writes.
 * Entries already in an index file but without an entry object are kept: nothing is lost.
 */
export async function reconcileIndex(objects: RegistryObjects, settings: ReconcileSettings, logger: Logger): Promise<ReconcileResult> {
  const maxRounds = settings.maxRounds ?? 12;
  let changed = false;
  let conflicts = 0;
  // Histories this publisher wrote stay its business: on a store that ignores If-Match its
  // write may have overwritten a newer one, which only its own next round can see and repair.
  const mine = new Set(settings.refs);
  for (let round = 1; round <= maxRounds; round++) {
    const listing = await objects.list();
    const current = await objects.index();
    const refs = new Set([...mine, ...[...listing.versions.keys()].filter((ref) => !listing.histories.has(ref))]);
    const steps: Step[] = [];
    for (const ref of [...refs].sort(compareByteOrder)) {
      const step = await syncHistory(objects, ref, listing, current?.value);
      if (step === 'written') mine.add(ref);
      steps.push(step);
    }
    const index = await syncIndex(objects, listing, current, settings);
    steps.push(index.step);
    if (steps.every((s) => s === 'clean')) return { changed, rounds: round, packs: index.packs, unbacked: index.unbacked };
    if (steps.includes('written')) changed = true;
    if (steps.includes('conflict')) {
      conflicts += 1;
      logger.debug(`index files changed under this publisher (round ${round}); retrying`);
      await sleep(backoffMs(conflicts));
    }
  }
  throw new RemoteError(
    `${objects.where(INDEX_KEY)} did not settle after ${maxRounds} rounds: other publishers kept changing it. ` +
      'Every entry object is written, so running the publish again completes the index',
  );
}

/** Bring one history up to the listed versions (plus the index's entry, if it lacks that). */
async function syncHistory(objects: RegistryObjects, ref: string, listing: RegistryListing, index: RegistryIndex | undefined): Promise<Step> {
  const current = await objects.history(ref);
  const versions = new Map((current?.value.versions ?? []).map((e) => [e.version, e]));
  const listed = [...(listing.versions.get(ref) ?? [])].filter((v) => !versions.has(v));
  const top = index?.packs.find((p) => p.ref === ref);
  if (listed.length === 0 && (!top || versions.has(top.version))) return 'clean';
  for (const entry of await Promise.all(listed.map((v) => objects.requireEntry(ref, v)))) versions.set(entry.version, entry);
  if (top && !versions.has(top.version)) versions.set(top.version, top);
  const bytes = Buffer.from(stringifyHistory({ ref, versions: [...versions.values()].sort(newestFirst) }), 'utf8');
  return (await objects.store.replace(historyKey(ref), bytes, current?.tag, jsonOptions(bytes, false))) ? 'written' : 'conflict';
}

/** Bring index.json up to the highest listed version of every ref. */
async function syncIndex(objects: RegistryObjects, listing: RegistryListing, current: Tagged<RegistryIndex> | undefined, s: ReconcileSettings) {
  const listedTop = new Map((current?.value.packs ?? []).map((p) => [p.ref, p]));
  const next = new Map(listedTop);
  const unbacked = [...listedTop.values()].filter((p) => !listing.versions.get(p.ref)?.has(p.version)).map((p) => `${p.ref}@${p.version}`);
  await Promise.all(
    [...listing.versions].map(async ([ref, versions]) => {
      const indexed = listedTop.get(ref);
      const best = highest([...versions].map((version) => ({ version })).concat(indexed ? [{ version: indexed.version }] : []))!.version;
      if (indexed?.version !== best) next.set(ref, await objects.requireEntry(ref, best));
    }),
  );
  const entries = [...next.values()].sort((a, b) => compareByteOrder(a.ref, b.ref));
  const packsChanged = !current || entries.length !== listedTop.size || entries.some((e) => !sameEntry(listedTop.get(e.ref), e));
  const header: IndexHeader = {
    registry_name: s.registryName ?? current?.value.registry_name ?? s.defaultName,
    registry_url: s.registryUrl,
    version: INDEX_FORMAT_VERSION,
    last_updated: packsChanged || !current ? timestamp(s.now) : current.value.last_updated,
  };
  const text = [...indexPieces(header, entries)].join('');
  if (current && text === current.text) return { step: 'clean' as Step, packs: entries.length, unbacked };
  const problems = indexProblems(JSON.parse(text), 'custom');
  if (problems.length > 0) throw new InputError(`the regenerated ${objects.where(INDEX_KEY)} would not be a valid Attune index; nothing was written:\n${formatIndexProblems(problems)}`);
  const bytes = Buffer.from(text, 'utf8');
  const written = await objects.store.replace(INDEX_KEY, bytes, current?.tag, jsonOptions(bytes, false));
  return { step: (written ? 'written' : 'conflict') as Step, packs: entries.length, unbacked };
}

function sameEntry(a: IndexEntry | undefined, b: IndexEntry): boolean {
  return a !== undefined && a.version === b.version && sameContent(a, b);
}
