import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ACTIONS, BuildArchive, Checksum, Release } from '../../src/contract/actions.js';
import { ROOT, runBuiltAction } from '../helpers/action-runner.js';
import type { ActionRun } from '../helpers/action-runner.js';
import { tempDirs } from '../helpers/temp.js';

/**
 * The built bundles run as the GitHub runner runs them: a node process with the inputs in
 * INPUT_<NAME> variables (defaults from action.yml filled in), GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, a workspace and a runner temp directory. The tests never
 * build; run `npx rollup -c rollup.config.js --silent` first when dist/ is missing.
 */
const CLI = join(ROOT, 'dist', 'cli.js');

const PACK: Record<string, string> = {
  'pack.yaml': [
    'ref: runner_demo',
    'label: Runner Demo',
    'description: A small pack for running the actions',
    'version: 2.3.4',
    'author: Example Team',
    'license: Apache-2.0',
    '',
  ].join('\n'),
  'actions/hello.yaml': 'ref: runner_demo.hello\ndescription: Says hello\nrunner_type: shell\nentry_point: hello.sh\n',
  'actions/hello.sh': '#!/bin/sh\necho hello\n',
  'README.md': '# Runner demo\n',
};

const temp = tempDirs();
afterAll(() => temp.cleanup());
const tempDir = (prefix: string): string => temp.make(prefix);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Packreg Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** A workspace as actions/checkout leaves it: the pack committed at the repository root. */
function workspaceWithPack(): string {
  const dir = tempDir('packreg-ws-');
  for (const [path, text] of Object.entries(PACK)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'pack');
  return dir;
}

/** Run dist/<action>.js as the runner does (see test/helpers/action-runner.ts). */
function runAction(action: string, workspace: string, withInputs: Record<string, string> = {}, env: Record<string, string> = {}): ActionRun {
  return runBuiltAction(temp, action, workspace, withInputs, env);
}

function sha(algorithm: string, path: string): string {
  return createHash(algorithm).update(readFileSync(path)).digest('hex');
}

/** `packreg checksum <dir>`: the framed tree checksum as the CLI prints it. */
function cliChecksum(path: string): string {
  return execFileSync(process.execPath, [CLI, 'checksum', path], { encoding: 'utf8' }).trim();
}

/** Extract an archive with the system tools, into a fresh directory; returns the top directory. */
function extract(archive: string, top: string): string {
  const into = tempDir('packreg-extract-');
  if (archive.endsWith('.zip')) execFileSync('unzip', ['-q', archive, '-d', into]);
  else execFileSync('tar', ['-xzf', archive, '-C', into]);
  expect(readdirSync(into)).toEqual([top]);
  return join(into, top);
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(join(dir, e.name)) : 1), 0);
}

/** The mtime field of the first tar header in a .tar.gz. */
function firstTarMtime(archive: string): number {
  const tar = gunzipSync(readFileSync(archive));
  return parseInt(tar.subarray(136, 148).toString('ascii').replace(/\0.*$/, '').trim(), 8);
}

/** The `::error::` workflow commands on standard output. */
function errors(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((l) => l.startsWith('::error::'));
}

