import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPackTests, type PackTestOutcome, type PackTestSettings } from '../../src/core/install/pack-tests.js';
import { statusOf } from '../../src/core/install/report.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { loadManifest, type PackTestRunner, type PackTesting } from '../../src/core/pack/index.js';
import { cleanEnvironment } from '../../src/core/process/clean-environment.js';
import { nodeCommandRunner } from '../../src/core/process/command.js';
import { goneWithin } from '../helpers/processes.js';
import { tempDirs, writeTree, type TreeSpec } from '../helpers/temp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** The environment the install command builds for tests: the caller's, cleaned. */
const ENV = cleanEnvironment(process.env, 'tests');

/** A script runner printing the simple lines and exiting with `code`. */
function simpleScript(total: number, passed: number, failed: number, code: number, skipped = 0): string {
  return `#!/bin/sh\necho "Total Tests: ${total}"\necho "Passed: ${passed}"\necho "Failed: ${failed}"\necho "Skipped: ${skipped}"\nexit ${code}\n`;
}

function script(entryPoint: string, extra: Partial<PackTestRunner> = {}): PackTestRunner {
  return { type: 'script', entryPoint, timeout: 30, ...extra };
}

/** Run the tests of a pack written from `files`, with a MemoryLogger. */
async function run(
  files: TreeSpec,
  testing: PackTesting | undefined,
  extra: Partial<PackTestSettings> = {},
): Promise<PackTestOutcome & { logger: MemoryLogger; packDir: string }> {
  const packDir = writeTree(temp.make('packreg-tests-'), files);
  const logger = new MemoryLogger();
  const outcome = await runPackTests({ packDir, testing, env: ENV, ...extra }, { runner: nodeCommandRunner, logger });
  return { ...outcome, logger, packDir };
}


/** The step's status always agrees with its details once the step ran. */
function expectConsistent(outcome: PackTestOutcome): void {
  expect(statusOf(outcome.details)).toBe(outcome.status);
}

describe('runPackTests on the hello example pack', () => {
  it('runs its unittest and script runners from the pack root and passes', async () => {
    const packDir = temp.make('packreg-hello-');
    cpSync(join(ROOT, 'examples/packs/hello'), packDir, { recursive: true });
    const { manifest } = await loadManifest(packDir);
    const logger = new MemoryLogger();
    const outcome = await runPackTests({ packDir, testing: manifest!.testing, env: ENV }, { runner: nodeCommandRunner, logger });

    expect(outcome.status).toBe('passed');
    expect(outcome.details).toEqual([]);
    expect(outcome.processes.map(({ step, command, code }) => ({ step, command, code }))).toEqual([
      { step: 'tests', command: ['python3', '-m', 'unittest', 'tests/test_greet.py'], code: 0 },
      { step: 'tests', command: ['/bin/sh', 'tests/run_tests.sh'], code: 0 },
    ]);
    const [python, shell] = outcome.tests!.runners;
    // unittest prints no simple lines: its exit code counts one suite; the script prints its counts
    expect(python).toMatchObject({ name: 'python', type: 'unittest', countedBy: 'exit-code', total: 1, passed: 1, failed: 0, exitCode: 0, timedOut: false });
    expect(python!.outputTail).toMatch(/Ran 2 tests/);
    expect(shell).toMatchObject({ name: 'shell', type: 'script', entryPoint: 'tests/run_tests.sh', countedBy: 'simple', total: 1, passed: 1, failed: 0 });
    expect(outcome.tests).toMatchObject({ total: 2, passed: 2, failed: 0, skipped: 0, passRate: 1, minPassRate: 1, onFailure: 'block' });
    expect(logger.at('info').filter((m) => m.startsWith('tests: runner python'))).toHaveLength(2);
    expect(logger.at('error')).toEqual([]);
  });
});

