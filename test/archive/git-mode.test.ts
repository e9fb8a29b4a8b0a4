import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveJson } from '../helpers/archive-read.js';
import { archive, extractTar, extractZip, git, packreg, packYaml, readTree, TempDirs, writeTree } from '../helpers/archive-read.js';

const PACKIGNORE = ['# gitignore syntax', 'build/', '*.log', '!keep.log', 'node_modules/', 'vendor/', ''].join('\n');

/** Files of the pack at the first commit. */
const COMMIT_1 = {
  'pack.yaml': packYaml('demo', '1.0.0'),
  'a.txt': 'a at commit 1\n',
  'run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o755 },
  '.packignore': PACKIGNORE,
  'build/out.txt': 'build output\n',
  'debug.log': 'log\n',
  'keep.log': 'kept by a negation\n',
  'docs/guide.md': 'excluded with --exclude\n',
  'notes/x.txt': 'notes\n',
};

/** What a user would expect in the HEAD archive (commit 2, excludes applied). */
const HEAD_FILES = {
  '.packignore': PACKIGNORE,
  'a.txt': 'a at commit 2\n',
  'b.txt': 'new at commit 2\n',
  'keep.log': 'kept by a negation\n',
  'notes/x.txt': 'notes\n',
  'pack.yaml': packYaml('demo', '1.1.0'),
  'run.sh': '#!/bin/sh\necho run\n',
};

/** Extract a built archive and read its tree below the top directory. */
function extracted(temp: TempDirs, result: ArchiveJson): Record<string, string> {
  const into = temp.make();
  if (result.format === 'zip') extractZip(result.path, into);
  else extractTar(result.path, into);
  return Object.fromEntries([...readTree(join(into, result.topDirectory))].map(([path, content]) => [path, content.toString('utf8')]));
}

