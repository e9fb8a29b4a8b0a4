import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexUpdate } from '../../src/contract/actions.js';
import { ROOT, runBuiltAction } from '../helpers/action-runner.js';
import type { ActionRun } from '../helpers/action-runner.js';
import type { RegistryIndex } from '../../src/core/index/model.js';
import type { PlanItem } from '../../src/core/index/upsert-plan.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { checksumOf, copyStandardIndex, historyFile, makeEntry, readJson, realEntry, snapshot, writeEntryFile } from './index-fixtures.js';

/**
 * The built index-update action (dist/index-update.js) run as the GitHub runner runs it:
 * a node process with INPUT_<NAME> variables (action.yml defaults filled in), GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY files, in a workspace that is a git repository holding the
 * registry. Build first: npx rollup -c rollup.config.js --silent.
 */
const BUNDLE = join(ROOT, 'dist', `${IndexUpdate.name}.js`);
const temp = tempDirs();
afterAll(() => temp.cleanup());

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`missing ${BUNDLE}: build first with npx rollup -c rollup.config.js --silent`);
});

/** Run the built action with `with:` inputs (see test/helpers/action-runner.ts). */
function runAction(workspace: string, withInputs: Record<string, string>): ActionRun {
  return runBuiltAction(temp, IndexUpdate.name, workspace, withInputs);
}

const errors = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error::'));
const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning::'));

/** A workspace: a git repository with the standard index in registry/ and entry files in entries/, committed. */
function workspace(): TestRepo {
  const repo = createRepo(temp);
  copyStandardIndex(join(repo.dir, 'registry'));
  writeEntryFile(join(repo.dir, 'entries', 'consul.json'), makeEntry({ version: '0.2.0' }, 'consul'));
  writeEntryFile(join(repo.dir, 'entries', 'vault-old.json'), makeEntry({ version: '0.9.0' }, 'vault'));
  repo.commit({}, 'registry and entries');
  return repo;
}

const ENTRIES = 'entries/consul.json\n# an older vault release\n\n  entries/vault-old.json  \n';

