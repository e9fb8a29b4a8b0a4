import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { InstallVerify } from '../../src/contract/actions.js';
import { ROOT, runBuiltActionAsync } from '../helpers/action-runner.js';
import type { ActionRun } from '../helpers/action-runner.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { startHangingServer } from '../install/hanging-server.js';
import { entries, passingTests, writeInstallPack } from '../install/install-fixtures.js';
import type { InstallPackSpec } from '../install/install-fixtures.js';

/**
 * dist/install-verify.js as the GitHub runner runs it (see test/helpers/action-runner.ts):
 * real git checkouts as the workspace, pull_request event payloads, real pack test processes.
 * The tests never build; run `npm run build` first.
 */
const O = InstallVerify.outputs;
const temp = tempDirs();
afterAll(() => temp.cleanup());

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'install-verify.js'))) throw new Error('dist/install-verify.js is missing: build first with npm run build');
});

interface StepJson {
  name: string;
  status: string;
  details: { level: string; message: string; file?: string; line?: number }[];
}
interface PackJson {
  spec: string;
  ref?: string;
  passed: boolean;
  dryRun: boolean;
  steps: StepJson[];
  tests?: { total: number; passed: number; failed: number };
  error?: string;
}

/** The action's `result` output, parsed. */
const resultOf = (run: ActionRun): { passed: boolean; packs: PackJson[] } => JSON.parse(run.outputs[O.result]);
const stepsOf = (pack: PackJson): string[] => pack.steps.map((s) => `${s.name}:${s.status}`);
/** Every `::error` workflow command, with or without properties (file, line...). */
const errorCommands = (stdout: string): string[] => stdout.split(/\r?\n/).filter((l) => l.startsWith('::error'));

/** Write a pack into `folder` of the work tree (commit it with `repo.commit({})`). */
function pack(repo: TestRepo, folder: string, spec: InstallPackSpec): void {
  writeInstallPack(join(repo.dir, folder), spec);
}

/** A private RUNNER_TEMP, to prove a dry run leaves nothing in it. */
function runnerTemp(): string {
  return temp.make('packreg-runner-temp-');
}

/** The pull_request event payload GitHub writes to GITHUB_EVENT_PATH (the fields the action may read). */
function pullRequestEvent(base: string, head: string): string {
  const path = join(temp.make('packreg-event-'), 'event.json');
  const payload = {
    action: 'synchronize',
    number: 1,
    pull_request: { number: 1, base: { ref: 'main', sha: base }, head: { ref: 'feature', sha: head } },
    repository: { full_name: 'o/r' },
  };
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

function pushEvent(head: string): string {
  const path = join(temp.make('packreg-event-'), 'event.json');
  writeFileSync(path, JSON.stringify({ ref: 'refs/heads/main', before: '0'.repeat(40), after: head, repository: { full_name: 'o/r' } }));
  return path;
}

function run(workspace: string, withInputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runBuiltActionAsync(temp, InstallVerify.name, workspace, withInputs, env);
}

/** A monorepo on main with packs a, b and c; `feature` checked out with `change` committed on top. */
function monorepo(change: (repo: TestRepo) => void, specs: Partial<Record<'a' | 'b' | 'c', Partial<InstallPackSpec>>> = {}) {
  const repo = createRepo(temp);
  for (const name of ['a', 'b', 'c'] as const) pack(repo, `packs/${name}`, { ref: name, testScript: passingTests(), ...specs[name] });
  writeFileSync(join(repo.dir, 'README.md'), '# packs\n');
  const base = repo.commit({}, 'three packs');
  repo.git('checkout', '-q', '-b', 'feature');
  change(repo);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'change');
  return { repo, base, head: repo.revParse('HEAD') };
}

