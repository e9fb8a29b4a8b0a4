import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fsInputError, messageOf, UsageError } from '../errors.js';
import type { IndexEntry } from '../index/model.js';
import type { Logger } from '../logger.js';
import { applyRegistryEnvironment, DEFAULT_REGISTRY_CONFIG, parseRegistryConfig, registryConfigWarnings } from '../registry/config.js';
import type { Environment, RegistryConfig } from '../registry/config.js';
import { resolveFromRegistries } from './resolve.js';
import type { IndexSource, Resolution } from './resolve.js';

/**
 * The registry configuration a command runs with: the config file (if any), then the
 * ATTUNE__PACK_REGISTRY__* environment over it, as Attune loads it. Warnings go to the logger.
 */
export async function loadRegistryConfig(file: string | undefined, env: Environment, cwd: string, logger: Logger): Promise<RegistryConfig> {
  let config = DEFAULT_REGISTRY_CONFIG;
  if (file !== undefined) {
    const path = resolve(cwd, file);
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      throw fsInputError(error, 'registry config', path);
    });
    config = parseRegistryConfig(text, path, env);
  }
  config = applyRegistryEnvironment(config, env, cwd);
  for (const warning of registryConfigWarnings(config)) logger.warning(warning);
  return config;
}

/** One registry's state, for `packreg registries`. */
export interface RegistryStatus {
  readonly priority: number;
  readonly name: string;
  readonly url: string;
  readonly online: boolean;
  readonly packs?: number;
  readonly error?: string;
}

/** Fetch every registry in parallel and say which answer with a valid index. */
export function registryStatuses(sources: readonly IndexSource[]): Promise<RegistryStatus[]> {
  return Promise.all(
    sources.map(async (s) => {
      const base = { priority: s.priority, name: s.name, url: s.url };
      try {
        return { ...base, online: true, packs: (await s.index()).packs.length };
      } catch (error) {
        return { ...base, online: false, error: messageOf(error) };
      }
    }),
  );
}

/** One search hit. */
export interface SearchHit {
  readonly ref: string;
  readonly version: string;
  readonly description: string;
  readonly registry: string;
}

/** Search results, and the registries that could not be searched. */
export interface SearchResult {
  readonly hits: SearchHit[];
  readonly unavailable: { readonly registry: string; readonly error: string }[];
}

/**
 * Packs whose ref, label, description or keywords contain `keyword` (case-insensitive), in
 * every registry (or the pinned one), by registry priority then ref. A registry that cannot
 * be read is reported, not fatal: searching only informs, installing fails closed.
 */
export async function searchRegistries(sources: readonly IndexSource[], keyword: string, pinned?: string): Promise<SearchResult> {
  const wanted = keyword.toLowerCase();
  const chosen = pinned === undefined ? sources : sources.filter((s) => s.name.toLowerCase() === pinned.toLowerCase());
  if (pinned !== undefined && chosen.length === 0) throw new UsageError(`--registry ${pinned}: no registry has that name; configured: ${sources.map((s) => s.name).join(', ') || 'none'}`);
  const hits: SearchHit[] = [];
  const unavailable: SearchResult['unavailable'] = [];
  const loaded = await Promise.all(chosen.map(async (s) => ({ s, index: await s.index().catch((error: unknown) => error as Error) })));
  for (const { s, index } of [...loaded].sort((a, b) => a.s.priority - b.s.priority)) {
    if (index instanceof Error) {
      unavailable.push({ registry: s.name, error: messageOf(index) });
      continue;
    }
    for (const entry of index.packs) if (matches(entry, wanted)) hits.push({ ref: entry.ref, version: entry.version, description: entry.description, registry: s.name });
  }
  return { hits, unavailable };
}

function matches(entry: IndexEntry, wanted: string): boolean {
  return [entry.ref, entry.label, entry.description, ...(entry.keywords ?? [])].some((field) => typeof field === 'string' && field.toLowerCase().includes(wanted));
}

/** `packreg show`: the entry a ref resolves to (latest), where from, and what it shadows. */
export function showPack(sources: readonly IndexSource[], ref: string, pinned?: string): Promise<Resolution> {
  return resolveFromRegistries(ref, { kind: 'latest' }, sources, pinned);
}
