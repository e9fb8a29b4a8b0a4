import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { runPackreg } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import type { TempDirs } from '../helpers/temp.js';

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

/** The opening of the MIT license text, wrapped as LICENSE files wrap it. */
export const MIT_LICENSE = `MIT License

Copyright (c) 2026 Example Team

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
`;

/** The opening of the Apache License 2.0 text, wrapped as LICENSE files wrap it. */
export const APACHE_LICENSE = `
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION

   1. Definitions.

      "License" shall mean the terms and conditions for use, reproduction,
      and distribution as defined by Sections 1 through 9 of this document.
`;

/** The standard index, freshly parsed (callers may modify it). */
export function standardIndex(): RegistryIndex {
  return JSON.parse(readFileSync(STANDARD_INDEX, 'utf8')) as RegistryIndex;
}

/** Loosely typed JSON, for mutations that reach into any field (or break the format on purpose). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

/** A fresh copy of the standard index, changed by `mutate`. */
export function mutatedIndex(mutate: (index: LooseJson) => void): LooseJson {
  const index = standardIndex() as LooseJson;
  mutate(index);
  return index;
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

export type { CliRun };

/** Run `packreg <args>` in-process, as the CLI binary does, with `cwd`. */
export async function packreg(args: readonly string[], cwd: string): Promise<CliRun> {
  return runPackreg(args, cwd);
}

/** One error message from `packreg <command>`, no stack trace, nothing on stdout, exit `code`; the message matches every fragment. */
export function expectOneError(run: CliRun, command: string, code: number, ...fragments: (string | RegExp)[]): void {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code, stdout: '' });
  expect(run.stderr.startsWith(`packreg ${command}: error: `)).toBe(true);
  expect(run.stderr.match(/error:/g)).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  for (const fragment of fragments) expect(run.stderr).toMatch(fragment);
}

/** Write entries as an entry file: one entry as an object, several as an array. */
export function writeEntryFile(path: string, entries: IndexEntry | IndexEntry[]): string {
  return writeJson(path, entries);
}

/**
 * `packreg index-update --index <index> --entry <work>/<entryFile> <flags...>` run in `work`,
 * the entry file first written with `entries`.
 */
export async function indexUpdate(work: string, index: string, entries: IndexEntry | IndexEntry[], flags: readonly string[] = [], entryFile = 'entry.json'): Promise<CliRun> {
  const file = writeEntryFile(join(work, entryFile), entries);
  return packreg(['index-update', '--index', index, '--entry', file, ...flags], work);
}

/** A fresh work folder (made by `temp`) holding a copy of the standard index at `<work>/<folder>/index.json`. */
export function standardRegistry(temp: TempDirs, prefix: string, folder = 'registry'): { work: string; index: string } {
  const work = temp.make(prefix);
  return { work, index: copyStandardIndex(join(work, folder)) };
}

/**
 * A fresh work folder (made by `temp`) with a new registry, `<work>/registry/index.json` named
 * `registryName`, where index-update has published `entries` (from `<work>/published.json`,
 * histories included). Fails the test unless that run exits 0.
 */
export async function publishedRegistry(temp: TempDirs, prefix: string, entries: IndexEntry | IndexEntry[], registryName: string): Promise<{ work: string; registry: string; index: string }> {
  const work = temp.make(prefix);
  const registry = join(work, 'registry');
  const index = join(registry, 'index.json');
  const identity = ['--registry-name', registryName, '--registry-url', 'https://packs.example.com/index.json'];
  expect((await indexUpdate(work, index, entries, identity, 'published.json')).code).toBe(0);
  return { work, registry, index };
}
