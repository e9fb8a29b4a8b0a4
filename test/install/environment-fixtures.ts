/** Shared pieces of the environment step's tests: a hand-built wheel, packs, offline environments. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import type { Logger } from '../../src/core/logger.js';
import { silentLogger } from '../../src/core/logger.js';
import { loadManifest, type PackManifest } from '../../src/core/pack/index.js';
import { nodeCommandRunner } from '../../src/core/process/command.js';
import type { TempDirs } from '../helpers/temp.js';
import { writeTree, type TreeSpec } from '../helpers/temp.js';

/** The distribution the wheel holds: an importable module and a console script of the same name. */
export const WHEEL_NAME = 'packreg_demo';
export const WHEEL_VERSION = '1.0.0';

/**
 * Writes a pure-Python wheel (a zip with the module, METADATA, WHEEL, entry_points.txt and
 * a RECORD with real hashes), as pip expects one from an index.
 */
const WHEEL_SCRIPT = `
import base64, hashlib, sys, zipfile
out, name, version = sys.argv[1:4]
info = f"{name}-{version}.dist-info"
files = {
    f"{name}/__init__.py": "VALUE = 'from the wheel'\\ndef main():\\n    print('hello from ' + __file__)\\n",
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: packreg-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
    f"{info}/entry_points.txt": f"[console_scripts]\\n{name} = {name}:main\\n",
}
record = []
with zipfile.ZipFile(out, "w") as archive:
    for path, text in files.items():
        data = text.encode()
        archive.writestr(path, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    archive.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;

/** Build the demo wheel into `dir` (a pip --find-links folder); returns the wheel's path. */
export function buildWheel(dir: string): string {
  const wheel = join(dir, `${WHEEL_NAME}-${WHEEL_VERSION}-py3-none-any.whl`);
  execFileSync('python3', ['-c', WHEEL_SCRIPT, wheel, WHEEL_NAME, WHEEL_VERSION]);
  return wheel;
}

/**
 * A caller environment in which pip can only install from `findLinks` and ignores any user
 * configuration; HOME is private so pip's cache stays out of the real one. GITHUB_TOKEN is
 * there to be dropped.
 */
export function offlinePipEnv(findLinks: string, home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    PIP_NO_INDEX: '1',
    PIP_FIND_LINKS: findLinks,
    PIP_CONFIG_FILE: devNull,
    GITHUB_TOKEN: 'ghp_secret_never_passed',
  };
}

/** A minimal pack.yaml with these extra lines (runtime_deps, dependencies...). */
export function packYaml(extra = ''): string {
  return `ref: envtest\nlabel: Env test\ndescription: A pack for the environment step tests\nversion: 1.0.0\n${extra}`;
}

/** Write `spec` as a pack into a fresh temp folder (or into the folder `where`) and load its manifest. */
export async function writePack(where: TempDirs | string, spec: TreeSpec): Promise<{ dir: string; manifest: PackManifest }> {
  const dir = writeTree(typeof where === 'string' ? where : where.make('packreg-env-'), spec);
  const loaded = await loadManifest(dir);
  expect(loaded.errors).toEqual([]);
  return { dir, manifest: loaded.manifest! };
}

/** The real runner and a logger, as setUpEnvironment takes them. */
export function realDeps(logger: Logger = silentLogger): { runner: typeof nodeCommandRunner; logger: Logger } {
  return { runner: nodeCommandRunner, logger };
}

/** `python -c code` with the venv's interpreter; its stdout. */
export function venvPython(venvDir: string, code: string): string {
  return execFileSync(join(venvDir, 'bin', 'python'), ['-c', code], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } }).trim();
}

/** The commands of a run's process records, for comparison, with `packDir` shown as <pack>. */
export function commandsOf(processes: readonly { command: readonly string[] }[], packDir: string): string[] {
  return processes.map((p) => p.command.join(' ').split(packDir).join('<pack>'));
}

/** The first line of a file (a script's shebang). */
export function firstLine(path: string): string {
  return readFileSync(path, 'utf8').split('\n')[0]!;
}
