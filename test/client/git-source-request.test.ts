import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fetchGitSource } from '../../src/core/client/git-source.js';
import { summary } from '../../src/core/client/git-source-fetch.js';
import { checkGitUrl, parseExpectedChecksum, parseGitRef } from '../../src/core/client/git-source-request.js';
import { defaultDeps } from '../../src/core/deps.js';
import { UsageError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/logger.js';
import type { ProcessRunner } from '../../src/core/process/runner.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

/** A runner that fails the test if anything is ever run. */
const forbidden: ProcessRunner & { calls: number } = {
  calls: 0,
  run() {
    forbidden.calls += 1;
    throw new Error('no process may run');
  },
  start() {
    forbidden.calls += 1;
    throw new Error('no process may run');
  },
};

async function refusal(url: string, extra: { ref?: string; expectedChecksum?: string; allowHttp?: boolean } = {}): Promise<UsageError> {
  const parent = makeTempDir('packreg-refuse-');
  forbidden.calls = 0;
  try {
    const into = join(parent, 'demo');
    let caught: unknown;
    try {
      await fetchGitSource({ url, allowHttp: false, timeoutMs: 1000, ...extra }, into, { ...defaultDeps(silentLogger), runner: forbidden });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect(forbidden.calls).toBe(0);
    expect(existsSync(into)).toBe(false);
    return caught as UsageError;
  } finally {
    removeTempDir(parent);
  }
}

describe('git source URLs', () => {
  it.each([
    ['ssh://', 'ssh://git@github.com/owner/pack.git', /ssh scheme is not allowed/],
    ['scp-like ssh', 'git@github.com:owner/pack.git', /git scheme is not allowed|not a valid git URL/],
    ['git://', 'git://github.com/owner/pack.git', /git scheme is not allowed/],
    ['ext::', 'ext::sh -c touch% /tmp/pwned', /not an allowed git URL/],
    ['fd::', 'fd::3', /not an allowed git URL/],
    ['an option', '--upload-pack=touch /tmp/pwned', /not an allowed git URL/],
    ['a bare path', '/srv/git/pack.git', /not a valid git URL/],
    ['http:// without allowHttp', 'http://example.com/pack.git', /plain http is refused/],
    ['userinfo', 'https://user:token@example.com/pack.git', /contains credentials/],
    ['a user name alone', 'https://token@example.com/pack.git', /contains credentials/],
    ['a file:// host', 'file://server/srv/pack.git', /must not name a host/],
    ['an upper-case scheme', 'HTTPS://example.com/pack.git', /lower case/],
    ['a newline', 'https://example.com/pack.git\n--upload-pack=x', /control character/],
  ])('refuses %s without running git', async (_what, url, message) => {
    const error = await refusal(url);
    expect(error.message).toMatch(message);
  });

  it('never repeats credentials in the refusal', async () => {
    const error = await refusal('https://user:s3cret@example.com/pack.git');
    expect(error.message).not.toContain('s3cret');
    expect(error.message).toContain('https://example.com/pack.git');
  });

  it('allows https, http when asked, and file:// with no host', () => {
    expect(checkGitUrl('https://example.com/o/p.git', false)).toEqual({ text: 'https://example.com/o/p.git', protocols: ['https'], shown: 'https://example.com/o/p.git' });
    // https never redirects down to http, even when http is allowed.
    expect(checkGitUrl('https://example.com/o/p.git', true).protocols).toEqual(['https']);
    expect(checkGitUrl('http://127.0.0.1:8080/p.git', true).protocols).toEqual(['http', 'https']);
    expect(checkGitUrl('file:///srv/p.git', false)).toEqual({ text: 'file:///srv/p.git', protocols: ['file'], shown: 'file:///srv/p.git' });
  });
});

describe('git source refs', () => {
  it('reads a full commit id (lower-cased), a name, and no ref as HEAD', () => {
    expect(parseGitRef('A'.repeat(40))).toEqual({ kind: 'commit', commit: 'a'.repeat(40) });
    expect(parseGitRef('v1.2.3')).toEqual({ kind: 'name', name: 'v1.2.3' });
    expect(parseGitRef('refs/heads/release/1.x')).toEqual({ kind: 'name', name: 'refs/heads/release/1.x' });
    expect(parseGitRef(undefined)).toEqual({ kind: 'name', name: 'HEAD' });
  });

  it.each([
    ['an option', '--upload-pack=x'],
    ['a refspec writing a local ref', 'main:refs/heads/evil'],
    ['a forced refspec', '+main'],
    ['a negative refspec', '^main'],
    ['a range', 'a..b'],
    ['a reflog entry', 'main@{1}'],
    ['a glob', 'refs/heads/*'],
    ['a space', 'a b'],
    ['empty', ''],
    ['a trailing slash', 'main/'],
    ['a .lock part', 'main.lock'],
    ['a hidden part', 'refs/.hidden'],
  ])('refuses %s without running git', async (_what, ref) => {
    const error = await refusal('https://example.com/pack.git', { ref });
    expect(error.message).toMatch(/^--ref /);
  });
});

describe('expected checksums', () => {
  it('takes sha256:<64 hex>', () => {
    expect(parseExpectedChecksum(`sha256:${'a'.repeat(64)}`)).toBe(`sha256:${'a'.repeat(64)}`);
  });

  it.each([
    ['another algorithm', `sha512:${'a'.repeat(128)}`],
    ['upper-case hex', `sha256:${'A'.repeat(64)}`],
    ['a short digest', 'sha256:abc'],
    ['no algorithm', 'a'.repeat(64)],
  ])('refuses %s before running git', async (_what, expectedChecksum) => {
    await refusal('https://example.com/pack.git', { expectedChecksum });
  });
});

describe('git error summaries', () => {
  it('keeps the last lines, drops hints, escapes and anything credential-shaped', () => {
    const stderr = [
      'hint: some advice',
      'remote: \x1b[31mred text\x1b[0m from the server\x07',
      "fatal: unable to access 'https://user:tok@example.com/p.git/': The requested URL returned error: 403",
    ].join('\n');
    expect(summary(stderr)).toBe("remote: red text from the server fatal: unable to access 'https://example.com/p.git/': The requested URL returned error: 403");
  });

  it('cuts long output', () => {
    expect(summary('x'.repeat(5000)).length).toBeLessThanOrEqual(601);
  });
});
