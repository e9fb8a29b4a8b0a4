import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexUpdate } from '../../src/contract/actions.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import type { PlanItem } from '../../src/core/index/upsert-plan.js';
import { errorLines, ROOT, runBuiltAction } from '../helpers/action-runner.js';
import type { ActionRun } from '../helpers/action-runner.js';
import { createRepo, git } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { copyStandardIndex, makeEntry, realEntry, snapshot, writeEntryFile, writeJson } from './index-fixtures.js';

/**
 * The built index-update action (dist/index-update.js) with push: true, run as the runner
 * runs it in a registry repository's workflow: the workspace is a shallow clone of a real
 * local bare remote (what actions/checkout leaves, its origin pushable), and the entry comes
 * from a repository_dispatch `pack-updated` event's client_payload (GITHUB_EVENT_PATH).
 * Build first: PACKREG_ONLY=index-update,cli npx rollup -c rollup.config.js
 */
const BUNDLE = join(ROOT, 'dist', `${IndexUpdate.name}.js`);
const temp = tempDirs();
afterAll(() => temp.cleanup());

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`missing ${BUNDLE}: build first with PACKREG_ONLY=index-update,cli npx rollup -c rollup.config.js`);
});

const HELLO = makeEntry({ ref: 'hello', version: '1.2.0' });

/** A bare registry remote holding the standard index in registry/; `seed` is its one commit. */
function registry(): { remote: string; seed: string } {
  const remote = join(temp.make('packreg-remote-'), 'registry.git');
  git(temp.make(), ['init', '-q', '--bare', '-b', 'main', remote]);
  const work = createRepo(temp);
  copyStandardIndex(join(work.dir, 'registry'));
  const seed = work.commit({}, 'registry');
  work.git('push', '-q', remote, 'main');
  return { remote, seed };
}

/** The workspace actions/checkout makes: a depth-1 clone of main. */
function checkout(remote: string): string {
  const dir = join(temp.make('packreg-workspace-'), 'registry');
  git(temp.make(), ['clone', '-q', '--depth', '1', `file://${remote}`, dir]);
  return dir;
}

const remoteHead = (remote: string) => git(remote, ['rev-parse', 'main']);
const remoteRefs = (remote: string) => (JSON.parse(git(remote, ['show', 'main:registry/index.json'])) as RegistryIndex).packs.map((p) => p.ref);
const status = (dir: string) => git(dir, ['status', '--porcelain', '--untracked-files=all']);