describe('counting', () => {
  it('uses the simple lines of a failing script and blocks by default', async () => {
    const outcome = await run({ 'tests/t.sh': simpleScript(6, 3, 2, 1, 1) }, { runners: { shell: script('tests/t.sh', { resultFormat: 'simple' }) } });
    expect(outcome.status).toBe('failed');
    expect(outcome.tests).toMatchObject({ total: 6, passed: 3, failed: 2, skipped: 1, passRate: 0.6 });
    expect(outcome.tests!.runners[0]).toMatchObject({ countedBy: 'simple', exitCode: 1, outputTail: 'Total Tests: 6\nPassed: 3\nFailed: 2\nSkipped: 1' });
    expect(outcome.details).toEqual([
      {
        level: 'error',
        file: 'pack.yaml',
        message:
          '2 of 5 tests failed (3 passed, 1 skipped): pass rate 60% is below pack.yaml testing.min_pass_rate 100%; on_failure: block stops the install. Fix the failing tests (their output is in the log)',
      },
    ]);
    // the failing output goes to the log as info: the report carries the error
    expect(outcome.logger.at('info').some((m) => m.includes('output (last lines):\nTotal Tests: 6'))).toBe(true);
    expect([...outcome.logger.at('error'), ...outcome.logger.at('warning')]).toEqual([]);
    expectConsistent(outcome);
  });

  it('falls back to the exit code: 0 is one passed suite, non-zero one failed suite', async () => {
    const files = { 'tests/ok.sh': '#!/bin/sh\necho fine\n', 'tests/bad.sh': '#!/bin/sh\necho broken\nexit 4\n' };
    const ok = await run(files, { runners: { ok: script('tests/ok.sh', { resultFormat: 'simple' }) } });
    expect(ok.status).toBe('passed');
    expect(ok.tests!.runners[0]).toMatchObject({ countedBy: 'exit-code', total: 1, passed: 1, failed: 0, exitCode: 0 });
    const bad = await run(files, { runners: { bad: script('tests/bad.sh', { resultFormat: 'simple' }) } });
    expect(bad.status).toBe('failed');
    expect(bad.tests!.runners[0]).toMatchObject({ countedBy: 'exit-code', total: 1, passed: 0, failed: 1, exitCode: 4, outputTail: 'broken' });
  });

  it('ignores simple lines unless result_format is simple', async () => {
    const outcome = await run({ 'tests/t.sh': simpleScript(9, 0, 9, 0) }, { runners: { shell: script('tests/t.sh') } });
    expect(outcome.status).toBe('passed');
    expect(outcome.tests).toMatchObject({ total: 1, passed: 1, failed: 0 });
  });

  it('trusts simple lines reporting no failure over a non-zero exit, with a warning', async () => {
    const outcome = await run({ 'tests/t.sh': simpleScript(2, 2, 0, 3) }, { runners: { shell: script('tests/t.sh', { resultFormat: 'simple' }) } });
    expect(outcome.status).toBe('warned');
    expect(outcome.tests).toMatchObject({ passed: 2, failed: 0, passRate: 1 });
    expect(outcome.details).toEqual([
      { level: 'warning', message: 'runner shell exited with code 3 but its output reports 0 failed tests; the counts are trusted, as Attune does' },
    ]);
    expectConsistent(outcome);
  });

  it('runs .sh entry points with /bin/sh and others with /bin/bash, in file order', async () => {
    const files = {
      'tests/a.sh': 'echo "a [$BASH_VERSION]" >> order.txt\n',
      'tests/b.bash': 'echo "b [${BASH_VERSION:+bash}]" >> order.txt\n[[ -n "$BASH_VERSION" ]]\n',
    };
    const outcome = await run(files, { runners: { second: script('tests/b.bash'), first: script('tests/a.sh') } });
    expect(outcome.status).toBe('passed');
    expect(outcome.processes.map((p) => p.command)).toEqual([
      ['/bin/bash', 'tests/b.bash'],
      ['/bin/sh', 'tests/a.sh'],
    ]);
    // /bin/sh is not bash here (dash): the .sh file saw no BASH_VERSION
    expect(readFileSync(join(outcome.packDir, 'order.txt'), 'utf8')).toBe('b [bash]\na []\n');
  });
});

