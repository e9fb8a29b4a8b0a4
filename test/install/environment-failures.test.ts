/**
 * The environment step when things go wrong: pip cannot find a requirement, the interpreter is
 * missing, and settings that are refused before anything is written.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { setUpEnvironment } from '../../src/core/install/environment.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { tempDirs } from '../helpers/temp.js';
import { buildWheel, commandsOf, offlinePipEnv, packYaml, realDeps, writePack } from './environment-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

let callerEnv: Record<string, string>;
beforeAll(() => {
  const wheels = temp.make('packreg-wheels-');
  buildWheel(wheels);
  callerEnv = offlinePipEnv(wheels, temp.make('packreg-home-'));
});

describe('setUpEnvironment: failures', () => {
  test('a requirement pip cannot find fails the step with pip\'s message, and leaves no venv behind', async () => {
    const cache = temp.make('packreg-cache-');
    const pack = await writePack(temp, { 'pack.yaml': packYaml(), 'requirements.txt': 'packreg_demo==1.0.0\npackreg-not-published==9.9\n' });
    const outcome = await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv, venvCache: cache }, realDeps());

    expect(outcome.status).toBe('failed');
    expect(outcome.venvDir).toBeUndefined();
    expect(outcome.reused).toBeUndefined();
    const errors = outcome.details.filter((d) => d.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('requirements.txt');
    const message = errors[0]!.message.split(pack.dir).join('<pack>');
    expect(message).toMatch(/^<pack>\/\.venv\/bin\/python -m pip install --disable-pip-version-check -r requirements\.txt failed with exit code 1; check that every requirement in requirements\.txt exists and is reachable from the configured package index .*\. Output:\n/);
    expect(message).toContain('No matching distribution found for packreg-not-published==9.9');
    // Only the head and tail of pip's output are quoted.
    expect(message.split('\n').length).toBeLessThanOrEqual(1 + 5 + 1 + 20);
    expect(outcome.processes.map((p) => p.code)).toEqual([0, 0, 1]);
    expect(commandsOf(outcome.processes, pack.dir)[2]).toBe('<pack>/.venv/bin/python -m pip install --disable-pip-version-check -r requirements.txt');
    expect(existsSync(join(pack.dir, '.venv'))).toBe(false);
    expect(readdirSync(cache)).toEqual([]);
  });

  test('a Python interpreter that is not installed fails the step without creating anything', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml('runtime_deps: [python3]\n') });
    const outcome = await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv, python: 'packreg-no-such-python3' }, realDeps());

    expect(outcome.status).toBe('failed');
    expect(outcome.details).toEqual([
      {
        level: 'error',
        message: 'packreg-no-such-python3 --version could not start: packreg-no-such-python3 is not installed or not on PATH; the pack needs Python 3: install it or point packreg at the interpreter (packreg-no-such-python3 was used)',
      },
    ]);
    expect(outcome.processes).toEqual([{ step: 'environment', command: ['packreg-no-such-python3', '--version'], code: -1, durationMs: expect.any(Number) }]);
    expect(readdirSync(pack.dir)).toEqual(['pack.yaml']);
  });

  test('an aborted run stops the installer and says so', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml('runtime_deps: [python3]\n') });
    const controller = new AbortController();
    controller.abort();
    const outcome = await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv, signal: controller.signal }, realDeps());
    expect(outcome.status).toBe('failed');
    expect(outcome.details).toEqual([{ level: 'error', message: 'python3 --version was stopped because packreg was interrupted' }]);
    expect(existsSync(join(pack.dir, '.venv'))).toBe(false);
  });

  test.each([
    ['a relative packDir', { packDir: 'relative/pack' }, 'packDir relative/pack is a relative path; the environment step needs absolute paths (venvs embed them), so resolve it first'],
    ['a relative reuseFrom folder', { reuseFrom: ['previous/pack'] }, 'reuseFrom previous/pack is a relative path; the environment step needs absolute paths (venvs embed them), so resolve it first'],
    ['a relative venvCache', { venvCache: 'cache' }, 'venvCache cache is a relative path; the environment step needs absolute paths (venvs embed them), so resolve it first'],
  ])('%s is refused before anything runs', async (_name, override, message) => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml('runtime_deps: [python3]\n') });
    const logger = new MemoryLogger();
    const run = setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv, ...override }, realDeps(logger));
    await expect(run).rejects.toThrow(new InputError(message));
    expect(readdirSync(pack.dir)).toEqual(['pack.yaml']);
    expect(logger.lines).toEqual([]);
  });

  test('a pack folder that does not exist is refused', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml() });
    const missing = join(pack.dir, 'missing');
    await expect(setUpEnvironment({ packDir: missing, manifest: pack.manifest, callerEnv }, realDeps())).rejects.toThrow(`pack directory ${missing} does not exist; check the path`);
    expect(existsSync(missing)).toBe(false);
  });
});
