/**
 * `packreg install` of a real Python pack (examples/packs/hello_python) end to end through the
 * CLI: python3 -m venv, pip installing its requirement from the committed wheel folder
 * (examples/wheels, offline), its unittest tests with that venv, and registration that moves
 * the venv into the packs folder. Then the reuse paths (--force, --venv-cache), a requirement
 * pip cannot satisfy, and the wheel's build script reproducing the committed wheel.
 * The tests of the first describe run in order and share the install they make.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderState } from '../publish/publish-fixtures.js';
import { tempDirs } from '../helpers/temp.js';
import { baseEnv, entries, installed, packreg } from './install-fixtures.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = join(ROOT, 'examples', 'packs', 'hello_python');
const WHEELS = join(ROOT, 'examples', 'wheels');
const WHEEL = 'hello_greeting-1.0.0-py3-none-any.whl';
const REF = 'hello_python';

const temp = tempDirs();
afterAll(() => temp.cleanup());

interface Report {
  passed: boolean;
  exitCode: number;
  error?: string;
  steps: { name: string; status: string; details: { level: string; message: string }[] }[];
  processes: { step: string; command: string[]; code: number; durationMs: number }[];
  tests?: { total: number; passed: number; failed: number };
}

/** A working folder with a copy of the example pack and a CLI environment where pip only sees (a copy of) the committed wheels. */
function workspace() {
  const root = temp.make('packreg-install-py-');
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  const pack = join(root, 'src', REF);
  cpSync(EXAMPLE, pack, { recursive: true });
  // relative to the working folder, as a user would write it (pip itself runs in the staging copy)
  cpSync(WHEELS, join(root, 'wheels'), { recursive: true });
  const env = baseEnv(tmp, { PIP_NO_INDEX: '1', PIP_FIND_LINKS: 'wheels', PIP_CONFIG_FILE: devNull, PIP_DISABLE_PIP_VERSION_CHECK: '1' });
  return { root, tmp, pack, env, packs: join(root, 'packs') };
}

type Workspace = ReturnType<typeof workspace>;

/** `packreg install <pack> --packs-dir <packs> --json ...`; the exit code and the parsed report. */
async function install(ws: Workspace, args: readonly string[] = [], pack = ws.pack, packs = ws.packs): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await packreg(['install', pack, '--packs-dir', packs, '--json', ...args], ws.root, ws.env);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

/** The processes that built a venv or ran pip. */
function venvOrPip(report: Report): string[] {
  return report.processes.map((p) => p.command.join(' ')).filter((c) => /(^| )-m venv( |$)|(^| )-m pip( |$)|\/pip( |$)/.test(c));
}

function environmentDetails(report: Report): string[] {
  return report.steps.find((s) => s.name === 'environment')!.details.map((d) => `${d.level}: ${d.message}`);
}

/** Run a program of an installed venv with a minimal environment (no VIRTUAL_ENV, no venv on PATH); its stdout. */
function run(program: string, args: readonly string[]): string {
  return execFileSync(program, args, { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, cwd: '/' }).trim();
}

/** Staging and replacement folders packreg may leave in a packs folder (it must not). */
function leftovers(packs: string): string[] {
  return entries(packs).filter((name) => name.startsWith('.packreg-'));
}

