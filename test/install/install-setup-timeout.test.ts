/**
 * `packreg install` and `verify --setup-timeout SECONDS` through the CLI: the flag reaches the
 * environment step (an npm install hanging on a registry that never answers is stopped after
 * it), and a value that is not a positive whole number is refused before anything runs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { runPackreg } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import { startHangingServer, type HangingServer } from './hanging-server.js';
import { baseEnv, entries, packreg, writeInstallPack } from './install-fixtures.js';

const temp = tempDirs();
let registry: HangingServer;
beforeAll(async () => {
  registry = await startHangingServer();
});
afterAll(async () => {
  await registry.close();
  temp.cleanup();
});

/** A working folder with a pack whose package.json needs the hanging registry, and npm pointed at it. */
function workspace() {
  const root = temp.make('packreg-setup-timeout-');
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  const pack = writeInstallPack(join(root, 'src', 'hang'), {
    ref: 'hang',
    files: { 'package.json': JSON.stringify({ name: 'hang', version: '1.0.0', private: true, dependencies: { 'left-pad': '1.3.0' } }) },
  });
  const env = baseEnv(tmp, { npm_config_cache: join(root, 'npm-cache'), npm_config_userconfig: devNull, npm_config_registry: `${registry.url}/` });
  return { root, tmp, pack, env, packs: join(root, 'packs') };
}

describe('--setup-timeout', () => {
  it.each(['install', 'verify'])('stops a hanging npm install of packreg %s after the limit (exit 4), naming the flag', async (command) => {
    const ws = workspace();
    const started = Date.now();
    const run = await packreg([command, ws.pack, '--packs-dir', ws.packs, '--setup-timeout', '2', '--json'], ws.root, ws.env);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code).toBe(4);
    const report = JSON.parse(run.stdout);
    expect(report.error).toMatch(/^environment: npm install --no-audit --no-fund timed out after 2 s; check the dependencies in package\.json and that the registry is reachable \(raise the limit with --setup-timeout or the setup-timeout input\)/);
    expect(report.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(['fetch:passed', 'dependencies:passed', 'environment:failed', 'tests:skipped', 'registration:skipped', 'cleanup:passed']);
    expect(await registry.allClosedWithin(3000)).toBe(true);
    expect(entries(ws.packs)).toEqual([]);
    expect(entries(ws.tmp)).toEqual([]);
  });

  it.each([
    ['install', '0'],
    ['install', '-5'],
    ['install', '1.5'],
    ['install', '15m'],
    ['install', ''],
    ['verify', 'abc'],
    ['verify', '99999999'],
  ])('packreg %s refuses %j with exit 2 before anything runs', async (command, value) => {
    const ws = workspace();
    const accepted = registry.accepted();
    const run = await packreg([command, ws.pack, '--packs-dir', ws.packs, `--setup-timeout=${value}`, '--json'], ws.root, ws.env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`--setup-timeout: "${value}" is not a positive whole number of seconds (1 to 2147483); write for example 1800 for 30 minutes (default 900)`);
    expect(registry.accepted()).toBe(accepted);
    expect(entries(ws.root)).toEqual(['src', 'tmp']);
    expect(entries(ws.tmp)).toEqual([]);
  });

  it.each(['install', 'verify'])('is in the help of packreg %s with its default', async (command) => {
    const run = await runPackreg(['help', command]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--setup-timeout SECONDS +stop python3 -m venv, pip install and npm ci\/install after this many seconds each \(default 900 = 15 minutes\)/);
  });
});
