import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksumOf, cliCommand } from '../helpers/cli.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { cloneRepo, createRepo } from '../helpers/git-repo.js';
import { tempDirs, tempTree, writeTree } from '../helpers/temp.js';

const packreg = cliCommand('checksum');

// Larger than a pipe buffer and than the 1 MiB read chunk: objects after it start mid-chunk.
const BIG = randomBytes(3.5 * (1 << 20));

const V1: Record<string, string | Buffer> = {
  'pack.yaml': 'ref: gitpack\nversion: 1.0.0\n',
  'actions/run.sh': '#!/bin/sh\necho run\n',
  'actions/run.yaml': 'ref: gitpack.run\nentry_point: run.sh\n',
  'data/big.bin': BIG,
  'data/empty.txt': '',
  // Byte order of paths: '-' 0x2d < '.' 0x2e < '/' 0x2f < '0' 0x30.
  'a-b': 'dash',
  'a.b': 'dot',
  'a/b': 'slash',
  a0: 'zero',
  'docs/Zeta.md': 'upper-case first\n',
  'docs/café au lait.md': 'unicode and spaces\n',
  'docs/Ａ wide.md': 'U+FF21\n',
  'docs/😀 emoji.md': 'U+1F600 after U+FF21 in UTF-8 order\n',
  'docs/quote"back\\slash.md': 'names git quotes unless -z\n',
};

