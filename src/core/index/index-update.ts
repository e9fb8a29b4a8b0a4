import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, InternalError, UsageError } from '../errors.js';
import { writeTextAtomic } from '../fs/atomic-file.js';
import type { Logger } from '../logger.js';
import { compareByteOrder } from '../pack/byte-order.js';
import { canonicalEntry, canonicalIndex, stringifyCanonical } from './canonical-json.js';
import { historyPath, readHistory, stringifyHistory } from './history.js';
import type { IndexEntry, RegistryIndex } from './model.js';
import { INDEX_FORMAT_VERSION } from './model.js';
import { planUpsert } from './upsert-plan.js';
import type { PlanItem } from './upsert-plan.js';
import type { IndexPolicy } from './validate-index.js';
import { entryProblems, formatIndexProblems, indexProblems, loadIndex } from './validate-index.js';
import { highest } from './versions.js';

/** What `packreg index-update` and the index-update action do. */
export interface IndexUpdateSettings {
  /** The index to update (created when missing). */
  readonly indexPath: string;
  /** Where to write; default `indexPath`. Pack histories go beside it. */
  readonly outputPath?: string;
  readonly entries: readonly IndexEntry[];
  /** Identity of a new index. */
  readonly registryName?: string;
  readonly registryUrl?: string;
  readonly policy: IndexPolicy;
  readonly dryRun: boolean;
  readonly force: boolean;
  /** The time to record in `last_updated` if the content changes. */
  readonly now: Date;
}

/** The outcome; nothing is written when `refused` > 0 or on a dry run. */
export interface IndexUpdateResult {
  readonly indexPath: string;
  readonly created: boolean;
  /** Whether any file's content changes (or would, on a dry run). */
  readonly changed: boolean;
  readonly written: boolean;
  readonly dryRun: boolean;
  readonly refused: number;
  readonly plan: PlanItem[];
  /** Files whose content changes. */
  readonly files: string[];
  readonly lastUpdated: string;
}

/**
 * Upsert entries into an index and the per-pack histories beside it. The existing index
 * must validate (it is never rewritten otherwise); each ref's top-level entry is its
 * highest version by semver precedence; output is canonical and deterministic, and
 * `last_updated` moves only when index.json's packs change. Histories are written first
 * and the index last, each atomically.
 */
export async function updateIndex(settings: IndexUpdateSettings, logger: Logger): Promise<IndexUpdateResult> {
  checkEntries(settings.entries, settings.policy);
  const indexPath = resolve(settings.indexPath);
  const outputPath = resolve(settings.outputPath ?? settings.indexPath);
  const { index, text: oldText, created } = await currentIndex(indexPath, settings);
  const histories = await currentHistories(indexPath, index, settings);
  const plan = planUpsert(histories.versions, settings.entries, settings.force);
  for (const item of plan.items) if (item.action === 'replaced') logger.warning(`${item.ref}@${item.version}: ${item.reason}`);
  const next = nextIndex(index, plan.histories, settings.now);
  const newText = stringifyCanonical(next);
  const problems = indexProblems(JSON.parse(newText), settings.policy);
  if (problems.length > 0) throw new InternalError(`the updated index would not validate:\n${formatIndexProblems(problems)}`);
  const files = changedFiles(outputPath, oldText, newText, histories.texts, plan.histories, indexPath === outputPath);
  const write = !settings.dryRun && plan.refused === 0 && files.length > 0;
  if (write) {
    for (const [ref, versions] of plan.histories) {
      const path = historyPath(outputPath, ref);
      if (files.includes(path)) await writeTextAtomic(path, stringifyHistory({ ref, versions }), 'pack history');
    }
    if (files.includes(outputPath)) await writeTextAtomic(outputPath, newText, 'index');
  }
  return {
    indexPath: outputPath,
    created,
    changed: files.length > 0,
    written: write,
    dryRun: settings.dryRun,
    refused: plan.refused,
    plan: plan.items,
    files,
    lastUpdated: next.last_updated,
  };
}

function checkEntries(entries: readonly IndexEntry[], policy: IndexPolicy): void {
  if (entries.length === 0) throw new UsageError('no entries to add: give a pack directory with source flags, or --entry FILE');
  entries.forEach((entry, i) => {
    const problems = entryProblems(entry, policy);
    if (problems.length > 0) {
      const name = typeof entry?.ref === 'string' ? `${entry.ref}@${String(entry.version)}` : `#${i + 1}`;
      throw new InputError(`entry ${name} is not a valid Attune index entry (policy ${policy}); nothing was written:\n${formatIndexProblems(problems)}`);
    }
  });
}

async function currentIndex(path: string, s: IndexUpdateSettings): Promise<{ index: RegistryIndex; text?: string; created: boolean }> {
  if (existsSync(path)) {
    const { index, text } = await loadIndex(path, s.policy);
    return { index, text, created: false };
  }
  if (!s.registryName || !s.registryUrl) {
    throw new UsageError(`index ${path} does not exist; to create it, give --registry-name and --registry-url (https)`);
  }
  const index: RegistryIndex = { registry_name: s.registryName, registry_url: s.registryUrl, version: INDEX_FORMAT_VERSION, last_updated: timestamp(s.now), packs: [] };
  const problems = indexProblems(index, s.policy);
  if (problems.length > 0) throw new UsageError(`cannot create ${path}:\n${formatIndexProblems(problems)}`);
  return { index, created: true };
}

/** Each touched ref's versions: its history file, plus its index entry if the history lacks it. */
async function currentHistories(indexPath: string, index: RegistryIndex, s: IndexUpdateSettings) {
  const versions = new Map<string, IndexEntry[]>();
  const texts = new Map<string, string>();
  for (const ref of new Set(s.entries.map((e) => e.ref))) {
    const read = await readHistory(historyPath(indexPath, ref), ref, s.policy);
    const known = [...(read?.history.versions ?? [])];
    const listed = index.packs.find((p) => p.ref === ref);
    if (listed && !known.some((v) => v.version === listed.version)) known.push(listed);
    versions.set(ref, known);
    if (read) texts.set(ref, read.text);
  }
  return { versions, texts };
}

function nextIndex(index: RegistryIndex, histories: Map<string, IndexEntry[]>, now: Date): RegistryIndex {
  const byRef = new Map(index.packs.map((p) => [p.ref, p]));
  for (const [ref, versions] of histories) byRef.set(ref, highest(versions)!);
  const packs = [...byRef.values()].sort((a, b) => compareByteOrder(a.ref, b.ref)).map(canonicalEntry);
  const before = stringifyCanonical(index.packs.map(canonicalEntry));
  const contentChanged = before !== stringifyCanonical(packs);
  return canonicalIndex({ ...index, last_updated: contentChanged ? timestamp(now) : index.last_updated, packs });
}

function changedFiles(output: string, oldText: string | undefined, newText: string, oldHistories: Map<string, string>, histories: Map<string, IndexEntry[]>, inPlace: boolean): string[] {
  const files: string[] = [];
  for (const [ref, versions] of histories) {
    const text = stringifyHistory({ ref, versions });
    if (!inPlace || oldHistories.get(ref) !== text) files.push(historyPath(output, ref));
  }
  if (!inPlace || oldText !== newText) files.push(output);
  return files;
}

/** ISO 8601 in UTC to the second, as the standard index writes it. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
