/** The environment step's node_modules: real npm, offline, with a local package packed by npm pack. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { setUpEnvironment } from '../../src/core/install/environment.js';
import type { PackManifest } from '../../src/core/pack/index.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import { commandsOf, packYaml, realDeps, writePack } from './environment-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

let root: string;
/** npm offline, with a private home and cache: only the local tarball can be installed. */
let callerEnv: Record<string, string>;

beforeAll(() => {
  root = temp.make('packreg-npm-');
  callerEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(root, 'home'),
    npm_config_cache: join(root, 'npm-cache'),
    npm_config_offline: 'true',
    NPM_TOKEN: 'npm_secret_never_passed',
  };
  const lib = writeTree(join(root, 'tinylib'), {
    'package.json': JSON.stringify({ name: 'tinylib', version: '1.0.0', main: 'index.js' }),
    'index.js': "exports.hello = 'hi from tinylib';\n",
  });
  execFileSync('npm', ['pack', '--pack-destination', root], { cwd: lib, env: callerEnv, stdio: 'ignore' });
});

const PACKAGE_JSON = JSON.stringify({ name: 'envtest-pack', version: '1.0.0', private: true, dependencies: { tinylib: `file:../tinylib-1.0.0.tgz` } });

/** A pack under `root` (next to the tarball, so file:../ finds it). */
async function nodePack(name: string, files: Record<string, string>): Promise<{ dir: string; manifest: PackManifest }> {
  return writePack(join(root, name), { 'pack.yaml': packYaml('runtime_deps: [nodejs]\n'), ...files });
}

async function setUp(pack: { dir: string; manifest: PackManifest }): ReturnType<typeof setUpEnvironment> {
  return setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv }, realDeps());
}

function requireFrom(dir: string): string {
  return execFileSync(process.execPath, ['-e', "console.log(require('tinylib').hello)"], { cwd: dir, encoding: 'utf8' }).trim();
}

describe('setUpEnvironment: node_modules', () => {
  let lock: string;

  test('without a lock file, npm install installs package.json\'s dependencies (and writes the lock file)', async () => {
    const pack = await nodePack('installed', { 'package.json': PACKAGE_JSON });
    const outcome = await setUp(pack);
    expect(outcome).toMatchObject({ status: 'passed', processes: [{ step: 'environment', command: ['npm', 'install', '--no-audit', '--no-fund'], code: 0 }] });
    expect(outcome.details).toEqual([
      { level: 'info', message: 'npm install installed the dependencies of package.json (no lock file: commit package-lock.json for reproducible installs) into node_modules' },
    ]);
    expect(outcome.venvDir).toBeUndefined();
    expect(requireFrom(pack.dir)).toBe('hi from tinylib');
    lock = join(pack.dir, 'package-lock.json');
    expect(JSON.parse(readFileSync(lock, 'utf8')).packages['node_modules/tinylib'].resolved).toBe('file:../tinylib-1.0.0.tgz');
  });

  test.each(['package-lock.json', 'npm-shrinkwrap.json'])('with %s, npm ci installs the pinned versions', async (lockName) => {
    const pack = await nodePack(`ci-${lockName}`, { 'package.json': PACKAGE_JSON });
    copyFileSync(lock, join(pack.dir, lockName));
    const outcome = await setUp(pack);
    expect(outcome.status).toBe('passed');
    expect(commandsOf(outcome.processes, pack.dir)).toEqual(['npm ci --no-audit --no-fund']);
    expect(outcome.details).toEqual([{ level: 'info', message: `npm ci installed the versions pinned by ${lockName} into node_modules` }]);
    expect(requireFrom(pack.dir)).toBe('hi from tinylib');
  });

  test('a lock file out of step with package.json fails npm ci; the detail keeps npm\'s reason from the head of its long output', async () => {
    const pack = await nodePack('out-of-sync', {
      'package.json': JSON.stringify({ ...JSON.parse(PACKAGE_JSON), dependencies: { tinylib: 'file:../tinylib-1.0.0.tgz', other: 'file:../tinylib-1.0.0.tgz' } }),
    });
    copyFileSync(lock, join(pack.dir, 'package-lock.json'));
    const outcome = await setUp(pack);
    expect(outcome.status).toBe('failed');
    expect(outcome.processes.map((p) => [p.command.join(' '), p.code])).toEqual([['npm ci --no-audit --no-fund', 1]]);
    const [detail] = outcome.details;
    expect(detail).toMatchObject({ level: 'error', file: 'package-lock.json' });
    expect(detail!.message).toMatch(/^npm ci --no-audit --no-fund failed with exit code 1; check that package-lock\.json matches package\.json \(run npm install and commit the lock file\) and that the registry is reachable\. Output:\n/);
    expect(detail!.message).toContain('Missing: other@1.0.0 from lock file');
    expect(detail!.message).toMatch(/\n… \d+ line\(s\) left out …\n/);
    expect(detail!.message.split('\n')).toHaveLength(1 + 5 + 1 + 20);
    expect(existsSync(join(pack.dir, 'node_modules', 'tinylib'))).toBe(false);
  });

  test('a dependency that cannot be fetched fails npm install with npm\'s error', async () => {
    const pack = await nodePack('missing-dep', { 'package.json': JSON.stringify({ name: 'p', version: '1.0.0', dependencies: { gone: 'file:../gone-1.0.0.tgz' } }) });
    const outcome = await setUp(pack);
    expect(outcome.status).toBe('failed');
    expect(outcome.details).toEqual([{ level: 'error', file: 'package.json', message: expect.stringMatching(/^npm install --no-audit --no-fund failed with exit code \d+; check the dependencies in package\.json and that the registry is reachable\. Output:\n[^]*ENOENT[^]*gone-1\.0\.0\.tgz/) }]);
  });
});
