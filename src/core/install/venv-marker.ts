import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../hash/algorithms.js';

/** The file packreg writes into a finished venv, saying what it was built from. */
export const VENV_MARKER = 'packreg-venv.json';

/**
 * What a venv was built from. A venv is reused only when both inputs are the same: the
 * exact requirements.txt bytes (with those of the files it includes: requirements-closure.ts)
 * and the exact `python3 --version` output.
 */
export interface VenvMarker {
  /** sha256 of requirements.txt (and its includes; see requirements-closure.ts), or null when the pack has none. */
  readonly requirements_sha256: string | null;
  /** `python3 --version` output, e.g. "Python 3.11.7". */
  readonly python: string;
  /** The cache key made from the two above. */
  readonly key: string;
  /** The absolute path the venv works at (the one embedded in its scripts). */
  readonly path: string;
}

/** The inputs a reusable venv must match. */
export type VenvInputs = Pick<VenvMarker, 'requirements_sha256' | 'python' | 'key'>;

/**
 * The cache key of a venv: readable Python version, then a hash of both inputs, e.g.
 * `py3.11.7-0123456789abcdef`. Safe as a folder name.
 */
export function venvKey(requirementsSha256: string | null, python: string): string {
  const version = /\d+(?:\.\d+)*/.exec(python)?.[0] ?? 'unknown';
  return `py${version}-${sha256Hex(`${requirementsSha256 ?? 'none'}\n${python}`).slice(0, 16)}`;
}

/** The marker of the venv in `venvDir`, or undefined when there is none or it is not packreg's. */
export async function readVenvMarker(venvDir: string): Promise<VenvMarker | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(venvDir, VENV_MARKER), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const fields = data as Record<string, unknown>;
  const hash = fields.requirements_sha256;
  if ((hash !== null && typeof hash !== 'string') || typeof fields.python !== 'string' || typeof fields.key !== 'string' || typeof fields.path !== 'string') return undefined;
  return { requirements_sha256: hash, python: fields.python, key: fields.key, path: fields.path };
}

/** Write `marker` into `venvDir`; last, so only a finished venv has one. */
export async function writeVenvMarker(venvDir: string, marker: VenvMarker): Promise<void> {
  await writeFile(join(venvDir, VENV_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

/** True when `marker` was built from `inputs`. */
export function markerMatches(marker: VenvMarker | undefined, inputs: VenvInputs): marker is VenvMarker {
  return marker !== undefined && marker.requirements_sha256 === inputs.requirements_sha256 && marker.python === inputs.python && marker.key === inputs.key;
}
