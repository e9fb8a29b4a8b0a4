import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryHandoff } from '../../src/contract/actions.js';
import { errorLines, runBuiltActionAsync } from '../helpers/action-runner.js';
import type { ActionRun } from '../helpers/action-runner.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import { makeEntry } from '../index/index-fixtures.js';
import { branches, indexAt, merge, nextConsul, refsOf, REGISTRY_NAME, seedRegistry } from './handoff-fixtures.js';

/** dist/registry-handoff.js as the runner runs it (build it first), against a bare registry and the fake API. */
const O = RegistryHandoff.outputs;
const temp = tempDirs();
const github = useFakeGitHub({ fresh: true });
afterAll(() => {
  temp.cleanup();
});
const BRANCH = 'packreg/consul-1.1.0';

/** A registry at <server>/acme/registry.git, so the default git-url (GITHUB_SERVER_URL/<repository>.git) reaches it. */
async function registryServer(): Promise<{ server: string; bare: string }> {
  const server = temp.make('packreg-git-server-');
  mkdirSync(join(server, 'acme'));
  const bare = join(server, 'acme', 'registry.git');
  renameSync(await seedRegistry(temp), bare);
  return { server, bare };
}

/** A workspace holding entry.json, as index-entry leaves it. */
function workspace(entry: unknown = nextConsul()): string {
  return writeTree(temp.make('packreg-ws-'), { 'out/entry.json': `${JSON.stringify(entry, null, 2)}\n` });
}

function run(ws: string, inputs: Record<string, string>, server = 'https://github.com'): Promise<ActionRun> {
  return runBuiltActionAsync(temp, 'registry-handoff', ws, { entry: 'out/entry.json', repository: 'acme/registry', token: 'write', ...inputs }, {
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: server,
    GITHUB_REPOSITORY: 'acme/consul-pack',
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_REF_TYPE: 'tag',
    GITHUB_REF_NAME: 'v1.1.0',
    GITHUB_RUN_ID: '42',
  });
}

