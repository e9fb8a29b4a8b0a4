/**
 * Runs the extractor against archives written to real files and checks what a refusal
 * must guarantee: an IntegrityError (exit 5) naming the entry and the rule, the target
 * folder gone, and nothing new anywhere in the folder around it.
 */
import { expect } from '@jest/globals';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArchive, extractTarGzStream } from '../../src/core/extract/extract.js';
import type { ExtractOptions, ExtractResult } from '../../src/core/extract/extract.js';
import { IntegrityError } from '../../src/core/errors.js';
import type { TempDirs } from '../helpers/temp.js';

/** Where one extraction happens: the archive in its own folder, the target `into` inside an empty `parent`. */
export interface Scene {
  readonly archive: string;
  readonly parent: string;
  readonly into: string;
}

/** A fresh scene; `build` gets the parent folder, so hostile names can aim at it. */
export function scene(temp: TempDirs, build: Buffer | ((parent: string) => Buffer), fileName = 'pack.archive'): Scene {
  const parent = temp.make('packreg-extract-target-');
  const archive = join(temp.make('packreg-extract-archive-'), fileName);
  writeFileSync(archive, typeof build === 'function' ? build(parent) : build);
  return { archive, parent, into: join(parent, 'out') };
}

/** Every path below `dir` (relative), sorted; a folder removed while it is listed counts as empty. */
export function listAll(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch (error) {
    // The watcher samples while a refused extraction removes its target: ENOENT is expected.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
  return entries
    .flatMap((entry) => {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      return entry.isDirectory() ? [rel, ...listAll(dir, rel)] : [rel];
    })
    .sort();
}

/** Total bytes of the regular files below `dir` (0 when it does not exist). */
export function bytesBelow(dir: string): number {
  let total = 0;
  for (const rel of listAll(dir)) {
    try {
      const stat = statSync(join(dir, rel));
      if (stat.isFile()) total += stat.size;
    } catch {
      // removed meanwhile
    }
  }
  return total;
}

/**
 * Sample the target every millisecond while something runs: the most bytes seen on disk
 * below it, and whether anything at all appeared. Call `stop` when done.
 */
export function watchTarget(into: string): { stop(): { maxBytes: number; sawEntries: boolean } } {
  let maxBytes = 0;
  let sawEntries = false;
  const sample = (): void => {
    sawEntries ||= listAll(into).length > 0;
    maxBytes = Math.max(maxBytes, bytesBelow(into));
  };
  const timer = setInterval(sample, 1);
  return {
    stop() {
      clearInterval(timer);
      return { maxBytes, sawEntries };
    },
  };
}

/** What the refusal must say: the entry it names (exactly, JSON-quoted) and the rule. */
export interface Refusal {
  readonly entry?: string;
  readonly rule: RegExp;
}

/**
 * Extract, expecting a refusal; returns the error. Checks the error's class and exit code,
 * that the message names `entry` and matches `rule`, that `into` is gone and the parent
 * folder is exactly as empty as before. A gzip archive is then also extracted as a stream
 * (as a download is, in odd-sized pieces), which must refuse it with the same message.
 */
export async function expectRefused(s: Scene, refusal: Refusal, options?: ExtractOptions): Promise<IntegrityError> {
  const error = await refusedBy(() => extractArchive(s.archive, s.into, options), s, refusal);
  if (isGzip(s.archive)) {
    const streamed = await refusedBy(() => extractStreamed(s, options), s, refusal);
    expect(streamed.message).toBe(error.message);
  }
  return error;
}

/** `s.archive` fed to the stream extractor in odd-sized pieces, under its own path as label. */
export function extractStreamed(s: Scene, options?: ExtractOptions): Promise<ExtractResult> {
  const source = createReadStream(s.archive, { highWaterMark: 4093 });
  return extractTarGzStream({ source, label: s.archive, size: statSync(s.archive).size }, s.into, options);
}

/** Whether the file starts with the gzip magic number, 1f 8b. */
export function isGzip(archive: string): boolean {
  const head = readFileSync(archive).subarray(0, 2);
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function refusedBy(extract: () => Promise<ExtractResult>, s: Scene, refusal: Refusal): Promise<IntegrityError> {
  expect(listAll(s.parent)).toEqual([]);
  const error = await extract().then(
    (result: ExtractResult) => {
      throw new Error(`expected a refusal, but extracted ${JSON.stringify(result)}`);
    },
    (e: unknown) => e,
  );
  if (!(error instanceof IntegrityError)) throw error;
  expect(error.exitCode).toBe(5);
  if (refusal.entry !== undefined) expect(error.message).toContain(`entry ${JSON.stringify(refusal.entry)}`);
  expect(error.message).toMatch(refusal.rule);
  expect(error.message).toContain(s.archive);
  expect(existsSync(s.into)).toBe(false);
  expect(listAll(s.parent)).toEqual([]);
  return error;
}
