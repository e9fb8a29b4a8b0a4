import { afterAll, describe, expect, it } from '@jest/globals';
import { tempDirs } from '../helpers/temp.js';
import { expectRefused, scene, watchTarget } from './extract-harness.js';
import type { TarSpec, ZipSpec } from './hostile-archives.js';
import { gnuLongName, pax, tarDir, tarFile, targz, zip } from './hostile-archives.js';

/** A format-neutral entry: both builders below turn it into a tar.gz or a zip entry. */
interface Plain {
  readonly name: string;
  readonly directory?: boolean;
  readonly data?: string;
}

/** ustar's name field cannot hold a NUL or more than 100 bytes: such names travel in a GNU long name. */
function asTarGz(entries: readonly Plain[]): Buffer {
  const specs: TarSpec[] = [];
  for (const e of entries) {
    const long = e.name.includes('\0') || Buffer.byteLength(e.name) > 100;
    if (long) specs.push(gnuLongName(e.name));
    const name = long ? 'placeholder' : e.name;
    specs.push(e.directory ? tarDir(name) : tarFile(name, e.data ?? 'data\n'));
  }
  return targz(specs);
}

function asZip(entries: readonly Plain[]): Buffer {
  return zip(entries.map((e): ZipSpec => ({ name: e.directory && !e.name.endsWith('/') ? `${e.name}/` : e.name, data: e.directory ? '' : (e.data ?? 'data\n') })));
}

const FORMATS = [
  ['tar.gz', asTarGz],
  ['zip', asZip],
] as const;

/** A harmless entry first: a tar is extracted as it streams, so something is on disk when the refusal comes. */
const FIRST: Plain = { name: 'ok.txt', data: 'fine\n' };

describe.each(FORMATS)('%s: unsafe names are refused, naming the entry, and nothing is left', (_format, build) => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  const cases: [string, (parent: string) => string, RegExp][] = [
    ['a leading ".." segment', () => '../escaped.txt', /"\.\." segment/],
    ['".." segments after a folder', () => 'top/../../escaped.txt', /"\.\." segment/],
    ['an absolute path into the parent folder', (parent) => `${parent}/abs.txt`, /absolute path/],
    ['an absolute path with repeated slashes', (parent) => `////${parent.slice(1)}/abs.txt`, /absolute path/],
    ['a Windows drive path', () => 'C:\\escaped.txt', /backslash/],
    ['a drive-relative path climbing up', () => 'C:../escaped.txt', /drive letter/],
    ['a drive-relative name', () => 'C:escaped.txt', /drive letter/],
    ['a UNC path', () => '\\\\srv\\share\\escaped.txt', /backslash/],
    ['backslash ".." segments', () => 'dir\\..\\..\\escaped.txt', /backslash/],
    ['a NUL byte', () => 'nul\0byte.txt', /U\+0000/],
    ['a tab', () => 'tab\t.txt', /U\+0009/],
    ['a terminal escape', () => 'red\x1b[31m.txt', /U\+001B/],
    ['DEL', () => 'del\x7f.txt', /U\+007F/],
    ['an empty name', () => '', /empty name/],
    ['an empty segment', () => 'a//b.txt', /empty path segment/],
  ];

  it.each(cases)('%s', async (_what, name, rule) => {
    let entry = '';
    const s = scene(temp, (parent) => {
      entry = name(parent);
      return build([FIRST, { name: entry }]);
    });
    await expectRefused(s, { entry, rule });
  });

  it('a folder entry with a ".." segment', async () => {
    await expectRefused(scene(temp, build([FIRST, { name: 'a/../../up', directory: true }])), { entry: /zip/.test(_format) ? 'a/../../up/' : 'a/../../up', rule: /"\.\." segment/ });
  });
});

