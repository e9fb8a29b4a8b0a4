import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitAuthEnvironment, RepoGitCli } from '../../src/core/git/repo-git-cli.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { createRepo, git } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());
const repoGit = new RepoGitCli(nodeProcessRunner);

/** A bare remote with one commit on main, and a full clone of it. */
function remoteAndClone(): { bare: string; clone: string } {
  const repo = createRepo(temp);
  repo.commit({ 'a.txt': 'a\n' });
  const bare = join(temp.make('packreg-bare-'), 'r.git');
  git(repo.dir, ['init', '-q', '--bare', '-b', 'main', bare]);
  repo.git('push', '-q', bare, 'main');
  const clone = join(temp.make('packreg-clone-'), 'c');
  git(temp.make('packreg-cwd-'), ['clone', '-q', bare, clone]);
  for (const [k, v] of [['user.name', 'T'], ['user.email', 't@packreg.invalid'], ['commit.gpgsign', 'false']]) git(clone, ['config', k, v]);
  return { bare, clone };
}

async function commitIn(dir: string, file: string): Promise<void> {
  writeFileSync(join(dir, file), file);
  await repoGit.stage(dir, [file]);
  await repoGit.commit(dir, `add ${file}`, { name: 'T', email: 't@packreg.invalid' });
}

describe('RepoGitCli.push', () => {
  it('tells a branch that moved on (moved) from a ref the server refused (refused)', async () => {
    const { bare, clone } = remoteAndClone();
    const other = remoteAndClone().clone;
    git(other, ['remote', 'set-url', 'origin', bare]);
    git(other, ['fetch', '-q', 'origin']);
    git(other, ['reset', '-q', '--hard', 'origin/main']);
    await commitIn(other, 'first.txt');
    expect(await repoGit.push(other, 'main')).toEqual({ pushed: true });
    await commitIn(clone, 'second.txt');
    expect(await repoGit.push(clone, 'main')).toMatchObject({ pushed: false, kind: 'moved', reason: expect.stringMatching(/\[rejected\]/) });

    writeFileSync(join(bare, 'hooks', 'pre-receive'), '#!/bin/sh\necho "registry is frozen"\nexit 1\n', { mode: 0o755 });
    await repoGit.fetchBranch(clone, 'main');
    await repoGit.resetBranch(clone, 'main', 'origin/main');
    await commitIn(clone, 'third.txt');
    const refused = await repoGit.push(clone, 'main');
    expect(refused).toMatchObject({ pushed: false, kind: 'refused' });
    expect(refused.pushed === false && refused.reason).toMatch(/\[remote rejected\] \(pre-receive hook declined\).*registry is frozen/s);
  });
});

describe('RepoGitCli.fetchBranch', () => {
  it('leaves a full clone full and keeps a shallow clone shallow', async () => {
    const { bare, clone } = remoteAndClone();
    await repoGit.fetchBranch(clone, 'main');
    expect(git(clone, ['rev-parse', '--is-shallow-repository'])).toBe('false');
    const shallow = join(temp.make('packreg-shallow-'), 's');
    await repoGit.clone(`file://${bare}`, shallow, 'main'); // git ignores --depth for plain local paths
    expect(git(shallow, ['rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(await repoGit.fetchBranch(shallow, 'main')).toBe(git(bare, ['rev-parse', 'main']));
  });
});

describe('RepoGitCli.currentBranch', () => {
  it('names the checked-out branch, and none on a detached HEAD', async () => {
    const { clone } = remoteAndClone();
    expect(await repoGit.currentBranch(clone)).toBe('main');
    git(clone, ['checkout', '-q', '--detach']);
    expect(await repoGit.currentBranch(clone)).toBeUndefined();
  });
});

describe('gitAuthEnvironment', () => {
  it('scopes the token header to the https remote origin and keeps it out of the URL', () => {
    const env = gitAuthEnvironment('https://github.example.com/acme/registry.git', { token: 's3cr3t' });
    expect(env).toEqual({
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://github.example.com/.extraheader',
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from('x-access-token:s3cr3t').toString('base64')}`,
    });
  });

  it('sends no token to a local or file remote', () => {
    expect(gitAuthEnvironment('/srv/registry.git', { token: 's3cr3t' })).toEqual({ GIT_TERMINAL_PROMPT: '0' });
    expect(gitAuthEnvironment('file:///srv/registry.git', { token: 's3cr3t' })).toEqual({ GIT_TERMINAL_PROMPT: '0' });
  });
});
