import { join } from 'node:path';
import { RepoGitCli } from '../../src/core/git/repo-git-cli.js';
import { handOffEntry } from '../../src/core/handoff/handoff.js';
import type { HandoffResult, HandoffSettings } from '../../src/core/handoff/handoff.js';
import { updateIndex } from '../../src/core/index/index-update.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { octokitApi } from '../../src/github/octokit-api.js';
import { createRepo, git } from '../helpers/git-repo.js';
import type { TempDirs } from '../helpers/temp.js';
import { makeEntry, writeJson } from '../index/index-fixtures.js';

/**
 * A registry repository as the handoff meets it: a local bare remote whose main holds an
 * index.json (and pack histories) written by packreg's own index-update, plus helpers to read
 * what a handoff left in it.
 */
export const REGISTRY = { owner: 'acme', repo: 'registry' };
export const REGISTRY_NAME = 'acme/registry';

/** The packs main lists at first. */
export const SEEDED = () => [makeEntry({ ref: 'consul', version: '1.0.0' }), makeEntry({ ref: 'vault', version: '2.0.0' }, 'consul')];

/** The release the handoff tests hand over: the next version of a seeded pack. */
export const nextConsul = (): IndexEntry => makeEntry({ ref: 'consul', version: '1.1.0' });

/** A bare repository seeded with an index of `entries`; returns its path. */
export async function seedRegistry(temp: TempDirs, entries: IndexEntry[] = SEEDED(), indexPath = 'index.json'): Promise<string> {
  const repo = createRepo(temp);
  await updateIndex(
    {
      indexPath: join(repo.dir, indexPath),
      entries,
      registryName: 'Acme Packs',
      registryUrl: 'https://packs.acme.example/index.json',
      policy: 'custom',
      dryRun: false,
      force: false,
      now: new Date('2026-01-01T00:00:00Z'),
    },
    new MemoryLogger(),
  );
  repo.commit({ 'README.md': '# Acme registry\n' }, 'seed the registry');
  const bare = join(temp.make('packreg-registry-'), 'registry.git');
  git(repo.dir, ['init', '-q', '--bare', '-b', 'main', bare]);
  repo.git('push', '-q', bare, 'main');
  return bare;
}

/** The branches of a bare repository. */
export const branches = (bare: string): string[] => git(bare, ['for-each-ref', '--format=%(refname:short)', 'refs/heads']).split('\n').filter(Boolean).sort();

/** A file's text at `rev` of a bare repository. */
export const fileAt = (bare: string, rev: string, path: string): string => git(bare, ['show', `${rev}:${path}`]);

/** The parsed index at `rev`. */
export const indexAt = (bare: string, rev: string, path = 'index.json'): RegistryIndex => JSON.parse(fileAt(bare, rev, path)) as RegistryIndex;

/** Every ref of a bare repository with its commit: compare before and after to see "nothing pushed". */
export const refsOf = (bare: string): string => git(bare, ['for-each-ref', '--format=%(refname) %(objectname)']);

/** Merge packreg's branch as GitHub's merge button would leave main: at the branch's content. */
export function merge(bare: string, branch: string): void {
  git(bare, ['update-ref', 'refs/heads/main', `refs/heads/${branch}`]);
}

/** An entry file as index-entry writes it; returns its path. */
export function entryFile(temp: TempDirs, entry: IndexEntry): string {
  return writeJson(join(temp.make('packreg-entry-'), 'entry.json'), entry);
}

/** handOffEntry with real git and Octokit against the fake GitHub at `apiUrl`. */
export async function handOff(apiUrl: string, token: string, settings: Partial<HandoffSettings> & Pick<HandoffSettings, 'entry' | 'workDir'>): Promise<{ result: HandoffResult; logger: MemoryLogger }> {
  const logger = new MemoryLogger();
  const result = await handOffEntry(
    { mode: 'pull-request', repository: REGISTRY, policy: 'custom', now: new Date('2026-02-03T04:05:06Z'), ...settings },
    { logger, github: octokitApi(token, apiUrl), repoGit: new RepoGitCli(nodeProcessRunner) },
  );
  return { result, logger };
}