describe('cwd', () => {
  it('runs every runner from the pack root', async () => {
    const outcome = await run({ 'tests/where.sh': '#!/bin/sh\npwd > where.txt\n' }, { runners: { s: script('tests/where.sh') } });
    expect(readFileSync(join(outcome.packDir, 'where.txt'), 'utf8').trim()).toBe(outcome.packDir);
  });
});

describe('pass rate', () => {
  /** One passing and one failing suite, or 1 of 3 passing, from a written pack.yaml. */
  async function fromManifest(testingYaml: string, files: TreeSpec): Promise<PackTestOutcome & { logger: MemoryLogger }> {
    const packDir = writeTree(temp.make('packreg-rate-'), {
      ...files,
      'pack.yaml': `ref: rate\nversion: 1.0.0\nlabel: Rate\ndescription: Pass rates\ntesting:\n${testingYaml}`,
    });
    const { manifest, errors } = await loadManifest(packDir);
    expect(errors).toEqual([]);
    const logger = new MemoryLogger();
    return { ...(await runPackTests({ packDir, testing: manifest!.testing, env: ENV }, { runner: nodeCommandRunner, logger })), logger };
  }

  const TWO = { 'tests/pass.sh': 'exit 0\n', 'tests/fail.sh': 'exit 1\n' };
  const RUNNERS = '  runners:\n    pass: {type: script, entry_point: tests/pass.sh, timeout: 10}\n    fail: {type: script, entry_point: tests/fail.sh, timeout: 10}\n';

  it('passes 1 of 2 under min_pass_rate 0.5', async () => {
    const outcome = await fromManifest(`  enabled: true\n${RUNNERS}  min_pass_rate: 0.5\n`, TWO);
    expect(outcome.status).toBe('passed');
    expect(outcome.tests).toMatchObject({ passed: 1, failed: 1, passRate: 0.5, minPassRate: 0.5, onFailure: 'block' });
    expect(outcome.details).toEqual([]);
  });

  it('fails 1 of 2 under the default min_pass_rate 1.0', async () => {
    const outcome = await fromManifest(RUNNERS, TWO);
    expect(outcome.status).toBe('failed');
    expect(outcome.tests).toMatchObject({ minPassRate: 1, onFailure: 'block' });
  });

  const THREE = { 'tests/t.sh': simpleScript(3, 1, 2, 1) };
  const SIMPLE = '  runners:\n    all: {type: script, entry_point: tests/t.sh, timeout: 10, result_format: simple}\n  min_pass_rate: 0.5\n';

  it('blocks below the rate with on_failure: block', async () => {
    const outcome = await fromManifest(`${SIMPLE}  on_failure: block\n`, THREE);
    expect(outcome.status).toBe('failed');
    expect(outcome.details).toEqual([expect.objectContaining({ level: 'error', file: 'pack.yaml' })]);
    expect(outcome.details[0]!.message).toMatch(/^2 of 3 tests failed \(1 passed, 0 skipped\): pass rate 33\.3% is below pack\.yaml testing\.min_pass_rate 50%; on_failure: block stops/);
    expectConsistent(outcome);
  });

  it('only warns below the rate with on_failure: warn', async () => {
    const outcome = await fromManifest(`${SIMPLE}  on_failure: warn\n`, THREE);
    expect(outcome.status).toBe('warned');
    expect(outcome.tests).toMatchObject({ passed: 1, failed: 2, onFailure: 'warn' });
    expect(outcome.details).toEqual([expect.objectContaining({ level: 'warning', file: 'pack.yaml' })]);
    expect(outcome.details[0]!.message).toMatch(/pass rate 33\.3% is below pack\.yaml testing\.min_pass_rate 50%; on_failure: warn lets the install go on/);
    expectConsistent(outcome);
  });
});

