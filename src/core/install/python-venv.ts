import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackManifest } from '../pack/index.js';
import { runEnvironmentCommand, type EnvironmentContext } from './environment-command.js';

/** Where a pack's venv lives, relative to the pack root. */
export const VENV_FOLDER = '.venv';
/** The requirements file pip installs, relative to the pack root. */
export const REQUIREMENTS_FILE = 'requirements.txt';

const PYTHON_RUNTIMES = new Set(['python', 'python3']);

/**
 * True when the pack needs a Python environment: it has a requirements.txt, names python
 * or python3 in runtime_deps, sets dependencies.python_version, or tests with unittest or
 * pytest.
 */
export function isPythonPack(manifest: PackManifest, hasRequirements: boolean): boolean {
  return (
    hasRequirements ||
    manifest.runtimeDeps.some((dep) => PYTHON_RUNTIMES.has(dep.toLowerCase())) ||
    !!manifest.dependencies?.python_version ||
    Object.values(manifest.testing?.runners ?? {}).some((runner) => runner.type === 'unittest' || runner.type === 'pytest')
  );
}

/** The bytes of the pack's requirements.txt, or undefined when it has none. */
export async function readRequirements(packDir: string): Promise<Buffer | undefined> {
  const file = join(packDir, REQUIREMENTS_FILE);
  try {
    if (!(await stat(file)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return readFile(file);
}

/**
 * `<python> --version`, e.g. "Python 3.11.7", or undefined after an error detail when the
 * interpreter is missing or fails.
 */
export async function probePython(context: EnvironmentContext, python: string, env: Readonly<Record<string, string>>): Promise<string | undefined> {
  const { ok, result } = await runEnvironmentCommand(context, {
    command: python,
    args: ['--version'],
    env,
    fix: `the pack needs Python 3: install it or point packreg at the interpreter (${python} was used)`,
  });
  const version = result.output.trim().split(/\r?\n/).pop() ?? '';
  return ok && version !== '' ? version : undefined;
}

/**
 * A new venv at `<packDir>/.venv` with requirements.txt installed into it when `withRequirements`.
 * A failure leaves an error detail and no venv folder, so nothing half-made can be mistaken for
 * a working environment.
 */
export async function buildVenv(context: EnvironmentContext, python: string, env: Readonly<Record<string, string>>, withRequirements: boolean): Promise<boolean> {
  const venvDir = join(context.packDir, VENV_FOLDER);
  await rm(venvDir, { recursive: true, force: true });
  const created = await runEnvironmentCommand(context, {
    command: python,
    // Without requirements there is nothing for pip to install: leaving it out saves the
    // seconds ensurepip takes (most of a venv's creation time).
    args: ['-m', 'venv', ...(withRequirements ? [] : ['--without-pip']), venvDir],
    env,
    fix: 'check that the venv module is installed for this Python (Debian and Ubuntu: apt-get install python3-venv)',
  });
  const installed =
    created.ok &&
    (!withRequirements ||
      (
        await runEnvironmentCommand(context, {
          command: join(venvDir, 'bin', 'python'),
          args: ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', REQUIREMENTS_FILE],
          env,
          fix: 'check that every requirement in requirements.txt exists and is reachable from the configured package index (PIP_INDEX_URL, PIP_FIND_LINKS, pip.conf)',
          file: REQUIREMENTS_FILE,
        })
      ).ok);
  if (!installed) await rm(venvDir, { recursive: true, force: true });
  return installed;
}

/** True when the venv's interpreter is there (its bin/python link leads to a file). */
export async function venvPythonExists(venvDir: string): Promise<boolean> {
  try {
    return (await stat(join(venvDir, 'bin', 'python'))).isFile();
  } catch {
    return false;
  }
}
