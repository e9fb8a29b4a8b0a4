import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archive, git, listDir, noise, packreg, packYaml, sha256File, TempDirs, tarMembers, writeTree } from '../helpers/archive-read.js';

describe('archive: bad input fails with its exit code, a clear message and no file left behind', () => {
  const temp = new TempDirs();
  afterAll(() => temp.removeAll());

  function goodPack(): string {
    const pack = temp.make();
    writeTree(pack, { 'pack.yaml': packYaml('demo', '1.0.0'), 'actions/run.sh': { content: '#!/bin/sh\n', mode: 0o755 } });
    return pack;
  }

  /** Run `packreg archive <args>` with cwd `out`; check the code, the message and that `out` did not change. */
  async function fails(args: string[], code: number, message: RegExp, out = temp.make()): Promise<string> {
    const before = listDir(out);
    const result = await packreg(['archive', ...args], { cwd: out });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    const after = listDir(out);
    expect(after).toEqual(before);
    expect(after.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    return result.stderr;
  }

  it('a missing pack directory (3)', async () => {
    const missing = join(temp.make(), 'no-such-pack');
    await fails([missing], 3, /pack directory .*no-such-pack does not exist/);
  });

  it('a pack directory that is a file (3)', async () => {
    const file = join(temp.make(), 'pack.yaml');
    writeFileSync(file, packYaml());
    await fails([file], 3, /is not a directory/);
  });

  it('no pack.yaml (3)', async () => {
    const pack = temp.make();
    writeTree(pack, { 'README.md': 'no manifest\n' });
    await fails([pack], 3, /no pack\.yaml/);
  });

  it('an invalid pack.yaml (3), listing every problem', async () => {
    const pack = temp.make();
    writeTree(pack, { 'pack.yaml': 'ref: Not A Ref\nversion: "1.0"\nlabel: Bad\n' });
    const stderr = await fails([pack], 3, /is not a valid pack manifest/);
    expect(stderr).toMatch(/pack\.yaml:1:\d+ ref: /);
    expect(stderr).toMatch(/pack\.yaml:2:\d+ version: /);
    expect(stderr).toMatch(/description/);
  });

  it('a pack.yaml that is not YAML (3)', async () => {
    const pack = temp.make();
    writeTree(pack, { 'pack.yaml': 'ref: [unclosed\n' });
    await fails([pack], 3, /is not a valid pack manifest/);
  });

  it('an output folder that does not exist (3)', async () => {
    const out = temp.make();
    await fails([goodPack(), '--out', join(out, 'missing', 'x.tar.gz')], 3, /folder .*missing does not exist; create it first/, out);
  });

  it('an --out that is a directory (3)', async () => {
    const out = temp.make();
    mkdirSync(join(out, 'dir.tar.gz'));
    await fails([goodPack(), '--out', 'dir.tar.gz'], 3, /is a directory/, out);
  });

  it('an existing output without --force (3) is left untouched; with --force it is replaced', async () => {
    const pack = goodPack();
    const out = temp.make();
    const target = join(out, 'demo-1.0.0.tar.gz');
    writeFileSync(target, 'precious bytes that are not an archive');
    const original = readFileSync(target);
    await fails([pack], 3, /already exists; pass --force/, out);
    expect(readFileSync(target).equals(original)).toBe(true);
    await fails([pack, '--format', 'zip', '--out', 'demo-1.0.0.tar.gz'], 3, /already exists/, out);
    expect(readFileSync(target).equals(original)).toBe(true);

    const replaced = await archive([pack, '--force'], { cwd: out });
    expect(replaced.path).toBe(target);
    expect(listDir(out)).toEqual(['demo-1.0.0.tar.gz']);
    expect(sha256File(target)).toBe(replaced.checksum);
    expect(tarMembers(target).map((m) => m.name)).toContain('demo-1.0.0/actions/run.sh');
  });

  it('an unknown --format (2)', async () => {
    await fails([goodPack(), '--format', 'rar'], 2, /unknown archive format "rar"; use tar\.gz or zip/);
  });

  it('an unknown flag (2)', async () => {
    await fails([goodPack(), '--compression', '9'], 2, /--compression/);
  });

  it('a missing pack directory argument, or two of them (2)', async () => {
    await fails([], 2, /takes <pack-dir>/);
    await fails([goodPack(), goodPack()], 2, /takes <pack-dir>/);
  });

  it('a symlink in the pack (3), named in the message', async () => {
    const pack = goodPack();
    symlinkSync('run.sh', join(pack, 'actions', 'alias.sh'));
    await fails([pack], 3, /actions\/alias\.sh is a symbolic link/);
  });

  it('a hard link in the pack (3)', async () => {
    const pack = goodPack();
    linkSync(join(pack, 'actions', 'run.sh'), join(pack, 'actions', 'copy.sh'));
    await fails([pack], 3, /hard link/);
  });

  it('a failure inside the pack directory leaves no temporary file there either', async () => {
    const pack = goodPack();
    symlinkSync('run.sh', join(pack, 'actions', 'alias.sh'));
    const before = listDir(pack);
    await fails([pack, '--out', join(pack, 'out.tar.gz')], 3, /symbolic link/);
    expect(listDir(pack)).toEqual(before);
  });
});

describe('archive: a failure while the archive is being written', () => {
  const temp = new TempDirs();
  afterAll(() => temp.removeAll());

  it('removes the partial temporary file (a corrupt git object, read only after the output was opened)', async () => {
    const repo = temp.make();
    writeTree(repo, { 'pack.yaml': packYaml('demo', '1.0.0'), 'a.txt': 'a\n', 'big.bin': noise(300_000) });
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    // Truncate the blob's loose object: its header (and so ls-tree -l) still reads, its content does not.
    const oid = git(repo, 'rev-parse', 'HEAD:big.bin');
    const object = join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
    chmodSync(object, 0o644);
    truncateSync(object, Math.floor(statSync(object).size / 2));
    expect(git(repo, 'ls-tree', '-l', 'HEAD', 'big.bin')).toContain('300000');

    for (const format of ['tar.gz', 'zip']) {
      const out = temp.make();
      const result = await packreg(['archive', repo, '--format', format], { cwd: out });
      // A tool failing is exit 4, with a hint; not the user's input (3).
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/git cat-file.*ended early.*git fsck/);
      expect(listDir(out)).toEqual([]);
    }
  });
});

