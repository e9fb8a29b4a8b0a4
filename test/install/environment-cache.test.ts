/**
 * The venv cache's edges, on small hand-made venvs (no Python runs): an entry another process
 * stored first, a cache that cannot be written, and a cached venv whose interpreter is gone.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { EnvironmentContext } from '../../src/core/install/environment-command.js';
import { VENV_MARKER, venvKey, type VenvMarker } from '../../src/core/install/environment.js';
import { reuseVenv, storeInCache } from '../../src/core/install/venv-reuse.js';
import type { VenvInputs } from '../../src/core/install/venv-marker.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeCommandRunner } from '../../src/core/process/command.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const PYTHON = 'Python 3.11.7';
const INPUTS: VenvInputs = { requirements_sha256: null, python: PYTHON, key: venvKey(null, PYTHON) };

/** A venv-shaped folder at `dir` that believes it lives at `dir`, built from INPUTS. */
function fakeVenv(dir: string, withPython = true): string {
  const marker: VenvMarker = { ...INPUTS, path: dir };
  return writeTree(dir, {
    'pyvenv.cfg': `command = python3 -m venv ${dir}\n`,
    'bin/pip': { content: `#!${dir}/bin/python\n`, executable: true },
    ...(withPython ? { 'bin/python': { content: '#!/bin/sh\n', executable: true } } : {}),
    [VENV_MARKER]: JSON.stringify(marker),
  });
}

function context(packDir: string, logger = new MemoryLogger()): EnvironmentContext & { logger: MemoryLogger } {
  return { packDir, runner: nodeCommandRunner, logger, details: [], processes: [] };
}

describe('venv cache', () => {
  test('a fresh venv is stored under its key, relocated there, with no temporary folder left', async () => {
    const root = temp.make('packreg-cache-');
    const venv = fakeVenv(join(root, 'pack', '.venv'));
    const cache = join(root, 'cache');
    const ctx = context(join(root, 'pack'));
    await storeInCache(ctx, venv, INPUTS, cache);
    const entry = join(cache, INPUTS.key);
    expect(readdirSync(cache)).toEqual([INPUTS.key]);
    expect(readFileSync(join(entry, 'bin', 'pip'), 'utf8')).toBe(`#!${entry}/bin/python\n`);
    expect(JSON.parse(readFileSync(join(entry, VENV_MARKER), 'utf8')).path).toBe(entry);
    expect(ctx.details).toEqual([{ level: 'info', message: `stored a copy of the venv in the cache as ${entry}` }]);
  });

  test('an entry another process stored first is kept as it is, quietly', async () => {
    const root = temp.make('packreg-cache-');
    const venv = fakeVenv(join(root, 'pack', '.venv'));
    const cache = join(root, 'cache');
    // Not a match (no marker), so the store goes ahead and meets it at the rename.
    writeTree(join(cache, INPUTS.key), { 'theirs.txt': 'stored by another install\n' });
    const ctx = context(join(root, 'pack'));
    await storeInCache(ctx, venv, INPUTS, cache);
    expect(readdirSync(cache)).toEqual([INPUTS.key]);
    expect(readdirSync(join(cache, INPUTS.key))).toEqual(['theirs.txt']);
    expect(ctx.details).toEqual([]);
    expect(ctx.logger.at('debug')).toEqual([`another process stored ${join(cache, INPUTS.key)} first; keeping its copy`]);
  });

  test('a cache that cannot be written is a warning, and the pack\'s venv is untouched', async () => {
    const root = temp.make('packreg-cache-');
    const venv = fakeVenv(join(root, 'pack', '.venv'));
    writeTree(root, { 'not-a-folder': 'a file\n' });
    const cache = join(root, 'not-a-folder');
    const ctx = context(join(root, 'pack'));
    await storeInCache(ctx, venv, INPUTS, cache);
    expect(ctx.details).toEqual([{ level: 'warning', message: expect.stringMatching(new RegExp(`^could not store the venv in the cache ${cache}: .*EEXIST.*; check that the folder is writable$`)) }]);
    expect(readFileSync(cache, 'utf8')).toBe('a file\n');
    expect(readFileSync(join(venv, 'bin', 'pip'), 'utf8')).toBe(`#!${venv}/bin/python\n`);
  });

  test('a cached venv is reused only while its interpreter exists', async () => {
    const root = temp.make('packreg-cache-');
    const cache = join(root, 'cache');
    fakeVenv(join(cache, INPUTS.key), false);
    const target = join(root, 'pack', '.venv');
    const ctx = context(join(root, 'pack'));
    expect(await reuseVenv(ctx, target, INPUTS, { venvCache: cache })).toBeUndefined();
    expect(existsSync(target)).toBe(false);

    rmSync(join(cache, INPUTS.key), { recursive: true });
    fakeVenv(join(cache, INPUTS.key));
    expect(await reuseVenv(ctx, target, INPUTS, { venvCache: cache })).toBe('cache');
    expect(readFileSync(join(target, 'bin', 'pip'), 'utf8')).toBe(`#!${target}/bin/python\n`);
    expect(ctx.details).toEqual([{ level: 'info', message: expect.stringContaining(`reused the venv from ${join(cache, INPUTS.key)} (the venv cache)`) }]);
  });
});