describe('install-verify with spec', () => {
  it('verifies a pack folder of the workspace as a dry run and reports it in outputs and summary', async () => {
    const repo = createRepo(temp);
    pack(repo, 'packs/a', { ref: 'a', version: '1.4.0', testScript: passingTests(3) });
    repo.commit({});
    const tmp = runnerTemp();
    const packsDir = join(temp.make('packreg-packs-'), 'packs');
    const r = await run(repo.dir, { spec: 'packs/a', 'packs-dir': packsDir }, { RUNNER_TEMP: tmp });
    expect(errorCommands(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.written.sort()).toEqual(Object.values(O).sort());
    expect(r.outputs[O.passed]).toBe('true');
    expect(JSON.parse(r.outputs[O.matrix])).toEqual({ include: [{ pack: 'a', path: 'packs/a' }] });
    const result = resultOf(r);
    expect(result.passed).toBe(true);
    expect(result.packs).toHaveLength(1);
    const [a] = result.packs;
    expect(a).toMatchObject({ spec: 'packs/a', ref: 'a', version: '1.4.0', passed: true, dryRun: true, tests: { total: 3, passed: 3, failed: 0 } });
    expect(stepsOf(a)).toEqual(['fetch:passed', 'dependencies:passed', 'environment:passed', 'tests:passed', 'registration:skipped', 'cleanup:passed']);
    expect(a.steps.find((s) => s.name === 'registration')?.details[0].message).toMatch(/^dry run: nothing registered/);
    // the summary: a steps table and a runner table for the pack
    expect(r.summary).toContain('### packreg install-verify: passed');
    expect(r.summary).toContain('#### a 1.4.0: verified (dry run)');
    expect(r.summary).toMatch(/^\| step \| status \| time \| details \|$/m);
    expect(r.summary).toMatch(/^\| tests \| ✅ passed \| \d+\.\d\d s \|/m);
    expect(r.summary).toMatch(/^\| registration \| ⏭️ skipped \|/m);
    expect(r.summary).toMatch(/^\| runner \| command \| passed \| failed \| skipped \| exit \| time \|$/m);
    expect(r.summary).toMatch(/^\| shell \| script `tests\/run_tests\.sh` \| 3 \| 0 \| 0 \| 0 \| \d+\.\d\d s \|$/m);
    // a dry run: nothing in the packs folder, nothing left in the runner's temp folder or the checkout
    expect(existsSync(packsDir)).toBe(false);
    expect(entries(tmp)).toEqual([]);
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');
  });

  it('leaves the default packs folder under RUNNER_TEMP empty', async () => {
    const repo = createRepo(temp);
    pack(repo, '.', { ref: 'rooted', testScript: passingTests() });
    repo.commit({});
    const tmp = runnerTemp();
    const r = await run(repo.dir, { spec: '.' }, { RUNNER_TEMP: tmp });
    expect([r.code, errorCommands(r.stdout)]).toEqual([0, []]);
    expect(JSON.parse(r.outputs[O.matrix])).toEqual({ include: [{ pack: 'rooted', path: '.' }] });
    expect(entries(join(tmp, 'packreg-packs'))).toEqual([]);
    expect(entries(tmp).filter((e) => e !== 'packreg-packs')).toEqual([]);
  });
});

describe('install-verify with changed', () => {
  it('verifies only the packs the pull request changes, with the base commit from the event', async () => {
    const markers = temp.make('packreg-markers-');
    const testOf = (name: string) => `touch ${join(markers, name)}\n${passingTests()}`;
    const { repo, base, head } = monorepo(
      (r) => {
        writeFileSync(join(r.dir, 'packs/a/actions/greet.sh'), '#!/bin/sh\necho changed\n');
        writeFileSync(join(r.dir, 'packs/b/pack.yaml'), `${readFileSync(join(r.dir, 'packs/b/pack.yaml'), 'utf8')}keywords: [b]\n`);
        writeFileSync(join(r.dir, 'README.md'), '# packs, changed\n');
      },
      { a: { testScript: testOf('a') }, b: { testScript: testOf('b') }, c: { testScript: testOf('c') } },
    );
    const r = await run(repo.dir, { changed: 'true' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(base, head), RUNNER_TEMP: runnerTemp() });
    expect(errorCommands(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.outputs[O.matrix])).toEqual({ include: [{ pack: 'a', path: 'packs/a' }, { pack: 'b', path: 'packs/b' }] });
    expect(resultOf(r).packs.map((p) => [p.spec, p.ref, p.passed])).toEqual([
      ['packs/a', 'a', true],
      ['packs/b', 'b', true],
    ]);
    expect(entries(markers)).toEqual(['a', 'b']);
    expect(r.outputs[O.passed]).toBe('true');
    expect(r.summary).toContain('#### a 1.0.0: verified (dry run)');
    expect(r.summary).toContain('#### b 1.0.0: verified (dry run)');
    expect(r.summary).not.toContain('#### c ');
  });

  it('takes base-ref outside a pull request (a push), as a branch name', async () => {
    const { repo, head } = monorepo((r) => writeFileSync(join(r.dir, 'packs/c/README.md'), 'c\n'));
    const r = await run(repo.dir, { changed: 'true', 'base-ref': 'main' }, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: pushEvent(head), RUNNER_TEMP: runnerTemp() });
    expect([r.code, errorCommands(r.stdout)]).toEqual([0, []]);
    expect(JSON.parse(r.outputs[O.matrix])).toEqual({ include: [{ pack: 'c', path: 'packs/c' }] });
    expect(resultOf(r).packs.map((p) => p.ref)).toEqual(['c']);
  });

  it('with list-only, sets only the matrix, runs nothing and lists the packs in the summary', async () => {
    const markers = temp.make('packreg-markers-');
    const { repo, base, head } = monorepo((r) => writeFileSync(join(r.dir, 'packs/b/README.md'), 'b\n'), { b: { testScript: `touch ${join(markers, 'b')}\n${passingTests()}` } });
    const tmp = runnerTemp();
    const r = await run(repo.dir, { changed: 'true', 'list-only': 'true' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(base, head), RUNNER_TEMP: tmp });
    expect([r.code, errorCommands(r.stdout)]).toEqual([0, []]);
    expect(JSON.parse(r.outputs[O.matrix])).toEqual({ include: [{ pack: 'b', path: 'packs/b' }] });
    expect(entries(markers)).toEqual([]);
    expect(entries(tmp)).toEqual([]);
    expect(r.summary).toContain('### packreg install-verify: packs to verify');
    expect(r.summary).toMatch(/^\| pack \| path \|$/m);
    expect(r.summary).toMatch(/^\| b \| `packs\/b` \|$/m);
    // action.yml: list-only "only find the packs and set the matrix output"
    expect(r.written).toEqual([O.matrix]);
  });

  it('passes with an empty matrix when the pull request changes no pack', async () => {
    const { repo, base, head } = monorepo((r) => writeFileSync(join(r.dir, 'README.md'), '# only docs\n'));
    const r = await run(repo.dir, { changed: 'true' }, { GITHUB_EVENT_PATH: pullRequestEvent(base, head), RUNNER_TEMP: runnerTemp() });
    expect([r.code, errorCommands(r.stdout)]).toEqual([0, []]);
    expect(JSON.parse(r.outputs[O.matrix])).toEqual({ include: [] });
    expect(r.outputs[O.passed]).toBe('true');
    expect(r.summary).toContain('No pack to verify.');
  });
});

