import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { InternalError, UsageError } from '../errors.js';
import { writeTextAtomic } from '../fs/atomic-file.js';
import { compareByteOrder } from '../pack/byte-order.js';
import { canonicalEntry, canonicalIndex, stringifyCanonical } from './canonical-json.js';
import { timestamp } from './index-update.js';
import type { IndexEntry, RegistryIndex } from './model.js';
import type { IndexPolicy } from './validate-index.js';
import { formatIndexProblems, indexProblems, loadIndex } from './validate-index.js';

/** What `packreg index-merge` does. */
export interface IndexMergeSettings {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly policy: IndexPolicy;
  readonly now: Date;
}

/** Which input each ref came from. */
export interface IndexMergeResult {
  readonly output: string;
  readonly changed: boolean;
  readonly packs: number;
  readonly sources: { ref: string; version: string; input: string }[];
}

/**
 * Merge indices: every input must validate; a ref present in several inputs takes its
 * highest version (ties: the first input wins); the registry identity comes from the first
 * input. The output is validated and replaced only after everything succeeded.
 */
export async function mergeIndices(settings: IndexMergeSettings): Promise<IndexMergeResult> {
  if (settings.inputs.length === 0) throw new UsageError('index-merge needs at least one input index');
  const loaded = [];
  for (const input of settings.inputs) loaded.push({ input: resolve(input), ...(await loadIndex(resolve(input), settings.policy, 'input index')) });
  const chosen = new Map<string, { entry: IndexEntry; input: string }>();
  for (const { input, index } of loaded) {
    for (const entry of index.packs) {
      const best = chosen.get(entry.ref);
      if (!best || semver.gt(entry.version, best.entry.version)) chosen.set(entry.ref, { entry, input });
    }
  }
  const packs = [...chosen.values()].map((c) => canonicalEntry(c.entry)).sort((a, b) => compareByteOrder(a.ref, b.ref));
  const output = resolve(settings.output);
  const previous = existsSync(output) ? await loadIndex(output, settings.policy, 'existing output').catch(() => undefined) : undefined;
  const first = loaded[0].index;
  const samePacks = previous && stringifyCanonical(previous.index.packs.map(canonicalEntry)) === stringifyCanonical(packs);
  const merged: RegistryIndex = canonicalIndex({
    registry_name: first.registry_name,
    registry_url: first.registry_url,
    version: '1.0',
    last_updated: samePacks ? previous.index.last_updated : timestamp(settings.now),
    packs,
  });
  const text = stringifyCanonical(merged);
  const problems = indexProblems(JSON.parse(text), settings.policy);
  if (problems.length > 0) throw new InternalError(`the merged index would not validate:\n${formatIndexProblems(problems)}`);
  const changed = previous?.text !== text;
  if (changed) await writeTextAtomic(output, text, 'output index');
  return {
    output,
    changed,
    packs: packs.length,
    sources: [...chosen.values()].map((c) => ({ ref: c.entry.ref, version: c.entry.version, input: c.input })).sort((a, b) => compareByteOrder(a.ref, b.ref)),
  };
}
