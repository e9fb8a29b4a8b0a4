import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { InputError } from '../../src/core/errors.js';
import { checkDependencies, toSemverRange, type DependencySettings } from '../../src/core/install/dependencies.js';
import { installedVersion } from '../../src/core/install/installed-packs.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { loadManifest, type PackManifest } from '../../src/core/pack/index.js';
import { nodeCommandRunner } from '../../src/core/process/command.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** The real tools on this machine, read independently of packreg. */
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const PYTHON = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim().replace(/^Python /, '');
const NODE = process.versions.node;
const PY_MINOR = PYTHON.split('.').slice(0, 2).join('.');
const [PY_MAJOR, PY_MINOR_NUMBER] = PYTHON.split('.').map(Number) as [number, number];

/** A real pack.yaml, loaded by the pack model; `extra` is appended YAML. */
async function manifest(extra: string): Promise<PackManifest> {
  const dir = writeTree(temp.make('pack-'), { 'pack.yaml': `ref: demo\nversion: 1.0.0\nlabel: Demo\ndescription: A demo pack\nauthor: A\nlicense: MIT\n${extra}` });
  const loaded = await loadManifest(dir);
  if (!loaded.manifest) throw new Error(`test pack.yaml does not load: ${JSON.stringify(loaded.errors)}`);
  return loaded.manifest;
}

const noPacks = async (): Promise<string | undefined> => undefined;

async function check(extra: string, settings: Partial<DependencySettings> = {}) {
  const logger = new MemoryLogger();
  const outcome = await checkDependencies({ manifest: await manifest(extra), installed: noPacks, env: ENV, ...settings }, { runner: nodeCommandRunner, logger });
  return { ...outcome, logger };
}

/** A PATH holding only the given executable scripts. */
function fakeBin(scripts: Record<string, string>): string {
  const dir = temp.make('bin-');
  writeTree(dir, Object.fromEntries(Object.entries(scripts).map(([name, body]) => [name, { content: `#!/bin/sh\n${body}\n`, executable: true }])));
  return dir;
}

