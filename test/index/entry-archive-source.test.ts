import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliCommand } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs, tempTree } from '../helpers/temp.js';

const packreg = cliCommand('index-entry');

interface Entry {
  install_sources: { type: string; url: string; ref?: string; checksum: string }[];
  meta: Record<string, unknown>;
  version: string;
}

const PACK = {
  'pack.yaml': 'ref: arch\nlabel: Archived\nversion: 1.0.0\ndescription: An archived pack\nauthor: Example Team\nlicense: MIT\n',
  'actions/a.yaml': 'name: a\n',
};
const GIT_URL = 'https://github.com/example/arch.git';
const ARCHIVE_URL = 'https://github.com/example/arch/releases/download/v1.0.0/arch-1.0.0.tar.gz';
const ARCHIVE = randomBytes(200_000);
const ARCHIVE_SHA256 = `sha256:${createHash('sha256').update(ARCHIVE).digest('hex')}`;
const GIVEN = `sha256:${'c0ffee'.repeat(10)}abcd`;

describe('index-entry: the archive source', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  let repo: TestRepo;
  let sha: string;
  let archive: string;

  beforeAll(() => {
    repo = createRepo(temp);
    sha = repo.commit(PACK);
    archive = join(temp.make(), 'arch-1.0.0.tar.gz');
    writeFileSync(archive, ARCHIVE);
  });

  it('--archive-file: the checksum is the sha256 of the file\'s bytes, and differs from the git checksum', async () => {
    const result = await packreg(['.', '--git-url', GIT_URL, '--git-ref', sha, '--archive-url', ARCHIVE_URL, '--archive-file', archive], repo.dir);
    expect(result.code).toBe(0);
    const entry = JSON.parse(result.stdout) as Entry;
    expect(entry.install_sources.map((s) => s.type)).toEqual(['git', 'archive']);
    expect(entry.install_sources[1]).toStrictEqual({ type: 'archive', url: ARCHIVE_URL, checksum: ARCHIVE_SHA256 });
    expect(entry.install_sources[0].checksum).not.toBe(ARCHIVE_SHA256);
  });

  it('--archive-file relative to the working directory', async () => {
    const result = await packreg([repo.dir, '--archive-url', ARCHIVE_URL, '--archive-file', 'arch-1.0.0.tar.gz'], join(archive, '..'));
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Entry).install_sources).toEqual([{ type: 'archive', url: ARCHIVE_URL, checksum: ARCHIVE_SHA256 }]);
  });

  it('--archive-checksum is used verbatim; the git checksum is still computed from the tree', async () => {
    const withGiven = JSON.parse((await packreg(['.', '--git-url', GIT_URL, '--git-ref', sha, '--archive-url', ARCHIVE_URL, '--archive-checksum', GIVEN], repo.dir)).stdout) as Entry;
    const withFile = JSON.parse((await packreg(['.', '--git-url', GIT_URL, '--git-ref', sha, '--archive-url', ARCHIVE_URL, '--archive-file', archive], repo.dir)).stdout) as Entry;
    expect(withGiven.install_sources[1]).toStrictEqual({ type: 'archive', url: ARCHIVE_URL, checksum: GIVEN });
    expect(withGiven.install_sources[0]).toStrictEqual(withFile.install_sources[0]);
  });

  it('an archive-only entry reads the pack from the directory and has no git source and no meta.commit', async () => {
    const dir = tempTree(temp, PACK);
    const result = await packreg([dir, '--archive-url', ARCHIVE_URL, '--archive-checksum', GIVEN], '/');
    expect(result.code).toBe(0);
    const entry = JSON.parse(result.stdout) as Entry;
    expect(entry.install_sources).toEqual([{ type: 'archive', url: ARCHIVE_URL, checksum: GIVEN }]);
    expect(entry.meta).toEqual({ category: 'uncategorized' });
    expect(entry).not.toHaveProperty('repository');
  });

  it('nothing is downloaded: an unreachable archive URL is fine', async () => {
    const url = 'https://archive.invalid/arch.tar.gz';
    const result = await packreg(['.', '--archive-url', url, '--archive-file', archive], repo.dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Entry).install_sources[0]).toEqual({ type: 'archive', url, checksum: ARCHIVE_SHA256 });
  });

  it.each([
    ['both --archive-checksum and --archive-file', () => ['--archive-url', ARCHIVE_URL, '--archive-checksum', GIVEN, '--archive-file', archive], /--archive-url needs exactly one of --archive-checksum sha256:HEX or --archive-file FILE/],
    ['--archive-url with neither', () => ['--archive-url', ARCHIVE_URL], /--archive-url needs exactly one of --archive-checksum sha256:HEX or --archive-file FILE/],
    ['a sha512 --archive-checksum', () => ['--archive-url', ARCHIVE_URL, '--archive-checksum', `sha512:${'ab'.repeat(64)}`], /--archive-checksum must be sha256 \(the index schema accepts only sha256\), got sha512/],
    ['an upper-case --archive-checksum', () => ['--archive-url', ARCHIVE_URL, '--archive-checksum', GIVEN.toUpperCase().replace('SHA256', 'sha256')], /--archive-checksum: the hex digits must be lower-case/],
    ['a short --archive-checksum', () => ['--archive-url', ARCHIVE_URL, '--archive-checksum', 'sha256:abc'], /--archive-checksum: a sha256 digest has 64 hex digits, got 3/],
    ['--archive-checksum without --archive-url', () => ['--git-url', GIT_URL, '--git-ref', sha, '--archive-checksum', GIVEN], /--archive-checksum and --archive-file need --archive-url/],
    ['--archive-file without --archive-url', () => ['--git-url', GIT_URL, '--git-ref', sha, '--archive-file', archive], /--archive-checksum and --archive-file need --archive-url/],
    ['--archive-checksum alone (no source at all)', () => ['--archive-checksum', GIVEN], /--archive-checksum and --archive-file need --archive-url/],
  ])('%s: exit 2', async (_what, flags, message) => {
    const result = await packreg(['.', ...flags()], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('a missing --archive-file: exit 3, naming it', async () => {
    const result = await packreg(['.', '--archive-url', ARCHIVE_URL, '--archive-file', 'missing.tar.gz'], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(join(repo.dir, 'missing.tar.gz'));
  });
});
