import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, openSync } from 'node:fs';
import { join } from 'node:path';
import { computeChecksum } from '../../src/core/checksum/compute.js';
import { defaultDeps } from '../../src/core/deps.js';
import { ExitCode } from '../../src/core/errors.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { cliCommand } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import { tempDirs, tempTree } from '../helpers/temp.js';

const packreg = cliCommand('checksum');

const CONTENT = 'release bytes\n';
const SHA256 = createHash('sha256').update(CONTENT).digest('hex');
const SHA512 = createHash('sha512').update(CONTENT).digest('hex');
const OTHER256 = createHash('sha256').update('something else').digest('hex');

describe('packreg checksum: --expect, errors and --json', () => {
  const temp = tempDirs();
  const fifos: string[] = [];
  afterAll(() => {
    // Should an open of a FIFO ever block (the bug the FIFO test guards against), give it a
    // writer so the thread-pool thread is released: the test then fails by its timeout
    // instead of keeping jest alive.
    for (const fifo of fifos) closeSync(openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK));
    temp.cleanup();
  });
  const dir = tempTree(temp, { 'release.tar.gz': CONTENT, 'pack/pack.yaml': 'ref: p\n', 'pack/actions/a.sh': { content: 'echo\n', executable: true } });
  const file = join(dir, 'release.tar.gz');
  const pack = join(dir, 'pack');

  describe('--expect', () => {
    it('a match exits 0 and prints the checksum with OK', async () => {
      expect(await packreg([file, '--expect', `sha256:${SHA256}`])).toEqual({ code: ExitCode.Ok, stdout: `sha256:${SHA256}  OK\n`, stderr: '' });
    });

    it('the expected algorithm picks the file algorithm', async () => {
      expect(await packreg([file, '--expect', `sha512:${SHA512}`])).toEqual({ code: 0, stdout: `sha512:${SHA512}  OK\n`, stderr: '' });
      expect(await packreg([file, '--algorithm', 'sha512', '--expect', `sha512:${SHA512}`])).toMatchObject({ code: 0 });
    });

    it('a mismatch exits 1 and prints expected and actual', async () => {
      expect(await packreg([file, '--expect', `sha256:${OTHER256}`])).toEqual({
        code: ExitCode.CheckFailed,
        stdout: `MISMATCH ${file}\n  expected sha256:${OTHER256}\n  actual   sha256:${SHA256}\n`,
        stderr: '',
      });
    });

    it('a directory mismatch exits 1 too', async () => {
      const actual = (await packreg([pack])).stdout.trim();
      const result = await packreg([pack, '--expect', `sha256:${OTHER256}`]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`MISMATCH ${pack}\n  expected sha256:${OTHER256}\n  actual   ${actual}\n`);
      expect(await packreg([pack, '--expect', actual])).toEqual({ code: 0, stdout: `${actual}  OK\n`, stderr: '' });
    });

    it.each([
      ['an unknown algorithm', `sha3:${SHA256}`, /--expect: unknown algorithm "sha3"; use one of sha256, sha512, sha1, md5/],
      ['a wrong length', `sha256:${SHA256.slice(1)}`, /--expect: a sha256 digest has 64 hex digits, got 63/],
      ['a sha512 length under sha256', `sha256:${SHA512}`, /--expect: a sha256 digest has 64 hex digits, got 128/],
      ['nothing after the colon', 'sha256:', /--expect: a sha256 digest has 64 hex digits, got 0/],
      ['upper-case hex', `sha256:${SHA256.toUpperCase()}`, new RegExp(`--expect: the hex digits must be lower-case; write sha256:${SHA256}`)],
      ['mixed-case hex', `sha256:A${SHA256.slice(1)}`, /--expect: the hex digits must be lower-case/],
      ['an upper-case algorithm', `SHA256:${SHA256}`, /--expect: unknown algorithm "SHA256"/],
      ['no colon', SHA256, new RegExp(`--expect: "${SHA256}" is not algorithm:hex`)],
      ['non-hex digits', `sha256:${'g'.repeat(64)}`, /--expect: "g{64}" is not hexadecimal/],
    ])('%s exits 2 with a clear message', async (_what, value, message) => {
      const result = await packreg([file, '--expect', value]);
      expect(result.code).toBe(ExitCode.Usage);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^packreg checksum: error: /);
      expect(result.stderr).toMatch(message);
    });
  });

  describe('usage errors (exit 2)', () => {
    it('an unknown --algorithm', async () => {
      const result = await packreg([file, '--algorithm', 'sha384']);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/--algorithm: unknown algorithm "sha384"; use one of sha256, sha512, sha1, md5/);
    });

    it('--algorithm that contradicts --expect', async () => {
      const result = await packreg([file, '--algorithm', 'sha512', '--expect', `sha256:${SHA256}`]);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/--algorithm sha512 contradicts --expect sha256/);
    });

    it('--algorithm sha512 (or a sha512 --expect) on a directory', async () => {
      const byFlag = await packreg([pack, '--algorithm', 'sha512']);
      expect(byFlag).toMatchObject({ code: 2, stdout: '' });
      expect(byFlag.stderr).toMatch(/directory checksums are always sha256 .*drop --algorithm sha512/);
      const byExpect = await packreg([pack, '--expect', `sha512:${SHA512}`]);
      expect(byExpect).toMatchObject({ code: 2, stdout: '' });
      expect(byExpect.stderr).toMatch(/directory checksums are always sha256/);
      expect(await packreg([pack, '--algorithm', 'sha256'])).toMatchObject({ code: 0 });
    });

    it('--git-ref on a file', async () => {
      const result = await packreg([file, '--git-ref', 'HEAD']);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toContain(`--git-ref applies to directories; ${file} is a file`);
    });

    it('no path, two paths, or an unknown flag', async () => {
      expect(await packreg([])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/takes <path>; got none/) });
      expect(await packreg([file, pack])).toMatchObject({ code: 2, stdout: '' });
      expect(await packreg([file, '--sha'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--sha/) });
    });
  });

  describe('input errors (exit 3)', () => {
    it('a missing path, named in the message', async () => {
      const result = await packreg(['no/such/thing.tar.gz'], dir);
      expect(result).toMatchObject({ code: ExitCode.Input, stdout: '' });
      expect(result.stderr).toContain(`${join(dir, 'no/such/thing.tar.gz')} does not exist`);
    });

    it('a FIFO given as the path is refused instead of waiting for a writer', async () => {
      const fifo = join(temp.make(), 'pipe');
      execFileSync('mkfifo', [fifo]);
      fifos.push(fifo);
      const result = await packreg([fifo]);
      expect(result).toMatchObject({ code: ExitCode.Input, stdout: '' });
      expect(result.stderr).toContain(`${fifo} is not a regular file`);
    }, 15_000);
  });

  describe('--json', () => {
    it('a file: path, kind, algorithm, hex, checksum, bytes', async () => {
      const result = await packreg([file, '--json']);
      expect(result.code).toBe(0);
      expect(result.stdout.endsWith('}\n')).toBe(true);
      expect(JSON.parse(result.stdout)).toEqual({ path: file, kind: 'file', algorithm: 'sha256', hex: SHA256, checksum: `sha256:${SHA256}`, bytes: CONTENT.length });
    });

    it('with --expect: expected and match, also on a mismatch (exit 1)', async () => {
      const ok = await packreg([file, '--json', '--expect', `sha256:${SHA256}`]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ checksum: `sha256:${SHA256}`, expected: `sha256:${SHA256}`, match: true });
      const bad = await packreg([file, '--json', '--expect', `sha256:${OTHER256}`]);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout)).toMatchObject({ checksum: `sha256:${SHA256}`, expected: `sha256:${OTHER256}`, match: false });
    });

    it('a directory: files and total bytes, no commit', async () => {
      const result = await packreg([pack, '--json']);
      const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(parsed).toEqual({ path: pack, kind: 'directory', algorithm: 'sha256', hex: expect.stringMatching(/^[0-9a-f]{64}$/), checksum: `sha256:${parsed.hex}`, bytes: 12, files: 2 });
    });

    it('a commit: kind git and the full commit id', async () => {
      const repo = createRepo(temp);
      const commit = repo.commit({ 'pack.yaml': 'ref: p\n', 'actions/a.sh': 'echo\n' });
      const result = await packreg([repo.dir, '--git-ref', 'HEAD', '--json']);
      expect(result.code).toBe(0);
      const direct = await computeChecksum({ path: pack }, defaultDeps(new MemoryLogger()));
      expect(JSON.parse(result.stdout)).toEqual({ path: repo.dir, kind: 'git', algorithm: 'sha256', hex: direct.hex, checksum: direct.checksum, bytes: 12, files: 2, commit });
    });
  });
});
