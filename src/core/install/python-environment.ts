import { join } from 'node:path';
import { cleanEnvironment } from '../process/clean-environment.js';
import type { EnvironmentContext } from './environment-command.js';
import { buildVenv, probePython, VENV_FOLDER } from './python-venv.js';
import { requirementsClosure } from './requirements-closure.js';
import { describeInputs, reuseVenv, storeInCache, type VenvPlaces, type VenvSource } from './venv-reuse.js';
import { venvKey, writeVenvMarker, type VenvInputs } from './venv-marker.js';

/** How to set up a Python pack's venv. */
export interface PythonSettings extends VenvPlaces {
  readonly callerEnv: Readonly<Record<string, string | undefined>>;
  /** The interpreter that creates the venv (default python3). */
  readonly python: string;
  /** The bytes of the pack's requirements.txt, undefined when it has none (read once by the caller). */
  readonly requirements: Buffer | undefined;
}

/** The venv the pack got, when it got one. */
export interface PythonOutcome {
  readonly venvDir?: string;
  readonly venvKey?: string;
  readonly reused?: VenvSource;
}

/**
 * Give the pack a venv at `<packDir>/.venv` with its requirements.txt installed: reused when
 * one was built from the same requirements (requirements.txt and the files it includes with
 * -r and -c) and Python (see venv-reuse.ts), else built with
 * `python3 -m venv` and pip, marked, and copied into the cache. Failures are error details.
 */
export async function setUpPython(context: EnvironmentContext, settings: PythonSettings): Promise<PythonOutcome> {
  // An installer environment: pip's offline settings (PIP_NO_INDEX, PIP_FIND_LINKS, its
  // config file) and proxies pass, the caller's secrets do not.
  const env = cleanEnvironment(settings.callerEnv, 'installer');
  const { requirements } = settings;
  const python = await probePython(context, settings.python, env);
  if (python === undefined) return {};
  const closure = requirements === undefined ? undefined : await requirementsClosure(context.packDir, requirements);
  if (closure !== undefined && closure.included.length > 0) context.logger.debug(`the venv key covers requirements.txt and what it includes: ${closure.included.join(', ')}`);
  const requirementsSha256 = closure?.sha256 ?? null;
  const inputs: VenvInputs = { requirements_sha256: requirementsSha256, python, key: venvKey(requirementsSha256, python) };
  const venvDir = join(context.packDir, VENV_FOLDER);
  const reused = await reuseVenv(context, venvDir, inputs, settings);
  if (reused) return { venvDir, venvKey: inputs.key, reused };
  if (!(await buildVenv(context, settings.python, env, requirements !== undefined))) return {};
  await writeVenvMarker(venvDir, { ...inputs, path: venvDir });
  context.details.push({ level: 'info', message: `created ${VENV_FOLDER} from ${describeInputs(inputs)}` });
  if (settings.venvCache !== undefined) await storeInCache(context, venvDir, inputs, settings.venvCache);
  return { venvDir, venvKey: inputs.key };
}