describe('timeouts', () => {
  it('kills a hung runner with its whole process group and counts a failure', async () => {
    const hang = '#!/bin/sh\necho "Total Tests: 2"\necho "Passed: 2"\necho "Failed: 0"\nsleep 30 &\necho $! > grandchild.pid\nwait\n';
    const started = Date.now();
    const outcome = await run({ 'tests/hang.sh': hang }, { runners: { hang: script('tests/hang.sh', { timeout: 1, resultFormat: 'simple' }) } });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(outcome.status).toBe('failed');
    // the lines said 2 passed and 0 failed; the timeout adds the failure they missed
    expect(outcome.tests!.runners[0]).toMatchObject({ timedOut: true, countedBy: 'simple', total: 3, passed: 2, failed: 1, exitCode: -1 });
    expect(outcome.details[0]).toEqual({ level: 'error', message: 'runner hang timed out after 1s; its process group was killed' });
    expect(outcome.processes).toEqual([expect.objectContaining({ step: 'tests', command: ['/bin/sh', 'tests/hang.sh'], code: -1 })]);
    const grandchild = Number(readFileSync(join(outcome.packDir, 'grandchild.pid'), 'utf8'));
    expect(grandchild).toBeGreaterThan(0);
    expect(await goneWithin(grandchild, 3000)).toBe(true);
  });
});

