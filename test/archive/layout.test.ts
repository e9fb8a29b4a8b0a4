import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveJson, TarMember } from '../helpers/archive-read.js';
import { archive, listDir, packreg, packYaml, python, TempDirs, tarMembers, tool, writeTree, zipEntries } from '../helpers/archive-read.js';

const TOP = 'demo_pack-1.2.3';

/** Permissions on disk are deliberately odd: only the executable bit may survive. */
const FILES = {
  'pack.yaml': { content: packYaml(), mode: 0o600 },
  'actions/run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o750 },
  'actions/run.yaml': { content: 'name: run\nrunner_type: shell\n', mode: 0o640 },
  'actions/owner-exec-only.sh': { content: '#!/bin/sh\n', mode: 0o744 },
  'lib/a/b/c/deep.txt': { content: 'deep\n', mode: 0o664 },
  'README.md': { content: '# demo\n', mode: 0o444 },
};
const EXECUTABLE = new Set(['actions/run.sh', 'actions/owner-exec-only.sh']);
/** Every directory that holds a file, relative to the pack root. */
const DIRECTORIES = ['actions', 'lib', 'lib/a', 'lib/a/b', 'lib/a/b/c'];

describe('archive layout', () => {
  const temp = new TempDirs();
  let pack: string;
  let out: string;
  let tar: ArchiveJson & { stdout: string };
  let zip: ArchiveJson;

  beforeAll(async () => {
    pack = temp.make();
    out = temp.make();
    writeTree(pack, FILES);
    // Default output names, in the current directory: no --out.
    const plain = await packreg(['archive', pack], { cwd: out });
    expect(plain).toMatchObject({ code: 0 });
    const json = await archive([pack, '--force'], { cwd: out });
    tar = { ...json, stdout: plain.stdout };
    zip = await archive([pack, '--format', 'zip'], { cwd: out });
  });
  afterAll(() => temp.removeAll());

  it('names the file <ref>-<version>.<format> in the current directory and prints where it is', () => {
    expect(listDir(out)).toEqual([`${TOP}.tar.gz`, `${TOP}.zip`]);
    expect(tar).toMatchObject({ path: join(out, `${TOP}.tar.gz`), format: 'tar.gz', topDirectory: TOP, ref: 'demo_pack', version: '1.2.3', files: 6, source: 'directory' });
    expect(zip).toMatchObject({ path: join(out, `${TOP}.zip`), format: 'zip', topDirectory: TOP, files: 6 });
    expect(tar.stdout.split('\n')[0]).toBe(join(out, `${TOP}.tar.gz`));
    expect(tar.stdout).toContain(`checksum            ${tar.checksum}`);
    expect(tar.stdout).toContain(`directory-checksum  ${tar.directoryChecksum}`);
  });

  describe('tar.gz', () => {
    let members: TarMember[];
    beforeAll(() => {
      members = tarMembers(tar.path);
    });

    it('passes gzip -t and GNU tar lists every entry under <ref>-<version>/, parents first', () => {
      tool('gzip', ['-t', tar.path]);
      const names = tool('tar', ['-tzf', tar.path]).stdout.toString('utf8').trim().split('\n');
      expect(names[0]).toBe(`${TOP}/`);
      for (const name of names) expect(name.startsWith(`${TOP}/`)).toBe(true);
      const expected = [`${TOP}/`, ...DIRECTORIES.map((d) => `${TOP}/${d}/`), ...Object.keys(FILES).map((f) => `${TOP}/${f}`)];
      expect([...names].sort()).toEqual(expected.sort());
      for (const [i, name] of names.entries()) {
        const parent = name.replace(/[^/]+\/?$/, '');
        if (parent !== '') expect(names.slice(0, i)).toContain(parent);
      }
    });

    it('has modes 0644/0755 only (executable bit kept), uid/gid 0, no user or group names, the 1980 time', () => {
      expect(members.length).toBe(1 + DIRECTORIES.length + Object.keys(FILES).length);
      for (const m of members) {
        const rel = m.name === TOP ? '' : m.name.slice(TOP.length + 1);
        if (m.type === '5') {
          expect(rel === '' || DIRECTORIES.includes(rel)).toBe(true);
          expect(m.mode).toBe(0o755);
        } else {
          expect(m.type).toBe('0');
          expect(m.mode).toBe(EXECUTABLE.has(rel) ? 0o755 : 0o644);
        }
        expect(m).toMatchObject({ uid: 0, gid: 0, uname: '', gname: '', mtime: 315532800, linkname: '', devmajor: 0, devminor: 0 });
      }
      // GNU tar prints user/group names when a header carries them; numeric ids otherwise.
      const verbose = tool('tar', ['-tvzf', tar.path]).stdout.toString('utf8').trim().split('\n');
      expect(verbose).toHaveLength(members.length);
      for (const line of verbose) expect(line).toMatch(/^[-d]rw[-x]r-[-x]r-[-x] 0\/0 /);
    });

    it('has a gzip header without a name or time, OS byte 3 (Unix)', () => {
      const bytes = readFileSync(tar.path);
      expect([...bytes.subarray(0, 3)]).toEqual([0x1f, 0x8b, 0x08]);
      const flags = bytes[3];
      expect(flags & 0x08).toBe(0); // FNAME
      expect(flags).toBe(0); // no FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT
      expect(bytes.readUInt32LE(4)).toBe(0); // MTIME
      expect(bytes[9]).toBe(3); // OS
      // gzip itself agrees: under another file name, -N finds no stored name to restore.
      const renamed = join(temp.make(), 'renamed.gz');
      copyFileSync(tar.path, renamed);
      const listing = tool('gzip', ['-lvN', renamed]).stdout.toString('utf8');
      expect(listing).toMatch(/\/renamed\n$/);
      expect(listing).not.toContain(TOP);
      // and python's gzip reads MTIME 0.
      const mtime = python<number>('import gzip, json, sys\ng = gzip.GzipFile(sys.argv[1]); g.read(); print(json.dumps(g.mtime))', [tar.path]);
      expect(mtime).toBe(0);
    });
  });

  describe('zip', () => {
    let read: ReturnType<typeof zipEntries>;
    beforeAll(() => {
      read = zipEntries(zip.path);
    });

    it('passes unzip -t and python zipfile CRC checks', () => {
      expect(tool('unzip', ['-t', zip.path]).stdout.toString('utf8')).toContain('No errors detected');
      expect(read.bad).toBeNull();
    });

    it('holds the directory entries and every file under <ref>-<version>/', () => {
      const names = read.entries.map((e) => e.name);
      expect(names[0]).toBe(`${TOP}/`);
      const expected = [`${TOP}/`, ...DIRECTORIES.map((d) => `${TOP}/${d}/`), ...Object.keys(FILES).map((f) => `${TOP}/${f}`)];
      expect([...names].sort()).toEqual(expected.sort());
      for (const e of read.entries) expect(e.is_dir).toBe(e.name.endsWith('/'));
    });

    it('has no extra fields or comments, Unix modes 0644/0755/dir 0755, one fixed time', () => {
      expect(read.comment).toBe('');
      for (const e of read.entries) {
        expect(e).toMatchObject({ extra: '', local_extra_len: 0, comment: '', create_system: 3, date_time: [1980, 1, 1, 0, 0, 0] });
        const rel = e.name.slice(TOP.length + 1);
        const unixMode = e.external_attr >>> 16;
        if (e.is_dir) expect(unixMode).toBe(0o40755);
        else expect(unixMode).toBe(EXECUTABLE.has(rel) ? 0o100755 : 0o100644);
      }
      // zipinfo reads the same from the real central directory.
      const verbose = tool('zipinfo', ['-v', zip.path]).stdout.toString('utf8');
      const extraLines = verbose.match(/length of extra field: +(\d+) bytes/g) ?? [];
      expect(extraLines).toHaveLength(read.entries.length);
      for (const line of extraLines) expect(line).toMatch(/: +0 bytes$/);
      expect(verbose).not.toMatch(/extended timestamp|Unix UID|UT extra|ux extra/i);
    });
  });
});
