/**
 * The environment step's time limit: an installer that hangs (pip or npm waiting on an index
 * that accepts the connection and never answers, a venv still being made) is killed with its
 * whole process group after setupTimeoutSeconds, and the step fails saying after how long and
 * how to raise the limit. Real python3, pip and npm against a local TCP server.
 */
import { existsSync, readdirSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { InstallVerify } from '../../src/contract/actions.js';
import { UsageError } from '../../src/core/errors.js';
import { setUpEnvironment, type EnvironmentSettings } from '../../src/core/install/environment.js';
import { DEFAULT_SETUP_TIMEOUT_SECONDS, parseSetupTimeout } from '../../src/core/install/settings.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeCommandRunner, type CommandRunner } from '../../src/core/process/command.js';
import { tempDirs } from '../helpers/temp.js';
import { packYaml, realDeps, writePack } from './environment-fixtures.js';
import { processesLeftUnder, startHangingServer, watchProcessesUnder, type HangingServer } from './hanging-server.js';

const temp = tempDirs();
let index: HangingServer;
beforeAll(async () => {
  index = await startHangingServer();
});
afterAll(async () => {
  await index.close();
  temp.cleanup();
});

/** What every timed-out command's message ends its advice with. */
const RAISE = `(raise the limit with --setup-timeout or the ${InstallVerify.inputs.setupTimeout} input)`;

/** npm with a private home and cache, its registry the hanging server, no user configuration. */
function npmEnv(): Record<string, string> {
  const home = temp.make('packreg-home-');
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, npm_config_cache: join(home, 'npm-cache'), npm_config_userconfig: devNull, npm_config_registry: `${index.url}/` };
}

/** pip with its index the hanging server; pip's own socket timeout far beyond the test's limit. */
function pipEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: temp.make('packreg-home-'), PIP_CONFIG_FILE: devNull, PIP_INDEX_URL: `${index.url}/simple/`, PIP_TIMEOUT: '600' };
}

/** setUpEnvironment on `pack`, timed, watching which processes work on the pack meanwhile. */
async function timedSetUp(pack: { dir: string }, settings: Omit<EnvironmentSettings, 'packDir'>) {
  const started = Date.now();
  const { result, seen } = await watchProcessesUnder(pack.dir, setUpEnvironment({ packDir: pack.dir, ...settings }, realDeps()));
  return { outcome: result, seen, elapsedMs: Date.now() - started };
}

/** The error details of an outcome with the pack folder shown as <pack>. */
function errorsOf(outcome: Awaited<ReturnType<typeof setUpEnvironment>>, packDir: string) {
  return outcome.details.filter((d) => d.level === 'error').map((d) => ({ ...d, message: d.message.split(packDir).join('<pack>') }));
}

describe('setUpEnvironment: a setup command that hangs', () => {
  test('npm install waiting on a registry that never answers is stopped after the limit, with nothing left running', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml('runtime_deps: [nodejs]\n'), 'package.json': JSON.stringify({ name: 'hang', version: '1.0.0', private: true, dependencies: { 'left-pad': '1.3.0' } }) });
    const { outcome, elapsedMs } = await timedSetUp(pack, { manifest: pack.manifest, callerEnv: npmEnv(), setupTimeoutSeconds: 2 });

    expect(index.accepted()).toBeGreaterThan(0); // npm did reach the index and waited on it
    expect(outcome.status).toBe('failed');
    const errors = errorsOf(outcome, pack.dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('package.json');
    expect(errors[0]!.message.startsWith(`npm install --no-audit --no-fund timed out after 2 s; check the dependencies in package.json and that the registry is reachable ${RAISE}`)).toBe(true);
    expect(outcome.processes).toEqual([{ step: 'environment', command: ['npm', 'install', '--no-audit', '--no-fund'], code: -1, durationMs: expect.any(Number) }]);
    expect(outcome.processes[0]!.durationMs).toBeGreaterThanOrEqual(2000);
    // SIGTERM at 2 s, SIGKILL at the latest 2 s later: never npm's own minutes-long fetch timeout
    expect(elapsedMs).toBeLessThan(10_000);
    expect(await index.allClosedWithin(3000)).toBe(true);
    expect(await processesLeftUnder(pack.dir, 3000)).toEqual([]);
  });

  test('python3 -m venv still running at the limit is stopped with its ensurepip child, and leaves no venv', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml(), 'requirements.txt': 'packreg_demo==1.0.0\n' });
    const { outcome, seen, elapsedMs } = await timedSetUp(pack, { manifest: pack.manifest, callerEnv: pipEnv(), setupTimeoutSeconds: 1 });

    // python3 -m venv runs pip's bootstrap as a child process of its own: it was there to be left behind
    expect(seen.some((line) => line.includes('ensurepip'))).toBe(true);
    expect(outcome.status).toBe('failed');
    const errors = errorsOf(outcome, pack.dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message.startsWith(`python3 -m venv <pack>/.venv timed out after 1 s; check that the venv module is installed for this Python (Debian and Ubuntu: apt-get install python3-venv) ${RAISE}`)).toBe(true);
    expect(outcome.processes.map((p) => [p.command.join(' ').split(pack.dir).join('<pack>'), p.code])).toEqual([
      ['python3 --version', 0],
      ['python3 -m venv <pack>/.venv', -1],
    ]);
    expect(elapsedMs).toBeLessThan(10_000);
    expect(await processesLeftUnder(pack.dir, 3000)).toEqual([]);
    expect(existsSync(join(pack.dir, '.venv'))).toBe(false);
    expect(outcome.venvDir).toBeUndefined();
  });

  // The limit is per command and making a venv with pip takes seconds, so pip gets a longer one here.
  test('pip install waiting on an index that never answers is stopped after the limit, and leaves no venv', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml(), 'requirements.txt': 'packreg_demo==1.0.0\n' });
    const accepted = index.accepted();
    const { outcome, elapsedMs } = await timedSetUp(pack, { manifest: pack.manifest, callerEnv: pipEnv(), setupTimeoutSeconds: 20 });

    expect(index.accepted()).toBeGreaterThan(accepted);
    expect(outcome.status).toBe('failed');
    const errors = errorsOf(outcome, pack.dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('requirements.txt');
    expect(errors[0]!.message.startsWith(`<pack>/.venv/bin/python -m pip install --disable-pip-version-check -r requirements.txt timed out after 20 s; check that every requirement in requirements.txt exists and is reachable from the configured package index (PIP_INDEX_URL, PIP_FIND_LINKS, pip.conf) ${RAISE}`)).toBe(true);
    expect(outcome.processes.map((p) => p.code)).toEqual([0, 0, -1]);
    expect(outcome.processes[2]!.durationMs).toBeGreaterThanOrEqual(20_000);
    expect(elapsedMs).toBeLessThan(50_000);
    expect(await index.allClosedWithin(3000)).toBe(true);
    expect(await processesLeftUnder(pack.dir, 3000)).toEqual([]);
    expect(existsSync(join(pack.dir, '.venv'))).toBe(false);
  }, 90_000);
});

