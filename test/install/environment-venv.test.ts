/**
 * The environment step's venv: built with python3 -m venv and pip from a local wheel folder,
 * then reused from the pack itself, a previous install and the cache, until requirements change.
 * The tests run in order and share the venvs they build (each build costs seconds).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sha256Hex } from '../../src/core/hash/algorithms.js';
import { setUpEnvironment, type EnvironmentOutcome, type EnvironmentSettings } from '../../src/core/install/environment.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { loadManifest } from '../../src/core/pack/index.js';
import { tempDirs } from '../helpers/temp.js';
import { WHEEL_NAME, buildWheel, commandsOf, firstLine, offlinePipEnv, packYaml, realDeps, venvPython, writePack } from './environment-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const REQUIREMENTS = `${WHEEL_NAME}==1.0.0\n`;
const IMPORT = `import ${WHEEL_NAME}; print(${WHEEL_NAME}.__file__, ${WHEEL_NAME}.VALUE)`;
let callerEnv: Record<string, string>;
let cache: string;
let pythonVersion: string;

beforeAll(() => {
  const wheels = temp.make('packreg-wheels-');
  buildWheel(wheels);
  callerEnv = offlinePipEnv(wheels, temp.make('packreg-home-'));
  cache = join(temp.make('packreg-cache-'), 'venvs');
  pythonVersion = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
});

/** A pack with requirements.txt only (no python runtime_deps: the file alone makes it a Python pack). */
function requirementsPack(requirements = REQUIREMENTS): ReturnType<typeof writePack> {
  return writePack(temp, { 'pack.yaml': packYaml(), 'requirements.txt': requirements });
}

async function setUp(settings: Omit<EnvironmentSettings, 'callerEnv'>, logger = new MemoryLogger()): Promise<EnvironmentOutcome> {
  return setUpEnvironment({ callerEnv, ...settings }, realDeps(logger));
}

