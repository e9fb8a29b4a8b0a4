import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chownSync, existsSync, lstatSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { FileSpec } from '../helpers/archive-read.js';
import { archive, CLI_BUNDLE, packreg, packregChild, packYaml, python, sha256File, TempDirs, tarMembers, tool, writeTree, zipEntries, zipTimeFieldOffsets } from '../helpers/archive-read.js';

/** Same content in both trees; `exec` marks the files that carry an executable bit. */
const CONTENT: [string, string, boolean][] = [
  ['pack.yaml', packYaml(), false],
  ['actions/run.sh', '#!/bin/sh\necho run\n', true],
  ['actions/run.yaml', 'name: run\nrunner_type: shell\nentry_point: run.sh\n', false],
  ['actions/lib/helper.py', 'def helper():\n    return 1\n', false],
  ['sensors/watch.yaml', 'name: watch\n', false],
  ['README.md', '# Demo\n', false],
  ['Zeta.txt', 'upper-case Z sorts before lower-case a in byte order\n', false],
  ['alpha.txt', 'alpha\n', false],
  // Depth-first order puts actions/... before these; UTF-8 byte order ('-' < '.' < '/') after.
  ['actions-notes.txt', 'notes\n', false],
  ['actions.md', 'actions\n', false],
  ['résumé.txt', 'unicode name\n', false],
  ...Array.from({ length: 24 }, (_, i): [string, string, boolean] => [`many/f${String(i).padStart(2, '0')}.txt`, `file ${i}\n`, i % 5 === 0]),
];

const FORMATS = ['tar.gz', 'zip'] as const;

/** Tree A: the usual 0644/0755, created in listing order, mtimes "now". */
function writeTreeA(root: string): void {
  writeTree(
    root,
    CONTENT.map(([path, text, exec]): [string, FileSpec] => [path, { content: text, mode: exec ? 0o755 : 0o644 }]),
    0o755,
  );
}

/**
 * Tree B: what a different machine or user produces: umask 077 permissions (0600/0700, dirs
 * 0700, one owner-only exec bit), created in reverse order, scattered mtimes in the past.
 */
function writeTreeB(root: string): void {
  const reversed = [...CONTENT].reverse();
  writeTree(
    root,
    reversed.map(([path, text, exec]): [string, FileSpec] => [path, { content: text, mode: exec ? (path === 'actions/run.sh' ? 0o744 : 0o700) : 0o600 }]),
    0o700,
  );
  let t = 1_000_000_000;
  for (const [path] of reversed) {
    t += 86_400 * 37 + 13;
    utimesSync(join(root, path), t, t);
  }
  for (const dir of ['actions', 'actions/lib', 'sensors', 'many', '.']) utimesSync(join(root, dir), 1_234_567_890, 1_234_567_890);
}

/** A directory's names in the order the file system returns them (python's os.listdir does not sort). */
function rawListing(dir: string): string[] {
  return python<string[]>('import json, os, sys\nprint(json.dumps(os.listdir(sys.argv[1])))', [dir]);
}

/** Give every entry below `root` another owner (root only). */
function chownTree(root: string, uid: number, gid: number): void {
  chownSync(root, uid, gid);
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) chownSync(join(entry.parentPath, entry.name), uid, gid);
}

