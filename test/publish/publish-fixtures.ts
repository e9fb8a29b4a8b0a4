import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PublishResult } from '../../src/core/publish/publish.js';
import { runPackreg } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { writeTree } from '../helpers/temp.js';
import type { TreeSpec } from '../helpers/temp.js';

/**
 * Small packs and registry checks for the publish tests, for folder and bucket registries
 * alike: nothing here knows where the registry lives except `folderState`.
 */

/** A pack to write: its identity, extra pack.yaml lines, and files beside the defaults. */
export interface PackSpec {
  readonly ref: string;
  readonly version: string;
  /** Files added to (or replacing) the default ones; `pack.yaml` here replaces the manifest. */
  readonly files?: TreeSpec;
  /** Extra `key: value` lines appended to pack.yaml. */
  readonly manifest?: string;
}

/** A complete pack.yaml for `ref@version`. */
export function packYaml(ref: string, version: string, extra = ''): string {
  return [
    `ref: ${ref}`,
    `label: ${ref} pack`,
    `description: The ${ref} pack for publish tests`,
    `version: ${version}`,
    'author: Publish Tests',
    'email: publish@example.com',
    'license: Apache-2.0',
    extra,
  ].join('\n');
}

/** Write a small pack into `dir` (created if missing): pack.yaml, one action and its script. Returns `dir`. */
export function writePack(dir: string, spec: PackSpec): string {
  return writeTree(dir, {
    'pack.yaml': packYaml(spec.ref, spec.version, spec.manifest),
    'actions/greet.yaml': `ref: ${spec.ref}.greet\ndescription: Says hello\nrunner_type: shell\nentry_point: greet.sh\n`,
    'actions/greet.sh': { content: '#!/bin/sh\necho hello\n', executable: true },
    ...spec.files,
  });
}

/** The four keys one published version occupies, relative to the registry root. */
export function registryKeys(ref: string, version: string, format = 'tar.gz'): { index: string; history: string; entry: string; archive: string } {
  return {
    index: 'index.json',
    history: `packs/${ref}/index.json`,
    entry: `packs/${ref}/${version}/entry.json`,
    archive: `packs/${ref}/${version}/${ref}-${version}.${format}`,
  };
}

/** Options of one `packreg publish` run. */
export interface PublishRunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `packreg publish <pack> --registry <registry> --no-git <flags...>` in-process. --no-git so
 * the archive is the files on disk even if the temp folder sits inside a git work tree.
 */
export function publishCli(pack: string, registry: string, flags: readonly string[] = [], options: PublishRunOptions = {}): Promise<CliRun> {
  return runPackreg(['publish', pack, '--registry', registry, '--no-git', ...flags], options.cwd ?? '/', options.env ?? {});
}

/** Publish with --json; the run must succeed. Returns the parsed result. */
export async function publishJson(pack: string, registry: string, flags: readonly string[] = [], options: PublishRunOptions = {}): Promise<PublishResult> {
  const run = await publishCli(pack, registry, ['--json', ...flags], options);
  expect({ code: run.code, errors: run.stderr.match(/^.*error:.*$/gm) }).toEqual({ code: 0, errors: null });
  return JSON.parse(run.stdout) as PublishResult;
}

/** A failed run: exit `code`, nothing on stdout, one error line (no stack), matching every fragment. */
export function expectPublishError(run: CliRun, code: number, ...fragments: (string | RegExp)[]): void {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code, stdout: '' });
  expect(run.stderr.match(/^packreg publish: error: /gm)).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  for (const fragment of fragments) expect(run.stderr).toMatch(fragment);
}

/** Lower-case hex sha256 of bytes. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Parsed JSON of a file. */
export function readJsonFile<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * Every file under a folder (`/`-separated relative path → sha256 and mtime), or null when
 * the folder does not exist: equal states mean nothing was written, not even rewritten.
 */
export function folderState(dir: string): Record<string, { sha256: string; mtimeMs: number }> | null {
  if (!existsSync(dir)) return null;
  const out: Record<string, { sha256: string; mtimeMs: number }> = {};
  for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isFile()) out[relative(dir, path).split(sep).join('/')] = { sha256: sha256Hex(readFileSync(path)), mtimeMs: info.mtimeMs };
  }
  return out;
}