describe.each(FORMATS)('%s: duplicates and look-alike names are refused', (_format, build) => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  const dir = (name: string): Plain => ({ name, directory: true });
  const slash = (name: string): string => (_format === 'zip' ? `${name}/` : name);

  const cases: [string, Plain[], string, RegExp][] = [
    ['an exact duplicate', [{ name: 'top/a.txt' }, { name: 'top/a.txt' }], 'top/a.txt', /duplicates an earlier entry/],
    ['names differing in case', [{ name: 'top/README.md' }, { name: 'top/readme.md' }], 'top/readme.md', /collides with "top\/README\.md".*letter case/],
    ['NFC é and NFD e + U+0301', [{ name: 'top/caf\u00e9.txt' }, { name: 'top/cafe\u0301.txt' }], 'top/cafe\u0301.txt', /collides with "top\/café\.txt".*Unicode normalisation/],
    ['folders differing in case', [{ name: 'top/Dir/a' }, { name: 'top/dir/b' }], 'top/dir/b', /needs the folder "top\/dir", which collides with "top\/Dir"/],
    ['a file, then a folder of that name', [{ name: 'top/x' }, dir('top/x')], slash('top/x'), /is a folder that an earlier entry already wrote as a file/],
    ['a file, then a file below it', [{ name: 'top/x' }, { name: 'top/x/y' }], 'top/x/y', /needs the folder "top\/x", which an earlier entry already wrote as a file/],
    ['a file below a path, then a file at that path', [{ name: 'top/x/y' }, { name: 'top/x' }], 'top/x', /is a file that an earlier entry already uses as a folder/],
    ['the same folder twice', [dir('top'), dir('top')], slash('top'), /duplicates an earlier entry/],
  ];

  it.each(cases)('%s', async (_what, entries, entry, rule) => {
    await expectRefused(scene(temp, build([{ name: 'top/ok.txt' }, ...entries])), { entry, rule });
  });
});