beforeAll(() => {
  const missing = [...ACTIONS, Release].map((c) => join('dist', `${c.name}.js`)).concat('dist/cli.js').filter((f) => !existsSync(join(ROOT, f)));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: build first with npx rollup -c rollup.config.js --silent`);
});

describe('build-archive as the runner runs it', () => {
  it('archives the committed pack with the action.yml defaults and reports it', () => {
    const ws = workspaceWithPack();
    const run = runAction(BuildArchive.name, ws);
    expect(errors(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.written.sort()).toEqual(Object.values(BuildArchive.outputs).sort());
    const { outputs } = run;
    // default out: <ref>-<version>.tar.gz in the workspace
    expect(outputs.path).toBe(join(ws, 'runner_demo-2.3.4.tar.gz'));
    expect(outputs.checksum).toBe(`sha256:${sha('sha256', outputs.path)}`);
    expect(outputs.size).toBe(String(statSync(outputs.path).size));
    expect(outputs.ref).toBe('runner_demo');
    expect(outputs.version).toBe('2.3.4');
    const tree = extract(outputs.path, 'runner_demo-2.3.4');
    expect(outputs.files).toBe(String(countFiles(tree)));
    expect(outputs.files).toBe(String(Object.keys(PACK).length));
    expect(outputs['directory-checksum']).toBe(cliChecksum(tree));
    // the job summary carries both checksums
    expect(run.summary).toContain(outputs.checksum);
    expect(run.summary).toContain(outputs['directory-checksum']);
  });

  it('takes zip, a workspace-relative out and multi-line exclude patterns', () => {
    const ws = workspaceWithPack();
    mkdirSync(join(ws, 'build'));
    const run = runAction(BuildArchive.name, ws, { format: 'zip', out: 'build/pack.zip', exclude: 'README.md\n# a comment\n\n  actions/*.sh  \n' });
    expect(errors(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.path).toBe(join(ws, 'build', 'pack.zip'));
    const tree = extract(run.outputs.path, 'runner_demo-2.3.4');
    expect(existsSync(join(tree, 'README.md'))).toBe(false);
    expect(existsSync(join(tree, 'actions', 'hello.sh'))).toBe(false);
    expect(existsSync(join(tree, 'actions', 'hello.yaml'))).toBe(true);
    expect(run.outputs.files).toBe('2');
    expect(run.outputs['directory-checksum']).toBe(cliChecksum(tree));
    expect(run.outputs.checksum).toBe(`sha256:${sha('sha256', run.outputs.path)}`);
  });

  it('dates entries by source-date-epoch, else SOURCE_DATE_EPOCH, else 1980-01-01', () => {
    const ws = workspaceWithPack();
    const byInput = runAction(BuildArchive.name, ws, { out: 'a.tar.gz', 'source-date-epoch': '1700000000' });
    const byEnv = runAction(BuildArchive.name, ws, { out: 'b.tar.gz' }, { SOURCE_DATE_EPOCH: '1700000000' });
    const byDefault = runAction(BuildArchive.name, ws, { out: 'c.tar.gz' });
    for (const run of [byInput, byEnv, byDefault]) expect([run.code, errors(run.stdout)]).toEqual([0, []]);
    expect(firstTarMtime(byInput.outputs.path)).toBe(1700000000);
    expect(byEnv.outputs.checksum).toBe(byInput.outputs.checksum);
    expect(firstTarMtime(byDefault.outputs.path)).toBe(315532800);
    expect(byDefault.outputs.checksum).not.toBe(byInput.outputs.checksum);
    // the tree is the same whatever the dates
    expect(byDefault.outputs['directory-checksum']).toBe(byInput.outputs['directory-checksum']);
  });

  it('fails on a bad input with a message naming it, and sets no output', () => {
    const ws = workspaceWithPack();
    const run = runAction(BuildArchive.name, ws, { format: 'rar' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringMatching(/input format: unknown archive format "rar"; use tar.gz or zip/)]);
    expect(run.written).toEqual([]);
    expect(readdirSync(ws).filter((f) => f.startsWith('runner_demo-'))).toEqual([]);
  });

  it('fails on a malformed boolean, naming the input', () => {
    const ws = workspaceWithPack();
    const run = runAction(BuildArchive.name, ws, { force: 'yes' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringMatching(/input force: "yes" is not a boolean/)]);
    expect(run.written).toEqual([]);
  });
});

describe('checksum as the runner runs it', () => {
  let ws: string;
  beforeAll(() => {
    ws = workspaceWithPack();
    writeFileSync(join(ws, 'data.bin'), Buffer.from('some bytes to hash\n'));
  });

  it('hashes a file with the defaults and sets no match without expect', () => {
    const run = runAction(Checksum.name, ws, { path: 'data.bin' });
    expect([run.code, errors(run.stdout)]).toEqual([0, []]);
    const hex = sha('sha256', join(ws, 'data.bin'));
    expect(run.outputs).toEqual({ checksum: `sha256:${hex}`, algorithm: 'sha256', hex });
    expect(run.summary).toContain(`sha256:${hex}`);
  });

  it('takes the algorithm of expect when no algorithm is given, and reports the match', () => {
    const hex = sha('sha512', join(ws, 'data.bin'));
    const run = runAction(Checksum.name, ws, { path: 'data.bin', expect: `sha512:${hex}` });
    expect([run.code, errors(run.stdout)]).toEqual([0, []]);
    expect(run.outputs).toEqual({ checksum: `sha512:${hex}`, algorithm: 'sha512', hex, match: 'true' });
  });

  it('hashes a directory with the framed checksum and matches an expected value', () => {
    const expected = cliChecksum(ws);
    const run = runAction(Checksum.name, ws, { path: '.', expect: expected });
    expect([run.code, errors(run.stdout)]).toEqual([0, []]);
    expect(run.outputs.checksum).toBe(expected);
    expect(run.outputs.match).toBe('true');
  });

  it('fails the step on a mismatch, naming expected and actual, with match false', () => {
    const wrong = `sha256:${'0'.repeat(64)}`;
    const actual = `sha256:${sha('sha256', join(ws, 'data.bin'))}`;
    const run = runAction(Checksum.name, ws, { path: 'data.bin', expect: wrong });
    expect(run.code).toBe(1);
    const [error, ...more] = errors(run.stdout);
    expect(more).toEqual([]);
    expect(error).toContain(`expected ${wrong}`);
    expect(error).toContain(`actual ${actual}`);
    expect(run.outputs.match).toBe('false');
    expect(run.outputs.checksum).toBe(actual);
  });

  it('fails on a mismatching directory too', () => {
    const wrong = `sha256:${'f'.repeat(64)}`;
    const run = runAction(Checksum.name, ws, { path: '.', expect: wrong });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringContaining(`expected ${wrong}, actual ${cliChecksum(ws)}`)]);
    expect(run.outputs.match).toBe('false');
  });

  it('fails without the required path, and sets no output', () => {
    const run = runAction(Checksum.name, ws, {});
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringContaining('input path is required by checksum')]);
    expect(run.written).toEqual([]);
  });

  it('fails on an unknown algorithm, naming the input, and sets no output', () => {
    const run = runAction(Checksum.name, ws, { path: 'data.bin', algorithm: 'crc32' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringContaining('input algorithm: unknown algorithm "crc32"')]);
    expect(run.written).toEqual([]);
  });
});

describe('the root action (release) as the runner runs it', () => {
  it('builds and checksums the archive and sets its outputs (publish none: archive uploaded elsewhere)', () => {
    const ws = workspaceWithPack();
    const run = runAction(Release.name, ws, { publish: 'none', 'archive-url': 'https://packs.example.com/runner_demo-2.3.4.tar.gz' });
    expect([run.code, errors(run.stdout)]).toEqual([0, []]);
    expect(run.written.sort()).toEqual(Object.values(Release.outputs).sort());
    expect(JSON.parse(run.outputs.entry)).toMatchObject({ ref: 'runner_demo', install_sources: [{ type: 'archive', url: 'https://packs.example.com/runner_demo-2.3.4.tar.gz', checksum: run.outputs['archive-checksum'] }] });
    expect([run.outputs['handoff-result'], run.outputs['pull-request-url'], run.outputs['already-published']]).toEqual(['none', '', 'false']);
    const path = run.outputs['archive-path'];
    // In RUNNER_TEMP, not the workspace: the checkout stays as it was.
    expect(path).toBe(join(run.runnerTemp, 'runner_demo-2.3.4.tar.gz'));
    expect(git(ws, 'status', '--porcelain')).toBe('');
    expect(run.outputs['archive-checksum']).toBe(`sha256:${sha('sha256', path)}`);
    expect(run.outputs['directory-checksum']).toBe(cliChecksum(extract(path, 'runner_demo-2.3.4')));
    expect([run.outputs.ref, run.outputs.version]).toEqual(['runner_demo', '2.3.4']);
    expect(run.summary).toContain(run.outputs['archive-checksum']);
  });
});

const PENDING = ACTIONS.filter((c) => c.pendingIssue !== undefined);
// jest fails the whole suite on `.each` over an empty table, so only declare it while an action is pending.
if (PENDING.length > 0) {
  describe.each(PENDING.map((c) => [c.name, c] as const))('%s (pending)', (name, contract) => {
    it('fails with "not implemented yet", names its issue and sets no output', () => {
      const ws = workspaceWithPack();
      const run = runAction(name, ws);
      expect(run.code).toBe(1);
      expect(errors(run.stdout)).toEqual([expect.stringMatching(new RegExp(`not implemented yet.*issue #${contract.pendingIssue}\\b`))]);
      expect(run.written).toEqual([]);
      expect(run.summary).toBe('');
    });
  });
}