describe('--git-ref: the tree tracked at a commit', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  const repo = createRepo(temp);
  const c1 = repo.commit({ ...V1, 'actions/run.sh': { content: V1['actions/run.sh'], executable: true } }, 'v1');
  repo.tag('v1.0.0', c1, 'release 1.0.0');
  repo.tag('light', c1);
  const c2 = repo.commit({ 'pack.yaml': 'ref: gitpack\nversion: 1.1.0\n', 'actions/new.yaml': 'ref: gitpack.new\n' }, 'v2', ['a0']);
  const V2: Record<string, string | Buffer> = { ...V1, 'pack.yaml': 'ref: gitpack\nversion: 1.1.0\n', 'actions/new.yaml': 'ref: gitpack.new\n' };
  delete V2.a0;

  it('hashes the committed files in UTF-8 path order (unicode, spaces, a-b/a.b/a/b/a0, a 3.5 MiB blob)', async () => {
    expect(await checksumOf([repo.dir, '--git-ref', 'HEAD'])).toBe(framedChecksum(V2));
    expect(await checksumOf([repo.dir, '--git-ref', c1])).toBe(framedChecksum(V1));
  });

  it('equals the directory checksum of a fresh clone checked out at that commit', async () => {
    expect(await checksumOf([cloneRepo(temp, repo.dir)])).toBe(await checksumOf([repo.dir, '--git-ref', 'HEAD']));
    expect(await checksumOf([cloneRepo(temp, repo.dir, c1)])).toBe(await checksumOf([repo.dir, '--git-ref', c1]));
  });

  it('ignores untracked node_modules/ and .venv/ (even with a symlink), modified, staged and deleted files', async () => {
    const work = createRepo(temp);
    work.commit(V1);
    const expected = framedChecksum(V1);
    writeTree(work.dir, {
      'node_modules/left-pad/index.js': 'module.exports = 1;\n',
      'node_modules/.bin/left-pad': { symlink: '../left-pad/index.js' },
      '.venv/bin/python': { symlink: '/usr/bin/python3' },
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
      'pack.yaml': 'ref: gitpack\nversion: 9.9.9-dirty\n',
      'staged.txt': 'added but not committed\n',
    });
    work.git('add', 'staged.txt');
    rmSync(join(work.dir, 'docs/Zeta.md'));
    chmodSync(join(work.dir, 'a-b'), 0o755);
    expect(await checksumOf([work.dir, '--git-ref', 'HEAD'])).toBe(expected);
    // The files on disk would not even hash: the symlinks are refused.
    const onDisk = await packreg([work.dir]);
    expect(onDisk.code).toBe(3);
    expect(onDisk.stderr).toContain(join(work.dir, '.venv/bin/python'));
  });

  it('the executable bit of a tracked file changes nothing', async () => {
    const modes = createRepo(temp);
    const executable = modes.commit({ 'pack.yaml': 'ref: m\n', 'run.sh': { content: 'echo\n', executable: true } });
    chmodSync(join(modes.dir, 'run.sh'), 0o644);
    const plain = modes.commit({});
    expect(modes.git('ls-tree', executable, 'run.sh')).toMatch(/^100755 /);
    expect(modes.git('ls-tree', plain, 'run.sh')).toMatch(/^100644 /);
    expect(await checksumOf([modes.dir, '--git-ref', executable])).toBe(await checksumOf([modes.dir, '--git-ref', plain]));
  });

  describe('resolving the revision', () => {
    it.each([
      ['an annotated tag', 'v1.0.0'],
      ['a lightweight tag', 'light'],
      ['a short SHA', c1.slice(0, 7)],
      ['a full SHA', c1],
      ['a relative revision', 'main~1'],
    ])('%s resolves to the commit; --json carries the full 40-character id', async (_what, rev) => {
      const result = await packreg([repo.dir, '--git-ref', rev, '--json']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const parsed = JSON.parse(result.stdout) as { commit: string; checksum: string; kind: string };
      expect(parsed.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(parsed).toMatchObject({ kind: 'git', commit: c1, checksum: framedChecksum(V1), files: Object.keys(V1).length });
    });

    it('a branch name resolves to its tip', async () => {
      expect(JSON.parse((await packreg([repo.dir, '--git-ref', 'main', '--json'])).stdout)).toMatchObject({ commit: c2, checksum: framedChecksum(V2) });
    });

    it.each([
      ['a nonexistent ref', 'no-such-tag', /--git-ref "no-such-tag" names no commit in the repository at /],
      ['a tree id (not a commit)', () => repo.git('rev-parse', `${c1}^{tree}`), /names no commit/],
      ['an option-like value', '--output=/tmp/x', /--git-ref "--output=\/tmp\/x" is not a revision/],
      ['an empty value', '', /--git-ref "" is not a revision/],
    ])('%s exits 3', async (_what, rev, message) => {
      const value = typeof rev === 'function' ? rev() : rev;
      const result = await packreg([repo.dir, `--git-ref=${value}`]);
      expect(result).toMatchObject({ code: 3, stdout: '' });
      expect(result.stderr).toMatch(message);
    });

    it('outside a git work tree exits 3', async () => {
      const plain = tempTree(temp, { 'pack.yaml': 'ref: plain\n' });
      const result = await packreg([plain, '--git-ref', 'HEAD']);
      expect(result).toMatchObject({ code: 3, stdout: '' });
      expect(result.stderr).toContain(`--git-ref HEAD: ${plain} is not inside a git work tree`);
    });
  });

  describe('what a pack tree at a commit may not be', () => {
    it('a tracked symlink exits 3, naming it and the commit', async () => {
      const links = createRepo(temp);
      const commit = links.commit({ 'pack.yaml': 'ref: l\n', 'docs/README.md': { symlink: '../pack.yaml' } });
      const result = await packreg([links.dir, '--git-ref', 'HEAD']);
      expect(result).toMatchObject({ code: 3, stdout: '' });
      expect(result.stderr).toContain(`docs/README.md is a symbolic link tracked at commit ${commit}`);
    });

    it('a directory with no tracked files at the commit exits 3 instead of hashing an empty tree', async () => {
      const untracked = join(repo.dir, 'untracked-pack');
      mkdirSync(untracked);
      writeFileSync(join(untracked, 'pack.yaml'), 'ref: untracked\n');
      try {
        const result = await packreg([untracked, '--git-ref', 'HEAD']);
        expect(result).toMatchObject({ code: 3, stdout: '' });
        expect(result.stderr).toMatch(/untracked-pack/);
        expect(result.stderr).toMatch(/no tracked files/);
      } finally {
        rmSync(untracked, { recursive: true });
      }
    });

    it('a pack directory that did not exist yet at an older commit exits 3', async () => {
      const grow = createRepo(temp);
      const before = grow.commit({ 'README.md': 'top\n', pack: 'a file named pack, before the directory\n' });
      grow.commit({ 'pack/pack.yaml': 'ref: later\n' }, 'add pack dir', ['pack']);
      expect(await checksumOf([join(grow.dir, 'pack'), '--git-ref', 'HEAD'])).toBe(framedChecksum({ 'pack.yaml': 'ref: later\n' }));
      const result = await packreg([join(grow.dir, 'pack'), '--git-ref', before]);
      expect(result).toMatchObject({ code: 3, stdout: '' });
      expect(result.stderr).toMatch(/no tracked files/);
    });

    it('a submodule is left out, as from a clone (which checks it out empty), with a warning', async () => {
      const sub = createRepo(temp);
      sub.commit({ 'pack.yaml': 'ref: s\n' });
      const oid = sub.git('rev-parse', 'HEAD');
      const withSub = createRepo(temp);
      withSub.commit({ 'pack.yaml': 'ref: outer\n' });
      withSub.git('update-index', '--add', '--cacheinfo', `160000,${oid},vendor/sub`);
      withSub.git('commit', '-q', '-m', 'gitlink');
      const result = await packreg([withSub.dir, '--git-ref', 'HEAD']);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(framedChecksum({ 'pack.yaml': 'ref: outer\n' }));
      expect(result.stderr).toMatch(/warning: vendor\/sub is a git submodule/);
    });
  });

  // BUG (not fixed): packreg hashes the raw blobs, but a clone applies the commit's
  // .gitattributes on checkout (eol=crlf here, also `ident`, filters), so an installer
  // hashing its clone gets a different checksum. Drop `.failing` once this is fixed.
  it.failing('equals a clone even when .gitattributes converts line endings on checkout', async () => {
    const eol = createRepo(temp);
    eol.commit({ '.gitattributes': '*.txt text eol=crlf\n', 'pack.yaml': 'ref: eol\n', 'notes.txt': 'line one\nline two\n' });
    expect(await checksumOf([cloneRepo(temp, eol.dir)])).toBe(await checksumOf([eol.dir, '--git-ref', 'HEAD']));
  });
});
