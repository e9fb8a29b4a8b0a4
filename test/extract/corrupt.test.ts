import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { InputError } from '../../src/core/errors.js';
import { extractArchive } from '../../src/core/extract/extract.js';
import { tempDirs } from '../helpers/temp.js';
import { expectRefused, scene } from './extract-harness.js';
import { pax, tar, tarFile, tarHeader, targz, zip } from './hostile-archives.js';

const GOOD_TAR = [tarFile('top/a.txt', 'alpha\n'), tarFile('top/b.txt', 'b'.repeat(3000))];

describe('tar.gz: damaged or truncated data is refused', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  it('a gzip stream cut short', async () => {
    const whole = targz(GOOD_TAR);
    await expectRefused(scene(temp, whole.subarray(0, whole.length - 12)), { rule: /gzip data is damaged or cut short/ });
  });

  it('a gzip stream with a wrong CRC in its trailer', async () => {
    const whole = Buffer.from(targz(GOOD_TAR));
    whole[whole.length - 8] ^= 0xff;
    await expectRefused(scene(temp, whole), { rule: /gzip data is damaged or cut short \(zlib: incorrect data check\)/ });
  });

  it('garbage after the gzip stream', async () => {
    await expectRefused(scene(temp, Buffer.concat([targz(GOOD_TAR), Buffer.from('trailing garbage')])), { rule: /gzip data is damaged/ });
  });

  it('damaged deflate data', async () => {
    const whole = Buffer.from(targz(GOOD_TAR));
    whole.fill(0xff, 12, 40);
    await expectRefused(scene(temp, whole), { rule: /gzip data is damaged or cut short/ });
  });

  it('a tar cut in the middle of a file, in a valid gzip stream', async () => {
    const whole = tar(GOOD_TAR, { end: false });
    await expectRefused(scene(temp, gzipSync(whole.subarray(0, 512 + 512 + 512 + 1000))), { rule: /ends in the middle of an entry/ });
  });

  it('a tar cut in the middle of a header', async () => {
    await expectRefused(scene(temp, gzipSync(tar(GOOD_TAR, { end: false }).subarray(0, 1024 + 100))), { rule: /ends in the middle of an entry/ });
  });

  it('a tar without its end-of-archive marker (cut at an entry boundary)', async () => {
    await expectRefused(scene(temp, gzipSync(tar(GOOD_TAR, { end: false }))), { entry: 'top/b.txt', rule: /ends without its end-of-archive marker/ });
  });

  it('a header with a bad checksum', async () => {
    const s = scene(temp, targz([tarFile('top/a.txt', 'a'), { ...tarFile('top/b.txt', 'b'), checksum: 1234 }]));
    const error = await expectRefused(s, { rule: /tar header \(name "top\/b\.txt", after entry "top\/a\.txt"\) has a bad checksum/ });
    expect(error.actual).toBe(String(1234));
  });

  it('a header whose size field is not a number', async () => {
    const header = tarHeader(tarFile('top/a.txt', ''));
    header.write('12x4', 124, 'latin1');
    // Fix the checksum so only the size is wrong.
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
    await expectRefused(scene(temp, gzipSync(Buffer.concat([header, Buffer.alloc(1024)]))), { entry: 'top/a.txt', rule: /size field is not a number/ });
  });

  it('a malformed pax record', async () => {
    const s = scene(temp, targz([{ name: 'PaxHeader/x', type: 'x', data: '99 path=x\n' }, tarFile('top/a', 'a')]));
    await expectRefused(s, { rule: /malformed record/ });
  });

  it('a pax header with nothing after it', async () => {
    await expectRefused(scene(temp, targz([tarFile('top/a', 'a'), pax({ path: 'top/b' })])), { rule: /not followed by an entry/ });
  });

  it('data after the end-of-archive marker', async () => {
    const body = tar([tarFile('top/a.txt', 'a')]);
    await expectRefused(scene(temp, gzipSync(Buffer.concat([body, tarHeader(tarFile('top/hidden.txt', 'x'))]))), { rule: /data follows the end-of-archive marker/ });
  });
});