describe('environment', () => {
  it('keeps secrets from the tests: only the cleaned environment reaches them', async () => {
    const caller = { ...process.env, GITHUB_TOKEN: 'ghp_secret', AWS_SECRET_ACCESS_KEY: 'x', REGISTRY_TOKEN: 'y' };
    const tmp = temp.make('packreg-tmp-');
    const env = cleanEnvironment(caller, 'tests', { TMPDIR: tmp });
    const outcome = await run({ 'tests/env.sh': '#!/bin/sh\nenv > env.txt\n' }, { runners: { env: script('tests/env.sh') } }, { env });
    expect(outcome.status).toBe('passed');
    const seen = Object.fromEntries(
      readFileSync(join(outcome.packDir, 'env.txt'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    for (const secret of ['GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'REGISTRY_TOKEN']) expect(seen).not.toHaveProperty(secret);
    expect(seen.PATH).toBe(process.env.PATH);
    expect(seen.HOME).toBe(process.env.HOME);
    expect(seen.TMPDIR).toBe(tmp);
    expect(seen).not.toHaveProperty('VIRTUAL_ENV');
  });

  it('puts the venv first on PATH and sets VIRTUAL_ENV for every runner, so its pytest wins', async () => {
    // a venv directory whose bin/ holds its own pytest: found before any pytest on PATH
    const venvDir = writeTree(temp.make('packreg-venv-'), {
      'bin/pytest': { content: '#!/bin/sh\necho "venv pytest $*"\necho "Total Tests: 4"\necho "Passed: 4"\necho "Failed: 0"\n', executable: true },
    });
    const files = { 'tests/test_x.py': '', 'tests/env.sh': '#!/bin/sh\necho "$PATH" > path.txt\necho "$VIRTUAL_ENV" > venv.txt\n' };
    const testing: PackTesting = { runners: { py: { type: 'pytest', entryPoint: 'tests', timeout: 30, resultFormat: 'simple' }, env: script('tests/env.sh') } };
    const outcome = await run(files, testing, { venvDir });
    expect(outcome.status).toBe('passed');
    expect(outcome.processes[0]!.command).toEqual(['pytest', 'tests', '-v']);
    expect(outcome.tests!.runners[0]).toMatchObject({ countedBy: 'simple', passed: 4, outputTail: expect.stringMatching(/^venv pytest tests -v\n/) });
    expect(readFileSync(join(outcome.packDir, 'path.txt'), 'utf8').trim()).toBe(`${venvDir}/bin:${ENV.PATH}`);
    expect(readFileSync(join(outcome.packDir, 'venv.txt'), 'utf8').trim()).toBe(venvDir);
  });
});

describe('python runners', () => {
  const PYTEST_PACK = {
    'tests/test_math.py': 'def test_add():\n    assert 1 + 1 == 2\n\ndef test_sub():\n    assert 2 - 1 == 1\n',
  };

  it('runs the real pytest from PATH with -v', async () => {
    const outcome = await run(PYTEST_PACK, { runners: { py: { type: 'pytest', entryPoint: 'tests/test_math.py', timeout: 60 } } });
    expect(outcome.status).toBe('passed');
    expect(outcome.tests!.runners[0]).toMatchObject({ countedBy: 'exit-code', passed: 1, exitCode: 0 });
    expect(outcome.tests!.runners[0]!.outputTail).toMatch(/test_math\.py::test_add PASSED/);
    const failing = await run({ 'tests/test_math.py': 'def test_no():\n    assert False\n' }, { runners: { py: { type: 'pytest', entryPoint: 'tests/test_math.py', timeout: 60 } } });
    expect(failing.status).toBe('failed');
    expect(failing.tests!.runners[0]).toMatchObject({ failed: 1, exitCode: 1 });
  });

  it('reports a missing pytest as a failed suite with a fix', async () => {
    const env = { ...ENV, PATH: '/usr/bin:/bin' };
    const outcome = await run(PYTEST_PACK, { runners: { py: { type: 'pytest', entryPoint: 'tests', timeout: 60 } } }, { env });
    expect(outcome.status).toBe('failed');
    expect(outcome.tests).toMatchObject({ total: 1, failed: 1 });
    expect(outcome.details[0]).toEqual({
      level: 'error',
      message:
        "runner py could not start: pytest is not installed or not on PATH; add pytest to the pack's requirements.txt so the environment step installs it, or install pytest where packreg runs",
    });
    expect(outcome.processes[0]).toMatchObject({ command: ['pytest', 'tests', '-v'], code: -1 });
  });

  it('turns runner errors into warnings when the pass rate still holds', async () => {
    const env = { ...ENV, PATH: '/usr/bin:/bin' };
    const testing: PackTesting = {
      runners: { ok: script('tests/ok.sh'), py: { type: 'pytest', entryPoint: 'tests', timeout: 60 } },
      minPassRate: 0.5,
    };
    const outcome = await run({ 'tests/ok.sh': 'exit 0\n' }, testing, { env });
    expect(outcome.status).toBe('warned');
    expect(outcome.details).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^runner py could not start/) })]);
    expectConsistent(outcome);
  });

  describe('with a real venv', () => {
    let venvDir: string;
    beforeAll(() => {
      venvDir = join(temp.make('packreg-realvenv-'), 'venv');
      execFileSync('python3', ['-m', 'venv', '--without-pip', venvDir]);
      const purelib = execFileSync(join(venvDir, 'bin', 'python3'), ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
      writeFileSync(join(purelib, 'only_in_venv.py'), 'WHERE = "venv"\n');
    });

    const UNITTEST_PACK = {
      'tests/test_venv.py': 'import unittest\nimport only_in_venv\n\nclass T(unittest.TestCase):\n    def test_where(self):\n        self.assertEqual(only_in_venv.WHERE, "venv")\n',
    };
    const TESTING: PackTesting = { runners: { python: { type: 'unittest', entryPoint: 'tests/test_venv.py', timeout: 60 } } };

    it("runs unittest with the venv's python, which sees the venv's modules", async () => {
      const outcome = await run(UNITTEST_PACK, TESTING, { venvDir });
      expect(outcome.status).toBe('passed');
      expect(outcome.processes[0]!.command).toEqual([join(venvDir, 'bin', 'python3'), '-m', 'unittest', 'tests/test_venv.py']);
      expect(outcome.tests!.runners[0]!.outputTail).toMatch(/Ran 1 test/);
    });

    it('fails the same tests with the python3 on PATH', async () => {
      const outcome = await run(UNITTEST_PACK, TESTING);
      expect(outcome.status).toBe('failed');
      expect(outcome.processes[0]!.command[0]).toBe('python3');
      expect(outcome.tests!.runners[0]!.outputTail).toMatch(/No module named 'only_in_venv'/);
    });
  });
});

describe('entry points', () => {
  it('refuses entry points outside the pack or missing, runs the others', async () => {
    const parent = temp.make('packreg-escape-');
    writeFileSync(join(parent, 'outside.sh'), 'touch ran-outside\n');
    const packDir = writeTree(join(parent, 'pack'), { 'tests/ok.sh': 'exit 0\n' });
    const testing: PackTesting = {
      runners: {
        up: script('../outside.sh'),
        deep: script('tests/../../outside.sh'),
        absolute: script(join(parent, 'outside.sh')),
        missing: script('tests/nope.sh'),
        ok: script('tests/../tests/ok.sh'),
      },
    };
    const logger = new MemoryLogger();
    const outcome = await runPackTests({ packDir, testing, env: ENV }, { runner: nodeCommandRunner, logger });
    expect(outcome.status).toBe('failed');
    expect(outcome.processes.map((p) => p.command)).toEqual([['/bin/sh', 'tests/../tests/ok.sh']]);
    expect(existsSync(join(packDir, 'ran-outside'))).toBe(false);
    expect(existsSync(join(parent, 'ran-outside'))).toBe(false);
    expect(outcome.tests).toMatchObject({ total: 5, passed: 1, failed: 4 });
    expect(outcome.tests!.runners.map((r) => [r.name, r.failed, r.exitCode])).toEqual([
      ['up', 1, -1],
      ['deep', 1, -1],
      ['absolute', 1, -1],
      ['missing', 1, -1],
      ['ok', 0, 0],
    ]);
    const errors = outcome.details.filter((d) => d.level === 'error');
    expect(errors.slice(0, 4)).toEqual([
      { level: 'error', file: 'pack.yaml', message: 'pack.yaml testing.runners.up.entry_point "../outside.sh" is outside the pack: write it relative to the pack root, like tests/run_tests.sh' },
      { level: 'error', file: 'pack.yaml', message: 'pack.yaml testing.runners.deep.entry_point "tests/../../outside.sh" is outside the pack: write it relative to the pack root, like tests/run_tests.sh' },
      { level: 'error', file: 'pack.yaml', message: `pack.yaml testing.runners.absolute.entry_point "${join(parent, 'outside.sh')}" is outside the pack: write it relative to the pack root, like tests/run_tests.sh` },
      { level: 'error', file: 'pack.yaml', message: 'pack.yaml testing.runners.missing.entry_point "tests/nope.sh" does not exist in the pack: add the file or correct the path' },
    ]);
  });

  it('refuses an absolute entry point even inside the pack', async () => {
    const packDir = writeTree(temp.make('packreg-abs-'), { 'tests/ok.sh': 'exit 0\n' });
    const entryPoint = join(packDir, 'tests/ok.sh');
    const outcome = await runPackTests({ packDir, testing: { runners: { abs: script(entryPoint) } }, env: ENV }, { runner: nodeCommandRunner, logger: new MemoryLogger() });
    expect(outcome.status).toBe('failed');
    expect(outcome.processes).toEqual([]);
    expect(outcome.details[0]!.message).toBe(`pack.yaml testing.runners.abs.entry_point "${entryPoint}" is outside the pack: write it relative to the pack root, like tests/run_tests.sh`);
  });

  it('accepts a name inside the pack that only starts with dots', async () => {
    const outcome = await run({ '..tests.sh': 'exit 0\n' }, { runners: { dots: script('..tests.sh') } });
    expect(outcome.status).toBe('passed');
    expect(outcome.processes).toHaveLength(1);
  });
});

describe('skipping', () => {
  const MARK = { 'tests/mark.sh': 'touch ran\n' };

  it('skips without a testing section, with enabled: false, or without runners', async () => {
    const none = await run(MARK, undefined);
    expect(none).toMatchObject({ status: 'skipped', processes: [] });
    expect(none.tests).toBeUndefined();
    expect(none.details).toEqual([{ level: 'info', file: 'pack.yaml', message: 'tests skipped: pack.yaml has no testing section' }]);

    const disabled = await run(MARK, { enabled: false, runners: { mark: script('tests/mark.sh') } });
    expect(disabled).toMatchObject({ status: 'skipped', processes: [] });
    expect(disabled.tests).toBeUndefined();
    expect(disabled.details).toEqual([{ level: 'info', file: 'pack.yaml', message: 'tests skipped: pack.yaml testing.enabled is false' }]);
    expect(existsSync(join(disabled.packDir, 'ran'))).toBe(false);

    const empty = await run(MARK, { enabled: true, runners: {} });
    expect(empty.status).toBe('skipped');
    expect(empty.details[0]!.message).toBe('tests skipped: pack.yaml testing.runners declares no runner');
  });
});

describe('interruption', () => {
  it('stops the running runner on abort and runs no further one', async () => {
    const files = {
      'tests/quick.sh': 'exit 0\n',
      'tests/slow.sh': 'touch started\nsleep 30\n',
      'tests/later.sh': 'touch later-ran\n',
    };
    const packDir = writeTree(temp.make('packreg-abort-'), files);
    const controller = new AbortController();
    // abort once the slow runner has surely started
    const watcher = setInterval(() => existsSync(join(packDir, 'started')) && controller.abort(), 20).unref();
    const started = Date.now();
    const outcome = await runPackTests(
      { packDir, testing: { runners: { quick: script('tests/quick.sh'), slow: script('tests/slow.sh'), later: script('tests/later.sh') } }, env: ENV, signal: controller.signal },
      { runner: nodeCommandRunner, logger: new MemoryLogger() },
    ).finally(() => clearInterval(watcher));
    expect(Date.now() - started).toBeLessThan(8000);
    expect(outcome.status).toBe('failed');
    expect(outcome.processes.map((p) => p.command[1])).toEqual(['tests/quick.sh', 'tests/slow.sh']);
    expect(outcome.tests!.runners.map((r) => r.name)).toEqual(['quick', 'slow']);
    expect(existsSync(join(packDir, 'later-ran'))).toBe(false);
    expect(outcome.details).toEqual([{ level: 'error', message: 'tests interrupted while runner slow was running: 2 of 3 runners did not finish' }]);
  });

  it('counts an aborted last runner as an interruption too', async () => {
    const packDir = writeTree(temp.make('packreg-abort-last-'), { 'tests/slow.sh': 'touch started\nsleep 30\n' });
    const controller = new AbortController();
    const watcher = setInterval(() => existsSync(join(packDir, 'started')) && controller.abort(), 20).unref();
    const outcome = await runPackTests(
      { packDir, testing: { runners: { slow: script('tests/slow.sh') }, onFailure: 'warn', minPassRate: 0 }, env: ENV, signal: controller.signal },
      { runner: nodeCommandRunner, logger: new MemoryLogger() },
    ).finally(() => clearInterval(watcher));
    // not judged by the pass rate (0 would let anything through): an interrupted run fails
    expect(outcome.status).toBe('failed');
    expect(outcome.details).toEqual([{ level: 'error', message: 'tests interrupted while runner slow was running: 1 of 1 runners did not finish' }]);
  });

  it('runs nothing when the signal had already aborted', async () => {
    const outcome = await run({ 'tests/mark.sh': 'touch ran\n' }, { runners: { mark: script('tests/mark.sh') } }, { signal: AbortSignal.abort() });
    expect(outcome.status).toBe('failed');
    expect(outcome.processes).toEqual([]);
    expect(existsSync(join(outcome.packDir, 'ran'))).toBe(false);
    expect(outcome.details).toEqual([{ level: 'error', message: 'tests interrupted: 1 of 1 runners did not finish' }]);
  });
});
