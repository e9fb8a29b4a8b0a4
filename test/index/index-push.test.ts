import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDeps } from '../../src/core/deps.js';
import { InputError, RemoteError, UsageError } from '../../src/core/errors.js';
import { RepoGitCli } from '../../src/core/git/repo-git-cli.js';
import type { RepoGit } from '../../src/core/git/repo-git.js';
import { pushIndexUpdate } from '../../src/core/index/index-push.js';
import type { IndexPushDeps, IndexPushSettings } from '../../src/core/index/index-push.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { runPackreg } from '../helpers/cli.js';
import { createRepo, git } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { copyStandardIndex, makeEntry, realEntry, writeEntryFile } from './index-fixtures.js';
import { rejection } from '../helpers/failure.js';

/**
 * pushIndexUpdate against a real local bare remote: the registry repository holds the
 * standard index at its top; each updater is a clone of it (shallow, as actions/checkout makes
 * them). Only the retry wait is injected; every fetch, commit and push is real git.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const HELLO = makeEntry({ ref: 'hello', version: '1.2.0' });
const OTHER = makeEntry({ ref: 'other', version: '2.0.0' });

/** A bare registry remote seeded with the standard index; `seed` is its one commit. */
function registry(): { remote: string; seed: string } {
  const remote = join(temp.make('packreg-remote-'), 'registry.git');
  git(temp.make(), ['init', '-q', '--bare', '-b', 'main', remote]);
  const work = createRepo(temp);
  copyStandardIndex(work.dir);
  const seed = work.commit({ 'README.md': 'registry\n' }, 'registry');
  work.git('push', '-q', remote, 'main');
  return { remote, seed };
}

/** A shallow clone of `remote`'s main, as actions/checkout leaves the workspace. */
function clone(remote: string, shallow = true): string {
  const dir = join(temp.make('packreg-updater-'), 'registry');
  git(temp.make(), ['clone', '-q', ...(shallow ? ['--depth', '1'] : []), `file://${remote}`, dir]);
  return dir;
}

/** The remote's main, its index and a pack's history there. */
const remoteHead = (remote: string) => git(remote, ['rev-parse', 'main']);
const remoteIndex = (remote: string) => JSON.parse(git(remote, ['show', 'main:index.json'])) as RegistryIndex;
const remoteHistory = (remote: string, ref: string) => JSON.parse(git(remote, ['show', `main:packs/${ref}/index.json`])) as { versions: IndexEntry[] };
const refs = (index: RegistryIndex) => index.packs.map((p) => p.ref);
/** Untracked and changed files of a work tree. */
const status = (dir: string) => git(dir, ['status', '--porcelain', '--untracked-files=all']);

interface Run {
  logger: MemoryLogger;
  sleeps: number[];
  deps: IndexPushDeps;
}

function deps(repoGit: RepoGit = new RepoGitCli(nodeProcessRunner)): Run {
  const logger = new MemoryLogger();
  const sleeps: number[] = [];
  return { logger, sleeps, deps: { ...defaultDeps(logger), repoGit, sleep: async (ms) => void sleeps.push(ms) } };
}

function settings(top: string, entries: IndexEntry[], extra: Partial<IndexPushSettings> = {}): IndexPushSettings {
  return { top, indexPath: join(top, 'index.json'), entries, policy: 'custom', force: false, branch: 'main', now: new Date('2026-03-01T12:00:00Z'), ...extra };
}

/** `real` with `push` replaced: the other methods are the real ones. */
function withPush(real: RepoGit, push: RepoGit['push']): RepoGit {
  return {
    clone: real.clone.bind(real),
    fetchBranch: real.fetchBranch.bind(real),
    resetBranch: real.resetBranch.bind(real),
    stage: real.stage.bind(real),
    hasStagedChanges: real.hasStagedChanges.bind(real),
    commit: real.commit.bind(real),
    push,
    readFile: real.readFile.bind(real),
    currentBranch: real.currentBranch.bind(real),
    deleteBranch: real.deleteBranch.bind(real),
    head: real.head.bind(real),
  };
}