/** The real runner, remembering the time limit each command got. */
function recordingRunner(): { runner: CommandRunner; limits: [string, number | undefined][] } {
  const limits: [string, number | undefined][] = [];
  return {
    limits,
    runner: {
      run(command, args, options) {
        limits.push([[command, ...args].join(' '), options.timeoutMs]);
        return nodeCommandRunner.run(command, args, options);
      },
    },
  };
}

describe('setUpEnvironment: the limit', () => {
  test(`is ${DEFAULT_SETUP_TIMEOUT_SECONDS} s (15 minutes) for every command when not set`, async () => {
    expect(DEFAULT_SETUP_TIMEOUT_SECONDS).toBe(900);
    const pack = await writePack(temp, { 'pack.yaml': packYaml('runtime_deps: [python3]\n') });
    const { runner, limits } = recordingRunner();
    const outcome = await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv: pipEnv() }, { runner, logger: new MemoryLogger() });
    expect(outcome.status).toBe('passed');
    expect(limits.map(([command, ms]) => [command.split(pack.dir).join('<pack>'), ms])).toEqual([
      ['python3 --version', 900_000],
      ['python3 -m venv --without-pip <pack>/.venv', 900_000],
    ]);
  });

  test('is setupTimeoutSeconds when set', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml('runtime_deps: [python3]\n') });
    const { runner, limits } = recordingRunner();
    await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv: pipEnv(), setupTimeoutSeconds: 37 }, { runner, logger: new MemoryLogger() });
    expect(limits.map(([, ms]) => ms)).toEqual([37_000, 37_000]);
  });

  test.each([0, -1, 1.5, Number.NaN, 3_000_000])('setupTimeoutSeconds %p is refused before anything runs', async (seconds) => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml('runtime_deps: [python3]\n') });
    const logger = new MemoryLogger();
    const { runner, limits } = recordingRunner();
    const run = setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv: pipEnv(), setupTimeoutSeconds: seconds }, { runner, logger });
    await expect(run).rejects.toThrow(new UsageError(`setupTimeoutSeconds ${seconds} is not a whole number of seconds from 1 to 2147483; pass one (or leave it out for the default)`));
    expect(limits).toEqual([]);
    expect(readdirSync(pack.dir)).toEqual(['pack.yaml']);
    expect(logger.lines).toEqual([]);
  });
});

describe('parseSetupTimeout', () => {
  test.each([
    ['1', 1],
    ['900', 900],
    ['0030', 30],
    ['2147483', 2147483],
  ])('reads %j as %p seconds', (text, seconds) => {
    expect(parseSetupTimeout(text, '--setup-timeout')).toBe(seconds);
  });

  test('leaves an absent value to the default', () => {
    expect(parseSetupTimeout(undefined, '--setup-timeout')).toBeUndefined();
  });

  test.each(['0', '-5', '+5', '1.5', '1e3', '15m', 'abc', '', ' 5', '0x10', '2147484'])('refuses %j naming the flag and the value', (text) => {
    expect(() => parseSetupTimeout(text, 'input setup-timeout')).toThrow(
      new UsageError(`input setup-timeout: "${text}" is not a positive whole number of seconds (1 to 2147483); write for example 1800 for 30 minutes (default 900)`),
    );
  });
});