/** A repository_dispatch event file as the runner writes it, with `clientPayload`. */
function dispatchEvent(clientPayload: unknown): Record<string, string> {
  const path = writeJson(join(temp.make('packreg-event-'), 'event.json'), {
    action: 'pack-updated',
    branch: 'main',
    client_payload: clientPayload,
    repository: { full_name: 'acme/registry', default_branch: 'main' },
  });
  return { GITHUB_EVENT_NAME: 'repository_dispatch', GITHUB_EVENT_PATH: path, GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main', GITHUB_REPOSITORY: 'acme/registry' };
}

function run(workspace: string, withInputs: Record<string, string>, env: Record<string, string>): ActionRun {
  return runBuiltAction(temp, IndexUpdate.name, workspace, { index: 'registry/index.json', ...withInputs }, env);
}

describe('index-update with push, on a repository_dispatch event', () => {
  it('upserts client_payload.entry, commits and pushes; the same event again pushes nothing', () => {
    const { remote, seed } = registry();
    const event = dispatchEvent({ entry: HELLO });
    const first = run(checkout(remote), { push: 'true' }, event);
    expect([first.code, errorLines(first.stdout)]).toEqual([0, []]);
    expect(Object.keys(first.outputs).sort()).toEqual(Object.values(IndexUpdate.outputs).sort());
    expect(first.outputs).toMatchObject({ changed: 'true', commit: remoteHead(remote), attempts: '1' });
    expect((JSON.parse(first.outputs.plan) as PlanItem[]).map((i) => `${i.action} ${i.ref}@${i.version}`)).toEqual(['added hello@1.2.0']);
    expect(git(remote, ['log', '-1', '--format=%P|%an|%s', 'main'])).toBe(`${seed}|github-actions[bot]|index: hello 1.2.0`);
    expect(remoteRefs(remote)).toContain('hello');
    expect(JSON.parse(git(remote, ['show', 'main:registry/packs/hello/index.json']))).toEqual({ ref: 'hello', versions: [HELLO] });
    expect(first.summary).toContain('| `+` | hello | 1.2.0 (latest) | added | new version |');
    expect(first.summary).toContain(`Pushed \`${first.outputs.commit}\` after 1 attempt(s).`);

    const workspace = checkout(remote);
    const again = run(workspace, { push: 'true' }, event);
    expect([again.code, errorLines(again.stdout)]).toEqual([0, []]);
    expect(again.outputs).toMatchObject({ changed: 'false', commit: '', attempts: '1' });
    expect(again.summary).toContain('Nothing was committed or pushed.');
    expect([remoteHead(remote), status(workspace)]).toEqual([first.outputs.commit, '']);
  });

  it('a remote whose pre-receive hook rejects every push: one clear error after max-attempts, nothing pushed or left over', () => {
    const { remote, seed } = registry();
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const workspace = checkout(remote);
    const failed = run(workspace, { push: 'true', 'max-attempts': '2' }, dispatchEvent({ entry: HELLO }));
    expect(failed.code).not.toBe(0);
    expect(errorLines(failed.stdout)).toEqual([
      expect.stringMatching(/^::error::index-update: could not push the index update to main: origin rejected it 2 time\(s\) \(last: \[remote rejected\].*pre-receive hook declined.*Nothing was pushed.*branch protection rules of main/),
    ]);
    expect(failed.stdout.split('\n').filter((l) => l.startsWith('::warning::push to main rejected'))).toHaveLength(2);
    expect(failed.outputs).toEqual({});
    expect([remoteHead(remote), git(workspace, ['rev-list', '--branches']), status(workspace)]).toEqual([seed, seed, '']);
  });

  it('an entry refused by immutability fails the step; nothing committed or pushed', () => {
    const { remote, seed } = registry();
    const workspace = checkout(remote);
    const rebuilt = makeEntry({ version: realEntry('consul').version, gitChecksum: 'rebuilt' }, 'consul');
    const refused = run(workspace, { push: 'true' }, dispatchEvent({ entries: [HELLO, rebuilt] }));
    expect(refused.code).toBe(1);
    expect(errorLines(refused.stdout)).toEqual([expect.stringMatching(/index-update: 1 entry\(ies\) refused; nothing was committed or pushed/)]);
    expect(refused.outputs).toMatchObject({ changed: 'false', commit: '', attempts: '1' });
    expect((JSON.parse(refused.outputs.plan) as PlanItem[]).map((i) => i.action)).toEqual(['added', 'refused']);
    expect([remoteHead(remote), status(workspace)]).toEqual([seed, '']);
  });

  it('dry-run wins over push: the plan, nothing written, committed or pushed', () => {
    const { remote, seed } = registry();
    const workspace = checkout(remote);
    const before = snapshot(workspace);
    const dry = run(workspace, { push: 'true', 'dry-run': 'true' }, dispatchEvent({ entry: HELLO }));
    expect([dry.code, errorLines(dry.stdout)]).toEqual([0, []]);
    expect(dry.stdout).toContain('dry-run is set, so push is ignored');
    expect(dry.outputs).toMatchObject({ changed: 'true', commit: '', attempts: '0' });
    expect([remoteHead(remote), status(workspace), snapshot(workspace)]).toEqual([seed, '', before]);
  });

  it('entry files (workflow_dispatch) push too, to the branch given; no entries and no dispatch names both ways', () => {
    const { remote } = registry();
    const workspace = checkout(remote);
    const entry = writeEntryFile(join(temp.make('packreg-runner-temp-'), 'entry.json'), HELLO);
    const manual = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' };
    const pushed = run(workspace, { push: 'true', entries: entry, branch: 'main', 'commit-message': 'Publish hello' }, manual);
    expect([pushed.code, errorLines(pushed.stdout)]).toEqual([0, []]);
    expect(pushed.outputs).toMatchObject({ changed: 'true', commit: remoteHead(remote) });
    expect(git(remote, ['log', '-1', '--format=%s', 'main'])).toBe('Publish hello');

    const head = remoteHead(remote);
    const none = run(checkout(remote), { push: 'true' }, manual);
    expect(none.code).toBe(1);
    expect(errorLines(none.stdout)).toEqual([expect.stringMatching(/input entries is required by index-update unless the workflow runs on a repository_dispatch event whose client_payload carries "entry".* or "entries"/)]);
    expect([none.outputs, remoteHead(remote)]).toEqual([{}, head]);
  });

  it('bad dispatches, a dirty checkout, a pull request ref and a bad max-attempts fail clearly; nothing changes', () => {
    const { remote, seed } = registry();
    const workspace = checkout(remote);
    const cases: [Record<string, string>, Record<string, string>, RegExp][] = [
      [{}, dispatchEvent({ entry: 'hello' }), /client_payload\.entry of the repository_dispatch event is "hello"; expected one entry object/],
      [{}, dispatchEvent({ entries: HELLO }), /client_payload\.entries of the repository_dispatch event is not an array/],
      [{}, dispatchEvent({ entry: HELLO, entries: [HELLO] }), /carries both client_payload\.entry .* and client_payload\.entries; send one of them/],
      [{}, dispatchEvent({ entry: { ...HELLO, version: 'latest' } as IndexEntry }), /entry hello@latest is not a valid Attune index entry/],
      [{}, { ...dispatchEvent({ entry: HELLO }), GITHUB_REF: 'refs/pull/7/merge', GITHUB_REF_NAME: '7/merge' }, /input branch is empty and GITHUB_REF \(refs\/pull\/7\/merge\) is not a branch/],
      [{ 'max-attempts': 'many' }, dispatchEvent({ entry: HELLO }), /input max-attempts: "many" is not a whole number/],
      [{ output: 'elsewhere.json' }, dispatchEvent({ entry: HELLO }), /input output cannot be combined with push/],
    ];
    for (const [inputs, env, message] of cases) {
      const failed = run(workspace, { push: 'true', ...inputs }, env);
      expect([message, failed.code, errorLines(failed.stdout)]).toEqual([message, 1, [expect.stringMatching(message)]]);
      expect([message, remoteHead(remote), status(workspace)]).toEqual([message, seed, '']);
    }
    writeFileSync(join(workspace, 'registry', 'index.json'), '{}\n');
    const dirty = run(workspace, { push: 'true' }, dispatchEvent({ entry: HELLO }));
    expect(errorLines(dirty.stdout)).toEqual([expect.stringMatching(/has uncommitted changes \(registry\/index\.json\).*Nothing was changed/)]);
    expect([remoteHead(remote), status(workspace)]).toEqual([seed, ' M registry/index.json']);
  });
});
