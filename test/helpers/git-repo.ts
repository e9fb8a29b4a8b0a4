import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import type { TempDirs, TreeSpec } from './temp.js';
import { writeTree } from './temp.js';

/**
 * Environment for the git the tests run themselves: no system or global config (so a
 * developer's settings cannot change what the fixtures contain), fixed identity.
 */
export const GIT_TEST_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: devNull,
  GIT_AUTHOR_NAME: 'Packreg Test',
  GIT_AUTHOR_EMAIL: 'test@packreg.invalid',
  GIT_COMMITTER_NAME: 'Packreg Test',
  GIT_COMMITTER_EMAIL: 'test@packreg.invalid',
  GIT_TERMINAL_PROMPT: '0',
};

/** Run git with an argument array; returns standard output as bytes. Throws on a non-zero exit. */
export function gitBytes(cwd: string, args: readonly string[], input?: string | Buffer): Buffer {
  return execFileSync('git', [...args], { cwd, env: GIT_TEST_ENV, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
}

/** Run git with an argument array; returns standard output as text, trailing newline removed. */
export function git(cwd: string, args: readonly string[], input?: string | Buffer): string {
  return gitBytes(cwd, args, input).toString('utf8').replace(/\n$/, '');
}

/** A git repository in a temporary directory. */
export interface TestRepo {
  /** The work tree's top directory. */
  readonly dir: string;
  /** Run git in the work tree; returns trimmed standard output. */
  git(...args: string[]): string;
  /**
   * Write `files` into the work tree, remove `remove` (paths relative to the top), stage
   * everything (`git add -A`) and commit. Returns the new commit's full id.
   */
  commit(files: TreeSpec, message?: string, remove?: readonly string[]): string;
  /** Full commit id of `rev`. */
  revParse(rev: string): string;
  /** Create a tag at `rev` (annotated when `message` is given). */
  tag(name: string, rev?: string, message?: string): void;
}

/** `git init` a fresh repository (branch main, local identity) in a directory made by `temp`. */
export function createRepo(temp: TempDirs): TestRepo {
  const dir = temp.make('packreg-repo-');
  git(dir, ['init', '-q', '-b', 'main']);
  // Repository-local settings only; the global config is never touched.
  git(dir, ['config', 'user.name', 'Packreg Test']);
  git(dir, ['config', 'user.email', 'test@packreg.invalid']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'tag.gpgsign', 'false']);
  git(dir, ['config', 'core.autocrlf', 'false']);
  let count = 0;
  const repo: TestRepo = {
    dir,
    git: (...args) => git(dir, args),
    commit(files, message, remove = []) {
      for (const path of remove) rmSync(join(dir, path), { recursive: true, force: true });
      writeTree(dir, files);
      git(dir, ['add', '-A']);
      count += 1;
      git(dir, ['commit', '-q', '--allow-empty', '--no-verify', '-m', message ?? `commit ${count}`]);
      return repo.revParse('HEAD');
    },
    revParse: (rev) => git(dir, ['rev-parse', '--verify', `${rev}^{commit}`]),
    tag(name, rev = 'HEAD', message) {
      git(dir, message === undefined ? ['tag', name, rev] : ['tag', '-a', '-m', message, name, rev]);
    },
  };
  return repo;
}

/** `git clone` `source` into a new directory made by `temp` and check out `rev` (default: the clone's HEAD). */
export function cloneRepo(temp: TempDirs, source: string, rev?: string): string {
  const dir = join(temp.make('packreg-clone-'), 'clone');
  git(source, ['clone', '-q', '--no-local', source, dir]);
  if (rev !== undefined) git(dir, ['checkout', '-q', '--detach', rev]);
  return dir;
}
