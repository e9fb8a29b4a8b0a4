/**
 * dist/tag-version.js and dist/github-release.js as the runner runs them, against the GitHub
 * REST stand-in as GITHUB_API_URL. Build first:
 * PACKREG_ONLY=build-archive,tag-version,github-release,release,cli npx rollup -c rollup.config.js
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GithubRelease, TagVersion } from '../../src/contract/actions.js';
import { errorLines, runBuiltActionAsync } from '../helpers/action-runner.js';
import { createRepo } from '../helpers/git-repo.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import type { RecordedRequest } from '../helpers/github-api-server.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
const github = useFakeGitHub();
let count = 0;
let slug: string;

afterAll(() => {
  temp.cleanup();
});
beforeEach(() => {
  slug = `acme/pack-${++count}`;
});

const mine = (): RecordedRequest[] => github.requests.filter((r) => r.path.includes(`/repos/${slug}/`));
const writes = () => mine().filter((r) => r.method !== 'GET');
const manifest = (version: string) => `ref: hello\nlabel: Hello\ndescription: Says hello\nversion: ${version}\nauthor: Example Team\nlicense: MIT\n`;

/** A push event payload file, as the runner writes GITHUB_EVENT_PATH. */
function pushEvent(payload: Record<string, unknown>): string {
  const file = join(temp.make('packreg-event-'), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

describe('tag-version action', () => {
  const O = TagVersion.outputs;

  /** A checkout after a merge that raises the version: the push event's before and after. */
  function merged() {
    const repo = createRepo(temp);
    const before = repo.commit({ 'pack.yaml': manifest('1.0.0') });
    const sha = repo.commit({ 'pack.yaml': manifest('1.1.0') });
    const env = {
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: slug,
      GITHUB_SHA: sha,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: pushEvent({ ref: 'refs/heads/main', before, after: sha, repository: { full_name: slug } }),
    };
    return { ws: repo.dir, before, sha, env };
  }

  it('creates the tag from the push event, sets its outputs and summary; a re-run creates nothing', async () => {
    const { ws, sha, env } = merged();
    const run = await runBuiltActionAsync(temp, 'tag-version', ws, { token: 'write' }, env);
    expect(errorLines(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ [O.tags]: '["v1.1.0"]', [O.created]: 'true' });
    expect(run.summary).toContain('| hello | `.` | 1.0.0 | 1.1.0 | `v1.1.0` | created |');
    expect(writes().map((r) => [r.method, r.path, r.json, r.authorization])).toEqual([['POST', `/repos/${slug}/git/refs`, { ref: 'refs/tags/v1.1.0', sha }, 'token write']]);
    const again = await runBuiltActionAsync(temp, 'tag-version', ws, { token: 'write' }, env);
    expect(again.code).toBe(0);
    expect(again.outputs).toEqual({ [O.tags]: '[]', [O.created]: 'false' });
    expect(again.summary).toContain('already there');
    expect(writes()).toHaveLength(1);
  });

  it('takes pack-dir lines, tag-format, before and sha from its inputs (monorepo)', async () => {
    const repo = createRepo(temp);
    const before = repo.commit({ 'packs/a/pack.yaml': manifest('1.0.0').replace('hello', 'alpha'), 'packs/b/pack.yaml': manifest('1.0.0').replace('hello', 'beta') });
    const sha = repo.commit({ 'packs/a/pack.yaml': manifest('2.0.0').replace('hello', 'alpha') });
    repo.commit({ 'README.md': 'later\n' });
    const run = await runBuiltActionAsync(
      temp,
      'tag-version',
      repo.dir,
      { token: 'write', 'pack-dir': 'packs/a\n# beta too\npacks/b\n', 'tag-format': '{ref}-v{version}', before, sha, repository: slug },
      { GITHUB_API_URL: github.url, GITHUB_EVENT_NAME: 'workflow_dispatch' },
    );
    expect(errorLines(run.stdout)).toEqual([]);
    expect(run.outputs).toEqual({ [O.tags]: '["alpha-v2.0.0"]', [O.created]: 'true' });
    expect(github.repo(slug).tags).toEqual(new Map([['alpha-v2.0.0', sha]]));
  });

  it('fails with one error each and creates nothing: no token, a read-only token, a tag at another commit, no push event', async () => {
    const { ws, before, sha, env } = merged();
    const failures: string[] = [];
    const attempt = async (inputs: Record<string, string>, extra: Record<string, string> = {}) => {
      const run = await runBuiltActionAsync(temp, 'tag-version', ws, inputs, { ...env, ...extra });
      expect(run.code).toBe(1);
      expect(run.outputs).toEqual({});
      const errors = errorLines(run.stdout);
      expect(errors).toHaveLength(1);
      failures.push(errors[0]);
    };
    await attempt({ token: '' });
    await attempt({ token: 'read' });
    github.repo(slug).tags.set('v1.1.0', before);
    await attempt({ token: 'write' });
    await attempt({ token: 'write' }, { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: pushEvent({ inputs: {} }) });
    expect(failures[0]).toContain('tag-version: input token is empty but tag-version (it creates tags) needs a GitHub token');
    expect(failures[1]).toMatch(/cannot create tag v1\.1\.0 in acme\/pack-\d+: 403 Resource not accessible by integration; the token may lack permission \(needs contents: write\)/);
    expect(failures[2]).toContain(`v1.1.0 already tags ${before}, not ${sha}`);
    expect(failures[2]).toContain('a released version is immutable: raise the version');
    expect(failures[3]).toContain('input before is empty and the workflow_dispatch event has no "before" commit');
    expect(writes().map((r) => r.authorization)).toEqual(['token read']);
    expect(github.repo(slug).tags).toEqual(new Map([['v1.1.0', before]]));
  });
});

describe('github-release action', () => {
  const O = GithubRelease.outputs;
  const TAG = 'v1.2.3';

  function workspace(data: Buffer) {
    const ws = temp.make('packreg-ws-');
    writeFileSync(join(ws, 'hello-1.2.3.tar.gz'), data);
    github.repo(slug).tags.set(TAG, 'd'.repeat(40));
    return { ws, env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: slug, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: TAG, GITHUB_REF: `refs/tags/${TAG}` } };
  }

  it('attaches the archive to the pushed tag’s release; a re-run reports already-published and uploads nothing', async () => {
    const data = Buffer.from('archive bytes '.repeat(5000));
    const { ws, env } = workspace(data);
    const run = await runBuiltActionAsync(temp, 'github-release', ws, { archive: 'hello-1.2.3.tar.gz', token: 'write' }, env);
    expect(errorLines(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({
      [O.archiveUrl]: `https://github.com/${slug}/releases/download/${TAG}/hello-1.2.3.tar.gz`,
      [O.releaseUrl]: `https://github.com/${slug}/releases/tag/${TAG}`,
      [O.alreadyPublished]: 'false',
    });
    expect(run.summary).toContain(`\`sha256:${createHash('sha256').update(data).digest('hex')}\``);
    expect(github.repo(slug).assets.map((a) => a.data.equals(data))).toEqual([true]);
    const again = await runBuiltActionAsync(temp, 'github-release', ws, { archive: 'hello-1.2.3.tar.gz', token: 'write' }, env);
    expect(again.code).toBe(0);
    expect(again.outputs).toEqual({ ...run.outputs, [O.alreadyPublished]: 'true' });
    expect(writes().filter((r) => r.path.startsWith('/uploads/'))).toHaveLength(1);
  });

  it('fails with one error each and uploads nothing: different bytes, no tag outside a tag push, a missing archive, no repository', async () => {
    const { ws, env } = workspace(Buffer.from('released'));
    expect((await runBuiltActionAsync(temp, 'github-release', ws, { archive: 'hello-1.2.3.tar.gz', token: 'write' }, env)).code).toBe(0);
    writeFileSync(join(ws, 'hello-1.2.3.tar.gz'), 'rebuilt');
    const attempts = [
      await runBuiltActionAsync(temp, 'github-release', ws, { archive: 'hello-1.2.3.tar.gz', token: 'write' }, env),
      await runBuiltActionAsync(temp, 'github-release', ws, { archive: 'hello-1.2.3.tar.gz', token: 'write' }, { ...env, GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }),
      await runBuiltActionAsync(temp, 'github-release', ws, { archive: 'missing.tar.gz', token: 'write', tag: TAG }, env),
      await runBuiltActionAsync(temp, 'github-release', ws, { archive: 'hello-1.2.3.tar.gz', token: 'write' }, { ...env, GITHUB_REPOSITORY: '' }),
    ];
    const errors = attempts.map((run) => {
      expect(run.code).toBe(1);
      expect(run.outputs).toEqual({});
      const lines = errorLines(run.stdout);
      expect(lines).toHaveLength(1);
      return lines[0];
    });
    expect(errors[0]).toContain('a released archive never changes: raise the version');
    expect(errors[1]).toContain('input tag is empty and this run is not for a tag push (GITHUB_REF_TYPE is branch)');
    expect(errors[2]).toContain(`archive ${join(ws, 'missing.tar.gz')} does not exist`);
    expect(errors[3]).toContain('GITHUB_REPOSITORY is not set and input repository is empty; set input repository to the repository as owner/name');
    expect(writes().filter((r) => r.path.startsWith('/uploads/'))).toHaveLength(1);
  });
});
