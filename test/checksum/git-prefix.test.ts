import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { GitCli } from '../../src/core/git/git-cli.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { gitTree } from '../../src/core/tree/git-tree.js';
import { checksumOf, cliCommand } from '../helpers/cli.js';
import { cloneRepo, createRepo } from '../helpers/git-repo.js';
import { tempDirs, tempTree } from '../helpers/temp.js';
import type { TreeSpec } from '../helpers/temp.js';

const packreg = cliCommand('checksum');

/** Prefix `spec`'s paths with `dir/`. */
function under(dir: string, spec: TreeSpec): TreeSpec {
  return Object.fromEntries(Object.entries(spec).map(([path, entry]) => [`${dir}/${path}`, entry]));
}

// Each directory holds different files, so taking a neighbour's files changes the checksum.
const PACKS: Record<string, TreeSpec> = {
  pack: { 'pack.yaml': 'ref: pack\n', 'actions/a.yaml': 'ref: pack.a\n' },
  'pack-other': { 'pack.yaml': 'ref: pack_other\n' }, // starts with "pack": not below pack/
  'pack.d': { 'pack.yaml': 'ref: pack_d\n' },
  'p[1]': { 'pack.yaml': 'ref: p_bracket\n', 'x/y.txt': 'inside p[1]\n' }, // as a glob, p[1] matches p1
  p1: { 'pack.yaml': 'ref: p1\n' },
  'p*': { 'pack.yaml': 'ref: p_star\n' }, // as a glob, p* matches every directory here
  'packs/group one/naïve pack': { 'pack.yaml': 'ref: nested\n', 'docs/😀.md': 'deep, with spaces and unicode\n' },
  'packs/group one/naïve pack-2': { 'pack.yaml': 'ref: nested_2\n' },
};

describe('--git-ref on a pack in a subdirectory of the repository', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  const repo = createRepo(temp);
  const files: TreeSpec = { 'README.md': 'repository top\n', 'pack.txt': 'a file named like the pack dir\n', 'pack-other.yaml': 'x\n' };
  for (const [dir, spec] of Object.entries(PACKS)) Object.assign(files, under(dir, spec));
  // A tracked symlink outside the pack directory is none of the pack's business.
  files['pack-other/link'] = { symlink: '../pack/pack.yaml' };
  const commit = repo.commit(files);
  const clone = cloneRepo(temp, repo.dir);
  // pack-other/ holds the symlink; it is checked separately below.
  const hashable = Object.keys(PACKS).filter((dir) => dir !== 'pack-other').map((dir) => [dir]);

  it.each(hashable)('%s/: exactly its own files, as if it were a directory of its own', async (dir) => {
    // The same files in a standalone directory (no repository) give the reference value.
    const alone = await checksumOf([tempTree(temp, PACKS[dir])]);
    expect(await checksumOf([join(repo.dir, dir), '--git-ref', 'HEAD'])).toBe(alone);
  });

  it.each(hashable)('%s/: equals the same directory of a fresh clone', async (dir) => {
    expect(await checksumOf([join(repo.dir, dir), '--git-ref', commit])).toBe(await checksumOf([join(clone, dir)]));
  });

  it('a relative path from a cwd inside the repository, and "." from inside the pack', async () => {
    const expected = await checksumOf([join(repo.dir, 'p[1]'), '--git-ref', 'HEAD']);
    expect(await checksumOf(['p[1]', '--git-ref', 'HEAD'], repo.dir)).toBe(expected);
    expect(await checksumOf(['.', '--git-ref', 'HEAD'], join(repo.dir, 'p[1]'))).toBe(expected);
    expect(await checksumOf(['../../p[1]', '--git-ref', 'HEAD'], join(repo.dir, 'p[1]', 'x'))).toBe(expected);
  });

  it('the tree lists paths relative to the pack root, and only those below it', async () => {
    const git = new GitCli(nodeProcessRunner);
    const location = await git.locate(join(repo.dir, 'pack'));
    expect(location).toEqual({ top: repo.dir, prefix: 'pack' });
    const tree = await gitTree(git, location!, 'HEAD', new MemoryLogger());
    expect(tree.commit).toBe(commit);
    expect(tree.blobs.map((b) => b.path)).toEqual(['actions/a.yaml', 'pack.yaml']);
    const nested = await gitTree(git, (await git.locate(join(repo.dir, 'packs/group one/naïve pack')))!, 'HEAD', new MemoryLogger());
    expect(nested.location.prefix).toBe('packs/group one/naïve pack');
    expect(nested.blobs.map((b) => b.path)).toEqual(['docs/😀.md', 'pack.yaml']);
  });

  it('the repository top takes every tracked file; a tracked symlink anywhere then exits 3', async () => {
    const result = await packreg([repo.dir, '--git-ref', 'HEAD']);
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toContain('pack-other/link is a symbolic link tracked at commit');
  });

  it('a symlink inside the pack directory exits 3, named relative to the pack', async () => {
    const result = await packreg([join(repo.dir, 'pack-other'), '--git-ref', 'HEAD']);
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toMatch(/error: link is a symbolic link tracked at commit [0-9a-f]{40}/);
  });
});