describe('archive in a git work tree', () => {
  const temp = new TempDirs();
  let repo: string;
  let pack: string;
  let commit1: string;
  let commit2: string;

  beforeAll(() => {
    repo = temp.make();
    pack = join(repo, 'packs', 'demo');
    git(repo, 'init', '-q');
    writeTree(repo, { 'outside.txt': 'not part of the pack\n' });
    writeTree(pack, COMMIT_1);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    commit1 = git(repo, 'rev-parse', 'HEAD');
    writeTree(pack, { 'pack.yaml': packYaml('demo', '1.1.0'), 'a.txt': 'a at commit 2\n', 'b.txt': 'new at commit 2\n' });
    // A tracked symlink, left out by .packignore (vendor/), must not fail the build.
    mkdirSync(join(pack, 'vendor'));
    symlinkSync('../a.txt', join(pack, 'vendor', 'link'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'two');
    commit2 = git(repo, 'rev-parse', 'HEAD');
    // The work tree then drifts from HEAD: a modified file, an untracked one, a node_modules with a symlink.
    writeFileSync(join(pack, 'a.txt'), 'a modified, not committed\n');
    writeTree(pack, { 'untracked.txt': 'never committed\n', 'node_modules/tool/cli.js': 'console.log(1)\n' });
    mkdirSync(join(pack, 'node_modules', '.bin'));
    symlinkSync('../tool/cli.js', join(pack, 'node_modules', '.bin', 'tool'));
  });
  afterAll(() => temp.removeAll());

  it('archives the files tracked at HEAD, warns about modified and untracked files, applies .packignore and --exclude', async () => {
    const result = await archive([pack, '--exclude', 'docs/'], { cwd: temp.make() });
    expect(result).toMatchObject({ source: 'git', commit: commit2, topDirectory: 'demo-1.1.0', version: '1.1.0', files: Object.keys(HEAD_FILES).length });
    expect(extracted(temp, result)).toEqual(HEAD_FILES);
    expect(result.stderr).toMatch(/warning: uncommitted or untracked files are not included/);
    expect(result.stderr).toContain('a.txt');
    expect(result.stderr).toContain('untracked.txt');
  });

  it('keeps the executable bit recorded in git', async () => {
    const result = await archive([pack, '--exclude', 'docs/'], { cwd: temp.make() });
    const into = temp.make();
    extractTar(result.path, into);
    expect(lstatSync(join(into, 'demo-1.1.0', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(into, 'demo-1.1.0', 'a.txt')).mode & 0o777).toBe(0o644);
  });

  it('builds the same tree as zip', async () => {
    const result = await archive([pack, '--exclude', 'docs/', '--format', 'zip'], { cwd: temp.make() });
    expect(extracted(temp, result)).toEqual(HEAD_FILES);
  });

  it('--git-ref archives an older commit, named with that commit\'s pack.yaml version', async () => {
    const result = await archive([pack, '--git-ref', commit1], { cwd: temp.make() });
    expect(result).toMatchObject({ source: 'git', commit: commit1, topDirectory: 'demo-1.0.0', version: '1.0.0' });
    expect(result.path.endsWith('/demo-1.0.0.tar.gz')).toBe(true);
    expect(extracted(temp, result)).toEqual({
      '.packignore': PACKIGNORE,
      'a.txt': 'a at commit 1\n',
      'docs/guide.md': 'excluded with --exclude\n',
      'keep.log': 'kept by a negation\n',
      'notes/x.txt': 'notes\n',
      'pack.yaml': packYaml('demo', '1.0.0'),
      'run.sh': '#!/bin/sh\necho run\n',
    });
  });

  it('--git-ref accepts a relative revision too', async () => {
    const result = await archive([pack, '--git-ref', 'HEAD~1', '--exclude', '*.md'], { cwd: temp.make() });
    expect(result).toMatchObject({ commit: commit1, topDirectory: 'demo-1.0.0' });
    expect(Object.keys(extracted(temp, result))).not.toContain('docs/guide.md');
  });

  it('--no-git archives the files on disk, with the same excludes, past the excluded symlinks', async () => {
    const result = await archive([pack, '--no-git', '--exclude', 'docs/'], { cwd: temp.make() });
    expect(result).toMatchObject({ source: 'directory', topDirectory: 'demo-1.1.0' });
    expect(result.commit).toBeUndefined();
    expect(extracted(temp, result)).toEqual({ ...HEAD_FILES, 'a.txt': 'a modified, not committed\n', 'untracked.txt': 'never committed\n' });
    expect(result.stderr).not.toContain('uncommitted');
  });

  it('an unknown --git-ref is an input error that leaves nothing behind', async () => {
    const out = temp.make();
    const result = await packreg(['archive', pack, '--git-ref', 'no-such-branch'], { cwd: out });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no-such-branch');
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(readTree(out).size).toBe(0);
  });
});

describe('archive in a git repository without any commit', () => {
  const temp = new TempDirs();
  afterAll(() => temp.removeAll());

  it('says there is no commit yet (not that a --git-ref was wrong), and --no-git archives the files on disk', async () => {
    const repo = temp.make();
    git(repo, 'init', '-q');
    writeTree(repo, { 'pack.yaml': packYaml('demo', '0.1.0'), 'a.txt': 'a\n' });
    const out = temp.make();
    const result = await packreg(['archive', repo], { cwd: out });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no commit/);
    expect(result.stderr).toContain('--no-git');
    expect(result.stderr).not.toContain('--git-ref');
    expect(readTree(out).size).toBe(0);
    const onDisk = await archive([repo, '--no-git'], { cwd: out });
    expect(onDisk).toMatchObject({ source: 'directory', files: 2, topDirectory: 'demo-0.1.0' });
  });
});

describe('archive of a plain directory with .packignore', () => {
  const temp = new TempDirs();
  afterAll(() => temp.removeAll());

  function packWithNodeModules(packignore: string): string {
    const pack = temp.make();
    writeTree(pack, { 'pack.yaml': packYaml('demo', '2.0.0'), 'index.js': 'x\n', '.packignore': packignore, 'node_modules/tool/cli.js': 'y\n', 'tmp-1.log': '', 'sub/tmp-2.log': '', 'sub/keep.log': 'k\n' });
    mkdirSync(join(pack, 'node_modules', '.bin'));
    symlinkSync('../tool/cli.js', join(pack, 'node_modules', '.bin', 'tool'));
    // A symlink that a file pattern (*.log) leaves out, outside any excluded directory.
    symlinkSync('index.js', join(pack, 'latest.log'));
    return pack;
  }

  it('is not stopped by a symlink inside an excluded directory (node_modules/.bin) or matching an excluded pattern', async () => {
    const pack = packWithNodeModules('node_modules/\n*.log\n!keep.log\n');
    const result = await archive([pack], { cwd: temp.make() });
    expect(result.source).toBe('directory');
    expect(Object.keys(extracted(temp, result)).sort()).toEqual(['.packignore', 'index.js', 'pack.yaml', 'sub/keep.log']);
  });

  it('control: the same pack without that exclusion is refused because of the symlink', async () => {
    const pack = packWithNodeModules('*.log\n');
    const out = temp.make();
    const result = await packreg(['archive', pack], { cwd: out });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/node_modules\/\.bin\/tool is a symbolic link/);
    expect(readTree(out).size).toBe(0);
  });

  it('--exclude alone also leaves the directory out', async () => {
    const pack = packWithNodeModules('');
    const result = await archive([pack, '--exclude', 'node_modules', '--exclude', '**/*.log'], { cwd: temp.make() });
    expect(Object.keys(extracted(temp, result)).sort()).toEqual(['.packignore', 'index.js', 'pack.yaml']);
  });
});
