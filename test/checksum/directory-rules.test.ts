import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { cliCommand } from '../helpers/cli.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { git } from '../helpers/git-repo.js';
import { tempDirs, tempTree, writeTree } from '../helpers/temp.js';
import type { TreeSpec } from '../helpers/temp.js';

/** `packreg checksum <args...>` in `/`. The oracle for these trees is the README's definition, framedChecksum. */
const packreg = cliCommand('checksum');

const PACK: Record<string, string | Buffer> = {
  'pack.yaml': 'ref: rules\nversion: 1.0.0\n',
  'actions/run.sh': '#!/bin/sh\necho run\n',
  'actions/run.yaml': 'ref: rules.run\nentry_point: run.sh\n',
  '.github/workflows/ci.yml': 'on: push\n',
  '.gitattributes': '*.sh text eol=lf\n',
  '.gitignore': 'node_modules/\n',
  // Byte order: '-' 0x2d < '.' 0x2e < '/' 0x2f < '0' 0x30.
  'a-b': '1',
  'a.b': '2',
  'a/b': '3',
  a0: '4',
  'dir with space/naïve file.txt': 'unicode and spaces\n',
  'bin/blob': Buffer.from([0, 255, 1, 254, 10, 13]),
};
const EXPECTED = framedChecksum(PACK);

describe('directory checksum rules', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  const pack = (extra: TreeSpec = {}) => tempTree(temp, { ...PACK, ...extra });

  it('hashes the regular files in UTF-8 byte order of their paths (a-b, a.b, a/b, a0)', async () => {
    expect(await packreg([pack()])).toEqual({ code: 0, stdout: `${EXPECTED}\n`, stderr: '' });
    // Dotfiles other than .git (.github/, .gitattributes, .gitignore) are part of the pack.
    const withoutGithub = Object.fromEntries(Object.entries(PACK).filter(([path]) => !path.startsWith('.github/')));
    expect(framedChecksum(withoutGithub)).not.toBe(EXPECTED);
  });

  it('leaves out .git/, whatever it holds (even a symlink)', async () => {
    const dir = pack();
    git(dir, ['init', '-q']);
    writeTree(dir, { '.git/extra/file': 'x', '.git/link': { symlink: '/etc/passwd' } });
    expect(await packreg([dir])).toEqual({ code: 0, stdout: `${EXPECTED}\n`, stderr: '' });
  });

  it('a .git file (a worktree or submodule pointer) is left out too', async () => {
    expect((await packreg([pack({ '.git': 'gitdir: /elsewhere\n' })])).stdout).toBe(`${EXPECTED}\n`);
  });

  it('empty directories change nothing', async () => {
    const dir = pack();
    for (const empty of ['empty', 'deep/er/still', 'actions/nested']) mkdirSync(join(dir, empty), { recursive: true });
    expect((await packreg([dir])).stdout).toBe(`${EXPECTED}\n`);
  });

  it('the executable bit changes nothing', async () => {
    const dir = pack({ 'actions/run.sh': { content: PACK['actions/run.sh'], executable: true } });
    chmodSync(join(dir, 'pack.yaml'), 0o700);
    expect((await packreg([dir])).stdout).toBe(`${EXPECTED}\n`);
  });

  it('a changed byte, a renamed file or an added empty file changes it', async () => {
    expect((await packreg([pack({ 'a.b': '9' })])).stdout).not.toBe(`${EXPECTED}\n`);
    const renamed = pack();
    renameSync(join(renamed, 'a0'), join(renamed, 'a1'));
    const { a0, ...rest } = PACK;
    expect((await packreg([renamed])).stdout).toBe(`${framedChecksum({ ...rest, a1: a0 })}\n`);
    expect((await packreg([pack({ 'a.c': '' })])).stdout).toBe(`${framedChecksum({ ...PACK, 'a.c': '' })}\n`);
  });

  describe('refuses anything but regular files and directories (exit 3, naming the path)', () => {
    const refused = async (dir: string, path: string, kind: RegExp) => {
      const result = await packreg([dir]);
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(join(dir, path));
      expect(result.stderr).toMatch(kind);
    };

    it.each([
      ['a symlink to a file at the root', 'LICENSE', 'pack.yaml'],
      ['a nested symlink', 'actions/lib/helper.sh', '../run.sh'],
      ['a dangling symlink', 'docs/missing.md', 'nowhere.md'],
      ['a symlink to a directory', 'shared', '/tmp'],
      ['a symlink inside node_modules', 'node_modules/.bin/tool', '../tool/cli.js'],
    ])('%s', async (_what, path, target) => {
      await refused(pack({ [path]: { symlink: target } }), path, /is a symbolic link\b.*Attune packs may contain only regular files and directories/);
    });

    it('a hard link between two files of the pack', async () => {
      const dir = pack();
      linkSync(join(dir, 'a-b'), join(dir, 'actions/twin'));
      const result = await packreg([dir]);
      expect(result).toMatchObject({ code: 3, stdout: '' });
      expect(result.stderr).toContain(`${join(dir, 'a-b')} is a hard link`);
      expect(result.stderr).toContain(`${join(dir, 'actions/twin')} is a hard link`);
    });

    it('a hard link to a file outside the pack', async () => {
      const outside = tempTree(temp, { 'original.txt': 'shared bytes\n' });
      const dir = pack();
      linkSync(join(outside, 'original.txt'), join(dir, 'docs-copy.txt'));
      await refused(dir, 'docs-copy.txt', /is a hard link/);
    });

    it('a FIFO deep in the tree', async () => {
      const dir = pack();
      mkdirSync(join(dir, 'var/run'), { recursive: true });
      execFileSync('mkfifo', [join(dir, 'var/run/control')]);
      await refused(dir, 'var/run/control', /is a FIFO/);
    });

    it('every offending entry is named, not just the first', async () => {
      const dir = pack({ 'z-link': { symlink: 'pack.yaml' }, 'actions/b-link': { symlink: 'run.sh' } });
      execFileSync('mkfifo', [join(dir, 'a-fifo')]);
      const result = await packreg([dir]);
      expect(result).toMatchObject({ code: 3, stdout: '' });
      for (const path of ['z-link', 'actions/b-link', 'a-fifo']) expect(result.stderr).toContain(join(dir, path));
    });
  });
});