describe('install-verify with a failing pack', () => {
  it('fails the step, annotates the pack.yaml line and still verifies the other pack', async () => {
    const { repo, base, head } = monorepo((r) => {
      // an invalid field value on a known line of packs/a/pack.yaml
      const text = readFileSync(join(r.dir, 'packs/a/pack.yaml'), 'utf8').replace('version: 1.0.0', 'version: not-a-version');
      writeFileSync(join(r.dir, 'packs/a/pack.yaml'), text);
      writeFileSync(join(r.dir, 'packs/b/README.md'), 'b\n');
    });
    const line = readFileSync(join(repo.dir, 'packs/a/pack.yaml'), 'utf8').split('\n').indexOf('version: not-a-version') + 1;
    const r = await run(repo.dir, { changed: 'true' }, { GITHUB_EVENT_PATH: pullRequestEvent(base, head), RUNNER_TEMP: runnerTemp() });
    expect(r.code).not.toBe(0);
    expect(r.outputs[O.passed]).toBe('false');
    const result = resultOf(r);
    expect(result.passed).toBe(false);
    expect(result.packs.map((p) => [p.spec, p.passed])).toEqual([
      ['packs/a', false],
      ['packs/b', true],
    ]);
    expect(stepsOf(result.packs[0]).slice(0, 2)).toEqual(['fetch:failed', 'dependencies:skipped']);
    expect(stepsOf(result.packs[1])).toContain('tests:passed');
    const errors = errorCommands(r.stdout);
    expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^::error file=packs/a/pack\\.yaml,line=${line}::.*version`)));
    // the step's failure names the pack
    expect(errors).toContainEqual(expect.stringMatching(/^::error::install-verify: .*packs\/a|^::error::install-verify: a: /));
    expect(errors.filter((e) => e.includes('file=packs/b'))).toEqual([]);
    // every problem is annotated once, on the workspace file: never on the removed staging copy
    expect(errors.filter((e) => /packreg-verify-/.test(e))).toEqual([]);
    expect(r.summary).toContain('### packreg install-verify: failed');
    expect(r.summary).toMatch(/^\| fetch \| ❌ failed \|/m);
  });

  it('fails on failing tests with the runner counts, and passes the other pack given in spec', async () => {
    const repo = createRepo(temp);
    pack(repo, 'packs/a', { ref: 'a', testScript: 'echo "Total Tests: 3"\necho "Passed: 1"\necho "Failed: 2"\necho "Skipped: 0"\nexit 1' });
    pack(repo, 'packs/b', { ref: 'b', testScript: passingTests() });
    repo.commit({});
    const r = await run(repo.dir, { spec: 'packs/a\npacks/b' }, { RUNNER_TEMP: runnerTemp() });
    expect(r.code).toBe(1);
    expect(r.outputs[O.passed]).toBe('false');
    const result = resultOf(r);
    expect(result.packs.map((p) => [p.ref, p.passed, p.tests?.failed])).toEqual([
      ['a', false, 2],
      ['b', true, 0],
    ]);
    expect(stepsOf(result.packs[0])).toEqual(['fetch:passed', 'dependencies:passed', 'environment:passed', 'tests:failed', 'registration:skipped', 'cleanup:passed']);
    expect(errorCommands(r.stdout).length).toBeGreaterThan(0);
    expect(r.summary).toMatch(/^\| shell \| script `tests\/run_tests\.sh` \| 1 \| 2 \| 0 \| 1 \|/m);
    expect(JSON.parse(r.outputs[O.matrix]).include).toHaveLength(2);
  });
});

describe("install-verify keeps the runner's secrets from pack tests", () => {
  it('runs the tests without GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY or the runner tokens', async () => {
    const dump = join(temp.make('packreg-envdump-'), 'env.txt');
    const repo = createRepo(temp);
    pack(repo, 'packs/a', { ref: 'a', testScript: `env > ${dump}\n${passingTests()}` });
    repo.commit({});
    const secrets = {
      GITHUB_TOKEN: 'ghs_secretvalue0123456789',
      AWS_SECRET_ACCESS_KEY: 'aws/secret+value/0123456789',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token-value',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token-value',
    };
    const r = await run(repo.dir, { spec: 'packs/a' }, { ...secrets, RUNNER_TEMP: runnerTemp() });
    expect([r.code, errorCommands(r.stdout)]).toEqual([0, []]);
    const env = readFileSync(dump, 'utf8');
    // the dump worked: the allowed variables are there
    expect(env).toMatch(/^PATH=/m);
    expect(env).toMatch(/^ATTUNE_PACK_REF=a$/m);
    for (const [name, value] of Object.entries(secrets)) {
      expect([name, env.includes(name), env.includes(value)]).toEqual([name, false, false]);
    }
    expect(env).not.toMatch(/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/m);
  });
});

describe('install-verify refuses bad inputs', () => {
  it('refuses an empty spec without changed, naming both inputs, and sets no output', async () => {
    const repo = createRepo(temp);
    pack(repo, 'packs/a', { ref: 'a' });
    repo.commit({});
    const r = await run(repo.dir, {});
    expect(r.code).toBe(1);
    expect(errorCommands(r.stdout)).toEqual([expect.stringMatching(/^::error::install-verify: input spec is empty and changed is false/)]);
    expect(r.written).toEqual([]);
    expect(r.summary).toBe('');
  });

  it('refuses spec together with changed', async () => {
    const { repo, base, head } = monorepo((r) => writeFileSync(join(r.dir, 'packs/a/README.md'), 'a\n'));
    const r = await run(repo.dir, { spec: 'packs/a', changed: 'true' }, { GITHUB_EVENT_PATH: pullRequestEvent(base, head) });
    expect(r.code).toBe(1);
    expect(errorCommands(r.stdout)).toEqual([expect.stringMatching(/inputs spec and changed exclude each other/)]);
    expect(r.written).toEqual([]);
  });

  it('refuses changed outside a pull_request event without base-ref, naming base-ref', async () => {
    const { repo, head } = monorepo((r) => writeFileSync(join(r.dir, 'packs/a/README.md'), 'a\n'));
    const envs: Record<string, string>[] = [{}, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: pushEvent(head) }];
    for (const env of envs) {
      const r = await run(repo.dir, { changed: 'true' }, env);
      expect(r.code).toBe(1);
      expect(errorCommands(r.stdout)).toEqual([expect.stringMatching(/input base-ref is empty and this is not a pull_request event/)]);
      expect(r.written).toEqual([]);
    }
  });

  it('refuses a base the checkout lacks, pointing at fetch-depth: 0', async () => {
    const { repo, head } = monorepo((r) => writeFileSync(join(r.dir, 'packs/a/README.md'), 'a\n'));
    const r = await run(repo.dir, { changed: 'true' }, { GITHUB_EVENT_PATH: pullRequestEvent('0123456789abcdef0123456789abcdef01234567', head) });
    expect(r.code).toBe(1);
    expect(errorCommands(r.stdout)).toEqual([expect.stringMatching(/names no commit.*fetch-depth: 0/)]);
    expect(r.written).toEqual([]);
  });

  it('refuses a malformed boolean, naming the input', async () => {
    const repo = createRepo(temp);
    const r = await run(repo.dir, { spec: 'packs/a', 'dry-run': 'maybe' });
    expect(r.code).toBe(1);
    expect(errorCommands(r.stdout)).toEqual([expect.stringMatching(/input dry-run: "maybe" is not a boolean/)]);
    expect(r.written).toEqual([]);
  });
});

describe('install-verify setup-timeout', () => {
  /** A workspace with pack a, whose package.json needs a registry that accepts connections and never answers. */
  async function hangingPack() {
    const registry = await startHangingServer();
    const repo = createRepo(temp);
    pack(repo, 'packs/a', { ref: 'a', files: { 'package.json': JSON.stringify({ name: 'a', version: '1.0.0', private: true, dependencies: { 'left-pad': '1.3.0' } }) } });
    repo.commit({});
    const home = temp.make('packreg-home-');
    const env = { HOME: home, npm_config_cache: join(home, 'npm-cache'), npm_config_userconfig: devNull, npm_config_registry: `${registry.url}/` };
    return { repo, registry, env };
  }

  it('stops a setup command that hangs after the limit the input sets, and fails the pack naming the input', async () => {
    const { repo, registry, env } = await hangingPack();
    try {
      const started = Date.now();
      const r = await run(repo.dir, { spec: 'packs/a', [InstallVerify.inputs.setupTimeout]: '2' }, env);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(r.code).toBe(4);
      expect(r.outputs[O.passed]).toBe('false');
      const [a] = resultOf(r).packs;
      expect(stepsOf(a)).toEqual(['fetch:passed', 'dependencies:passed', 'environment:failed', 'tests:skipped', 'registration:skipped', 'cleanup:passed']);
      expect(a.error).toMatch(/^environment: npm install --no-audit --no-fund timed out after 2 s; .* \(raise the limit with --setup-timeout or the setup-timeout input\)/);
      expect(errorCommands(r.stdout).some((line) => line.includes('timed out after 2 s'))).toBe(true);
      expect(registry.accepted()).toBeGreaterThan(0);
      expect(await registry.allClosedWithin(3000)).toBe(true);
    } finally {
      await registry.close();
    }
  });

  it.each(['0', 'abc', '1.5', '-3'])('refuses %j, naming the input, before anything runs', async (value) => {
    const { repo, registry, env } = await hangingPack();
    try {
      const r = await run(repo.dir, { spec: 'packs/a', [InstallVerify.inputs.setupTimeout]: value }, env);
      expect(r.code).toBe(1);
      expect(errorCommands(r.stdout)).toEqual([`::error::install-verify: input setup-timeout: "${value}" is not a positive whole number of seconds (1 to 2147483); write for example 1800 for 30 minutes (default 900)`]);
      expect(r.written).toEqual([]);
      expect(r.summary).toBe('');
      expect(registry.accepted()).toBe(0);
      expect(entries(r.runnerTemp).filter((name) => !['github_output', 'step_summary'].includes(name))).toEqual([]);
    } finally {
      await registry.close();
    }
  });
});
