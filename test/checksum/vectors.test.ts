import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeChecksum } from '../../src/core/checksum/compute.js';
import { defaultDeps } from '../../src/core/deps.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { cliCommand } from '../helpers/cli.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { createRepo } from '../helpers/git-repo.js';
import { tempDirs, tempTree } from '../helpers/temp.js';

/** Attune's test vectors for the framed directory checksum (the repository's copy of the compat data). */
const VECTORS_FILE = fileURLToPath(new URL('../fixtures/compat/checksum-vectors.json', import.meta.url));

interface Vector {
  name: string;
  note: string;
  files_base64: Record<string, string>;
  expected: string;
}

const vectors = (JSON.parse(readFileSync(VECTORS_FILE, 'utf8')) as { vectors: Vector[] }).vectors;

function filesOf(vector: Vector): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(vector.files_base64).map(([path, b64]) => [path, Buffer.from(b64, 'base64')]));
}

function totalBytes(vector: Vector): number {
  return Object.values(vector.files_base64).reduce((sum, b64) => sum + Buffer.from(b64, 'base64').length, 0);
}

const packreg = cliCommand('checksum');

describe('checksum-vectors.json', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  it('holds the vectors these tests rely on, including the astral-order trap', () => {
    expect(vectors.map((v) => v.name)).toEqual(
      expect.arrayContaining(['empty-pack', 'minimal', 'components', 'binary-and-empty', 'unicode-paths', 'length-framing', 'astral-order']),
    );
    // The trap is real: JavaScript's default (UTF-16 code unit) sort orders these paths
    // differently from their UTF-8 bytes, so an implementation using it fails the vector.
    const paths = Object.keys(vectors.find((v) => v.name === 'astral-order')!.files_base64);
    const byUtf16 = [...paths].sort();
    const byBytes = [...paths].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    expect(byUtf16).not.toEqual(byBytes);
    expect(byBytes).toEqual(['docs/Ａ.md', 'docs/😀.md', 'pack.yaml']);
  });

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    it('`packreg checksum <dir>` prints the expected value', async () => {
      const dir = tempTree(temp, filesOf(vector));
      const result = await packreg([dir]);
      expect(result).toEqual({ code: 0, stdout: `${vector.expected}\n`, stderr: '' });
    });

    it('the tests\' independent reference (framedChecksum) computes it too', () => {
      expect(framedChecksum(filesOf(vector))).toBe(vector.expected);
    });

    it('computeChecksum returns it, with the file and byte counts', async () => {
      const dir = tempTree(temp, filesOf(vector));
      const result = await computeChecksum({ path: dir }, defaultDeps(new MemoryLogger()));
      expect(result).toEqual({
        path: dir,
        kind: 'directory',
        algorithm: 'sha256',
        hex: vector.expected.slice('sha256:'.length),
        checksum: vector.expected,
        bytes: totalBytes(vector),
        files: Object.keys(vector.files_base64).length,
        commit: undefined,
      });
    });

    it('--expect with the vector value matches (exit 0)', async () => {
      const dir = tempTree(temp, filesOf(vector));
      expect(await packreg([dir, '--expect', vector.expected])).toEqual({ code: 0, stdout: `${vector.expected}  OK\n`, stderr: '' });
    });

    it('the same files committed to git give the same value with --git-ref', async () => {
      const repo = createRepo(temp);
      const commit = repo.commit(filesOf(vector));
      const result = await computeChecksum({ path: repo.dir, gitRef: 'HEAD' }, defaultDeps(new MemoryLogger()));
      expect(result).toMatchObject({ kind: 'git', checksum: vector.expected, commit, files: Object.keys(vector.files_base64).length, bytes: totalBytes(vector) });
    });

    // git tracks no empty directory, so an empty pack cannot sit in a subdirectory of a commit.
    const itWithFiles = Object.keys(vector.files_base64).length > 0 ? it : it.skip;
    itWithFiles('the same files in a subdirectory of a repository give the same value with --git-ref', async () => {
      const repo = createRepo(temp);
      const files = Object.fromEntries(Object.entries(filesOf(vector)).map(([path, content]) => [`packs/${vector.name}/${path}`, content]));
      repo.commit({ ...files, 'README.md': 'outside the pack\n', [`packs/${vector.name}-other/pack.yaml`]: 'ref: other\n' });
      const result = await packreg([join(repo.dir, 'packs', vector.name), '--git-ref', 'HEAD']);
      expect(result).toEqual({ code: 0, stdout: `${vector.expected}\n`, stderr: '' });
    });
  });
});