/** A pre-receive hook in the bare remote that declines every push. */
function rejectAllPushes(remote: string): void {
  const hook = join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "registry is frozen" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
}

describe('pushIndexUpdate', () => {
  it('commits the upsert and pushes it; the clone ends clean at the pushed commit', async () => {
    const { remote, seed } = registry();
    const top = clone(remote);
    const run = deps();
    const pushed = await pushIndexUpdate(settings(top, [HELLO]), run.deps);
    expect(pushed).toMatchObject({ changed: true, attempts: 1, commit: remoteHead(remote) });
    expect(pushed.result.plan).toEqual([{ ref: 'hello', version: '1.2.0', action: 'added', reason: 'new version', latest: true }]);
    expect(git(remote, ['log', '-1', '--format=%P%n%an <%ae>%n%B', 'main']).trimEnd()).toBe(`${seed}\ngithub-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>\nindex: hello 1.2.0`);
    expect(refs(remoteIndex(remote))).toContain('hello');
    expect(remoteHistory(remote, 'hello').versions).toEqual([HELLO]);
    expect(git(remote, ['show', '--name-only', '--format=', 'main']).split('\n').sort()).toEqual(['index.json', 'packs/hello/index.json']);
    expect(git(top, ['rev-parse', 'HEAD'])).toBe(pushed.commit);
    expect(status(top)).toBe('');
    expect(run.sleeps).toEqual([]);
  });

  it('nothing changed: no commit, the remote untouched', async () => {
    const { remote } = registry();
    await pushIndexUpdate(settings(clone(remote), [HELLO]), deps().deps);
    const before = remoteHead(remote);
    const top = clone(remote);
    const run = deps();
    const again = await pushIndexUpdate(settings(top, [HELLO, realEntry('vault')]), run.deps);
    expect(again).toMatchObject({ changed: false, commit: undefined, attempts: 1 });
    expect(again.result.plan.map((i) => i.action)).toEqual(['unchanged', 'unchanged']);
    expect(remoteHead(remote)).toBe(before);
    expect([git(top, ['rev-parse', 'HEAD']), status(top)]).toEqual([before, '']);
    expect(run.logger.lines).toContainEqual({ level: 'info', message: 'the index on main already holds these entries; nothing to commit' });
  });

  it('a race of two updaters: the rejected one fetches, re-applies its upsert and pushes; both packs and both histories land', async () => {
    const { remote, seed } = registry();
    const first = clone(remote);
    const second = clone(remote);
    const real = new RepoGitCli(nodeProcessRunner);
    // The second updater pushes right before the first one's first push: the first push is rejected.
    let raced: Promise<unknown> | undefined;
    const racing = withPush(real, async (top, branch, options) => {
      raced ??= pushIndexUpdate(settings(second, [OTHER]), deps().deps);
      await raced;
      return real.push(top, branch, options);
    });
    const run = deps(racing);
    const pushed = await pushIndexUpdate(settings(first, [HELLO]), run.deps);
    const other = (await raced) as { commit: string; attempts: number };

    expect(other.attempts).toBe(1);
    expect(pushed).toMatchObject({ changed: true, attempts: 2, commit: remoteHead(remote) });
    expect(git(remote, ['rev-list', '--parents', 'main']).split('\n')).toEqual([`${pushed.commit} ${other.commit}`, `${other.commit} ${seed}`, seed]);
    expect(refs(remoteIndex(remote))).toEqual(expect.arrayContaining(['hello', 'other']));
    expect(remoteIndex(remote).packs).toHaveLength(46);
    expect(remoteHistory(remote, 'hello').versions).toEqual([HELLO]);
    expect(remoteHistory(remote, 'other').versions).toEqual([OTHER]);
    expect(run.logger.lines.filter((l) => l.level === 'warning')).toEqual([{ level: 'warning', message: expect.stringMatching(/^push to main rejected \(attempt 1 of 5\): .*(fetch first|non-fast-forward)/) }]);
    expect(run.sleeps).toHaveLength(1);
    expect(run.sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(run.sleeps[0]).toBeLessThan(750);
    expect([git(first, ['rev-parse', 'HEAD']), status(first)]).toEqual([pushed.commit, '']);
  });

  it('several packs: one commit named for them; a given message and author are used', async () => {
    const { remote } = registry();
    await pushIndexUpdate(settings(clone(remote), [HELLO, OTHER]), deps().deps);
    expect(git(remote, ['log', '-1', '--format=%B', 'main']).trimEnd()).toBe('index: 2 packs\n\n- hello 1.2.0\n- other 2.0.0');
    const custom = { commitMessage: 'Publish hello 1.3.0', author: { name: 'Registry Bot', email: 'bot@example.com' } };
    await pushIndexUpdate(settings(clone(remote), [makeEntry({ ref: 'hello', version: '1.3.0' })], custom), deps().deps);
    expect(git(remote, ['log', '-1', '--format=%an <%ae>|%B', 'main']).trimEnd()).toBe('Registry Bot <bot@example.com>|Publish hello 1.3.0');
    expect(remoteHistory(remote, 'hello').versions.map((v) => v.version)).toEqual(['1.3.0', '1.2.0']);
  });

  it('a remote that rejects every push: one RemoteError after max attempts, nothing pushed, no local commit left', async () => {
    const { remote, seed } = registry();
    rejectAllPushes(remote);
    const top = clone(remote);
    const run = deps();
    const error = await rejection(pushIndexUpdate(settings(top, [HELLO], { maxAttempts: 3 }), run.deps));
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).exitCode).toBe(4);
    expect(error.message).toMatch(/^could not push the index update to main: origin rejected it 3 time\(s\) \(last: \[remote rejected\].*pre-receive hook declined.*\)\. Nothing was pushed/);
    expect(error.message).toContain(`the local main is back at origin's ${seed}`);
    expect(error.message).toMatch(/Rerun the workflow or command.*check the branch protection rules of main/);
    expect(run.sleeps).toHaveLength(2);
    expect(run.logger.lines.filter((l) => l.level === 'warning')).toHaveLength(3);
    expect(remoteHead(remote)).toBe(seed);
    // no commit left on any local branch, the new history file gone, the work tree as cloned
    expect(git(top, ['rev-list', '--branches'])).toBe(seed);
    expect([git(top, ['rev-parse', 'HEAD']), status(top)]).toEqual([seed, '']);
    expect(existsSync(join(top, 'packs', 'hello'))).toBe(false);
  });

  it('a branch that moves before every push: the same error after max attempts, none of this update pushed', async () => {
    const { remote } = registry();
    const top = clone(remote);
    const interloper = clone(remote, false);
    const real = new RepoGitCli(nodeProcessRunner);
    let moves = 0;
    const busy = withPush(real, async (at, branch, options) => {
      moves += 1;
      git(interloper, ['-c', 'user.name=x', '-c', 'user.email=x@example.com', 'commit', '-q', '--allow-empty', '-m', `elsewhere ${moves}`]);
      git(interloper, ['push', '-q', 'origin', 'main']);
      return real.push(at, branch, options);
    });
    const run = deps(busy);
    const error = await rejection(pushIndexUpdate(settings(top, [HELLO], { maxAttempts: 2 }), run.deps));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/^could not push the index update to main: origin rejected it 2 time\(s\) \(last: .*(fetch first|non-fast-forward)/);
    expect(git(remote, ['log', '--format=%s', 'main'])).toBe('elsewhere 2\nelsewhere 1\nregistry');
    expect(refs(remoteIndex(remote))).not.toContain('hello');
    expect(git(top, ['rev-list', '--branches'])).toBe(git(remote, ['rev-parse', 'main~1']));
    expect(status(top)).toBe('');
  });

  it('an entry refused by immutability (same ref@version, other content): nothing committed or pushed', async () => {
    const { remote, seed } = registry();
    const top = clone(remote);
    const rebuilt = makeEntry({ version: realEntry('consul').version, gitChecksum: 'rebuilt' }, 'consul');
    const pushed = await pushIndexUpdate(settings(top, [HELLO, rebuilt]), deps().deps);
    expect(pushed).toMatchObject({ changed: false, commit: undefined, attempts: 1, result: { refused: 1 } });
    expect(pushed.result.plan.map((i) => i.action)).toEqual(['added', 'refused']);
    expect(remoteHead(remote)).toBe(seed);
    expect([git(top, ['rev-list', '--branches']), status(top)]).toEqual([seed, '']);
  });

  it('a dirty work tree is refused before anything runs; its changes are kept', async () => {
    const { remote, seed } = registry();
    for (const [what, dirty] of [
      ['a changed tracked file', (top: string) => writeFileSync(join(top, 'README.md'), 'edited\n')],
      ['an untracked history', (top: string) => writeEntryFile(join(top, 'packs', 'hello', 'index.json'), HELLO)],
      ['a staged new file', (top: string) => (writeFileSync(join(top, 'notes.txt'), 'x\n'), git(top, ['add', 'notes.txt']))],
    ] as const) {
      const top = clone(remote);
      dirty(top);
      const before = status(top);
      const error = await rejection(pushIndexUpdate(settings(top, [HELLO]), deps().deps));
      expect([what, error]).toEqual([what, expect.any(UsageError)]);
      expect(error.message).toMatch(/has (uncommitted|staged) changes.*resets the branch to origin's, which would discard them.*Nothing was changed/);
      expect([what, status(top), remoteHead(remote)]).toEqual([what, before, seed]);
    }
    // the same update from a clean clone goes through
    expect((await pushIndexUpdate(settings(clone(remote), [HELLO]), deps().deps)).changed).toBe(true);
  });

  it('an untracked file outside the index is left alone and not committed', async () => {
    const { remote } = registry();
    const top = clone(remote);
    writeEntryFile(join(top, 'entry.json'), HELLO);
    const pushed = await pushIndexUpdate(settings(top, [HELLO]), deps().deps);
    expect(pushed.changed).toBe(true);
    expect(git(remote, ['show', '--name-only', '--format=', 'main'])).not.toContain('entry.json');
    expect(status(top)).toBe('?? entry.json');
  });

  it('bad settings are refused before git runs', async () => {
    const { remote, seed } = registry();
    const top = clone(remote);
    const cases: [Partial<IndexPushSettings>, RegExp][] = [
      [{ maxAttempts: 0 }, /max-attempts: 0 is not a whole number from 1 to 20/],
      [{ maxAttempts: 21 }, /max-attempts: 21 is not a whole number from 1 to 20/],
      [{ branch: '-f' }, /branch: "-f" is not a branch name/],
      [{ indexPath: join(temp.make(), 'index.json') }, /is not inside the work tree/],
      [{ entries: [] }, /no entries to add/],
    ];
    for (const [extra, message] of cases) {
      const error = await rejection(pushIndexUpdate(settings(top, [HELLO], extra), deps().deps));
      expect([extra, error.message]).toEqual([extra, expect.stringMatching(message)]);
    }
    const invalid = await rejection(pushIndexUpdate(settings(top, [{ ...HELLO, version: 'one' }]), deps().deps));
    expect(invalid).toBeInstanceOf(InputError);
    expect(invalid.message).toMatch(/entry hello@one is not a valid Attune index entry .*nothing was changed/);
    expect([remoteHead(remote), status(top), git(top, ['rev-parse', 'HEAD'])]).toEqual([seed, '', seed]);
  });

  it('a failure before the commit (histories ignored by .gitignore): nothing pushed, the files it wrote removed', async () => {
    const { remote } = registry();
    const setup = clone(remote, false);
    writeFileSync(join(setup, '.gitignore'), 'packs/\n');
    git(setup, ['add', '.gitignore']);
    git(setup, ['-c', 'user.name=x', '-c', 'user.email=x@example.com', 'commit', '-q', '-m', 'ignore histories']);
    git(setup, ['push', '-q', 'origin', 'main']);
    const head = remoteHead(remote);
    const top = clone(remote);
    const error = await rejection(pushIndexUpdate(settings(top, [HELLO]), deps().deps));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(new RegExp(`could not stage the index files.*ignored.*Nothing was pushed; the local main is back at origin's ${head}$`, 's'));
    expect([remoteHead(remote), git(top, ['rev-parse', 'HEAD']), status(top)]).toEqual([head, head, '']);
    expect(existsSync(join(top, 'packs'))).toBe(false);
  });

  it('a branch origin does not have: a RemoteError saying nothing was pushed', async () => {
    const { remote, seed } = registry();
    const top = clone(remote);
    const error = await rejection(pushIndexUpdate(settings(top, [HELLO], { branch: 'nowhere' }), deps().deps));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/could not fetch nowhere from origin.*Nothing was pushed$/s);
    expect([remoteHead(remote), status(top)]).toEqual([seed, '']);
  });
});

