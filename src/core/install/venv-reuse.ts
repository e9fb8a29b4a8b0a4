import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { messageOf } from '../errors.js';
import type { EnvironmentContext } from './environment-command.js';
import { VENV_FOLDER, venvPythonExists } from './python-venv.js';
import { relocateVenv } from './venv-relocate.js';
import { markerMatches, readVenvMarker, type VenvInputs, type VenvMarker } from './venv-marker.js';

/** Where a reused venv came from: the pack's own .venv, a previous install, or the cache. */
export type VenvSource = 'pack' | 'previous' | 'cache';

/** Where reusable venvs may be, besides the pack's own .venv. */
export interface VenvPlaces {
  /** Previously installed pack folders; their `.venv` is looked at. */
  readonly reuseFrom?: readonly string[];
  /** A cache folder holding venvs as `<venvCache>/<key>/`. */
  readonly venvCache?: string;
}

interface Candidate {
  readonly source: VenvSource;
  readonly dir: string;
}

/**
 * Put a venv built from the same `inputs` at `venvDir` without running venv or pip: keep the
 * pack's own, else copy the first match from `places` (previous installs, then the cache) and
 * relocate it. Returns where it came from, or undefined when there was none to reuse.
 */
export async function reuseVenv(context: EnvironmentContext, venvDir: string, inputs: VenvInputs, places: VenvPlaces): Promise<VenvSource | undefined> {
  for (const candidate of candidates(venvDir, inputs.key, places)) {
    const marker = await readVenvMarker(candidate.dir);
    if (!markerMatches(marker, inputs) || !(await venvPythonExists(candidate.dir))) continue;
    try {
      if (candidate.source === 'pack') await relocateVenv(venvDir, marker.path, venvDir);
      else await copyVenv(candidate.dir, marker, venvDir);
    } catch (error) {
      await rm(venvDir, { recursive: true, force: true });
      context.details.push({ level: 'warning', message: `could not reuse the venv at ${candidate.dir}: ${messageOf(error)}; looking further or building a new one` });
      continue;
    }
    const where = candidate.source === 'pack' ? `the pack's existing ${VENV_FOLDER}` : `${candidate.dir} (${candidate.source === 'cache' ? 'the venv cache' : 'a previous install'})`;
    context.details.push({ level: 'info', message: `reused the venv from ${where}: it was built from the same ${describeInputs(inputs)}, so venv and pip did not run` });
    return candidate.source;
  }
  return undefined;
}

/** The pack's own venv, then each previous install's, then the cache entry for `key`. */
function candidates(venvDir: string, key: string, places: VenvPlaces): Candidate[] {
  const list: Candidate[] = [{ source: 'pack', dir: venvDir }];
  for (const previous of places.reuseFrom ?? []) {
    const dir = join(resolve(previous), VENV_FOLDER);
    if (dir !== venvDir) list.push({ source: 'previous', dir });
  }
  if (places.venvCache !== undefined) list.push({ source: 'cache', dir: join(resolve(places.venvCache), key) });
  return list;
}

/** Copy the venv in `from` to `to` and make it work there. */
async function copyVenv(from: string, marker: VenvMarker, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  // verbatimSymlinks: bin/python -> python3 must stay relative, or the copy would run the original.
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
  await relocateVenv(to, marker.path, to);
}

/**
 * Store a copy of the fresh venv at `venvDir` as `<venvCache>/<key>`: copied into a temporary
 * folder of the cache, relocated to its final path, then renamed into place, so readers only
 * ever see a finished entry. When another process stored the same key first, its entry stays.
 * A cache that cannot be written is a warning, not a failure.
 */
export async function storeInCache(context: EnvironmentContext, venvDir: string, inputs: VenvInputs, venvCache: string): Promise<void> {
  const cache = resolve(venvCache);
  const final = join(cache, inputs.key);
  if (markerMatches(await readVenvMarker(final), inputs)) return;
  let temporary: string | undefined;
  try {
    await mkdir(cache, { recursive: true });
    temporary = await mkdtemp(join(cache, `.${inputs.key}.tmp-`));
    await cp(venvDir, temporary, { recursive: true, verbatimSymlinks: true });
    await relocateVenv(temporary, venvDir, final);
    if (await renameUnlessTaken(temporary, final)) {
      temporary = undefined;
      context.details.push({ level: 'info', message: `stored a copy of the venv in the cache as ${final}` });
    } else {
      context.logger.debug(`another process stored ${final} first; keeping its copy`);
    }
  } catch (error) {
    context.details.push({ level: 'warning', message: `could not store the venv in the cache ${cache}: ${messageOf(error)}; check that the folder is writable` });
  } finally {
    if (temporary !== undefined) await rm(temporary, { recursive: true, force: true });
  }
}

/** Rename `from` to `to`; false when `to` already exists with content (another process won). */
async function renameUnlessTaken(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw error;
  }
}

/** "requirements.txt (sha256 ab12…) and Python 3.11.7" for messages. */
export function describeInputs(inputs: VenvInputs): string {
  const requirements = inputs.requirements_sha256 === null ? 'no requirements.txt' : `requirements.txt (sha256 ${inputs.requirements_sha256.slice(0, 12)}…)`;
  return `${requirements} and ${inputs.python}`;
}