describe('tar.gz: only regular files and directories', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  it.each([
    ['1', 'a hard link'],
    ['2', 'a symbolic link'],
    ['3', 'a character device'],
    ['4', 'a block device'],
    ['6', 'a FIFO'],
    ['7', 'a contiguous file'],
    ['K', 'a GNU long link name'],
    ['S', 'a GNU sparse file'],
    ['V', 'a GNU volume label'],
    ['Z', 'of unknown tar type "Z"'],
  ])('type %s is refused as %s', async (type, what) => {
    const s = scene(temp, targz([tarFile('top/ok.txt', 'ok'), { name: 'top/special', type, linkname: '/etc/passwd', mode: 0o777 }, tarFile('top/after.txt', 'x')]));
    await expectRefused(s, { entry: 'top/special', rule: new RegExp(`is ${what.replace(/[()]/g, '\\$&')}.*only regular files and directories`) });
  });

  it('a symbolic link followed by a file written through it', async () => {
    const s = scene(temp, (parent) => targz([{ name: 'top/link', type: '2', linkname: parent }, tarFile('top/link/escaped.txt', 'x')]));
    await expectRefused(s, { entry: 'top/link', rule: /is a symbolic link/ });
  });

  it('a pax sparse file', async () => {
    const s = scene(temp, targz([pax({ 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', path: 'top/sparse' }), tarFile('top/placeholder', 'x')]));
    await expectRefused(s, { rule: /GNU sparse file/ });
  });

  it('a regular file whose name ends with a slash', async () => {
    await expectRefused(scene(temp, targz([tarFile('top/x/', 'x')])), { entry: 'top/x/', rule: /regular file whose name ends with \// });
  });

  it('a pax path that is hostile while the header name is harmless', async () => {
    const s = scene(temp, targz([tarFile('top/ok', 'x'), pax({ path: '../../escaped.txt' }), tarFile('top/harmless.txt', 'x')]));
    await expectRefused(s, { entry: '../../escaped.txt', rule: /"\.\." segment/ });
  });

  it('a ustar prefix that makes the path absolute', async () => {
    const s = scene(temp, (parent) => targz([{ ...tarFile('escaped.txt', 'x'), prefix: parent }]));
    await expectRefused(s, { rule: /absolute path/ });
  });

  it('a name that is not UTF-8', async () => {
    await expectRefused(scene(temp, targz([tarFile(Buffer.from([0x74, 0x6f, 0x70, 0x2f, 0xff, 0xfe]), 'x')])), { rule: /not valid UTF-8/ });
  });
});

describe('zip: only unencrypted regular files and directories, stored or deflated', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  it.each([
    [0o120777, 'a symbolic link'],
    [0o020644, 'a character device'],
    [0o060644, 'a block device'],
    [0o010644, 'a FIFO'],
    [0o140755, 'a socket'],
    [0o170755, 'a special file'],
  ])('unix mode %o is refused as %s', async (mode, what) => {
    const s = scene(temp, zip([{ name: 'top/ok.txt', data: 'ok' }, { name: 'top/special', mode, data: '/etc/passwd' }]));
    await expectRefused(s, { entry: 'top/special', rule: new RegExp(`is ${what}.*only regular files and directories`) });
  });

  it('a symbolic link made on macOS (host 19)', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/link', mode: 0o120755, host: 19, data: '/' }])), { entry: 'top/link', rule: /symbolic link/ });
  });

  it.each([
    ['traditional encryption (flag bit 0)', { flags: 0x1 }],
    ['strong encryption (flag bit 6)', { flags: 0x41 }],
    ['AES (method 99)', { method: 99 }],
  ])('%s is refused', async (_what, spec) => {
    const s = scene(temp, zip([{ name: 'top/secret.txt', data: 'secret', ...spec }]));
    await expectRefused(s, { entry: 'top/secret.txt', rule: /is encrypted/ });
  });

  it.each([
    [12, 'bzip2'],
    [14, 'lzma'],
    [9, 'deflate64'],
    [77, undefined],
  ])('compression method %d is refused', async (method, name) => {
    const s = scene(temp, zip([{ name: 'top/packed.bin', data: 'x', method }]));
    await expectRefused(s, { entry: 'top/packed.bin', rule: new RegExp(`compression method ${method}${name ? ` \\(${name}\\)` : ''}; only stored \\(0\\) and deflate \\(8\\)`) });
  });

  it('a zip64 archive is refused', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a', data: 'x' }], { zip64Locator: true })), { rule: /zip64/ });
  });

  it('a zip64 entry size is refused', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a', data: 'x', size: 0xffffffff }])), { entry: 'top/a', rule: /zip64/ });
  });

  it('a directory with content is refused', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/d/', mode: 0o40755, data: 'x', method: 0 }])), { entry: 'top/d/', rule: /directory with content/ });
  });

  it('a regular-file mode on a name ending with a slash is refused', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/d/', mode: 0o100644 }])), { entry: 'top/d/', rule: /regular file whose name ends with \// });
  });

  it('a local header naming a different file than the central directory is refused', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: 'x', localName: '../escaped.txt' }])), { entry: 'top/a.txt', rule: /local header that disagrees/ });
  });

  it('a name that is not UTF-8', async () => {
    await expectRefused(scene(temp, zip([{ name: Buffer.from([0x74, 0x6f, 0x70, 0x2f, 0xff]), data: 'x' }])), { rule: /not valid UTF-8/ });
  });

  it('checks every entry before writing any: a bad last entry means nothing ever appears in the target', async () => {
    const big = Buffer.alloc(8 << 20, 0x61);
    const s = scene(temp, (parent) => zip([{ name: 'top/first.bin', data: big, method: 0 }, { name: 'top/second.bin', data: big, method: 0 }, { name: `${parent}/abs.txt`, data: 'x' }]));
    const watch = watchTarget(s.into);
    try {
      await expectRefused(s, { entry: `${s.parent}/abs.txt`, rule: /absolute path/ });
    } finally {
      expect(watch.stop()).toEqual({ maxBytes: 0, sawEntries: false });
    }
  });
});