describe('packreg index-update --push', () => {
  it('pushes an entry file end to end on the current branch; bad flags exit 2', async () => {
    const { remote, seed } = registry();
    const top = clone(remote, false);
    const entry = writeEntryFile(join(temp.make(), 'hello.json'), HELLO);
    const run = await runPackreg(['index-update', '--index', 'index.json', '--entry', entry, '--push', '--author', 'Registry Bot <bot@example.com>', '--json'], top);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('pushed')]);
    const out = JSON.parse(run.stdout) as { changed: boolean; commit: string; attempts: number };
    expect(out).toMatchObject({ changed: true, attempts: 1, commit: remoteHead(remote) });
    expect(git(remote, ['log', '-1', '--format=%P|%an <%ae>|%s', 'main'])).toBe(`${seed}|Registry Bot <bot@example.com>|index: hello 1.2.0`);

    const again = await runPackreg(['index-update', '--index', 'index.json', '--entry', entry, '--push'], top);
    expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/: no change\n= hello 1\.2\.0 \(latest\): .*\nnothing committed or pushed\n$/)]);
    expect(remoteHead(remote)).toBe(out.commit);

    const stray = await runPackreg(['index-update', '--index', 'index.json', '--entry', entry, '--branch', 'main'], top);
    expect([stray.code, stray.stderr]).toEqual([2, expect.stringContaining('--branch only applies with --push')]);
    const author = await runPackreg(['index-update', '--index', 'index.json', '--entry', entry, '--push', '--author', 'nobody'], top);
    expect([author.code, author.stderr]).toEqual([2, expect.stringContaining('--author: "nobody" is not an author')]);
    expect(remoteHead(remote)).toBe(out.commit);
  });

  it('exits 4 when origin rejects every push, nothing pushed', async () => {
    const { remote, seed } = registry();
    rejectAllPushes(remote);
    const top = clone(remote, false);
    const entry = writeEntryFile(join(temp.make(), 'hello.json'), HELLO);
    const run = await runPackreg(['index-update', '--index', 'index.json', '--entry', entry, '--push', '--max-attempts', '1'], top);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/origin rejected it 1 time\(s\) \(last: \[remote rejected\].*Nothing was pushed/);
    expect([remoteHead(remote), git(top, ['rev-list', '--branches']), status(top)]).toEqual([seed, seed, '']);
  });
});
