import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { GitCli } from '../../src/core/git/git-cli.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { gitTree } from '../../src/core/tree/git-tree.js';
import { checksumOf, cliCommand } from '../helpers/cli.js';
import { createRepo, gitBytes } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import type { TreeSpec } from '../helpers/temp.js';

const packreg = cliCommand('checksum');

/** The files of the pack directory `dir` that `git archive <rev> [-- dir]` emits, relative to `dir`. */
function archivedFiles(repo: TestRepo, rev: string, dir = ''): string[] {
  const tar = gitBytes(repo.dir, ['archive', '--format=tar', rev, ...(dir ? ['--', dir] : [])]);
  const listing = execFileSync('tar', ['-t', '-f', '-'], { input: tar, encoding: 'utf8' });
  const prefix = dir ? `${dir}/` : '';
  return listing
    .split('\n')
    .filter((path) => path !== '' && !path.endsWith('/') && path.startsWith(prefix))
    .map((path) => path.slice(prefix.length))
    .sort();
}

/** Extract `git archive <rev> [-- dir]` into a fresh directory; returns where `dir` landed. */
function extractArchive(repo: TestRepo, temp: ReturnType<typeof tempDirs>, rev: string, dir = ''): string {
  const out = temp.make('packreg-archive-');
  const tar = gitBytes(repo.dir, ['archive', '--format=tar', rev, ...(dir ? ['--', dir] : [])]);
  execFileSync('tar', ['-x', '-f', '-', '-C', out], { input: tar });
  return join(out, dir);
}

/** The pack-relative paths packreg hashes for `packDir` at `rev`. */
async function hashedFiles(packDir: string, rev: string): Promise<string[]> {
  const git = new GitCli(nodeProcessRunner);
  const location = await git.locate(packDir);
  const tree = await gitTree(git, location!, rev, new MemoryLogger());
  return tree.blobs.map((b) => b.path).sort();
}

const ATTRIBUTES = [
  '/tests export-ignore', // a directory, anchored
  '*.log export-ignore', // a glob: files, and a directory named like one
  'secret.txt export-ignore', // a file name, at any depth
  'docs/internal/ export-ignore', // a directory pattern with a trailing slash
  'keep.log -export-ignore', // unset again for one file
  'value.txt export-ignore=yes', // a value is not "set": git archive keeps it
  'link export-ignore', // a tracked symlink that is left out anyway
  '',
].join('\n');

const PACK: TreeSpec = {
  '.gitattributes': ATTRIBUTES,
  'pack.yaml': 'ref: exported\n',
  'tests/test_pack.py': 'import unittest\n',
  'tests/fixtures/data.json': '{}\n',
  'nested/tests/kept.py': 'not anchored at /tests: kept\n',
  'debug.log': 'log\n',
  'nested/deep/trace.log': 'log\n',
  'build.log/output.txt': 'inside a directory matching *.log\n',
  'keep.log': 'kept by -export-ignore\n',
  'secret.txt': 'top secret\n',
  'nested/secret.txt': 'nested secret\n',
  'docs/internal/plan.md': 'internal\n',
  'docs/guide.md': 'public\n',
  'value.txt': 'export-ignore=yes is not set\n',
  link: { symlink: 'pack.yaml' },
  'nested/.gitattributes': '*.tmp export-ignore\n',
  'nested/scratch.tmp': 'dropped by the nested .gitattributes\n',
  'nested/scratch.txt': 'kept\n',
};

const KEPT = [
  '.gitattributes',
  'docs/guide.md',
  'keep.log',
  'nested/.gitattributes',
  'nested/scratch.txt',
  'nested/tests/kept.py',
  'pack.yaml',
  'value.txt',
];

describe('--git-ref leaves out export-ignore paths, as git archive does', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  describe('a pack at the repository top', () => {
    const repo = createRepo(temp);
    const commit = repo.commit(PACK);

    it('hashes exactly the files git archive emits', async () => {
      expect(archivedFiles(repo, commit)).toEqual(KEPT); // the fixture means what it says
      expect(await hashedFiles(repo.dir, commit)).toEqual(archivedFiles(repo, commit));
    });

    it('equals the directory checksum of the extracted git archive', async () => {
      const result = JSON.parse((await packreg([repo.dir, '--git-ref', 'HEAD', '--json'])).stdout) as { checksum: string; files: number };
      expect(result.files).toBe(KEPT.length);
      expect(result.checksum).toBe(await checksumOf([extractArchive(repo, temp, commit)]));
    });

    it('reads the attributes of the commit, not of the work tree', async () => {
      const before = await checksumOf([repo.dir, '--git-ref', 'HEAD']);
      writeTree(repo.dir, { '.gitattributes': '# nothing ignored any more\n' });
      try {
        expect(await checksumOf([repo.dir, '--git-ref', 'HEAD'])).toBe(before);
      } finally {
        repo.git('checkout', '--', '.gitattributes');
      }
    });

    it('an older commit is read with its own attributes', async () => {
      const older = createRepo(temp);
      const first = older.commit({ ...PACK, '.gitattributes': '*.log export-ignore\n', link: 'a regular file at first\n' });
      older.commit(PACK, 'more attributes', ['link']);
      expect(await hashedFiles(older.dir, first)).toEqual(archivedFiles(older, first));
      expect(await hashedFiles(older.dir, first)).toContain('secret.txt');
      expect(await checksumOf([older.dir, '--git-ref', first])).toBe(await checksumOf([extractArchive(older, temp, first)]));
    });
  });

  describe('a pack in a subdirectory, with its own .gitattributes and the repository’s', () => {
    const repo = createRepo(temp);
    const files: TreeSpec = { '.gitattributes': '/packs/demo/docs/guide.md export-ignore\n', 'README.md': 'top\n', 'tests/top.py': 'repo tests\n' };
    for (const [path, entry] of Object.entries(PACK)) files[`packs/demo/${path}`] = entry;
    files['packs/demo-extra/tests/x.py'] = 'sibling\n';
    const commit = repo.commit(files);
    const packDir = join(repo.dir, 'packs/demo');

    it('hashes exactly the files git archive emits for that directory', async () => {
      const expected = KEPT.filter((p) => p !== 'docs/guide.md');
      expect(archivedFiles(repo, commit, 'packs/demo')).toEqual(expected);
      expect(await hashedFiles(packDir, commit)).toEqual(expected);
    });

    it('equals the directory checksum of that directory in the extracted git archive', async () => {
      expect(await checksumOf([packDir, '--git-ref', commit])).toBe(await checksumOf([extractArchive(repo, temp, commit, 'packs/demo')]));
    });
  });
});
