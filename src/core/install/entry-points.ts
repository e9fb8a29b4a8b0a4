import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { compareByteOrder } from '../pack/byte-order.js';
import { directoryPackFiles } from '../pack/pack-files.js';
import { hasMappingRoot, parseYamlSource } from '../pack/yaml-source.js';
import type { StepDetail } from './report.js';

/** Component kinds whose files name an entry point the runtime starts. */
const ENTRY_KINDS = ['actions', 'sensors'] as const;
/** Runner types that execute the entry point as a program, so it needs its execute bit. */
const SHELL_RUNNERS = new Set(['shell', 'local-shell-script', 'remote-shell-script']);

/** What {@link checkEntryPoints} found. */
export interface EntryPointCheck {
  /** Entry points looked at. */
  readonly checked: number;
  /** An error per entry point that is missing, outside the pack or not executable. */
  readonly details: StepDetail[];
}

/** One component file's entry point, where it was written. */
interface EntryPoint {
  readonly kind: (typeof ENTRY_KINDS)[number];
  /** The component file, relative to the pack root (actions/x.yaml). */
  readonly file: string;
  readonly line?: number;
  readonly entry: string;
  readonly shell: boolean;
}

/**
 * Check every `entry_point` of the top-level `.yaml`/`.yml` files of `actions/` and
 * `sensors/`: the file, relative to that component's folder (as StackStorm and Attune resolve
 * it), must exist inside the pack, and a shell entry point (runner_type shell,
 * local-shell-script or remote-shell-script, or a `.sh` file) must be executable. Component
 * files that do not parse are skipped: validation reports them.
 */
export async function checkEntryPoints(packDir: string): Promise<EntryPointCheck> {
  const entries = await readEntryPoints(packDir);
  const packReal = await realpath(packDir);
  const details: StepDetail[] = [];
  for (const entry of entries) {
    const problem = await entryProblem(packDir, packReal, entry);
    if (problem) details.push({ level: 'error', message: `${entry.file}: ${problem}`, file: entry.file, ...(entry.line ? { line: entry.line } : {}) });
  }
  return { checked: entries.length, details };
}

async function readEntryPoints(packDir: string): Promise<EntryPoint[]> {
  const files = directoryPackFiles(packDir);
  const found: EntryPoint[] = [];
  for (const kind of ENTRY_KINDS) {
    const names = (await files.listFiles(kind)).filter((n) => /\.ya?ml$/.test(n)).sort(compareByteOrder);
    for (const name of names) {
      const file = `${kind}/${name}`;
      const text = await files.readText(file).catch(() => undefined);
      const source = text === undefined ? undefined : parseYamlSource(text);
      if (!source || source.errors.length > 0 || !hasMappingRoot(source)) continue;
      const entry: unknown = source.doc.get('entry_point');
      if (typeof entry !== 'string' || entry.trim() === '') continue;
      const runner: unknown = source.doc.get('runner_type');
      const shell = (typeof runner === 'string' && SHELL_RUNNERS.has(runner)) || entry.endsWith('.sh');
      found.push({ kind, file, line: source.locate(['entry_point']).line, entry, shell });
    }
  }
  return found;
}

/** Why `entry` cannot be started, or undefined when it can. */
async function entryProblem(packDir: string, packReal: string, entry: EntryPoint): Promise<string | undefined> {
  const target = posix.normalize(posix.join(entry.kind, entry.entry));
  const named = `entry_point "${entry.entry}"`;
  const keepInside = `put the file inside the pack and give its path relative to ${entry.kind}/`;
  if (posix.isAbsolute(entry.entry) || target === '..' || target.startsWith('../')) {
    return `${named} is outside the pack (it resolves to ${posix.isAbsolute(entry.entry) ? entry.entry : target} from the pack root); ${keepInside}`;
  }
  const full = join(packDir, ...target.split('/'));
  let mode: number;
  try {
    const info = await stat(full);
    if (!info.isFile()) return `${named} names ${target}, which is not a file; point it at the script to run`;
    mode = info.mode;
  } catch {
    return `${named} names ${target}, which does not exist in the pack; add the file or correct entry_point (it is relative to ${entry.kind}/)`;
  }
  if (!isInside(packReal, await realpath(full))) return `${named} names ${target}, a link that leads outside the pack; ${keepInside}`;
  if (entry.shell && (mode & 0o111) === 0) {
    return `${target} is not executable, so the shell runner cannot start it; run "chmod +x ${target}" and commit the mode (git add --chmod=+x ${target})`;
  }
  return undefined;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
