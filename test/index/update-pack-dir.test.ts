import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { createRepo, gitBytes } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { historyFile, packreg, readJson, schemaErrors, snapshot } from './index-fixtures.js';

/**
 * index-update in pack-dir mode: the entry is built from a pack in a real git repository at
 * a pinned commit (`<pack-dir> --git-url URL --git-ref SHA`) and upserted.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const GIT_URL = 'https://github.com/example-org/demo-pack.git';
const NEW_INDEX = ['--registry-name', 'Pack Dir Test', '--registry-url', 'https://packs.example.com/index.json'];

function packYaml(version: string): string {
  return ['ref: demo_pack', 'label: Demo Pack', 'description: A pack in a real repository', `version: ${version}`, 'author: Example Team', 'license: MIT', 'keywords: [demo, test]', ''].join('\n');
}

/** The framed "attune-pack-file-v1" checksum of the files tracked under `prefix` at `commit`, from git's own listing and blobs. */
function trackedChecksum(repo: TestRepo, commit: string, prefix = ''): string {
  const listing = gitBytes(repo.dir, ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8').split('\0').filter(Boolean);
  const files: Record<string, Buffer> = {};
  for (const full of listing.map((line) => line.slice(line.indexOf('\t') + 1)).filter((path) => path.startsWith(prefix))) {
    files[full.slice(prefix.length)] = gitBytes(repo.dir, ['cat-file', 'blob', `${commit}:${full}`]);
  }
  return framedChecksum(files);
}

describe('index-update <pack-dir> --git-url --git-ref SHA', () => {
  let repo: TestRepo;
  let v1: string;
  let v2: string;
  beforeAll(() => {
    repo = createRepo(temp);
    v1 = repo.commit({ 'pack.yaml': packYaml('1.0.0'), 'actions/hello.yaml': 'ref: demo_pack.hello\ndescription: Says hello\n', 'actions/hello.sh': '#!/bin/sh\necho hi\n' }, 'v1.0.0');
    v2 = repo.commit({ 'pack.yaml': packYaml('1.1.0'), 'actions/bye.yaml': 'ref: demo_pack.bye\ndescription: Says goodbye\n' }, 'v1.1.0');
    // what lies in a CI workspace beside the tracked files must not matter
    writeFileSync(join(repo.dir, 'untracked.txt'), 'build output\n');
    writeFileSync(join(repo.dir, 'pack.yaml'), packYaml('9.9.9'));
  });

  async function update(index: string, rev: string, ...flags: string[]) {
    return packreg(['index-update', '--index', index, repo.dir, '--git-url', GIT_URL, '--git-ref', rev, ...NEW_INDEX, ...flags], repo.dir);
  }

  it('builds each release from its commit and keeps both: 1.1.0 on top, 1.0.0 in the history', async () => {
    const index = join(temp.make('packreg-packdir-'), 'index.json');
    const first = await update(index, v1, '--policy', 'standard');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('+ demo_pack 1.0.0 (latest): new version');
    const second = await update(index, v2, '--policy', 'standard');
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toContain('+ demo_pack 1.1.0 (latest): new version');

    const written = readJson<RegistryIndex>(index);
    expect(schemaErrors(written)).toEqual([]);
    expect(written.packs).toHaveLength(1);
    const top = written.packs[0];
    expect(top).toMatchObject({ ref: 'demo_pack', version: '1.1.0', label: 'Demo Pack', license: 'MIT', keywords: ['demo', 'test'] });
    expect(top.install_sources).toEqual([{ type: 'git', url: GIT_URL, ref: v2, checksum: trackedChecksum(repo, v2) }]);
    expect(top.contents.actions.map((a) => a.name)).toEqual(['bye', 'hello']);

    const history = readJson<{ ref: string; versions: IndexEntry[] }>(historyFile(index, 'demo_pack'));
    expect(history.versions.map((v) => [v.version, (v.install_sources[0] as { ref: string }).ref])).toEqual([
      ['1.1.0', v2],
      ['1.0.0', v1],
    ]);
    expect(history.versions[1].install_sources[0].checksum).toBe(trackedChecksum(repo, v1));
    expect(history.versions[1].contents.actions.map((a) => a.name)).toEqual(['hello']);
  });

  it('the same commit again is a no-op', async () => {
    const dir = temp.make('packreg-packdir-');
    const index = join(dir, 'index.json');
    expect((await update(index, v1)).code).toBe(0);
    const before = snapshot(dir);
    const again = await update(index, v1);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('= demo_pack 1.0.0 (latest): already published with the same content');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a commit with the same version but other files is refused, naming both checksums', async () => {
    const other = createRepo(temp);
    const a = other.commit({ 'pack.yaml': packYaml('2.0.0'), 'README.md': 'first\n' });
    const b = other.commit({ 'README.md': 'second\n' });
    const dir = temp.make('packreg-packdir-');
    const index = join(dir, 'index.json');
    const args = (rev: string) => ['index-update', '--index', index, other.dir, '--git-url', GIT_URL, '--git-ref', rev, ...NEW_INDEX];
    expect((await packreg(args(a), other.dir)).code).toBe(0);
    const before = snapshot(dir);
    const run = await packreg(args(b), other.dir);
    expect(run.code).toBe(ExitCode.CheckFailed);
    expect(run.stdout).toMatch(/^! demo_pack 2\.0\.0/m);
    expect(run.stdout).toContain(trackedChecksum(other, a));
    expect(run.stdout).toContain(trackedChecksum(other, b));
    expect(run.stdout).toContain(`git ref published ${a}, new ${b}`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a pack in a subdirectory of the repository hashes only its own tree', async () => {
    const mono = createRepo(temp);
    const sha = mono.commit({ 'packs/demo/pack.yaml': packYaml('3.0.0'), 'packs/demo/actions/a.yaml': 'description: A\n', 'other/file.txt': 'not in the pack\n' });
    const index = join(temp.make('packreg-packdir-'), 'index.json');
    const run = await packreg(['index-update', '--index', index, join(mono.dir, 'packs', 'demo'), '--git-url', GIT_URL, '--git-ref', sha, ...NEW_INDEX], mono.dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readJson<RegistryIndex>(index).packs[0].install_sources[0].checksum).toBe(trackedChecksum(mono, sha, 'packs/demo/'));
  });

  describe('mutable git refs', () => {
    it('a branch name without --allow-mutable-ref: exit 2, naming the commit to pin, nothing written', async () => {
      const dir = temp.make('packreg-packdir-');
      const run = await update(join(dir, 'index.json'), 'main');
      expect(run.code).toBe(ExitCode.Usage);
      expect(run.stderr).toContain(`--git-ref "main" is not a full commit SHA`);
      expect(run.stderr).toContain(`--git-ref ${v2}`);
      expect(snapshot(dir)).toEqual({});
    });

    it('with --allow-mutable-ref, --policy standard still refuses it: exit 3, nothing written', async () => {
      const dir = temp.make('packreg-packdir-');
      const run = await update(join(dir, 'index.json'), 'main', '--allow-mutable-ref', '--policy', 'standard');
      expect(run.code).toBe(ExitCode.Input);
      expect(run.stderr).toMatch(/git source ref "main" must be a full 40-character lower-case commit SHA/);
      expect(run.stdout).toBe('');
      expect(snapshot(dir)).toEqual({});
    });

    it('with --allow-mutable-ref, --policy custom accepts it with a warning', async () => {
      const dir = temp.make('packreg-packdir-');
      const run = await update(join(dir, 'index.json'), 'main', '--allow-mutable-ref', '--policy', 'custom');
      expect(run.code).toBe(ExitCode.Ok);
      expect(run.stderr).toMatch(/^warning: git source ref "main" is mutable/m);
      expect(readJson<RegistryIndex>(join(dir, 'index.json')).packs[0].install_sources[0]).toMatchObject({ ref: 'main', checksum: trackedChecksum(repo, v2) });
    });
  });
});