describe('archive: an earlier output inside the pack directory', () => {
  const temp = new TempDirs();
  afterAll(() => temp.removeAll());

  it.each(['tar.gz', 'zip'])('%s: is not archived by the next run (cwd = pack directory, default name)', async (format) => {
    const pack = temp.make();
    writeTree(pack, { 'pack.yaml': packYaml('demo', '1.0.0'), 'a.txt': 'a\n' });
    const first = await archive([pack, '--format', format], { cwd: pack });
    expect(first.path).toBe(join(pack, `demo-1.0.0.${format}`));
    expect(first.files).toBe(2);
    const firstBytes = readFileSync(first.path);
    const second = await archive(['.', '--format', format, '--force'], { cwd: pack });
    expect(second.path).toBe(first.path);
    expect(second.files).toBe(2);
    // Same tree, same bytes: the first archive did not end up inside the second.
    expect(readFileSync(second.path).equals(firstBytes)).toBe(true);
    expect(listDir(pack)).toEqual(['a.txt', `demo-1.0.0.${format}`, 'pack.yaml']);
  });

  it('is not archived when its name starts with two dots', async () => {
    const pack = temp.make();
    writeTree(pack, { 'pack.yaml': packYaml('demo', '1.0.0'), 'a.txt': 'a\n' });
    const first = await archive([pack, '--out', '..demo.tar.gz'], { cwd: pack });
    expect(first.path).toBe(join(pack, '..demo.tar.gz'));
    const firstBytes = readFileSync(first.path);
    const second = await archive([pack, '--out', '..demo.tar.gz', '--force'], { cwd: pack });
    expect(second.files).toBe(2);
    expect(readFileSync(second.path).equals(firstBytes)).toBe(true);
  });

  it('is not archived when --out points into a sub-folder of the pack either', async () => {
    const pack = temp.make();
    writeTree(pack, { 'pack.yaml': packYaml('demo', '1.0.0'), 'dist/.keep': '' });
    const first = await archive([pack, '--out', join(pack, 'dist', 'demo.tar.gz')], { cwd: temp.make() });
    const second = await archive([pack, '--out', 'dist/demo.tar.gz', '--force'], { cwd: pack });
    expect(second.files).toBe(first.files);
    expect(tarMembers(second.path).map((m) => m.name)).not.toContain('demo-1.0.0/dist/demo.tar.gz');
  });
});
