import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntegrityError } from '../../src/core/errors.js';
import { SafeWriter } from '../../src/core/extract/writer.js';
import { tempDirs } from '../helpers/temp.js';
import { listAll } from './extract-harness.js';

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

/**
 * The writer is the last line of defence: the name checks should make these cases
 * impossible, so they are driven here directly, with the target prepared by hand.
 */
describe('SafeWriter', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  function target(): { parent: string; root: string; writer: SafeWriter } {
    const parent = realpathSync(temp.make());
    const root = join(parent, 'root');
    mkdirSync(root);
    return { parent, root, writer: new SafeWriter(root, 'test.zip') };
  }

  it('writes files with their parents, 0644 or 0755, and returns the byte count', async () => {
    const { root, writer } = target();
    expect(await writer.file('a/b/c.txt', ['a', 'b', 'c.txt'], false, chunks('he', 'llo'))).toBe(5);
    expect(await writer.file('a/run', ['a', 'run'], true, chunks('#!'))).toBe(2);
    await writer.directory('a/b/', ['a', 'b']);
    expect(readFileSync(join(root, 'a/b/c.txt'), 'utf8')).toBe('hello');
    expect(statSync(join(root, 'a/b/c.txt')).mode & 0o7777).toBe(0o644);
    expect(statSync(join(root, 'a/run')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(root, 'a/b')).mode & 0o7777).toBe(0o755);
  });

  it('never writes through an existing file', async () => {
    const { root, writer } = target();
    writeFileSync(join(root, 'there.txt'), 'original');
    await expect(writer.file('there.txt', ['there.txt'], false, chunks('new'))).rejects.toThrow(/entry "there\.txt" would overwrite/);
    expect(readFileSync(join(root, 'there.txt'), 'utf8')).toBe('original');
  });

  it('never follows a symbolic link planted at the file path', async () => {
    const { parent, root, writer } = target();
    symlinkSync(join(parent, 'outside.txt'), join(root, 'link'));
    await expect(writer.file('link', ['link'], false, chunks('x'))).rejects.toBeInstanceOf(IntegrityError);
    expect(listAll(parent)).toEqual(['root', 'root/link']);
  });

  it('never creates a folder over something it did not make', async () => {
    const { parent, root, writer } = target();
    symlinkSync(parent, join(root, 'dir'));
    await expect(writer.file('dir/x', ['dir', 'x'], false, chunks('x'))).rejects.toThrow(/entry "dir\/x" would overwrite/);
    expect(listAll(parent)).toEqual(['root', 'root/dir']);
  });

  it('refuses segments that resolve outside the root', async () => {
    const { parent, writer } = target();
    await expect(writer.file('x', ['..', 'escaped.txt'], false, chunks('x'))).rejects.toThrow(/entry "x" resolves outside the target folder/);
    await expect(writer.directory('d', ['..', '..', 'd'])).rejects.toThrow(/resolves outside/);
    expect(listAll(parent)).toEqual(['root']);
  });

  it('passes errors from the content through and closes the file', async () => {
    const { writer } = target();
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('part');
      throw new IntegrityError('bad CRC');
    }
    await expect(writer.file('f', ['f'], false, failing())).rejects.toThrow('bad CRC');
  });
});
