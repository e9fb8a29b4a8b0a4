import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveJson, FileSpec } from '../helpers/archive-read.js';
import { archive, checksumOf, compressible, extractTar, extractZip, javaZipStream, noise, packYaml, readTree, sha256File, TempDirs, tarMembers, tool, writeTree, zipEntries } from '../helpers/archive-read.js';

const TOP = 'demo_pack-1.2.3';
const MiB = 1 << 20;

/** 120 bytes of path in short components: fits ustar's prefix + name split. */
const LONG_PATH = `${Array.from({ length: 12 }, (_, i) => `level${String(i).padStart(2, '0')}x`).join('/')}/leaf-file.txt`;
/** One name component over 100 bytes: ustar cannot hold it, a pax header must. */
const LONG_NAME = `n${'a'.repeat(130)}.txt`;
/** A path over 255 bytes in total, too long for prefix (155) + name (100) together. */
const VERY_LONG_PATH = `${Array.from({ length: 6 }, (_, i) => `${'d'.repeat(40)}${i}`).join('/')}/${'f'.repeat(60)}.txt`;
/** ustar's limits exactly: a 155-byte prefix and a 100-byte name fit; one byte more needs pax. */
const USTAR_FITS = [`${'p'.repeat(155 - TOP.length - 1)}/base.txt`, `b100/${'n'.repeat(100)}`];
const USTAR_OVERFLOWS = [`${'q'.repeat(156 - TOP.length - 1)}/base.txt`, `b101/${'n'.repeat(101)}`];

const FILES: Record<string, FileSpec> = {
  'pack.yaml': packYaml(),
  'actions/run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o755 },
  [LONG_PATH]: 'long path\n',
  [LONG_NAME]: 'long name\n',
  [`dir/${LONG_NAME}`]: 'long name in a folder\n',
  [VERY_LONG_PATH]: 'very long path\n',
  ...Object.fromEntries([...USTAR_FITS, ...USTAR_OVERFLOWS].map((path) => [path, `${path.length}\n`])),
  'données/résumé.txt': 'accents\n',
  '日本語/ファイル.txt': 'cjk\n',
  'emoji-🎉.txt': 'emoji\n',
  'empty.txt': '',
  'empty-dir-file/empty': '',
  'big/compressible.txt': compressible(3 * MiB),
  'big/random.bin': noise(3 * MiB),
  'big/exact-block.bin': noise(128 * 1024, 7),
  'big/just-over-1MiB.bin': noise(MiB + 1, 11),
  'big/exactly-1MiB.bin': compressible(MiB),
};
for (let i = 0; i < 300; i++) FILES[`many/${String(i).padStart(3, '0')}-${i % 7}.txt`] = `small file ${i}\n${'x'.repeat(i % 50)}`;