describe('the index-update action as the runner runs it', () => {
  it('upserts the entries, sets changed and the plan, writes the summary; a second run changes nothing', () => {
    const repo = workspace();
    const run = runAction(repo.dir, { index: 'registry/index.json', entries: ENTRIES, policy: 'standard' });
    expect(errors(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(Object.keys(run.outputs).sort()).toEqual(Object.values(IndexUpdate.outputs).sort());
    expect(run.outputs.changed).toBe('true');
    const plan = JSON.parse(run.outputs.plan) as PlanItem[];
    expect(plan).toEqual([
      { ref: 'consul', version: '0.2.0', action: 'added', reason: 'new version', latest: true },
      { ref: 'vault', version: '0.9.0', action: 'added', reason: 'new version', latest: false },
    ]);
    // the plan in the log and in the job summary
    expect(run.stdout).toContain('+ consul 0.2.0 (latest): new version');
    expect(run.summary).toContain('### packreg: index update');
    expect(run.summary).toContain('| `+` | consul | 0.2.0 (latest) | added | new version |');
    expect(run.summary).toContain('| `+` | vault | 0.9.0 | added | new version |');
    // the files
    const index = join(repo.dir, 'registry', 'index.json');
    const byRef = new Map(readJson<RegistryIndex>(index).packs.map((p) => [p.ref, p]));
    expect(byRef.get('consul')).toEqual(makeEntry({ version: '0.2.0' }, 'consul'));
    expect(byRef.get('vault')).toEqual(realEntry('vault'));
    expect(readJson(historyFile(index, 'vault'))).toEqual({ ref: 'vault', versions: [realEntry('vault'), makeEntry({ version: '0.9.0' }, 'vault')] });
    repo.commit({}, 'published');

    const again = runAction(repo.dir, { index: 'registry/index.json', entries: ENTRIES, policy: 'standard' });
    expect([again.code, errors(again.stdout)]).toEqual([0, []]);
    expect(again.outputs.changed).toBe('false');
    expect((JSON.parse(again.outputs.plan) as PlanItem[]).map((i) => i.action)).toEqual(['unchanged', 'unchanged']);
    expect(again.summary).toContain('`: no change');
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('dry-run: changed true, the plan in the summary, nothing written', () => {
    const repo = workspace();
    const before = snapshot(repo.dir);
    const run = runAction(repo.dir, { index: 'registry/index.json', entries: ENTRIES, 'dry-run': 'true' });
    expect([run.code, errors(run.stdout)]).toEqual([0, []]);
    expect(run.outputs.changed).toBe('true');
    expect(JSON.parse(run.outputs.plan)).toHaveLength(2);
    expect(run.summary).toContain('### packreg: index update (dry run)');
    expect(snapshot(repo.dir)).toEqual(before);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('a refusal fails the step; the plan output and summary still say why; nothing is written', () => {
    const repo = workspace();
    writeEntryFile(join(repo.dir, 'entries', 'consul-rebuilt.json'), makeEntry({ version: '0.1.0', gitChecksum: 'rebuilt' }, 'consul'));
    repo.commit({}, 'a rebuilt entry');
    const before = snapshot(repo.dir);
    const run = runAction(repo.dir, { index: 'registry/index.json', entries: 'entries/vault-old.json\nentries/consul-rebuilt.json' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringMatching(/index-update: 1 entry\(ies\) refused; nothing was written/)]);
    const plan = JSON.parse(run.outputs.plan) as PlanItem[];
    expect(plan.map((i) => i.action)).toEqual(['added', 'refused']);
    expect(plan[1].reason).toContain(realEntry('consul').install_sources[0].checksum);
    expect(plan[1].reason).toContain(checksumOf('git:rebuilt'));
    expect(run.summary).toMatch(/\| `!` \| consul \| 0\.1\.0 \(latest\) \| refused \|/);
    expect(run.summary).toContain('1 refused, nothing written');
    expect(snapshot(repo.dir)).toEqual(before);
  });

  it('force: the replacement goes through with a warning annotation', () => {
    const repo = workspace();
    writeEntryFile(join(repo.dir, 'entries', 'consul-rebuilt.json'), makeEntry({ version: '0.1.0', gitChecksum: 'rebuilt' }, 'consul'));
    const run = runAction(repo.dir, { index: 'registry/index.json', entries: 'entries/consul-rebuilt.json', force: 'true' });
    expect([run.code, errors(run.stdout)]).toEqual([0, []]);
    expect(warnings(run.stdout)).toEqual([expect.stringMatching(/^::warning::consul@0\.1\.0: REPLACED a published version/)]);
    expect(run.outputs.changed).toBe('true');
    expect(run.summary).toContain('| `~` | consul | 0.1.0 (latest) | replaced |');
  });

  it('creates a new index from registry-name and registry-url; without them it fails and writes nothing', () => {
    const repo = workspace();
    const missing = runAction(repo.dir, { index: 'new/index.json', entries: 'entries/consul.json' });
    expect(missing.code).toBe(1);
    expect(errors(missing.stdout)).toEqual([expect.stringMatching(/index-update: index .*new\/index\.json does not exist; to create it, give --registry-name and --registry-url/)]);
    expect(missing.outputs).toEqual({});
    expect(existsSync(join(repo.dir, 'new'))).toBe(false);

    const created = runAction(repo.dir, { index: 'new/index.json', entries: 'entries/consul.json', 'registry-name': 'Team Packs', 'registry-url': 'https://packs.example.com/index.json' });
    expect([created.code, errors(created.stdout)]).toEqual([0, []]);
    expect(readJson<RegistryIndex>(join(repo.dir, 'new', 'index.json'))).toMatchObject({ registry_name: 'Team Packs', registry_url: 'https://packs.example.com/index.json', packs: [makeEntry({ version: '0.2.0' }, 'consul')] });
  });

  it('a malformed entry file fails the step with its line and column, nothing written', () => {
    const repo = workspace();
    writeFileSync(join(repo.dir, 'entries', 'broken.json'), '{\n  "ref": "consul",\n  "version": 1.0.0\n}\n');
    const before = snapshot(repo.dir);
    const run = runAction(repo.dir, { index: 'registry/index.json', entries: 'entries/broken.json' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringContaining(`${join(repo.dir, 'entries', 'broken.json')}:3:17: not valid JSON`)]);
    expect(run.outputs).toEqual({});
    expect(snapshot(repo.dir)).toEqual(before);
  });

  it('without entries, or with only comments in it, the step fails naming the input, nothing written', () => {
    const repo = workspace();
    const before = snapshot(repo.dir);
    const none = runAction(repo.dir, { index: 'registry/index.json' });
    expect(none.code).toBe(1);
    expect(errors(none.stdout)).toEqual([expect.stringMatching(/input entries is required by index-update/)]);
    const comments = runAction(repo.dir, { index: 'registry/index.json', entries: '# nothing yet\n\n' });
    expect(comments.code).toBe(1);
    expect(errors(comments.stdout)).toEqual([expect.stringMatching(/input entries lists no entry files/)]);
    expect([none.outputs, comments.outputs]).toEqual([{}, {}]);
    expect(snapshot(repo.dir)).toEqual(before);
  });

  it('an invalid boolean input fails the step, naming it', () => {
    const repo = workspace();
    const run = runAction(repo.dir, { index: 'registry/index.json', entries: 'entries/consul.json', 'dry-run': 'yes' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringMatching(/input dry-run: "yes" is not a boolean/)]);
  });
});
