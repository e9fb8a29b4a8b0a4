import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { GitCli } from '../../src/core/git/git-cli.js';
import { changedPacks } from '../../src/core/install/changed-packs.js';
import type { ChangeRange } from '../../src/core/install/changed-packs.js';
import { verifyPacks } from '../../src/core/install/verify-packs.js';
import type { VerifySettings } from '../../src/core/install/verify-packs.js';
import { nodeHttpClient } from '../../src/core/http/node-http-client.js';
import { DEFAULT_REGISTRY_CONFIG } from '../../src/core/registry/config.js';
import { MemoryLogger, silentLogger } from '../../src/core/logger.js';
import { nodeCommandRunner } from '../../src/core/process/command.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { createRepo, git as runGit } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { entries, passingTests, writeInstallPack } from './install-fixtures.js';

/**
 * changedPacks against real git repositories (what a pull request changes, as
 * `git diff base...head` sees it), and verifyPacks over the packs it finds or the specs given.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());
const git = new GitCli(nodeProcessRunner);

/** A pack's files (pack.yaml, an action, a script test) as a tree for `repo.commit`. */
function packFiles(ref: string, test = passingTests()): Record<string, string | { content: string; executable: boolean }> {
  const dir = temp.make('packreg-packfiles-');
  writeInstallPack(dir, { ref, testScript: test });
  return {
    'pack.yaml': readText(join(dir, 'pack.yaml')),
    'actions/greet.yaml': readText(join(dir, 'actions/greet.yaml')),
    'actions/greet.sh': { content: readText(join(dir, 'actions/greet.sh')), executable: true },
    'tests/run_tests.sh': { content: readText(join(dir, 'tests/run_tests.sh')), executable: true },
  };
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Prefix every path of a tree with `folder/`. */
function under(folder: string, tree: Record<string, string | { content: string; executable: boolean }>) {
  return Object.fromEntries(Object.entries(tree).map(([path, entry]) => [`${folder}/${path}`, entry]));
}

/** main: packs/a, packs/b, packs/c and a README; returns the repo on main with its first commit. */
function monorepo(): { repo: TestRepo; base: string } {
  const repo = createRepo(temp);
  const base = repo.commit({ ...under('packs/a', packFiles('a')), ...under('packs/b', packFiles('b')), ...under('packs/c', packFiles('c')), 'README.md': '# packs\n' }, 'three packs');
  return { repo, base };
}

function range(workspace: string, base: string, head?: string): ChangeRange {
  return { workspace, base, head, baseName: 'input base-ref' };
}

const paths = async (r: ChangeRange) => (await changedPacks(r, git)).map((p) => p.path);

describe('changedPacks in a monorepo', () => {
  it('lists each pack with a changed file once, sorted, and ignores files outside packs', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    // b first in the commit, a second: the order of the diff is not the order of the result
    repo.commit({ 'packs/b/pack.yaml': `${repo.git('show', 'HEAD:packs/b/pack.yaml')}\nkeywords: [b]\n`, 'README.md': '# packs, changed\n' }, 'b and readme');
    repo.commit({ 'packs/a/actions/greet.sh': { content: '#!/bin/sh\necho hi\n', executable: true }, 'packs/a/actions/new.sh': 'echo new\n' }, 'a');
    expect(await changedPacks(range(repo.dir, base), git)).toEqual([{ path: 'packs/a' }, { path: 'packs/b' }]);
  });

  it('sorts pack folders by name, not in the order git lists their files', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    // git lists packs/a-b/... before packs/a/... ('-' sorts before '/')
    repo.commit({ ...under('packs/a-b', packFiles('a_b')), 'packs/a/README.md': 'a\n' });
    expect(repo.git('diff', '--name-only', `${base}...HEAD`).split('\n')[0]).toMatch(/^packs\/a-b\//);
    expect(await paths(range(repo.dir, base))).toEqual(['packs/a', 'packs/a-b']);
  });

  it('does not look above the repository for a pack.yaml', async () => {
    const outer = temp.make('packreg-outer-');
    writeInstallPack(outer, { ref: 'outer' });
    const dir = join(outer, 'repo');
    mkdirSync(dir);
    const g = (...args: string[]) => runGit(dir, args);
    g('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README.md'), 'x\n');
    g('add', '-A');
    g('commit', '-q', '-m', 'one');
    const base = g('rev-parse', 'HEAD');
    writeFileSync(join(dir, 'README.md'), 'y\n');
    g('commit', '-q', '-am', 'two');
    expect(await paths(range(dir, base))).toEqual([]);
  });

  it('takes the base as a branch name or as a commit id, and the same head as HEAD or a branch', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'packs/c/tests/run_tests.sh': { content: `#!/bin/sh\n${passingTests(3)}\n`, executable: true } });
    expect(await paths(range(repo.dir, 'main'))).toEqual(['packs/c']);
    expect(await paths(range(repo.dir, base))).toEqual(['packs/c']);
    expect(await paths(range(repo.dir, base.slice(0, 12)))).toEqual(['packs/c']);
    // checked out on main again, with feature as the head
    repo.git('checkout', '-q', 'main');
    expect(await paths(range(repo.dir, 'main', 'feature'))).toEqual(['packs/c']);
    expect(await paths(range(repo.dir, 'main'))).toEqual([]);
  });

  it('compares with where the branch forked: later commits on the base are not the pull request', async () => {
    const { repo } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'packs/a/README.md': 'a\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit({ 'packs/c/README.md': 'c moved on in main\n' });
    repo.git('checkout', '-q', 'feature');
    expect(await paths(range(repo.dir, 'main'))).toEqual(['packs/a']);
  });

  it('does not list a deleted pack, and lists a renamed pack under its new folder only', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({}, 'delete c', ['packs/c']);
    repo.git('mv', 'packs/b', 'packs/bee');
    repo.git('commit', '-q', '-m', 'rename b');
    expect(existsSync(join(repo.dir, 'packs/c'))).toBe(false);
    expect(await paths(range(repo.dir, base))).toEqual(['packs/bee']);
  });

  it('finds the nearest pack.yaml or pack.yml above a deep change, and a pack at the repository root as "."', async () => {
    const repo = createRepo(temp);
    const base = repo.commit({ ...packFiles('root'), 'nested/x/y/data.txt': 'x\n', ...under('yml', packFiles('yml')) });
    repo.git('mv', 'yml/pack.yaml', 'yml/pack.yml');
    repo.git('commit', '-q', '-m', 'pack.yml');
    const renamed = repo.revParse('HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'nested/x/y/data.txt': 'changed\n', 'yml/actions/greet.sh': { content: '#!/bin/sh\necho yml\n', executable: true } });
    expect(await paths(range(repo.dir, renamed))).toEqual(['.', 'yml']);
    // the first range also renamed yml/pack.yaml → yml/pack.yml: still one pack, yml
    expect(await paths(range(repo.dir, base))).toEqual(['.', 'yml']);
  });

  it('lists only the packs inside a workspace that is a folder of the repository, relative to it', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ ...under('other/d', packFiles('d')), 'packs/a/README.md': 'a\n', 'packs/c/README.md': 'c\n' });
    expect(await paths(range(repo.dir, base))).toEqual(['other/d', 'packs/a', 'packs/c']);
    expect(await paths(range(join(repo.dir, 'packs'), base))).toEqual(['a', 'c']);
    expect(await paths(range(join(repo.dir, 'packs', 'a'), base))).toEqual(['.']);
    expect(await paths(range(join(repo.dir, 'other'), base))).toEqual(['d']);
  });

  it('finds the packs when the workspace path goes through a symbolic link (git reports the real path)', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'packs/b/README.md': 'b\n' });
    const link = join(temp.make('packreg-link-'), 'checkout');
    symlinkSync(repo.dir, link);
    expect(await paths(range(link, base))).toEqual(['packs/b']);
    expect(await paths(range(join(link, 'packs'), base))).toEqual(['b']);
  });

  it('refuses a base that names no commit with an InputError that points at fetch-depth: 0', async () => {
    const { repo } = monorepo();
    for (const base of ['origin/main', '0123456789abcdef0123456789abcdef01234567']) {
      const error = await changedPacks(range(repo.dir, base), git).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toContain(`input base-ref "${base}" names no commit`);
      expect((error as Error).message).toContain('fetch-depth: 0');
    }
  });

  it('refuses the base of a shallow clone that lacks it, as actions/checkout leaves it by default', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'packs/a/README.md': 'a\n' });
    const clone = join(temp.make('packreg-shallow-'), 'clone');
    runGit(repo.dir, ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, clone]);
    const error = await changedPacks(range(clone, base), git).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`input base-ref "${base}" names no commit in ${clone}`);
    expect((error as Error).message).toContain('fetch-depth: 0');
    // with the base fetched, the same checkout works
    runGit(clone, ['fetch', '-q', '--depth', '2', 'origin', 'feature']);
    expect(await paths(range(clone, base))).toEqual(['packs/a']);
  });

  it('refuses a folder that is not a git work tree with an InputError', async () => {
    const dir = temp.make('packreg-nogit-');
    writeInstallPack(join(dir, 'a'), { ref: 'a' });
    const error = await changedPacks(range(dir, 'main'), git).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`${dir} is not a git work tree`);
  });
});

