import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { cliCommand } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs, tempTree } from '../helpers/temp.js';

const packreg = cliCommand('index-entry');

const MANIFEST = 'ref: rules\nlabel: Rules\nversion: 1.0.0\ndescription: Source rules\nauthor: Example Team\nlicense: MIT\n';
const URL = 'https://github.com/example/rules.git';
const ARCHIVE_URL = 'https://example.com/rules-1.0.0.tar.gz';
const CHECKSUM = `sha256:${'e'.repeat(64)}`;

describe('index-entry: source rules', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  let repo: TestRepo;
  let sha: string;

  beforeAll(() => {
    repo = createRepo(temp);
    sha = repo.commit({ 'pack.yaml': MANIFEST });
    repo.tag('v1.0.0');
    repo.tag('v1.0.0-annotated', 'HEAD', 'release 1.0.0');
    repo.git('branch', 'release');
  });

  /** Exit code 2, nothing on stdout, the message on stderr. */
  async function usageError(args: string[], message: RegExp | string): Promise<void> {
    const result = await packreg(args, repo.dir);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expect(result.stderr.startsWith('packreg index-entry: error: ')).toBe(true);
    if (typeof message === 'string') expect(result.stderr).toContain(message);
    else expect(result.stderr).toMatch(message);
  }

  it('no source at all: exit 2', async () => {
    await usageError(['.'], 'an entry needs at least one install source: give --git-url with --git-ref, and/or --archive-url');
  });

  it('--git-url without --git-ref: exit 2', async () => {
    await usageError(['.', '--git-url', URL], '--git-url needs --git-ref: the full 40-character commit SHA the source pins');
  });

  it('--git-ref without --git-url: exit 2', async () => {
    await usageError(['.', '--git-ref', sha], '--git-ref needs --git-url');
  });

  it.each([
    ['a lightweight tag', 'v1.0.0'],
    ['an annotated tag (resolved to its commit, not the tag object)', 'v1.0.0-annotated'],
    ['a branch', 'release'],
    ['HEAD', 'HEAD'],
    ['a short SHA', 'SHORT'],
    ['an upper-case SHA', 'UPPER'],
  ])('%s is refused with exit 2, the message giving the commit to pin', async (_what, given) => {
    const ref = given === 'SHORT' ? sha.slice(0, 10) : given === 'UPPER' ? sha.toUpperCase() : given;
    await usageError(['.', '--git-url', URL, '--git-ref', ref], `--git-ref "${ref}" is not a full commit SHA (it resolves to ${sha} today, but a tag or branch can move). Pin the commit: --git-ref ${sha}, or pass --allow-mutable-ref`);
  });

  it.each(['v1.0.0', 'release', 'v1.0.0-annotated'])('--allow-mutable-ref accepts %s: the ref as given, meta.commit resolved, a warning on stderr', async (ref) => {
    const result = await packreg(['.', '--git-url', URL, '--git-ref', ref, '--allow-mutable-ref'], repo.dir);
    expect(result.code).toBe(0);
    const entry = JSON.parse(result.stdout) as { install_sources: { ref: string; checksum: string }[]; meta: { commit: string } };
    expect(entry.install_sources[0].ref).toBe(ref);
    expect(entry.meta.commit).toBe(sha);
    expect(result.stderr).toContain(`warning: git source ref "${ref}" is mutable (now ${sha}); production indices must pin a 40-character commit SHA`);
    const pinned = JSON.parse((await packreg(['.', '--git-url', URL, '--git-ref', sha], repo.dir)).stdout) as typeof entry;
    expect(entry.install_sources[0].checksum).toBe(pinned.install_sources[0].checksum);
  });

  it('a full SHA gives no warning', async () => {
    const result = await packreg(['.', '--git-url', URL, '--git-ref', sha], repo.dir);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/warning/);
  });

  it.each([
    ['http://', 'http://github.com/example/rules.git', 'http:// URLs are not accepted'],
    ['credentials', 'https://user:token@github.com/example/rules.git', 'the URL carries credentials'],
    ['a user name only', 'https://user@github.com/example/rules.git', 'the URL carries credentials'],
    ['a query string', 'https://github.com/example/rules.git?ref=main', 'the URL has a query string'],
    ['an empty query', 'https://github.com/example/rules.git?', 'the URL has a query string'],
    ['a fragment', 'https://github.com/example/rules.git#main', 'the URL has a fragment'],
    ['an empty fragment', 'https://github.com/example/rules.git#', 'the URL has a fragment'],
    ['not a URL', 'github.com/example/rules', '"github.com/example/rules" is not a URL'],
    ['an ssh URL', 'ssh://git@github.com/example/rules.git', 'ssh:// URLs are not accepted'],
    ['a file URL', 'file:///srv/rules.git', 'file:// URLs are not accepted'],
  ])('--git-url with %s: exit 2 naming the flag', async (_what, url, message) => {
    await usageError(['.', '--git-url', url, '--git-ref', sha], `--git-url: `);
    await usageError(['.', '--git-url', url, '--git-ref', sha], message);
  });

  it.each([
    ['http://', 'http://example.com/rules.tar.gz', 'http:// URLs are not accepted'],
    ['credentials', 'https://ci:secret@example.com/rules.tar.gz', 'the URL carries credentials'],
    ['a query string', 'https://example.com/rules.tar.gz?X-Amz-Signature=abc', 'the URL has a query string'],
    ['a fragment', 'https://example.com/rules.tar.gz#sha', 'the URL has a fragment'],
    ['not a URL', 'rules.tar.gz', '"rules.tar.gz" is not a URL'],
  ])('--archive-url with %s: exit 2 naming the flag', async (_what, url, message) => {
    await usageError(['.', '--archive-url', url, '--archive-checksum', CHECKSUM], `--archive-url: `);
    await usageError(['.', '--archive-url', url, '--archive-checksum', CHECKSUM], message);
  });

  it('credentials never reach stdout or stderr', async () => {
    const result = await packreg(['.', '--git-url', 'https://user:s3cr3t@github.com/x.git', '--git-ref', sha], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('s3cr3t');
  });

  it('a pack directory outside any git work tree with --git-url: exit 3', async () => {
    const dir = tempTree(temp, { 'pack.yaml': MANIFEST });
    const result = await packreg([dir, '--git-url', URL, '--git-ref', sha], '/');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--git-url: ${dir} is not inside a git work tree`);
  });

  it('a SHA that names no commit: exit 3', async () => {
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const result = await packreg(['.', '--git-url', URL, '--git-ref', missing], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--git-ref "${missing}" names no commit`);
  });

  it('a missing pack directory: exit 3', async () => {
    const result = await packreg(['no-such-dir', '--archive-url', ARCHIVE_URL, '--archive-checksum', CHECKSUM], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(join(repo.dir, 'no-such-dir'));
  });

  it('a pack without author: exit 3 with the fix', async () => {
    const noAuthor = repo.commit({ 'pack.yaml': MANIFEST.replace('author: Example Team\n', '') });
    const result = await packreg(['.', '--git-url', URL, '--git-ref', noAuthor], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/pack\.yaml in commit [0-9a-f]{40} of .* has no author; an index entry needs one: add author: "Your Name"/);
  });

  it('a version semver allows but the index schema does not (pre-release and build): exit 3 with the schema\'s path', async () => {
    const both = repo.commit({ 'pack.yaml': MANIFEST.replace('version: 1.0.0', 'version: 1.0.0-rc.1+build.5') });
    const result = await packreg(['.', '--git-url', URL, '--git-ref', both], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('is not a valid Attune index entry:\n  /version: does not match ');
  });

  it('a pack whose manifest is invalid at the commit: exit 3 naming the problem', async () => {
    const bad = repo.commit({ 'pack.yaml': MANIFEST.replace('version: 1.0.0', 'version: "1.0"') });
    const result = await packreg(['.', '--git-url', URL, '--git-ref', bad], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/not a valid pack manifest/);
    expect(result.stderr).toMatch(/version/);
  });

  it('a pack directory with no pack.yaml at the commit: exit 3', async () => {
    const none = repo.commit({ 'README.md': '# moved\n' }, 'remove the manifest', ['pack.yaml']);
    const result = await packreg(['.', '--git-url', URL, '--git-ref', none], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`pack.yaml not found in commit ${none}`);
  });
});
