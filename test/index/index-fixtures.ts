import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { runCli } from '../../src/cli/run.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';

/**
 * Entries and indices for the index-update, index-merge and plan tests, made from the copies
 * of the real Attune formats in test/fixtures/compat/: a real entry of the standard index is
 * cloned and its version, commit and checksums varied, so every entry the tests feed in has
 * the exact shape Attune's builder writes.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const COMPAT = join(ROOT, 'test', 'fixtures', 'compat');
/** The copy of the real standard index (44 packs). */
export const STANDARD_INDEX = join(COMPAT, 'attune-standard-index.json');
/** The copy of the real index schema. */
export const INDEX_SCHEMA = join(COMPAT, 'attune-index.schema.json');

/** The standard index, freshly parsed (callers may modify it). */
export function standardIndex(): RegistryIndex {
  return JSON.parse(readFileSync(STANDARD_INDEX, 'utf8')) as RegistryIndex;
}

/** A deep copy of the real entry of `ref` in the standard index. */
export function realEntry(ref = 'consul'): IndexEntry {
  const entry = standardIndex().packs.find((p) => p.ref === ref);
  if (!entry) throw new Error(`the standard index has no pack ${ref}`);
  return entry;
}

/** A 40-character commit id derived from `seed` (stable across runs). */
export function commitOf(seed: string): string {
  return createHash('sha1').update(`commit:${seed}`).digest('hex');
}

/** A `sha256:<hex>` checksum derived from `seed` (stable across runs). */
export function checksumOf(seed: string): string {
  return `sha256:${createHash('sha256').update(`checksum:${seed}`).digest('hex')}`;
}

/** How to vary a cloned entry. Unset fields keep the clone's values. */
export interface EntryVariant {
  readonly ref?: string;
  readonly version?: string;
  /** Seed of the commit the git source pins (and meta.commit, and the archive URL). */
  readonly commit?: string;
  /** Seed of the git source's tree checksum. */
  readonly gitChecksum?: string;
  /** Seed of the archive's checksum. */
  readonly archiveChecksum?: string;
  /** The git source's URL. */
  readonly gitUrl?: string;
  /** Replace the git source's ref verbatim (a tag or branch, for policy tests). */
  readonly gitRef?: string;
  readonly description?: string;
}

/**
 * A real standard-index entry (`base`, default consul) with `variant` applied. By default
 * the commit and both checksums are derived from ref@version, so two calls with the same
 * ref and version give identical entries and different versions give different sources.
 */
export function makeEntry(variant: EntryVariant = {}, base = 'consul'): IndexEntry {
  const entry = realEntry(base);
  const ref = variant.ref ?? entry.ref;
  const version = variant.version ?? entry.version;
  const id = `${ref}@${version}`;
  const commit = commitOf(variant.commit ?? id);
  entry.ref = ref;
  entry.version = version;
  if (variant.description !== undefined) entry.description = variant.description;
  if (ref !== base) entry.label = `${entry.label} (${ref})`;
  for (const source of entry.install_sources) {
    if (source.type === 'git') {
      source.url = variant.gitUrl ?? `https://github.com/attune-packs/${ref}.git`;
      source.ref = variant.gitRef ?? commit;
      source.checksum = checksumOf(`git:${variant.gitChecksum ?? id}`);
    } else {
      source.url = `https://codeload.github.com/attune-packs/${ref}/tar.gz/${commit}`;
      source.checksum = checksumOf(`archive:${variant.archiveChecksum ?? id}`);
    }
  }
  if (entry.meta) entry.meta = { ...entry.meta, commit };
  if (entry.repository !== undefined) entry.repository = `https://github.com/attune-packs/${ref}`;
  return entry;
}

/** A git source of `entry` (it must have one). */
export function gitSource(entry: IndexEntry): { url: string; ref: string; checksum: string } {
  const source = entry.install_sources.find((s) => s.type === 'git');
  if (!source || source.type !== 'git') throw new Error(`${entry.ref} has no git source`);
  return source;
}

/** A small valid index holding `packs` (sorted by ref as the format requires). */
export function makeIndex(packs: IndexEntry[], identity: { name?: string; url?: string; lastUpdated?: string } = {}): RegistryIndex {
  return {
    registry_name: identity.name ?? 'Test Registry',
    registry_url: identity.url ?? 'https://packs.example.com/index',
    version: '1.0',
    last_updated: identity.lastUpdated ?? '2024-01-02T03:04:05Z',
    packs: [...packs].sort((a, b) => Buffer.compare(Buffer.from(a.ref), Buffer.from(b.ref))),
  };
}

/**
 * JSON text as Python's `json.dumps(value, indent=2)` (ensure_ascii) writes it, plus a
 * final newline: the way the real standard index is written. Written independently of
 * packreg's serializer, to state expectations with.
 */
export function pythonJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

/** Write `value` as two-space JSON with a final newline; returns `path`. Parent folders are created. */
export function writeJson(path: string, value: unknown): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

/** Parse a JSON file. */
export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Copy the real standard index to `<dir>/index.json`; returns that path. */
export function copyStandardIndex(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'index.json');
  copyFileSync(STANDARD_INDEX, path);
  return path;
}

/** Where the history of `ref` lives for the index at `indexPath`. */
export function historyFile(indexPath: string, ref: string): string {
  return join(dirname(indexPath), 'packs', ref, 'index.json');
}

/**
 * Every file below `dir` (relative `/` paths, sorted) with the SHA-256 of its bytes, for
 * byte-for-byte before/after comparisons. A `.git` directory is left out.
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    if (!existsSync(at)) return;
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(path);
      } else {
        out[relative(dir, path).split('\\').join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex');
      }
    }
  };
  walk(dir);
  return out;
}

/** Relative paths of files below `dir` that look like leftover temporary files. */
export function temporaryLeftovers(dir: string): string[] {
  return Object.keys(snapshot(dir)).filter((p) => /\.tmp$/.test(p) || p.split('/').some((part) => part.startsWith('.')));
}

// ajv-formats is CommonJS; under ts-jest's ESM mode the default import may be wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
let schemaValidator: ValidateFunction | undefined;

/**
 * Validate a document against the copy of the real Attune index schema, with a validator
 * compiled here from the fixture file (not packreg's own). Returns ajv's error messages.
 */
export function schemaErrors(value: unknown): string[] {
  if (!schemaValidator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    schemaValidator = ajv.compile(readJson(INDEX_SCHEMA) as object);
  }
  return schemaValidator(value) ? [] : (schemaValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The result of one `packreg` run through runCli. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `packreg <args>` in-process, as the CLI binary does, with `cwd`. */
export async function packreg(args: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Write entries as an entry file: one entry as an object, several as an array. */
export function writeEntryFile(path: string, entries: IndexEntry | IndexEntry[]): string {
  return writeJson(path, entries);
}