describe('verifyPacks', () => {
  /** Settings for a dry run from `cwd`, with a private temp folder and a packs folder that must stay empty. */
  function settings(cwd: string, extra: Partial<VerifySettings>): VerifySettings & { packsDir: string } {
    const scratch = temp.make('packreg-verify-scratch-');
    const tmp = join(scratch, 'tmp');
    const packsDir = join(scratch, 'packs');
    mkdirSync(tmp);
    return {
      packsDir,
      specs: [],
      listOnly: false,
      ...extra,
      install: {
        noRegistry: true,
        allowUnverified: false,
        client: { config: DEFAULT_REGISTRY_CONFIG, ca: undefined, cacheDir: undefined },
        cwd,
        packsDir,
        force: false,
        skipDeps: false,
        withDeps: false,
        skipTests: false,
        dryRun: true,
        callerEnv: { PATH: process.env.PATH },
        tempDir: tmp,
      },
    };
  }
  const deps = (logger = silentLogger) => ({ logger, git, http: nodeHttpClient(logger), runner: nodeCommandRunner });

  it('verifies every changed pack, keeps going after a failing one and maps the failure to the exit code', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    const marker = join(temp.make('packreg-marker-'), 'c-ran');
    repo.commit({
      'packs/a/tests/run_tests.sh': { content: '#!/bin/sh\necho "Total Tests: 2"\necho "Passed: 1"\necho "Failed: 1"\necho "Skipped: 0"\nexit 1\n', executable: true },
      'packs/c/tests/run_tests.sh': { content: `#!/bin/sh\ntouch ${marker}\n${passingTests()}\n`, executable: true },
    });
    const s = settings(repo.dir, { changed: range(repo.dir, base) });
    const result = await verifyPacks(s, deps());
    expect(result.matrix).toEqual({ include: [{ pack: 'a', path: 'packs/a' }, { pack: 'c', path: 'packs/c' }] });
    expect(result.paths).toEqual(['packs/a', 'packs/c']);
    expect(result.packs.map((p) => [p.spec, p.ref, p.passed])).toEqual([
      ['packs/a', 'a', false],
      ['packs/c', 'c', true],
    ]);
    expect(result.packs[0].steps.map((st) => `${st.name}:${st.status}`)).toContain('tests:failed');
    expect(result.passed).toBe(false);
    expect(result.exitCode).toBe(result.packs[0].exitCode);
    expect(result.exitCode).not.toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(entries(s.packsDir)).toEqual([]);
    expect(entries(s.install.tempDir)).toEqual([]);
  });

  it('lists without installing: the matrix only, and no test runs', async () => {
    const { repo, base } = monorepo();
    repo.git('checkout', '-q', '-b', 'feature');
    const marker = join(temp.make('packreg-marker-'), 'b-ran');
    repo.commit({ 'packs/b/tests/run_tests.sh': { content: `#!/bin/sh\ntouch ${marker}\n${passingTests()}\n`, executable: true } });
    const result = await verifyPacks(settings(repo.dir, { changed: range(repo.dir, base), listOnly: true }), deps());
    expect(result).toEqual({ passed: true, exitCode: 0, matrix: { include: [{ pack: 'b', path: 'packs/b' }] }, packs: [], paths: ['packs/b'] });
    expect(existsSync(marker)).toBe(false);
  });

  it('says so when nothing changed, and passes', async () => {
    const { repo, base } = monorepo();
    const logger = new MemoryLogger();
    const result = await verifyPacks(settings(repo.dir, { changed: range(repo.dir, base) }), deps(logger));
    expect(result).toMatchObject({ passed: true, exitCode: 0, matrix: { include: [] }, packs: [] });
    expect(logger.at('info')).toContain(`no pack changed since ${base}`);
  });

  it('verifies the given specs in order; a matrix entry falls back to the spec when there is no readable pack.yaml', async () => {
    const { repo } = monorepo();
    writeInstallPack(join(repo.dir, 'broken'), { ref: 'broken', testScript: passingTests() });
    mkdirSync(join(repo.dir, 'empty'));
    writeFileSync(join(repo.dir, 'broken', 'pack.yaml'), 'ref: [unclosed\n');
    const result = await verifyPacks(settings(repo.dir, { specs: ['packs/b', 'broken', 'packs/a'] }), deps());
    expect(result.matrix.include).toEqual([
      { pack: 'b', path: 'packs/b' },
      { pack: 'broken', path: 'broken' },
      { pack: 'a', path: 'packs/a' },
    ]);
    expect(result.packs.map((p) => [p.spec, p.passed])).toEqual([
      ['packs/b', true],
      ['broken', false],
      ['packs/a', true],
    ]);
    expect(result.passed).toBe(false);
  });
});