describe('archive round trip through real extractors', () => {
  const temp = new TempDirs();
  let pack: string;
  let sourceChecksum: string;
  let tar: ArchiveJson;
  let zip: ArchiveJson;

  beforeAll(async () => {
    pack = temp.make();
    writeTree(pack, FILES);
    sourceChecksum = await checksumOf(pack);
    const out = temp.make();
    tar = await archive([pack], { cwd: out });
    zip = await archive([pack, '--format', 'zip'], { cwd: out });
  });
  afterAll(() => temp.removeAll());

  it('the fixture exercises the edge cases it claims to', () => {
    expect(Buffer.byteLength(`${TOP}/${LONG_PATH}`)).toBeGreaterThan(100);
    expect(Buffer.byteLength(LONG_NAME)).toBeGreaterThan(100);
    expect(Buffer.byteLength(`${TOP}/${VERY_LONG_PATH}`)).toBeGreaterThan(256);
    expect(Object.keys(FILES).length).toBeGreaterThan(300);
  });

  it('both archives hold every file, and their tree checksum is the source tree checksum', () => {
    expect(tar.files).toBe(Object.keys(FILES).length);
    expect(zip.files).toBe(Object.keys(FILES).length);
    expect(tar.directoryChecksum).toBe(sourceChecksum);
    expect(zip.directoryChecksum).toBe(sourceChecksum);
  });

  it.each(['tar', 'zip'] as const)('%s: `packreg checksum <archive>` is the sha256 of the archive bytes, as reported', async (kind) => {
    const result = kind === 'tar' ? tar : zip;
    expect(await checksumOf(result.path)).toBe(result.checksum);
    expect(sha256File(result.path)).toBe(result.checksum);
    const sha256sum = tool('sha256sum', [result.path]).stdout.toString('utf8').split(' ')[0];
    expect(result.checksum).toBe(`sha256:${sha256sum}`);
    expect(result.size).toBe(lstatSync(result.path).size);
  });

  it('tar.gz: gzip -t passes, GNU tar extracts the same tree (checksum, content, exec bit)', async () => {
    tool('gzip', ['-t', tar.path]);
    const into = temp.make();
    extractTar(tar.path, into);
    const root = join(into, TOP);
    expect(await checksumOf(root)).toBe(tar.directoryChecksum);
    const extracted = readTree(root);
    expect([...extracted.keys()].sort()).toEqual(Object.keys(FILES).sort());
    for (const [path, spec] of Object.entries(FILES)) {
      const content = typeof spec === 'string' || Buffer.isBuffer(spec) ? spec : spec.content;
      expect(extracted.get(path)?.equals(Buffer.from(content))).toBe(true);
    }
    expect(lstatSync(join(root, 'actions/run.sh')).mode & 0o111).not.toBe(0);
    expect(lstatSync(join(root, 'pack.yaml')).mode & 0o111).toBe(0);
  });

  it('tar.gz: python tarfile reads the long and unicode names exactly, with pax headers where ustar cannot hold them', () => {
    const members = tarMembers(tar.path);
    const byName = new Map(members.map((m) => [m.name, m]));
    for (const path of [LONG_PATH, LONG_NAME, `dir/${LONG_NAME}`, VERY_LONG_PATH, 'données/résumé.txt', '日本語/ファイル.txt', 'emoji-🎉.txt']) {
      expect(byName.get(`${TOP}/${path}`)).toMatchObject({ type: '0' });
    }
    expect(byName.get(`${TOP}/${LONG_NAME}`)?.pax).toEqual({ path: `${TOP}/${LONG_NAME}` });
    expect(byName.get(`${TOP}/${VERY_LONG_PATH}`)?.pax).toEqual({ path: `${TOP}/${VERY_LONG_PATH}` });
    // A path that fits the ustar prefix/name split needs no pax header.
    expect(byName.get(`${TOP}/${LONG_PATH}`)?.pax).toEqual({});
    for (const path of USTAR_FITS) expect(byName.get(`${TOP}/${path}`)?.pax).toEqual({});
    for (const path of USTAR_OVERFLOWS) expect(byName.get(`${TOP}/${path}`)?.pax).toEqual({ path: `${TOP}/${path}` });
    // Non-ASCII names travel in a pax record too (UTF-8 by definition there), whatever their length.
    for (const path of ['données/résumé.txt', '日本語/ファイル.txt', 'emoji-🎉.txt']) expect(byName.get(`${TOP}/${path}`)?.pax).toEqual({ path: `${TOP}/${path}` });
    expect(byName.get(`${TOP}/big/random.bin`)?.size).toBe(3 * MiB);
    expect(byName.get(`${TOP}/empty.txt`)?.size).toBe(0);
  });

  it('zip: unzip -t passes, python zipfile extracts the same tree', async () => {
    expect(tool('unzip', ['-t', zip.path]).stdout.toString('utf8')).toContain('No errors detected');
    const read = zipEntries(zip.path);
    expect(read.bad).toBeNull();
    const names = new Set(read.entries.map((e) => e.name));
    for (const path of Object.keys(FILES)) expect(names.has(`${TOP}/${path}`)).toBe(true);
    const into = temp.make();
    extractZip(zip.path, into);
    expect(await checksumOf(join(into, TOP))).toBe(zip.directoryChecksum);
    expect(readFileSync(join(into, TOP, 'big/random.bin')).equals(FILES['big/random.bin'] as Buffer)).toBe(true);
    const run = read.entries.find((e) => e.name === `${TOP}/actions/run.sh`);
    expect((run?.external_attr ?? 0) >>> 16).toBe(0o100755);
  });

  it('zip: Info-ZIP unzip extracts the same tree too, with the executable bit', async () => {
    const into = temp.make();
    tool('unzip', ['-q', zip.path, '-d', into]);
    expect(await checksumOf(join(into, TOP))).toBe(zip.directoryChecksum);
    expect(lstatSync(join(into, TOP, 'actions/run.sh')).mode & 0o111).not.toBe(0);
  });

  it('zip: files over 1 MiB are streamed (data descriptor), smaller ones are not; non-ASCII names carry the UTF-8 flag', () => {
    const entries = new Map(zipEntries(zip.path).entries.map((e) => [e.name.slice(TOP.length + 1), e]));
    for (const big of ['big/compressible.txt', 'big/random.bin', 'big/just-over-1MiB.bin']) expect((entries.get(big)?.flag_bits ?? 0) & 0x08).toBe(0x08);
    for (const small of ['big/exactly-1MiB.bin', 'big/exact-block.bin', 'pack.yaml']) expect((entries.get(small)?.flag_bits ?? 0) & 0x08).toBe(0);
    expect((entries.get('données/résumé.txt')?.flag_bits ?? 0) & 0x800).toBe(0x800);
    expect(entries.get('empty.txt')).toMatchObject({ file_size: 0 });
  });

  it('zip: local headers and data descriptors agree with the central directory', () => {
    for (const e of zipEntries(zip.path).entries) {
      expect(e.local.flags).toBe(e.flag_bits);
      if (e.flag_bits & 0x08) {
        expect(e.local).toMatchObject({ crc: 0, compress_size: 0, file_size: 0 });
        expect(e.descriptor).toEqual([0x08074b50, e.CRC, e.compress_size, e.file_size]);
      } else {
        expect(e.local).toMatchObject({ crc: e.CRC, compress_size: e.compress_size, file_size: e.file_size });
        expect(e.descriptor).toBeNull();
      }
    }
  });

  it('zip: a streaming reader (Java ZipInputStream) reads every entry front to back', () => {
    const streamed = javaZipStream(zip.path);
    if (!streamed) {
      console.warn('java is not installed: the streaming zip reader check is skipped');
      return;
    }
    const central = zipEntries(zip.path).entries;
    expect(streamed.map((e) => e.name)).toEqual(central.map((e) => e.name));
    for (const [i, e] of streamed.entries()) expect(e).toMatchObject({ size: central[i].file_size, crc: central[i].CRC });
  });
});