describe('packreg install of the hello_python example pack', () => {
  const ws = workspace();
  const venv = installed(ws.packs, REF, '.venv');

  it('builds the venv with pip from the wheel folder, runs the tests with it and registers the pack with a working, relocated venv', async () => {
    const { code, report } = await install(ws);
    expect({ code, error: report.error }).toEqual({ code: 0, error: undefined });
    expect(report.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['fetch:passed', 'dependencies:passed', 'environment:passed', 'tests:passed', 'registration:passed', 'cleanup:passed']);
    expect(venvOrPip(report)).toEqual([expect.stringMatching(/^python3 -m venv \/.*\/\.venv$/), expect.stringMatching(/\/\.venv\/bin\/python -m pip install .*-r requirements\.txt$/)]);
    // The unittest runner ran with the venv (it imports hello_greeting) and printed the simple format.
    expect(report.tests).toMatchObject({ total: 3, passed: 3, failed: 0 });
    expect(entries(ws.packs)).toEqual([REF]);
    expect(leftovers(ws.packs)).toEqual([]);
    expect(entries(installed(ws.packs, REF))).toEqual(['.venv', 'CHANGES.md', 'README.md', 'actions', 'metadata.json', 'pack.yaml', 'requirements.txt', 'tests']);
    // The source folder got no venv: it was built in the staging folder.
    expect(existsSync(join(ws.pack, '.venv'))).toBe(false);

    expect(run(join(venv, 'bin', 'python'), ['-c', 'import hello_greeting; print(hello_greeting.__file__, hello_greeting.greet("Ada"))'])).toBe(
      `${venv}/lib/${pythonDir(venv)}/site-packages/hello_greeting/__init__.py Hello, Ada!`,
    );
    // pip is a console script whose shebang embeds the venv's path: it works only if the venv was relocated.
    expect(readFileSync(join(venv, 'bin', 'pip'), 'utf8').split('\n')[0]).toMatch(new RegExp(`^#!${escape(venv)}/bin/python[\\d.]*$`));
    expect(run(join(venv, 'bin', 'pip'), ['--version'])).toMatch(new RegExp(`^pip \\S+ from ${escape(venv)}/lib/python3\\.\\d+/site-packages/pip `));
    expect(readFileSync(join(venv, 'pyvenv.cfg'), 'utf8')).not.toMatch(/\.packreg-install-/);
    expect(JSON.parse(readFileSync(join(venv, 'packreg-venv.json'), 'utf8')).path).toBe(venv);
    // The action runs with the venv's interpreter.
    expect(run(join(venv, 'bin', 'python'), [installed(ws.packs, REF, 'actions/greet.py'), 'Bob'])).toBe('Hello, Bob!');
  });

  it('reinstalls with --force reusing the installed version\'s venv: no venv or pip process, and the venv still works', async () => {
    const { code, report } = await install(ws, ['--force']);
    expect({ code, error: report.error }).toEqual({ code: 0, error: undefined });
    expect(venvOrPip(report)).toEqual([]);
    expect(environmentDetails(report)).toContainEqual(expect.stringMatching(new RegExp(`^info: reused the venv from ${escape(venv)} \\(a previous install\\).*venv and pip did not run`)));
    expect(report.tests).toMatchObject({ total: 3, passed: 3, failed: 0 });
    expect(entries(ws.packs)).toEqual([REF]);
    expect(run(join(venv, 'bin', 'python'), ['-c', 'import hello_greeting; print(hello_greeting.greet("Ada"))'])).toBe('Hello, Ada!');
    expect(run(join(venv, 'bin', 'pip'), ['--version'])).toContain(`from ${venv}/lib/`);
  });

  it('a requirement pip cannot satisfy fails the environment step with exit 4 and leaves the packs folder as it was', async () => {
    writeFileSync(join(ws.pack, 'requirements.txt'), 'hello-greeting==9.9.9\n');
    const before = folderState(ws.packs);
    const { code, report } = await install(ws, ['--force']);
    expect({ code, passed: report.passed }).toEqual({ code: 4, passed: false });
    expect(report.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['fetch:passed', 'dependencies:passed', 'environment:failed', 'tests:skipped', 'registration:skipped', 'cleanup:passed']);
    expect(report.error).toMatch(/^environment: .*-m pip install .*failed with exit code 1/);
    expect(report.error).toContain('hello-greeting==9.9.9');
    expect(folderState(ws.packs)).toEqual(before);
    expect(leftovers(ws.packs)).toEqual([]);
    expect(run(join(venv, 'bin', 'pip'), ['--version'])).toContain(`from ${venv}/lib/`);
  });
});

describe('packreg install --venv-cache', () => {
  it('stores the venv it builds in the cache and reuses it for an install into another packs folder', async () => {
    const ws = workspace();
    const cache = join(ws.root, 'venv-cache');
    const [packsA, packsB] = [join(ws.root, 'packs-a'), join(ws.root, 'packs-b')];

    const first = await install(ws, ['--venv-cache', cache], ws.pack, packsA);
    expect({ code: first.code, error: first.report.error }).toEqual({ code: 0, error: undefined });
    expect(venvOrPip(first.report)).toHaveLength(2);
    const keys = readdirSync(cache);
    expect(keys).toEqual([expect.stringMatching(/^py3\.\d+\.\d+-[0-9a-f]{16}$/)]);
    expect(environmentDetails(first.report)).toContainEqual(`info: stored a copy of the venv in the cache as ${join(cache, keys[0]!)}`);

    const second = await install(ws, ['--venv-cache', cache], ws.pack, packsB);
    expect({ code: second.code, error: second.report.error }).toEqual({ code: 0, error: undefined });
    expect(venvOrPip(second.report)).toEqual([]);
    expect(environmentDetails(second.report)).toContainEqual(expect.stringMatching(new RegExp(`^info: reused the venv from ${escape(join(cache, keys[0]!))} \\(the venv cache\\)`)));
    expect(second.report.tests).toMatchObject({ total: 3, passed: 3, failed: 0 });
    const venv = installed(packsB, REF, '.venv');
    expect(run(join(venv, 'bin', 'python'), ['-c', 'import hello_greeting; print(hello_greeting.greet("Ada"))'])).toBe('Hello, Ada!');
    expect(run(join(venv, 'bin', 'pip'), ['--version'])).toContain(`from ${venv}/lib/`);
    expect([leftovers(packsA), leftovers(packsB), readdirSync(cache)]).toEqual([[], [], keys]);
  });
});

describe('examples/wheels/build-wheel.py', () => {
  it('rebuilds the committed wheel byte for byte', () => {
    const out = temp.make('packreg-wheel-');
    execFileSync('python3', [join(WHEELS, 'build-wheel.py'), out], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' } });
    expect(readdirSync(out)).toEqual([WHEEL]);
    const rebuilt = readFileSync(join(out, WHEEL));
    const committed = readFileSync(join(WHEELS, WHEEL));
    expect(rebuilt.equals(committed)).toBe(true);
  });
});

/** The `pythonX.Y` folder under the venv's lib/. */
function pythonDir(venv: string): string {
  return readdirSync(join(venv, 'lib')).find((name) => name.startsWith('python'))!;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
