import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { trackedPathProblem, writePackTree } from '../../src/core/client/git-source-write.js';
import { InputError } from '../../src/core/errors.js';
import type { PackTree } from '../../src/core/tree/tree.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { tempDirs } from '../helpers/temp.js';
import { rejection } from '../helpers/failure.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A tree that yields exactly `files`, in the order given (a stand-in for a hand-made tree object). */
function tree(files: { path: string; content: string; executable?: boolean; size?: number }[]): PackTree {
  return {
    origin: 'https://example.com/pack.git at commit abc',
    async *files() {
      for (const f of files) {
        const bytes = Buffer.from(f.content);
        yield {
          path: f.path,
          pathBytes: Buffer.from(f.path),
          size: f.size ?? bytes.length,
          executable: f.executable ?? false,
          content: async function* () {
            // Two chunks, so a writer that kept only the last one would be caught.
            yield bytes.subarray(0, 1);
            yield bytes.subarray(1);
          },
        };
      }
    },
  };
}

describe('writePackTree', () => {
  it('writes every file with 0644/0755 whatever the umask, and returns the framed checksum of what it wrote', async () => {
    const root = temp.make('packreg-write-');
    const old = process.umask(0o077);
    let digest;
    try {
      digest = await writePackTree(tree([{ path: 'a/b/run.sh', content: '#!/bin/sh\n', executable: true }, { path: 'a/c.txt', content: 'c' }, { path: 'z', content: 'zz' }]), root);
    } finally {
      process.umask(old);
    }
    expect(digest).toMatchObject({ files: 3, bytes: 13, hex: framedChecksum({ 'a/b/run.sh': '#!/bin/sh\n', 'a/c.txt': 'c', z: 'zz' }).slice(7) });
    expect(readFileSync(join(root, 'a/b/run.sh'), 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(join(root, 'a/b/run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(root, 'a/c.txt')).mode & 0o777).toBe(0o644);
    expect(statSync(join(root, 'a/b')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(root, 'z'), 'utf8')).toBe('zz');
  });

  it.each(['../evil', 'a/../../evil', '.git/hooks/post-checkout', 'x/.Git/config', '/etc/evil', 'a//b', './a', 'a\\..\\evil'])('refuses the path %j before writing it', async (path) => {
    const parent = temp.make('packreg-write-');
    const root = join(parent, 'root');
    mkdirSync(root);
    const error = await rejection(writePackTree(tree([{ path, content: 'evil' }]), root));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(JSON.stringify(path));
    expect(error.message).toContain('https://example.com/pack.git at commit abc');
    expect(readdirSync(root)).toEqual([]);
    expect(readdirSync(parent)).toEqual(['root']);
  });

  it('refuses a path listed twice', async () => {
    const root = temp.make('packreg-write-');
    const error = await rejection(writePackTree(tree([{ path: 'a', content: '1' }, { path: 'a', content: '2' }]), root));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('"a" is listed twice');
    expect(readFileSync(join(root, 'a'), 'utf8')).toBe('1');
  });

  it('refuses content whose length differs from the listed size', async () => {
    const root = temp.make('packreg-write-');
    const error = await rejection(writePackTree(tree([{ path: 'a', content: 'abc', size: 5 }]), root));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('has 3 bytes but was listed with 5');
  });

  it('accepts ordinary names', () => {
    for (const path of ['pack.yaml', 'actions/run.sh', '.gitattributes', '.github/workflows/ci.yml', 'a/.gitkeep', 'x..y', 'dir/...']) {
      expect(trackedPathProblem(path)).toBeUndefined();
    }
  });
});