describe('reproducible archives', () => {
  const temp = new TempDirs();
  let treeA: string;
  let treeB: string;
  let bOnTmpfs: boolean;
  const isRoot = process.getuid?.() === 0;

  beforeAll(() => {
    treeA = temp.make();
    ({ dir: treeB, tmpfs: bOnTmpfs } = temp.makeOnTmpfs());
    writeTreeA(treeA);
    writeTreeB(treeB);
    if (isRoot) chownTree(treeB, 4242, 4343);
  });
  afterAll(() => temp.removeAll());

  it('the two trees really differ in everything but content', () => {
    const a = lstatSync(join(treeA, 'actions/run.sh'));
    const b = lstatSync(join(treeB, 'actions/run.sh'));
    expect(a.mode & 0o777).toBe(0o755);
    expect(b.mode & 0o777).toBe(0o744);
    expect(lstatSync(join(treeB, 'pack.yaml')).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(treeB, 'many')).mode & 0o777).toBe(0o700);
    expect(a.mtimeMs).not.toBe(b.mtimeMs);
    if (isRoot) expect([b.uid, b.gid]).toEqual([4242, 4343]);
    else console.warn('not running as root: the owner of the second tree cannot be changed, so that variation is not covered');
    // The raw directory order (getdents; Node's readdir sorts its result): ext4 lists in
    // name-hash order whatever the creation order, tmpfs lists newest first.
    if (bOnTmpfs) expect(rawListing(join(treeB, 'many'))).not.toEqual(rawListing(join(treeA, 'many')));
    else console.warn('no tmpfs (/dev/shm): both trees are on one file system, readdir order may be the same');
  });

  it.each(FORMATS)('%s: byte-identical from trees differing in mtimes, permissions, creation order and owner', async (format) => {
    const outA = temp.make();
    const outB = temp.make();
    const a = await archive([treeA, '--format', format], { cwd: outA });
    const b = await archive([treeB, '--format', format], { cwd: outB });
    expect(readFileSync(b.path).equals(readFileSync(a.path))).toBe(true);
    expect(b.checksum).toBe(a.checksum);
    expect(b.directoryChecksum).toBe(a.directoryChecksum);
    expect(sha256File(a.path)).toBe(a.checksum);
  });

  it('byte-identical from child processes with different TZ, LC_ALL, LANG and umask', () => {
    // 1700000000 is 2023-11-14 22:13:20 UTC: already the 15th in Kiritimati (UTC+14).
    const variants: Record<string, string>[] = [
      { TZ: 'UTC', LC_ALL: 'C', LANG: 'C' },
      { TZ: 'Pacific/Kiritimati', LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
      { TZ: 'America/Los_Angeles', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8' },
      { TZ: 'Asia/Kolkata', LC_ALL: 'POSIX', LANG: 'de_DE.UTF-8' },
    ];
    for (const format of FORMATS) {
      for (const epoch of [undefined, '1700000000']) {
        const results = variants.map((env, i) => {
          const dir = temp.make();
          const out = join(dir, `out.${format}`);
          // The umask of the builder changes the output file's own mode, never its bytes.
          const umask = i % 2 === 0 ? '022' : '077';
          const child = tool('sh', ['-c', `umask ${umask}; exec "$@"`, 'sh', process.execPath, ...childArgs(treeA, format, out)], {
            cwd: dir,
            env: { ...env, ...(epoch ? { SOURCE_DATE_EPOCH: epoch } : {}) },
          });
          expect(child.status).toBe(0);
          return readFileSync(out);
        });
        for (const bytes of results.slice(1)) expect(bytes.equals(results[0])).toBe(true);
      }
    }
    // And the bundle honours SOURCE_DATE_EPOCH from its environment.
    const dir = temp.make();
    const child = packregChild(['archive', treeA, '--out', join(dir, 'x.tar.gz')], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1700000000', TZ: 'Pacific/Kiritimati' } });
    expect(child.code).toBe(0);
    for (const m of tarMembers(join(dir, 'x.tar.gz'))) expect(m.mtime).toBe(1700000000);
  });

  describe('SOURCE_DATE_EPOCH', () => {
    const EPOCH = 1700000000;

    it('tar.gz: sets every entry time and changes nothing else', async () => {
      const plain = await archive([treeA], { cwd: temp.make() });
      const dated = await archive([treeA], { cwd: temp.make(), env: { SOURCE_DATE_EPOCH: String(EPOCH) } });
      const plainMembers = tarMembers(plain.path);
      const datedMembers = tarMembers(dated.path);
      for (const m of plainMembers) expect(m.mtime).toBe(315532800);
      for (const m of datedMembers) expect(m.mtime).toBe(EPOCH);
      expect(datedMembers.map((m) => ({ ...m, mtime: 0 }))).toEqual(plainMembers.map((m) => ({ ...m, mtime: 0 })));
      expect(dated.directoryChecksum).toBe(plain.directoryChecksum);
      expect(dated.checksum).not.toBe(plain.checksum);
      // The gzip header still carries no time.
      expect(readFileSync(dated.path).readUInt32LE(4)).toBe(0);
      // Uncompressed, the tars differ only inside the mtime and checksum fields of headers.
      const a = tool('gzip', ['-dc', plain.path]).stdout;
      const b = tool('gzip', ['-dc', dated.path]).stdout;
      expect(b.length).toBe(a.length);
      let differing = 0;
      for (let i = 0; i < a.length; i++) {
        if (a[i] === b[i]) continue;
        differing++;
        expect(i % 512).toBeGreaterThanOrEqual(136);
        expect(i % 512).toBeLessThan(156);
      }
      expect(differing).toBeGreaterThan(0);
    });

    it('zip: sets every entry time (read in UTC) and changes nothing else', async () => {
      const plain = await archive([treeA, '--format', 'zip'], { cwd: temp.make() });
      const dated = await archive([treeA, '--format', 'zip'], { cwd: temp.make(), env: { SOURCE_DATE_EPOCH: String(EPOCH) } });
      const plainEntries = zipEntries(plain.path).entries;
      const datedEntries = zipEntries(dated.path).entries;
      for (const e of plainEntries) expect(e.date_time).toEqual([1980, 1, 1, 0, 0, 0]);
      for (const e of datedEntries) expect(e.date_time).toEqual([2023, 11, 14, 22, 13, 20]);
      expect(datedEntries.map((e) => ({ ...e, date_time: [] }))).toEqual(plainEntries.map((e) => ({ ...e, date_time: [] })));
      expect(dated.directoryChecksum).toBe(plain.directoryChecksum);
      const a = readFileSync(plain.path);
      const b = readFileSync(dated.path);
      expect(b.length).toBe(a.length);
      const timeFields = new Set(zipTimeFieldOffsets(a));
      let differing = 0;
      for (let i = 0; i < a.length; i++) {
        if (a[i] === b[i]) continue;
        differing++;
        expect(timeFields.has(i)).toBe(true);
      }
      expect(differing).toBeGreaterThan(0);
    });

    it('is honoured up to the latest time a tar header holds (0o77777777777 s, in 2242)', async () => {
      const latest = await archive([treeA], { cwd: temp.make(), env: { SOURCE_DATE_EPOCH: String(0o77777777777) } });
      for (const m of tarMembers(latest.path)) expect(m.mtime).toBe(0o77777777777);
      // zip cannot go past 2107: its entries carry the latest DOS time instead.
      const zip = await archive([treeA, '--format', 'zip'], { cwd: temp.make(), env: { SOURCE_DATE_EPOCH: String(0o77777777777) } });
      for (const e of zipEntries(zip.path).entries) expect(e.date_time).toEqual([2107, 12, 31, 23, 59, 58]);
    });

    it('is refused beyond that rather than written as a wrong time', async () => {
      for (const value of [String(0o77777777777 + 1), '99999999999999999999']) {
        const dir = temp.make();
        const result = await packreg(['archive', treeA], { cwd: dir, env: { SOURCE_DATE_EPOCH: value } });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`SOURCE_DATE_EPOCH: "${value}"`);
        expect(readdirSync(dir)).toEqual([]);
      }
    });

    it('is refused when it is not whole seconds', async () => {
      const dir = temp.make();
      const result = await packreg(['archive', treeA], { cwd: dir, env: { SOURCE_DATE_EPOCH: '17e8' } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('SOURCE_DATE_EPOCH');
      expect(readdirSync(dir)).toEqual([]);
    });
  });
});

/** Arguments to run the CLI bundle on a pack. */
function childArgs(pack: string, format: string, out: string): string[] {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: build it first (npx rollup -c rollup.config.js)`);
  return [CLI_BUNDLE, 'archive', pack, '--format', format, '--out', out];
}
