import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ExitCode } from '../errors.js';
import type { ExitCodeValue } from '../errors.js';
import { changedPacks } from './changed-packs.js';
import type { ChangeRange } from './changed-packs.js';
import { installPack } from './install.js';
import type { InstallReport } from './install-report.js';
import type { InstallDeps, InstallSettings } from './settings.js';

/** What the install-verify action checks: given specs, or the packs a pull request changed. */
export interface VerifySettings {
  /** Pack specs (refs, paths, URLs); ignored when `changed` is set. */
  readonly specs: readonly string[];
  /** Find the packs changed since a base commit instead. */
  readonly changed?: ChangeRange;
  /** Only list the packs (for a matrix of one job per pack); install nothing. */
  readonly listOnly: boolean;
  /** Everything an install needs but its spec. */
  readonly install: Omit<InstallSettings, 'spec'>;
}

/** One job of a `strategy.matrix`: the pack's folder (or spec) and its ref when known. */
export interface MatrixEntry {
  readonly pack: string;
  readonly path: string;
}

/** The result of a verify run over several packs. */
export interface VerifyResult {
  readonly passed: boolean;
  readonly exitCode: ExitCodeValue;
  /** `{ include: [...] }`, ready for `strategy.matrix: ${{ fromJSON(...) }}`. */
  readonly matrix: { readonly include: readonly MatrixEntry[] };
  readonly packs: readonly InstallReport[];
  /** Pack folders relative to the workspace, parallel to `packs` in changed mode (for annotations). */
  readonly paths: readonly string[];
}

/**
 * Install (by default: verify, as a dry run) each pack in turn and collect the results. A
 * failing pack does not stop the others: a pull request gets every pack's verdict at once.
 */
export async function verifyPacks(settings: VerifySettings, deps: InstallDeps): Promise<VerifyResult> {
  const targets = settings.changed ? (await changedPacks(settings.changed, deps.git)).map((p) => p.path) : [...settings.specs];
  const matrix = { include: await Promise.all(targets.map((path) => matrixEntry(path, settings.install.cwd))) };
  if (targets.length === 0) deps.logger.info(settings.changed ? `no pack changed since ${settings.changed.base}` : 'no pack to verify');
  const packs: InstallReport[] = [];
  if (!settings.listOnly) {
    for (const spec of targets) packs.push(await installPack({ ...settings.install, spec }, deps));
  }
  const failed = packs.find((p) => !p.passed);
  return { passed: !failed, exitCode: failed?.exitCode ?? ExitCode.Ok, matrix, packs, paths: targets };
}

/** A matrix entry: the ref from the folder's pack.yaml when it is a folder that has one. */
async function matrixEntry(path: string, cwd: string): Promise<MatrixEntry> {
  for (const name of ['pack.yaml', 'pack.yml']) {
    const text = await readFile(join(resolve(cwd, path), name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const ref = (parseQuietly(text) as { ref?: unknown } | undefined)?.ref;
    return { pack: typeof ref === 'string' ? ref : path, path };
  }
  return { pack: path, path };
}

function parseQuietly(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined; // the install reports the broken pack.yaml properly
  }
}