describe('setUpEnvironment: Python venv', () => {
  let first: { dir: string; outcome: EnvironmentOutcome };
  let copied: string;

  test('a fresh pack gets .venv with its requirements installed from the offline wheel folder, a marker and a cache copy', async () => {
    const pack = await requirementsPack();
    const logger = new MemoryLogger();
    const outcome = await setUp({ packDir: pack.dir, manifest: pack.manifest, venvCache: cache }, logger);
    first = { dir: pack.dir, outcome };
    const venv = join(pack.dir, '.venv');

    expect(outcome).toMatchObject({ status: 'passed', venvDir: venv });
    expect(outcome.reused).toBeUndefined();
    expect(commandsOf(outcome.processes, pack.dir)).toEqual([
      'python3 --version',
      'python3 -m venv <pack>/.venv',
      '<pack>/.venv/bin/python -m pip install --disable-pip-version-check -r requirements.txt',
    ]);
    expect(outcome.processes.every((p) => p.step === 'environment' && p.code === 0 && p.durationMs >= 0)).toBe(true);
    expect(venvPython(venv, IMPORT)).toBe(`${venv}/lib/${pythonDir(venv)}/site-packages/${WHEEL_NAME}/__init__.py from the wheel`);
    expect(JSON.parse(readFileSync(join(venv, 'packreg-venv.json'), 'utf8'))).toEqual({
      requirements_sha256: sha256Hex(REQUIREMENTS),
      python: pythonVersion,
      key: outcome.venvKey,
      path: venv,
    });
    expect(outcome.venvKey).toMatch(/^py3\.\d+\.\d+-[0-9a-f]{16}$/);
    expect(outcome.details).toContainEqual({ level: 'info', message: expect.stringContaining('created .venv from requirements.txt (sha256') });
    // pip's progress reached the log line by line.
    expect(logger.at('debug').some((line) => line.includes(`Successfully installed ${WHEEL_NAME}`))).toBe(true);

    // The cache holds a finished copy under the key, relocated to where it lies, and no temporary folder.
    const cached = join(cache, outcome.venvKey!);
    expect(readdirSync(cache)).toEqual([outcome.venvKey]);
    expect(JSON.parse(readFileSync(join(cached, 'packreg-venv.json'), 'utf8')).path).toBe(cached);
    expect(firstLine(join(cached, 'bin', WHEEL_NAME))).toBe(`#!${cached}/bin/python`);
  });

  test('a second run keeps the pack\'s own venv: only python3 --version runs', async () => {
    const outcome = await setUp({ packDir: first.dir, manifest: await manifestOf(first.dir) });
    expect(outcome).toMatchObject({ status: 'passed', reused: 'pack', venvKey: first.outcome.venvKey, venvDir: join(first.dir, '.venv') });
    expect(commandsOf(outcome.processes, first.dir)).toEqual(['python3 --version']);
    expect(outcome.details).toEqual([{ level: 'info', message: expect.stringMatching(/^reused the venv from the pack's existing \.venv: it was built from the same requirements\.txt .* and Python 3/) }]);
  });

  test('a new pack with the same requirements copies a previous install\'s venv, which keeps working once the original is gone', async () => {
    const pack = await requirementsPack();
    const outcome = await setUp({ packDir: pack.dir, manifest: pack.manifest, reuseFrom: [temp.make('packreg-empty-'), first.dir], venvCache: cache });
    copied = pack.dir;
    const venv = join(pack.dir, '.venv');

    expect(outcome).toMatchObject({ status: 'passed', reused: 'previous', venvDir: venv, venvKey: first.outcome.venvKey });
    expect(commandsOf(outcome.processes, pack.dir)).toEqual(['python3 --version']);
    expect(outcome.details).toEqual([{ level: 'info', message: expect.stringContaining(`reused the venv from ${first.dir}/.venv (a previous install)`) }]);

    rmSync(join(first.dir, '.venv'), { recursive: true });
    expect(venvPython(venv, IMPORT)).toContain(`${venv}/lib/`);
    // The console script pip wrote runs from the copy: its shebang was rewritten.
    expect(execFileSync(join(venv, 'bin', WHEEL_NAME), { encoding: 'utf8' })).toContain(`hello from ${venv}/lib/`);
    expect(readFileSync(join(venv, 'bin', 'activate'), 'utf8')).toContain(`VIRTUAL_ENV="${venv}"`);
    expect(JSON.parse(readFileSync(join(venv, 'packreg-venv.json'), 'utf8')).path).toBe(venv);
  });

  test('a new pack with only the cache gets the cached venv', async () => {
    const pack = await requirementsPack();
    const outcome = await setUp({ packDir: pack.dir, manifest: pack.manifest, venvCache: cache });
    const venv = join(pack.dir, '.venv');

    expect(outcome).toMatchObject({ status: 'passed', reused: 'cache', venvDir: venv });
    expect(commandsOf(outcome.processes, pack.dir)).toEqual(['python3 --version']);
    expect(outcome.details).toEqual([{ level: 'info', message: expect.stringContaining(`reused the venv from ${join(cache, first.outcome.venvKey!)} (the venv cache)`) }]);
    expect(execFileSync(join(venv, 'bin', WHEEL_NAME), { encoding: 'utf8' })).toContain(`hello from ${venv}/lib/`);
  });

  test('a changed requirements.txt invalidates every reusable venv (own, previous, cached): a new one is built and cached', async () => {
    const changed = `# pinned for the environment tests\n${REQUIREMENTS}`;
    writeFileSync(join(copied, 'requirements.txt'), changed);
    const other = await requirementsPack();
    const outcome = await setUp({ packDir: copied, manifest: await manifestOf(copied), reuseFrom: [other.dir], venvCache: cache });

    expect(outcome.status).toBe('passed');
    expect(outcome.reused).toBeUndefined();
    expect(commandsOf(outcome.processes, copied)).toEqual([
      'python3 --version',
      'python3 -m venv <pack>/.venv',
      '<pack>/.venv/bin/python -m pip install --disable-pip-version-check -r requirements.txt',
    ]);
    expect(outcome.venvKey).not.toBe(first.outcome.venvKey);
    expect(JSON.parse(readFileSync(join(copied, '.venv', 'packreg-venv.json'), 'utf8')).requirements_sha256).toBe(sha256Hex(changed));
    expect(readdirSync(cache).sort()).toEqual([first.outcome.venvKey, outcome.venvKey].sort());
    expect(existsSync(join(other.dir, '.venv'))).toBe(false);
  });
});

async function manifestOf(dir: string): Promise<EnvironmentSettings['manifest']> {
  return (await loadManifest(dir)).manifest!;
}

/** lib/python3.X of a venv. */
function pythonDir(venv: string): string {
  return readdirSync(join(venv, 'lib')).find((name) => name.startsWith('python'))!;
}