/** Output as the runner shows it: the lines that register secrets are the runner's, not the log's. */
const visible = (r: ActionRun) => [r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'), r.stderr, r.summary, JSON.stringify(r.outputs)];
const basic = (token: string) => Buffer.from(`x-access-token:${token}`).toString('base64');

describe('registry-handoff as the runner runs it', () => {
  it('opens the pull request through the default git-url, sets every output and links it in the summary; re-runs are no-ops', async () => {
    const { server, bare } = await registryServer();
    const ws = workspace();
    const first = await run(ws, {}, `file://${server}`);
    expect(errorLines(first.stdout)).toEqual([]);
    expect(first.code).toBe(0);
    const url = 'https://github.com/acme/registry/pull/1';
    expect(first.outputs).toEqual({ [O.result]: 'opened', [O.pullRequestUrl]: url, [O.pullRequestNumber]: '1', [O.branch]: BRANCH });
    expect(first.summary).toBe(`### packreg: registry handoff (opened)\n\nOpened pull request [#1](${url}) in \`acme/registry\` adding **consul 1.1.0**.\n\n`);
    expect(indexAt(bare, BRANCH).packs[0].version).toBe('1.1.0');
    const pr = github.repo(REGISTRY_NAME).pulls[0];
    expect(pr.body).toContain(`repository \`acme/consul-pack\`, tag \`v1.1.0\`, commit \`${'c'.repeat(40)}\`, [workflow run](file://${server}/acme/consul-pack/actions/runs/42)`);
    // The token is masked before use and never shown.
    expect(first.stdout).toContain(`::add-mask::${basic('write')}`);
    for (const text of visible(first)) expect(text).not.toMatch(new RegExp(`${basic('write')}|token write|\\bwrite\\b`));

    const refs = refsOf(bare);
    github.requests.length = 0;
    const again = await run(ws, {}, `file://${server}`);
    expect(again.code).toBe(0);
    expect(again.outputs).toEqual({ [O.result]: 'exists', [O.pullRequestUrl]: url, [O.pullRequestNumber]: '1', [O.branch]: BRANCH });
    expect(again.summary).toContain('already proposes **consul 1.1.0**; nothing was pushed');
    expect(github.writes()).toEqual([]);
    expect(refsOf(bare)).toBe(refs);

    merge(bare, BRANCH);
    const merged = await run(ws, { 'git-url': bare });
    expect(merged.code).toBe(0);
    expect(merged.outputs).toEqual({ [O.result]: 'unchanged', [O.pullRequestUrl]: '', [O.pullRequestNumber]: '', [O.branch]: '' });
    expect(merged.summary).toContain('`acme/registry` already lists **consul 1.1.0** on `main`; nothing to do.');
    expect(github.writes()).toEqual([]);
  });

  it('fails a missing token naming the input: no request, no push, no outputs', async () => {
    const { bare } = await registryServer();
    const refs = refsOf(bare);
    const result = await run(workspace(), { token: '', 'git-url': bare });
    expect(result.code).toBe(1);
    expect(errorLines(result.stdout)).toEqual(['::error::registry-handoff: input token is required by registry-handoff; set it under "with:"']);
    expect(result.outputs).toEqual({});
    expect(result.summary).toBe('');
    expect(github.requests).toEqual([]);
    expect(refsOf(bare)).toBe(refs);
  });

  it('fails a rejected token with one error that never shows the token, before any push', async () => {
    const { bare } = await registryServer();
    const refs = refsOf(bare);
    const secret = 'ghs_leakcheck0123456789abcdefABCDEF';
    const result = await run(workspace(), { token: secret, 'git-url': bare });
    expect(result.code).toBe(1);
    expect(errorLines(result.stdout)).toEqual([
      expect.stringMatching(/^::error::registry-handoff: GitHub API: cannot list pull requests in acme\/registry: 401 Bad credentials; the token was rejected/),
    ]);
    expect(github.requests[0].authorization).toBe(`token ${secret}`);
    for (const text of visible(result)) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(basic(secret));
    }
    expect(result.outputs).toEqual({});
    expect(refsOf(bare)).toBe(refs);
  });

  it('403 leaves no branch behind and names the permission', async () => {
    const { bare } = await registryServer();
    const result = await run(workspace(), { token: 'read', 'git-url': bare });
    expect(result.code).toBe(1);
    expect(errorLines(result.stdout)).toEqual([
      expect.stringMatching(/^::error::registry-handoff: GitHub API: cannot open a pull request in acme\/registry: 403 .*needs contents: write and pull-requests: write.*; the branch packreg\/consul-1\.1\.0 pushed for it was deleted again/),
    ]);
    expect(branches(bare)).toEqual(['main']);
    expect(result.outputs).toEqual({});
  });

  it('dispatch mode sends the entry and the release it came from', async () => {
    const result = await run(workspace(), { mode: 'dispatch', 'event-type': 'pack-released' });
    expect(errorLines(result.stdout)).toEqual([]);
    expect(result.outputs).toEqual({ [O.result]: 'dispatched', [O.pullRequestUrl]: '', [O.pullRequestNumber]: '', [O.branch]: '' });
    expect(github.repo(REGISTRY_NAME).dispatches).toEqual([
      {
        event_type: 'pack-released',
        client_payload: {
          entry: nextConsul(),
          source: { repository: 'acme/consul-pack', sha: 'c'.repeat(40), tag: 'v1.1.0', runUrl: 'https://github.com/acme/consul-pack/actions/runs/42' },
        },
      },
    ]);
    expect(result.summary).toBe('### packreg: registry handoff (dispatched)\n\nSent `repository_dispatch` event `pack-released` with **consul 1.1.0** to `acme/registry`.\n\n');
  });

  it('refuses an entry file with more than one entry, naming the input, before any request', async () => {
    const result = await run(workspace([nextConsul(), makeEntry({ ref: 'vault', version: '1.0.0' })]), { mode: 'dispatch' });
    expect(errorLines(result.stdout)).toEqual([expect.stringMatching(/^::error::registry-handoff: input entry: .*out\/entry\.json holds 2 entries; a handoff takes exactly one/)]);
    expect(github.requests).toEqual([]);
  });
});
