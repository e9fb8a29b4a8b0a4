import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderState } from '../publish/publish-fixtures.js';
import { runPackreg } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import { baseEnv, entries, installed, packreg, passingTests, writeInstallPack } from './install-fixtures.js';

/**
 * `packreg install` and `verify` of local pack folders, end to end through the CLI with real
 * test processes: registration, metadata.json, dry runs, --force, and failures that leave
 * the packs folder exactly as it was.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A fresh working folder with a packs folder path and an environment for the CLI. */
function workspace() {
  const root = temp.make('packreg-install-');
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  return { root, packs: join(root, 'packs'), tmp, env: baseEnv(tmp) };
}

describe('packreg install of a local folder', () => {
  it('registers the pack with metadata.json and leaves no staging folder behind', async () => {
    const ws = workspace();
    const pack = writeInstallPack(join(ws.root, 'src', 'demo'), { ref: 'demo', version: '1.2.3', testScript: passingTests(3) });
    const checksum = await runPackreg(['checksum', pack], ws.root, ws.env);
    const run = await packreg(['install', pack, '--packs-dir', ws.packs, '--json'], ws.root, ws.env);
    expect({ code: run.code, stderr: run.stderr.match(/error:/gi) }).toEqual({ code: 0, stderr: null });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ref: 'demo', version: '1.2.3', passed: true, exitCode: 0, dryRun: false, installedTo: installed(ws.packs, 'demo') });
    expect(report.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual([
      'fetch:passed',
      'dependencies:passed',
      'environment:passed',
      'tests:passed',
      'registration:passed',
      'cleanup:passed',
    ]);
    expect(report.tests).toMatchObject({ total: 3, passed: 3, failed: 0, passRate: 1 });
    expect(entries(ws.packs)).toEqual(['demo']);
    expect(entries(installed(ws.packs, 'demo'))).toEqual(['actions', 'metadata.json', 'pack.yaml', 'tests']);
    const metadata = JSON.parse(readFileSync(installed(ws.packs, 'demo', 'metadata.json'), 'utf8'));
    expect(metadata).toEqual({
      pack_ref: 'demo',
      version: '1.2.3',
      installed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      installed_from: { type: 'directory', url: pack },
      checksum: checksum.stdout.trim().split(/\s+/)[0],
      registry: null,
    });
    expect(entries(ws.tmp)).toEqual([]);
  });

  it('prints each step with its status and the test counts as text', async () => {
    const ws = workspace();
    const pack = writeInstallPack(join(ws.root, 'demo'), { ref: 'demo', testScript: passingTests(2) });
    const run = await packreg(['install', pack, '--packs-dir', ws.packs], ws.root, ws.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^demo@1\\.0\\.0: installed to ${installed(ws.packs, 'demo')}\\n`));
    expect(run.stdout).toMatch(/^ {2}tests {8}passed {3}\d+\.\d\d s\n {6}2 passed, 0 failed, 0 skipped: pass rate 100% \(minimum 100%, on_failure block\)$/m);
  });

  it('refuses an installed ref without --force (exit 3) before running anything, and replaces it with --force', async () => {
    const ws = workspace();
    const v1 = writeInstallPack(join(ws.root, 'v1'), { ref: 'demo', version: '1.0.0', testScript: passingTests() });
    const v2 = writeInstallPack(join(ws.root, 'v2'), { ref: 'demo', version: '2.0.0', testScript: `touch ${join(ws.root, 'v2-tests-ran')}\n${passingTests()}` });
    expect((await packreg(['install', v1, '--packs-dir', ws.packs], ws.root, ws.env)).code).toBe(0);
    const before = folderState(ws.packs);

    const refused = await packreg(['install', v2, '--packs-dir', ws.packs], ws.root, ws.env);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain(`${installed(ws.packs, 'demo')} is already installed (version 1.0.0); pass --force to replace it`);
    expect(existsSync(join(ws.root, 'v2-tests-ran'))).toBe(false);
    expect(folderState(ws.packs)).toEqual(before);

    const replaced = await packreg(['install', v2, '--packs-dir', ws.packs, '--force'], ws.root, ws.env);
    expect(replaced.code).toBe(0);
    expect(JSON.parse(readFileSync(installed(ws.packs, 'demo', 'metadata.json'), 'utf8')).version).toBe('2.0.0');
    expect(entries(ws.packs)).toEqual(['demo']);
  });

  it('leaves a previously installed version untouched when the new one fails its tests (exit 1)', async () => {
    const ws = workspace();
    const good = writeInstallPack(join(ws.root, 'good'), { ref: 'demo', version: '1.0.0', testScript: passingTests() });
    const bad = writeInstallPack(join(ws.root, 'bad'), { ref: 'demo', version: '1.1.0', testScript: 'echo "Total Tests: 2"\necho "Passed: 1"\necho "Failed: 1"\nexit 1' });
    expect((await packreg(['install', good, '--packs-dir', ws.packs], ws.root, ws.env)).code).toBe(0);
    const before = folderState(ws.packs);
    const run = await packreg(['install', bad, '--packs-dir', ws.packs, '--force', '--json'], ws.root, ws.env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ passed: false, exitCode: 1, error: expect.stringMatching(/^tests: /), tests: { passed: 1, failed: 1 } });
    expect(report.steps.find((s: { name: string }) => s.name === 'registration')).toMatchObject({ status: 'skipped' });
    expect(folderState(ws.packs)).toEqual(before);
    expect(entries(ws.tmp)).toEqual([]);
  });

  it('fails on an invalid pack.yaml at the fetch step, naming the file and line (exit 1)', async () => {
    const ws = workspace();
    const manifest = 'ref: demo\nlabel: Demo\ndescription: Demo\nversion: 1.0.0\nauthor: T\nemail: t@example.com\ntesting:\n  enabled: sometimes\n';
    const pack = writeInstallPack(join(ws.root, 'broken'), { ref: 'demo', files: { 'pack.yaml': manifest } });
    const run = await packreg(['install', pack, '--packs-dir', ws.packs, '--json'], ws.root, ws.env);
    expect(run.code).toBe(1);
    const fetch = JSON.parse(run.stdout).steps[0];
    expect(fetch).toMatchObject({ name: 'fetch', status: 'failed' });
    expect(fetch.details).toContainEqual(expect.objectContaining({ level: 'error', file: 'pack.yaml', line: 8, message: expect.stringContaining('testing.enabled') }));
    expect(entries(ws.packs)).toEqual([]);
  });

  it('reports a pack.yaml without a usable version with its line, and never reads further (exit 1)', async () => {
    const ws = workspace();
    const pack = writeInstallPack(join(ws.root, 'broken'), { ref: 'demo', files: { 'pack.yaml': 'ref: demo\nversion: "1.0"\n' } });
    const run = await packreg(['install', pack, '--packs-dir', ws.packs, '--json'], ws.root, ws.env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ passed: false, error: expect.stringMatching(/^fetch: pack\.yaml/) });
    expect(report.ref).toBeUndefined();
    expect(report.steps[0].details).toContainEqual(expect.objectContaining({ level: 'error', file: 'pack.yaml', line: 2, message: expect.stringContaining('version') }));
    expect(report.steps.filter((s: { status: string }) => s.status === 'skipped')).toHaveLength(4);
    expect(entries(ws.packs)).toEqual([]);
  });

  it('skips the tests with --skip-tests and says so', async () => {
    const ws = workspace();
    const pack = writeInstallPack(join(ws.root, 'demo'), { ref: 'demo', testScript: 'exit 1' });
    const run = await packreg(['install', pack, '--packs-dir', ws.packs, '--skip-tests', '--json'], ws.root, ws.env);
    expect(run.code).toBe(0);
    const tests = JSON.parse(run.stdout).steps.find((s: { name: string }) => s.name === 'tests');
    expect(tests).toMatchObject({ status: 'skipped', details: [{ level: 'info', message: expect.stringContaining('--skip-tests') }] });
  });

  it('reports a missing pack dependency and suggests --with-deps (exit 1), registering nothing', async () => {
    const ws = workspace();
    const pack = writeInstallPack(join(ws.root, 'app'), { ref: 'app', packs: ['lib@^1.0.0'] });
    const run = await packreg(['install', pack, '--packs-dir', ws.packs], ws.root, ws.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/lib.*not installed.*--with-deps/);
    expect(entries(ws.packs)).toEqual([]);
    const skipped = await packreg(['install', pack, '--packs-dir', ws.packs, '--skip-deps'], ws.root, ws.env);
    expect(skipped.code).toBe(0);
  });
});

describe('packreg verify (install --dry-run)', () => {
  it('runs every step in a temporary folder and registers nothing', async () => {
    const ws = workspace();
    const pack = writeInstallPack(join(ws.root, 'demo'), { ref: 'demo', testScript: `touch ${join(ws.root, 'tests-ran')}\n${passingTests()}` });
    const run = await packreg(['verify', pack, '--packs-dir', ws.packs, '--json'], ws.root, ws.env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ passed: true, dryRun: true, installedTo: installed(ws.packs, 'demo') });
    expect(report.steps.find((s: { name: string }) => s.name === 'registration')).toMatchObject({ status: 'skipped' });
    expect(existsSync(join(ws.root, 'tests-ran'))).toBe(true);
    expect(existsSync(ws.packs)).toBe(false);
    expect(entries(ws.tmp)).toEqual([]);
  });

  it('warns that a real install would fail when the ref is installed, without failing', async () => {
    const ws = workspace();
    const pack = writeInstallPack(join(ws.root, 'demo'), { ref: 'demo' });
    expect((await packreg(['install', pack, '--packs-dir', ws.packs], ws.root, ws.env)).code).toBe(0);
    const before = folderState(ws.packs);
    const run = await packreg(['install', pack, '--packs-dir', ws.packs, '--dry-run'], ws.root, ws.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/warning: a real install would fail: .* is already installed \(version 1\.0\.0\)/);
    expect(folderState(ws.packs)).toEqual(before);
  });
});