describe('zip: damaged data is refused', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  const text = 'zip content that deflates '.repeat(50);

  it('a CRC-32 mismatch', async () => {
    const error = await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, crc: 0x12345678 }])), { entry: 'top/a.txt', rule: /fails its CRC-32 check/ });
    expect(error.expected).toBe('12345678');
  });

  it('a CRC-32 mismatch in a stored entry', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, method: 0, crc: 1 }])), { entry: 'top/a.txt', rule: /CRC-32/ });
  });

  it('data longer than the declared size', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, size: 10 }])), { entry: 'top/a.txt', rule: /more bytes than its header declares/ });
  });

  it('data shorter than the declared size', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, size: text.length + 1 }])), { entry: 'top/a.txt', rule: /fewer bytes than its header declares/ });
  });

  it('damaged deflate data', async () => {
    const compressed = Buffer.from(deflateRawSync(Buffer.from(text)));
    compressed.fill(0xff, 0, 8);
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, compressed }])), { entry: 'top/a.txt', rule: /compressed data is damaged or cut short/ });
  });

  it('deflate data cut short inside its declared length', async () => {
    const compressed = deflateRawSync(Buffer.from(text));
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, compressed: compressed.subarray(0, compressed.length - 4) }])), {
      entry: 'top/a.txt',
      rule: /compressed data is damaged or cut short/,
    });
  });

  it('compressed data longer than the deflate stream', async () => {
    const compressed = Buffer.concat([deflateRawSync(Buffer.from(text)), Buffer.from('extra')]);
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, compressed }])), { entry: 'top/a.txt', rule: /compressed data of a different length/ });
  });

  it('a data descriptor that disagrees with the central directory', async () => {
    const good = zip([{ name: 'top/a.txt', data: text, descriptor: true }]);
    const at = good.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]));
    const bad = Buffer.from(good);
    bad.writeUInt32LE(0xdeadbeef, at + 4);
    await expectRefused(scene(temp, bad), { entry: 'top/a.txt', rule: /data descriptor that disagrees/ });
  });

  it('no end of central directory record', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text }], { end: false })), { rule: /no end of central directory record/ });
  });

  it('a zip cut short', async () => {
    const whole = zip([{ name: 'top/a.txt', data: text }]);
    await expectRefused(scene(temp, whole.subarray(0, whole.length - 10)), { rule: /no end of central directory record/ });
  });

  it('an end record pointing at the wrong central directory', async () => {
    const bad = Buffer.from(zip([{ name: 'top/a.txt', data: text }]));
    bad.writeUInt32LE(bad.readUInt32LE(bad.length - 6) - 1, bad.length - 6);
    await expectRefused(scene(temp, bad), { rule: /central directory does not end where the end record starts/ });
  });

  it('an end record counting more entries than the central directory holds', async () => {
    const bad = Buffer.from(zip([{ name: 'top/a.txt', data: text }]));
    bad.writeUInt16LE(2, bad.length - 14);
    bad.writeUInt16LE(2, bad.length - 12);
    await expectRefused(scene(temp, bad), { rule: /different number of entries/ });
  });

  it('a local header that is not there', async () => {
    await expectRefused(scene(temp, zip([{ name: 'top/a.txt', data: text, localOffset: 7 }])), { entry: 'top/a.txt', rule: /overlaps|no local header/ });
  });

  it('entries sharing one compressed body (overlapping files)', async () => {
    const one = zip([{ name: 'top/a.txt', data: text }]);
    const body = zip([
      { name: 'top/a.txt', data: text },
      { name: 'top/b.txt', data: text, localOffset: 0 },
    ]);
    expect(body.length).toBeGreaterThan(one.length);
    await expectRefused(scene(temp, body), { rule: /overlaps another entry/ });
  });
});

describe('inputs that are not archives, or targets that exist', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  it('a file that is neither gzip nor zip is refused by its first bytes, whatever its name', async () => {
    await expectRefused(scene(temp, Buffer.from('hello, world'), 'pack.tar.gz'), { rule: /neither a gzip-compressed tar .* nor a zip .*: it starts with 68 65 6c 6c/ });
  });

  it('an empty file', async () => {
    await expectRefused(scene(temp, Buffer.alloc(0), 'pack.zip'), { rule: /it is empty/ });
  });

  it('an uncompressed tar', async () => {
    await expectRefused(scene(temp, tar([tarFile('top/a', 'a')]), 'pack.tar'), { rule: /neither a gzip-compressed tar/ });
  });

  it('a missing archive is an input error (exit 3) and creates nothing', async () => {
    const parent = temp.make();
    const error = await extractArchive(join(parent, 'missing.tar.gz'), join(parent, 'out')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/missing\.tar\.gz does not exist/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('an existing target is refused and left untouched', async () => {
    const s = scene(temp, targz(GOOD_TAR));
    mkdirSync(s.into);
    writeFileSync(join(s.into, 'keep.txt'), 'mine');
    const error = await extractArchive(s.archive, s.into).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/already exists; extraction needs a new folder/);
    expect(readdirSync(s.into)).toEqual(['keep.txt']);
  });

  it('a target whose parent is missing is an input error', async () => {
    const s = scene(temp, targz(GOOD_TAR));
    const error = await extractArchive(s.archive, join(s.parent, 'no', 'out')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/the folder .*\/no does not exist; create it first/);
    expect(existsSync(join(s.parent, 'no'))).toBe(false);
  });
});
