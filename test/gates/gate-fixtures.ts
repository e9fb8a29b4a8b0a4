import { GitCli } from '../../src/core/git/git-cli.js';
import { RepoGitCli } from '../../src/core/git/repo-git-cli.js';
import type { PrCheckDeps, PrCheckResult, PrCheckSettings } from '../../src/core/gates/check-pull-request.js';
import { checkPullRequest } from '../../src/core/gates/check-pull-request.js';
import type { GateDetail, GateName } from '../../src/core/gates/report.js';
import { updateIndex } from '../../src/core/index/index-update.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { MemoryLogger, silentLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import type { TempDirs, TreeSpec } from '../helpers/temp.js';
import { join } from 'node:path';

/**
 * Pull requests as real git repositories: `main` holds the base commit, `feature` (checked
 * out) the pull request's commits on top of it.
 */

/** A pack.yaml with the fields the gates read (ref, version) and the usual others. */
export function packYaml(ref: string, version: string): string {
  return [`ref: ${ref}`, `name: ${ref}`, `label: ${ref} pack`, `description: The ${ref} pack`, `version: ${version}`, 'author: Example Team', 'email: team@example.com', ''].join('\n');
}

/** A pack's files under `folder` ('' for the top). */
export function packTree(folder: string, ref: string, version: string, extra: TreeSpec = {}): TreeSpec {
  const at = (path: string) => (folder === '' ? path : `${folder}/${path}`);
  const tree: TreeSpec = { [at('pack.yaml')]: packYaml(ref, version), [at('actions/greet.yaml')]: `name: greet\nrunner_type: shell\nentry_point: greet.sh\n` };
  for (const [path, entry] of Object.entries(extra)) tree[at(path)] = entry;
  return tree;
}

/** A repository with `files` committed on main, then checked out on a new branch `feature`. */
export function pullRequest(temp: TempDirs, files: TreeSpec): { repo: TestRepo; base: string } {
  const repo = createRepo(temp);
  const base = repo.commit(files, 'base');
  repo.git('checkout', '-q', '-b', 'feature');
  return { repo, base };
}

export const gitDeps = (logger = new MemoryLogger()): PrCheckDeps & { logger: MemoryLogger } => ({
  logger,
  git: new GitCli(nodeProcessRunner),
  repoGit: new RepoGitCli(nodeProcessRunner),
});

/** The gates with pack-repository defaults (version gate on, changelog off), `settings` over them. */
export function check(top: string, base: string, settings: Partial<PrCheckSettings> = {}, deps: PrCheckDeps = gitDeps()): Promise<PrCheckResult> {
  return checkPullRequest({ top, base, baseName: 'base-ref', versionGate: true, changelog: false, ...settings }, deps);
}

/** One gate's details as `level pack: message` lines. */
export function lines(result: PrCheckResult, gate: GateName): string[] {
  const found = result.report.checks.find((c) => c.name === gate);
  if (!found) throw new Error(`no ${gate} gate in the report`);
  return found.details.map((d: GateDetail) => `${d.level} ${d.pack ?? '-'}: ${d.message}`);
}

/** One gate's status. */
export function status(result: PrCheckResult, gate: GateName): string | undefined {
  return result.report.checks.find((c) => c.name === gate)?.status;
}

/** Upsert `entries` into `<dir>/index.json` (and the histories beside it) with index-update itself. */
export async function publish(dir: string, entries: IndexEntry[], force = false): Promise<void> {
  await updateIndex(
    {
      indexPath: join(dir, 'index.json'),
      entries,
      registryName: 'Test Registry',
      registryUrl: 'https://packs.example.com/index.json',
      policy: 'custom',
      dryRun: false,
      force,
      now: new Date('2026-01-02T03:04:05Z'),
    },
    silentLogger,
  );
}
