/**
 * Layered requirements (requirements.txt pulling in others with -r and -c): a venv is reused
 * from the cache while every one of those files is unchanged, and rebuilt when any changes.
 * Real python3 -m venv and pip, offline from a local wheel folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { setUpEnvironment, type EnvironmentOutcome, type EnvironmentSettings } from '../../src/core/install/environment.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { tempDirs } from '../helpers/temp.js';
import { WHEEL_NAME, buildWheel, commandsOf, offlinePipEnv, packYaml, realDeps, venvPython, writePack } from './environment-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

let callerEnv: Record<string, string>;
let cache: string;

beforeAll(() => {
  const wheels = temp.make('packreg-wheels-');
  buildWheel(wheels);
  callerEnv = offlinePipEnv(wheels, temp.make('packreg-home-'));
  cache = join(temp.make('packreg-cache-'), 'venvs');
});

/** A pack whose requirements.txt only includes others: the wheel comes from reqs/base.txt, pinned by constraints.txt. */
function layeredPack(): ReturnType<typeof writePack> {
  return writePack(temp, {
    'pack.yaml': packYaml(),
    'requirements.txt': '-r reqs/base.txt\n-c constraints.txt\n',
    'reqs/base.txt': `${WHEEL_NAME}\n`,
    'constraints.txt': `${WHEEL_NAME}==1.0.0\n`,
  });
}

async function setUp(settings: Omit<EnvironmentSettings, 'callerEnv'>, logger = new MemoryLogger()): Promise<EnvironmentOutcome> {
  return setUpEnvironment({ callerEnv, ...settings }, realDeps(logger));
}

describe('setUpEnvironment: layered requirements', () => {
  let built: EnvironmentOutcome;

  test('the venv is built from the included files, and its key covers them', async () => {
    const pack = await layeredPack();
    const logger = new MemoryLogger();
    built = await setUp({ packDir: pack.dir, manifest: pack.manifest, venvCache: cache }, logger);
    expect(built).toMatchObject({ status: 'passed', venvDir: join(pack.dir, '.venv') });
    expect(venvPython(join(pack.dir, '.venv'), `import ${WHEEL_NAME}; print(${WHEEL_NAME}.VALUE)`)).toBe('from the wheel');
    expect(logger.at('debug')).toContain('the venv key covers requirements.txt and what it includes: reqs/base.txt, constraints.txt');
  });

  test('an identical pack reuses the cached venv', async () => {
    const pack = await layeredPack();
    const outcome = await setUp({ packDir: pack.dir, manifest: pack.manifest, venvCache: cache });
    expect(outcome).toMatchObject({ status: 'passed', reused: 'cache', venvKey: built.venvKey });
    expect(commandsOf(outcome.processes, pack.dir)).toEqual(['python3 --version']);
  });

  test('a change in an included file (requirements.txt itself unchanged) builds a new venv', async () => {
    const pack = await layeredPack();
    writeFileSync(join(pack.dir, 'reqs', 'base.txt'), `# the wheel, now with a comment\n${WHEEL_NAME}\n`);
    const outcome = await setUp({ packDir: pack.dir, manifest: pack.manifest, venvCache: cache });
    expect(readFileSync(join(pack.dir, 'requirements.txt'), 'utf8')).toBe('-r reqs/base.txt\n-c constraints.txt\n');
    expect(outcome.status).toBe('passed');
    expect(outcome.reused).toBeUndefined();
    expect(outcome.venvKey).not.toBe(built.venvKey);
    expect(commandsOf(outcome.processes, pack.dir)).toEqual([
      'python3 --version',
      'python3 -m venv <pack>/.venv',
      '<pack>/.venv/bin/python -m pip install --disable-pip-version-check -r requirements.txt',
    ]);
  });
});
