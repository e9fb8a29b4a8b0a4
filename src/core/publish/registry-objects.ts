import { InputError } from '../errors.js';
import { sha256Hex } from '../hash/algorithms.js';
import { canonicalEntry, stringifyCanonical } from '../index/canonical-json.js';
import { parseHistory } from '../index/history.js';
import type { PackHistory } from '../index/history.js';
import { entryProblems, formatIndexProblems, indexProblems } from '../index/index-rules.js';
import type { UrlScope } from '../index/index-rules.js';
import { parseJsonText } from '../index/json-text.js';
import type { IndexEntry, RegistryIndex } from '../index/model.js';
import { entryKey, historyKey, INDEX_KEY, PACKS_PREFIX, parseEntryKey } from '../registry/layout.js';
import { IMMUTABLE_CACHE, INDEX_CACHE } from '../store/object-store.js';
import type { ObjectStore, PutOptions } from '../store/object-store.js';

/** A JSON object read from the store, with the tag a compare-and-swap needs. */
export interface Tagged<T> {
  readonly value: T;
  readonly tag: string;
  readonly text: string;
}

/** What a listing of `packs/` says exists. */
export interface RegistryListing {
  /** Versions with an entry object, per ref. */
  readonly versions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Refs that have a history object. */
  readonly histories: ReadonlySet<string>;
}

/**
 * Typed, validated access to a registry's JSON objects. Entries are immutable once
 * written, so each is fetched at most once per process.
 */
export class RegistryObjects {
  private readonly entries = new Map<string, Promise<IndexEntry>>();

  constructor(
    readonly store: ObjectStore,
    readonly scope: UrlScope,
  ) {}

  /** Every entry object and history under `packs/`. */
  async list(): Promise<RegistryListing> {
    const versions = new Map<string, Set<string>>();
    const histories = new Set<string>();
    for await (const key of this.store.list(PACKS_PREFIX)) {
      const entry = parseEntryKey(key);
      if (entry) {
        if (!versions.has(entry.ref)) versions.set(entry.ref, new Set());
        versions.get(entry.ref)!.add(entry.version);
      } else {
        const history = /^packs\/([^/]+)\/index\.json$/.exec(key);
        if (history) histories.add(history[1]);
      }
    }
    return { versions, histories };
  }

  /** The index, validated; undefined when the registry has none yet. */
  async index(): Promise<Tagged<RegistryIndex> | undefined> {
    const object = await this.store.get(INDEX_KEY);
    if (!object) return undefined;
    const where = this.where(INDEX_KEY);
    const text = object.bytes.toString('utf8');
    const value = parseJsonText(text, where);
    const problems = indexProblems(value, 'custom');
    if (problems.length > 0) {
      throw new InputError(`${where} is not a valid Attune index, so it was not changed (${problems.length} problem(s)); fix or remove it and publish again:\n${formatIndexProblems(problems)}`);
    }
    return { value: value as RegistryIndex, tag: object.tag, text };
  }

  /** A pack's history, validated; undefined when it has none yet. */
  async history(ref: string): Promise<Tagged<PackHistory> | undefined> {
    const object = await this.store.get(historyKey(ref));
    if (!object) return undefined;
    const text = object.bytes.toString('utf8');
    return { value: parseHistory(text, this.where(historyKey(ref)), ref, 'custom', this.scope), tag: object.tag, text };
  }

  /** One version's entry; undefined when absent. Cached: entries never change. */
  async entry(ref: string, version: string): Promise<IndexEntry | undefined> {
    const key = entryKey(ref, version);
    let pending = this.entries.get(key);
    if (!pending) {
      pending = this.readEntry(ref, version);
      this.entries.set(key, pending);
      pending.catch(() => this.entries.delete(key));
    }
    return pending.catch((error: unknown) => {
      if (error instanceof MissingEntry) return undefined;
      throw error;
    });
  }

  /** An entry that must exist (it was listed). */
  async requireEntry(ref: string, version: string): Promise<IndexEntry> {
    const entry = await this.entry(ref, version);
    if (!entry) throw new InputError(`${this.where(entryKey(ref, version))} was listed but cannot be read; publish again`);
    return entry;
  }

  /** The store location of a key, for messages. */
  where(key: string): string {
    return `${this.store.location}${this.store.location.endsWith('/') ? '' : '/'}${key}`;
  }

  private async readEntry(ref: string, version: string): Promise<IndexEntry> {
    const key = entryKey(ref, version);
    const object = await this.store.get(key);
    if (!object) throw new MissingEntry();
    const value = parseJsonText(object.bytes.toString('utf8'), this.where(key)) as IndexEntry;
    const problems = entryProblems(value, 'custom', '', this.scope);
    if (value?.ref !== ref || value?.version !== version) problems.push({ path: '/ref', message: `must be ${ref} version ${version}, as its key says` });
    if (problems.length > 0) throw new InputError(`${this.where(key)} is not a valid entry; fix or remove it:\n${formatIndexProblems(problems)}`);
    return value;
  }
}

class MissingEntry extends Error {}

/** An entry object's bytes: canonical JSON, as in the index. */
export function entryBytes(entry: IndexEntry): Buffer {
  return Buffer.from(stringifyCanonical(canonicalEntry(entry)), 'utf8');
}

/** Upload options for JSON: immutable entries are cached for a year, index files briefly. */
export function jsonOptions(bytes: Buffer, immutable: boolean): PutOptions {
  return { contentType: 'application/json', cacheControl: immutable ? IMMUTABLE_CACHE : INDEX_CACHE, sha256: sha256Hex(bytes) };
}
