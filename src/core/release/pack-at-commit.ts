import semver from 'semver';
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import type { RepoGit } from '../git/repo-git.js';
import { formatProblem, isStrictSemver, parseManifest } from '../pack/index.js';

const MANIFESTS = ['pack.yaml', 'pack.yml'];

/** A pack's identity as one commit records it. */
export interface PackAtCommit {
  readonly ref: string;
  readonly version: string;
  /** The manifest's path below the repository top (`dir/pack.yaml`). */
  readonly file: string;
}

/** The manifest text of the pack in `dir` (below the top, '' for the top) at `rev`, if it has one. */
async function manifestAt(repoGit: RepoGit, top: string, rev: string, dir: string): Promise<{ file: string; text: string } | undefined> {
  for (const name of MANIFESTS) {
    const file = dir === '' ? name : `${dir}/${name}`;
    const bytes = await repoGit.readFile(top, rev, file);
    if (bytes) return { file, text: bytes.toString('utf8') };
  }
  return undefined;
}

/** The pack in `dir` at commit `rev`, whose pack.yaml must exist and be valid (it is what gets tagged). */
export async function packAt(repoGit: RepoGit, top: string, rev: string, dir: string): Promise<PackAtCommit> {
  const found = await manifestAt(repoGit, top, rev, dir);
  const where = dir === '' ? 'the repository top' : dir;
  if (!found) throw new InputError(`no pack.yaml in ${where} at commit ${rev}; each pack-dir must name a folder holding pack.yaml (relative to the checkout)`);
  const parsed = parseManifest(found.text, found.file);
  if (!parsed.manifest) {
    const problems = parsed.errors.map((p) => `  ${formatProblem(found.file, p)}`).join('\n');
    throw new InputError(`${found.file} at commit ${rev} is not a valid pack manifest, so its version cannot be tagged; fix these:\n${problems}`);
  }
  return { ref: parsed.manifest.ref, version: parsed.manifest.version, file: found.file };
}

/**
 * The version the pack in `dir` had at `rev`: undefined when there was no pack there (a new
 * pack), or no readable version. Read leniently: an older pack.yaml that today's stricter
 * rules refuse still says which version it was.
 */
export async function versionAt(repoGit: RepoGit, top: string, rev: string, dir: string): Promise<string | undefined> {
  const found = await manifestAt(repoGit, top, rev, dir);
  if (!found) return undefined;
  const strict = parseManifest(found.text, found.file).manifest?.version;
  if (strict) return strict;
  try {
    const version: unknown = (parse(found.text) as Record<string, unknown> | null)?.version;
    return typeof version === 'string' && isStrictSemver(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `now` is a raise over `before` by semver precedence (build metadata does not count). */
export function isRaised(now: string, before: string | undefined): boolean {
  return before === undefined || semver.gt(now, before);
}