describe('checkDependencies', () => {
  it('passes with an info detail when nothing is declared', async () => {
    const r = await check('runtime_deps: []\ndependencies:\n  packs: []\n');
    expect(r.status).toBe('passed');
    expect(r.details).toEqual([{ level: 'info', message: 'no dependencies declared' }]);
    expect(r.processes).toEqual([]);
    expect(r.missingPacks).toEqual([]);
  });

  describe('attune_version', () => {
    it('passes when --attune-version satisfies it', async () => {
      const r = await check('dependencies:\n  attune_version: ">=0.1.0"\n', { attuneVersion: '0.2.0' });
      expect(r.status).toBe('passed');
      expect(r.details).toEqual([{ level: 'info', message: 'Attune 0.2.0 satisfies dependencies.attune_version ">=0.1.0"' }]);
      expect(r.processes).toEqual([]);
    });

    it('counts a prerelease Attune inside the range', async () => {
      const r = await check('dependencies:\n  attune_version: ">=0.1.0"\n', { attuneVersion: '0.3.0-rc.1' });
      expect(r.status).toBe('passed');
    });

    it('fails naming both versions when it is not satisfied', async () => {
      const r = await check('dependencies:\n  attune_version: ">=1.0.0"\n', { attuneVersion: '0.5.0' });
      expect(r.status).toBe('failed');
      expect(r.details).toEqual([
        {
          level: 'error',
          file: 'pack.yaml',
          message: 'pack.yaml dependencies.attune_version requires Attune ">=1.0.0" but --attune-version is 0.5.0; install on a matching Attune or use a version of the pack made for Attune 0.5.0',
        },
      ]);
    });

    it('is reported as not checked without --attune-version', async () => {
      const r = await check('dependencies:\n  attune_version: ">=99.0.0"\n');
      expect(r.status).toBe('passed');
      expect(r.details).toEqual([{ level: 'info', message: 'dependencies.attune_version ">=99.0.0" not checked: pass --attune-version to check it' }]);
    });

    it('names an invalid range and an invalid --attune-version', async () => {
      const range = await check('dependencies:\n  attune_version: "latest"\n', { attuneVersion: '1.0.0' });
      expect(range.status).toBe('failed');
      expect(range.details).toEqual([{ level: 'error', file: 'pack.yaml', message: 'pack.yaml dependencies.attune_version "latest" is not a semver range; write it like ">=0.1.0" or "^1.0.0"' }]);
      const version = await check('dependencies:\n  attune_version: ">=0.1.0"\n', { attuneVersion: 'one' });
      expect(version.status).toBe('failed');
      expect(version.details).toEqual([{ level: 'error', message: '--attune-version "one" is not a semantic version; pass the Attune version like 0.2.0' }]);
    });
  });

  describe('runtimes', () => {
    it('runs python3 --version, node --version and /bin/sh once each and records them', async () => {
      const r = await check('runtime_deps: [python, python3, nodejs, node, shell]\ndependencies:\n  python_version: ">=3.9"\n');
      expect(r.status).toBe('passed');
      expect(r.processes.map((p) => [p.step, p.command, p.code])).toEqual([
        ['dependencies', ['node', '--version'], 0],
        ['dependencies', ['python3', '--version'], 0],
        ['dependencies', ['/bin/sh', '-c', 'exit 0'], 0],
      ]);
      expect(r.processes.every((p) => Number.isInteger(p.durationMs) && p.durationMs >= 0)).toBe(true);
      expect(r.details).toEqual([
        { level: 'info', message: `Node.js ${NODE} found (runtime_deps "node" and runtime_deps "nodejs")` },
        { level: 'info', message: `Python ${PYTHON} satisfies dependencies.python_version ">=3.9"` },
        { level: 'info', message: '/bin/sh runs (runtime_deps "shell")' },
      ]);
      expect(r.logger.at('debug')).toContain('dependencies: running python3 --version');
    });

    it('checks python_version even when runtime_deps does not list python', async () => {
      const r = await check('dependencies:\n  python_version: ">=99"\n');
      expect(r.status).toBe('failed');
      expect(r.processes.map((p) => p.command)).toEqual([['python3', '--version']]);
      expect(r.details).toEqual([
        {
          level: 'error',
          file: 'pack.yaml',
          message: `pack.yaml dependencies.python_version ">=99" requires Python ">=99" but python3 on PATH is ${PYTHON}; install a matching Python or put it first on PATH`,
        },
      ]);
    });

    it.each([
      [`~=${PY_MAJOR}.${PY_MINOR_NUMBER - 2}`, true],
      [`~=${PY_MAJOR}.${PY_MINOR_NUMBER + 1}`, false],
      [`==${PY_MINOR}.*`, true],
      [`==${PY_MAJOR}.${PY_MINOR_NUMBER - 1}.*`, false],
      [`>=${PY_MAJOR}.9,<${PY_MAJOR + 1}`, true],
      [`>=3.9, <${PY_MINOR}`, false],
      [`==${PYTHON}`, true],
      // Without a PEP 440 marker the range is semver: "<=3.11" takes in 3.11.7; in a comma list it is 3.11.0 at most.
      [`<=${PY_MINOR}`, true],
      [`>=3.9,<=${PY_MINOR}`, PYTHON === `${PY_MINOR}.0`],
      [`>=${PY_MINOR}`, true],
    ])('reads the PEP 440 python_version %j against the real python3', async (range, satisfied) => {
      const r = await check(`dependencies:\n  python_version: "${range}"\n`);
      expect(r.status).toBe(satisfied ? 'passed' : 'failed');
      expect(r.details).toHaveLength(1);
      expect(r.details[0]!.message).toContain(satisfied ? `Python ${PYTHON} satisfies` : `requires Python "${range}" but python3 on PATH is ${PYTHON}`);
    });

    it('names a python_version it cannot read', async () => {
      const r = await check('dependencies:\n  python_version: "!=3.10.*"\n');
      expect(r.status).toBe('failed');
      expect(r.details).toEqual([
        {
          level: 'error',
          file: 'pack.yaml',
          message:
            'pack.yaml dependencies.python_version "!=3.10.*" is not a version range packreg can check; use a semver range like ">=3.9", or PEP 440 clauses (~=, ==, >=, <=, >, <) joined by commas like ">=3.9,<4"',
        },
      ]);
    });

    it('checks nodejs_version against the real node', async () => {
      const major = Number(NODE.split('.')[0]);
      const ok = await check(`runtime_deps: [nodejs]\ndependencies:\n  nodejs_version: ">=${major}"\n`);
      expect(ok.status).toBe('passed');
      expect(ok.processes.map((p) => p.command)).toEqual([['node', '--version']]);
      expect(ok.details).toEqual([{ level: 'info', message: `Node.js ${NODE} satisfies dependencies.nodejs_version ">=${major}"` }]);
      const bad = await check(`dependencies:\n  nodejs_version: "<${major}"\n`);
      expect(bad.status).toBe('failed');
      expect(bad.details[0]!.message).toBe(`pack.yaml dependencies.nodejs_version "<${major}" requires Node.js "<${major}" but node on PATH is ${NODE}; install a matching Node.js or put it first on PATH`);
    });

    it('fails when a required tool is not on PATH, and still runs the others', async () => {
      const empty = temp.make('empty-path-');
      const r = await check('runtime_deps: [python3, nodejs, shell]\ndependencies:\n  nodejs_version: ">=18"\n', { env: { PATH: empty } });
      expect(r.status).toBe('failed');
      expect(r.details).toEqual([
        {
          level: 'error',
          file: 'pack.yaml',
          message: 'node is required by runtime_deps "nodejs" and dependencies.nodejs_version but could not be run (node is not installed or not on PATH); install Node.js or put node on the PATH packreg runs with',
        },
        {
          level: 'error',
          file: 'pack.yaml',
          message: 'python3 is required by runtime_deps "python3" but could not be run (python3 is not installed or not on PATH); install Python 3 or put python3 on the PATH packreg runs with',
        },
        { level: 'info', message: '/bin/sh runs (runtime_deps "shell")' },
      ]);
      expect(r.processes.map((p) => [p.command[0], p.code])).toEqual([
        ['node', -1],
        ['python3', -1],
        ['/bin/sh', 0],
      ]);
    });

    it('reads a version printed on stderr and names an old python', async () => {
      const bin = fakeBin({ python3: 'echo "Python 2.7.18" >&2' });
      const r = await check('dependencies:\n  python_version: ">=3.9"\n', { env: { PATH: bin } });
      expect(r.status).toBe('failed');
      expect(r.details[0]!.message).toBe('pack.yaml dependencies.python_version ">=3.9" requires Python ">=3.9" but python3 on PATH is 2.7.18; install a matching Python or put it first on PATH');
    });

    it('finds the version after a line of noise', async () => {
      const bin = fakeBin({ python3: 'echo "pyenv: using /opt/python/3.12.1"; echo "Python 3.12.1"' });
      const r = await check('dependencies:\n  python_version: ">=3.12"\n', { env: { PATH: bin } });
      expect(r.details).toEqual([{ level: 'info', message: 'Python 3.12.1 satisfies dependencies.python_version ">=3.12"' }]);
      const node = fakeBin({ node: 'echo "nvm: default is 16.20.2, .nvmrc asks for 18"; echo "v18.20.4"' });
      const n = await check('dependencies:\n  nodejs_version: "^18"\n', { env: { PATH: node } });
      expect(n.details).toEqual([{ level: 'info', message: 'Node.js 18.20.4 satisfies dependencies.nodejs_version "^18"' }]);
    });

    it('knows runtime names in any case', async () => {
      const r = await check('runtime_deps: [Python3, Shell]\n');
      expect(r.status).toBe('passed');
      expect(r.processes.map((p) => p.command[0])).toEqual(['python3', '/bin/sh']);
    });

    it('names a tool whose version cannot be read or that fails', async () => {
      const garbled = await check('runtime_deps: [python3]\n', { env: { PATH: fakeBin({ python3: 'echo "snake charmer"' }) } });
      expect(garbled.status).toBe('failed');
      expect(garbled.details[0]!.message).toBe('cannot read the Python version from the output of python3 --version: "snake charmer"; install Python 3 or put python3 on the PATH packreg runs with');
      const broken = await check('runtime_deps: [nodejs]\n', { env: { PATH: fakeBin({ node: 'echo "libnode.so: cannot open shared object file" >&2; exit 127' }) } });
      expect(broken.status).toBe('failed');
      expect(broken.details[0]!.message).toBe('node --version exited with code 127 (libnode.so: cannot open shared object file); install Node.js or put node on the PATH packreg runs with');
      expect(broken.processes.map((p) => p.code)).toEqual([127]);
    });

    it('warns about an unknown runtime dependency without failing', async () => {
      const r = await check('runtime_deps: [ruby, shell]\n');
      expect(r.status).toBe('warned');
      expect(r.details).toEqual([
        { level: 'warning', file: 'pack.yaml', message: 'unknown runtime dependency "ruby": packreg cannot check it (it knows python3, nodejs and shell)' },
        { level: 'info', message: '/bin/sh runs (runtime_deps "shell")' },
      ]);
      expect(r.processes.map((p) => p.command)).toEqual([['/bin/sh', '-c', 'exit 0']]);
    });

    it('reports probes stopped by an abort', async () => {
      const controller = new AbortController();
      controller.abort();
      const r = await check('runtime_deps: [python3]\n', { signal: controller.signal });
      expect(r.status).toBe('failed');
      expect(r.details[0]!.message).toBe('python3 --version was stopped because packreg was interrupted');
    });
  });

  describe('pack dependencies', () => {
    let packsDir: string;
    beforeAll(() => {
      packsDir = writeTree(temp.make('packs-'), {
        'core/metadata.json': JSON.stringify({
          pack_ref: 'core',
          version: '1.4.0',
          installed_at: '2024-01-20T12:00:00Z',
          installed_from: { type: 'git', url: 'https://github.com/example/core.git', ref: 'v1.4.0' },
          checksum: null,
          registry: null,
        }),
        'core/pack.yaml': 'ref: core\nversion: 1.0.0\n',
        'old/pack.yaml': 'ref: old\nversion: 0.9.0\n',
        'broken/metadata.json': '{',
      });
    });
    const installed = (ref: string) => installedVersion(packsDir, ref);

    it('passes when each is installed at a matching version (metadata.json first)', async () => {
      const r = await check('dependencies:\n  packs: ["core@^1.4.0", "old", "old@0.9.0"]\n', { installed });
      expect(r.status).toBe('passed');
      expect(r.missingPacks).toEqual([]);
      expect(r.details).toEqual([
        { level: 'info', message: 'pack dependency core 1.4.0 satisfies "^1.4.0"' },
        { level: 'info', message: 'pack dependency old 0.9.0 satisfies "*"' },
        { level: 'info', message: 'pack dependency old 0.9.0 satisfies "0.9.0"' },
      ]);
    });

    it('accepts the list form of dependencies', async () => {
      const r = await check('dependencies: ["core@>=1.0.0 <2.0.0"]\n', { installed });
      expect(r.status).toBe('passed');
    });

    it('lists missing and wrong-version packs for --with-deps', async () => {
      const r = await check('dependencies:\n  packs: ["slack@^2.0.0", "old@>=1.0.0", "core"]\n', { installed });
      expect(r.status).toBe('failed');
      expect(r.missingPacks).toEqual([
        { ref: 'slack', range: '^2.0.0' },
        { ref: 'old', range: '>=1.0.0', installed: '0.9.0' },
      ]);
      expect(r.details).toEqual([
        {
          level: 'error',
          file: 'pack.yaml',
          message: 'pack dependency slack is not installed in the packs directory (pack.yaml dependencies.packs requires "slack@^2.0.0"); install it first or pass --with-deps',
        },
        {
          level: 'error',
          file: 'pack.yaml',
          message: 'pack dependency old must be ">=1.0.0" (pack.yaml dependencies.packs) but version 0.9.0 is installed; install a matching version first, or pass --with-deps --force to replace it',
        },
        { level: 'info', message: 'pack dependency core 1.4.0 satisfies "*"' },
      ]);
    });

    it('reports an invalid entry as an error and checks the rest', async () => {
      const r = await check('dependencies:\n  packs: ["core@latest", "core"]\n', { installed });
      expect(r.status).toBe('failed');
      expect(r.missingPacks).toEqual([]);
      expect(r.details[0]).toEqual({
        level: 'error',
        file: 'pack.yaml',
        message: 'pack.yaml dependencies.packs entry "core@latest" is not valid: "latest" is not a semver range; write "ref" or "ref@range", e.g. "core", "core@1.2.3" or "core@^1.0.0"',
      });
      expect(r.details[1]!.level).toBe('info');
    });

    it('lets a broken installed pack surface as an InputError and writes nothing', async () => {
      const before = readdirSync(packsDir).sort();
      await expect(check('dependencies:\n  packs: ["broken"]\n', { installed })).rejects.toBeInstanceOf(InputError);
      expect(readdirSync(packsDir).sort()).toEqual(before);
    });
  });
});

describe('toSemverRange', () => {
  it.each([
    ['>=3.9', '>=3.9'],
    ['^20.0.0', '^20.0.0'],
    ['~=3.9', '>=3.9.0 <4.0.0'],
    ['~=3.9.1', '>=3.9.1 <3.10.0'],
    ['==3.11.*', '>=3.11.0 <3.12.0'],
    ['==3.*', '>=3.0.0 <4.0.0'],
    ['==3.11', '=3.11.0'],
    ['>=3.9,<4', '>=3.9.0 <4.0.0'],
    [' >= 3.9 , < 4 ', '>=3.9.0 <4.0.0'],
  ])('reads %j as %j', (text, range) => {
    expect(toSemverRange(text)).toBe(range);
  });

  it.each(['!=3.10', '===3.11', '~=3', '~=3.9.*', '>=3.9.*,<4', '>=3.9,', '^3.9,<4', 'latest', '', '==3.11.0.1'])('refuses %j', (text) => {
    expect(toSemverRange(text)).toBeUndefined();
  });
});
