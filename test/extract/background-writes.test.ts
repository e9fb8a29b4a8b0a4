import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SafeWriter, SMALL_FILE } from '../../src/core/extract/writer.js';
import { tempDirs } from '../helpers/temp.js';
import { expectRefused, scene } from './extract-harness.js';
import { tarFile, targz } from './hostile-archives.js';

/** `size` bytes of a repeating pattern, in chunks of `chunk`. */
async function* content(size: number, seed: number, chunk = 256 * 1024): AsyncGenerator<Buffer> {
  const data = pattern(size, seed);
  for (let at = 0; at < size; at += chunk) yield data.subarray(at, Math.min(size, at + chunk));
}

function pattern(size: number, seed: number): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed) & 0xff;
  return data;
}

/** This process's open file descriptors that point at `path`. */
function openDescriptors(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false; // closed meanwhile
    }
  }).length;
}

/**
 * queueFile writes small files at once and large ones in the background while the next
 * entries are read: what must still hold is that every file is complete and has its mode
 * when finish() resolves, that folders shared by files in flight are made once, and that
 * an existing path is never written through.
 */
describe('SafeWriter background writes', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  function target(): { root: string; writer: SafeWriter } {
    const root = join(realpathSync(temp.make()), 'root');
    mkdirSync(root);
    return { root, writer: new SafeWriter(root, 'test.tar.gz') };
  }

  it('writes many small and large files, sharing new folders, complete once finish() resolves', async () => {
    const { root, writer } = target();
    const sizes = [0, 1, 5000, SMALL_FILE, SMALL_FILE + 1, 3 * SMALL_FILE + 7];
    const files = Array.from({ length: 60 }, (_, i) => ({ segments: ['top', `d${i % 3}`, 'deep', `f${i}`], size: sizes[i % sizes.length], executable: i % 4 === 0 }));
    let total = 0;
    for (const [i, f] of files.entries()) total += await writer.queueFile(f.segments.join('/'), f.segments, f.executable, content(f.size, i));
    await writer.finish();
    expect(total).toBe(files.reduce((sum, f) => sum + f.size, 0));
    for (const [i, f] of files.entries()) {
      const path = join(root, ...f.segments);
      expect(readFileSync(path).equals(pattern(f.size, i))).toBe(true);
      expect(statSync(path).mode & 0o7777).toBe(f.executable ? 0o755 : 0o644);
    }
    expect(statSync(join(root, 'top/d1/deep')).mode & 0o7777).toBe(0o755);
    expect(openDescriptors(join(root, 'top/d0/deep/f5'))).toBe(0);
  });

  it('a small file is written at once: one over an existing file is refused on the spot', async () => {
    const { root, writer } = target();
    writeFileSync(join(root, 'taken'), 'original');
    expect(await writer.queueFile('a', ['a'], false, content(10, 1))).toBe(10);
    expect(readFileSync(join(root, 'a')).equals(pattern(10, 1))).toBe(true);
    await expect(writer.queueFile('taken', ['taken'], false, content(10, 2))).rejects.toThrow(/entry "taken" would overwrite/);
    expect(readFileSync(join(root, 'taken'), 'utf8')).toBe('original');
  });

  it('a large file over an existing file is refused before anything is written, and leaves nothing open', async () => {
    const { root, writer } = target();
    writeFileSync(join(root, 'taken'), 'original');
    await expect(writer.queueFile('taken', ['taken'], false, content(3 * SMALL_FILE, 1))).rejects.toThrow(/entry "taken" would overwrite/);
    await writer.abandon();
    expect(readFileSync(join(root, 'taken'), 'utf8')).toBe('original');
    expect(openDescriptors(join(root, 'taken'))).toBe(0);
  });
});

describe('extraction with writes in flight', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  const many = (n: number) => Array.from({ length: n }, (_, i) => tarFile(`top/d${i % 5}/f${String(i).padStart(4, '0')}.txt`, `file ${i}\n`.repeat(200)));

  it('a case collision after hundreds of files is refused and leaves nothing behind', async () => {
    const s = scene(temp, targz([...many(400), tarFile('top/d1/F0001.txt', 'x')]));
    await expectRefused(s, { entry: 'top/d1/F0001.txt', rule: /letter case/ });
  });

  it('a truncated archive after hundreds of files is refused and leaves nothing behind', async () => {
    const whole = targz([...many(400), tarFile('top/last.bin', Buffer.alloc(3 * SMALL_FILE, 7))]);
    const s = scene(temp, whole.subarray(0, whole.length - 2000));
    await expectRefused(s, { rule: /is corrupt or truncated/ });
  });
});
