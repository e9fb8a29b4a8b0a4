import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempDirs } from '../helpers/temp.js';
import { sendBody, startHttpsServer, testCertificate } from '../http/test-server.js';
import type { TestServer } from '../http/test-server.js';
import { folderState, publishJson } from '../publish/publish-fixtures.js';
import { baseEnv, entries, installed, packreg, passingTests, writeInstallPack } from './install-fixtures.js';

/**
 * `packreg install` from a registry packreg published, served over real HTTPS from
 * 127.0.0.1: metadata naming the registry, --with-deps installing dependencies first (also in
 * a dry run, privately), and a dependency cycle refused with nothing installed.
 */
const temp = tempDirs();
let server: TestServer;
let work: string;

beforeAll(async () => {
  server = await startHttpsServer();
  work = temp.make('packreg-install-registry-');
  writeFileSync(join(work, 'ca.pem'), testCertificate().cert);
  const registry = join(work, 'registry');
  const publish = async (spec: Parameters<typeof writeInstallPack>[1]) =>
    publishJson(writeInstallPack(join(work, 'src', `${spec.ref}-${spec.version ?? '1.0.0'}`), spec), registry, ['--base-url', server.url('/reg/'), '--registry-name', 'Test Registry']);
  await publish({ ref: 'base', version: '1.4.0', testScript: passingTests(1) });
  await publish({ ref: 'lib', version: '1.2.0', packs: ['base@^1.0.0'], testScript: passingTests(1) });
  await publish({ ref: 'lib', version: '2.0.0', packs: ['base@^1.0.0'] });
  await publish({ ref: 'ping', version: '1.0.0', packs: ['pong'] });
  await publish({ ref: 'pong', version: '1.0.0', packs: ['ping@^1.0.0'] });
  for (const entry of readdirSync(registry, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    server.route(`/reg/${relative(registry, path)}`, sendBody(readFileSync(path)));
  }
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

function workspace() {
  const root = temp.make('packreg-install-ws-');
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  const env = baseEnv(tmp, { ATTUNE__PACK_REGISTRY__INDICES: server.url('/reg/index.json') });
  const run = (args: string[]) => packreg([...args, '--ca-file', join(work, 'ca.pem'), '--no-cache'], root, env);
  return { root, tmp, packs: join(root, 'packs'), run };
}

const metadataOf = (packs: string, ref: string) => JSON.parse(readFileSync(installed(packs, ref, 'metadata.json'), 'utf8'));

describe('packreg install from a registry', () => {
  it('installs a version the range picks and records the verified archive and the registry', async () => {
    const ws = workspace();
    const run = await ws.run(['install', 'base@^1.0.0', '--packs-dir', ws.packs]);
    expect(run.code).toBe(0);
    expect(metadataOf(ws.packs, 'base')).toEqual({
      pack_ref: 'base',
      version: '1.4.0',
      installed_at: expect.any(String),
      installed_from: { type: 'archive', url: server.url('/reg/packs/base/1.4.0/base-1.4.0.tar.gz') },
      checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      // the registry as configured (ATTUNE__PACK_REGISTRY__INDICES names it by host)
      registry: server.url('/').replace(/^https:\/\/|\/$/g, ''),
    });
  });

  it('installs missing dependencies first with --with-deps, each registered with its own metadata', async () => {
    const ws = workspace();
    const app = writeInstallPack(join(ws.root, 'app'), { ref: 'app', packs: ['lib@^1.0.0'], testScript: passingTests() });
    const run = await ws.run(['install', app, '--packs-dir', ws.packs, '--with-deps', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    // lib needs base: base is installed first, inside lib's install, then lib, then app
    expect(report.dependencies.map((d: { ref: string; version: string }) => `${d.ref}@${d.version}`)).toEqual(['lib@1.2.0']);
    expect(report.dependencies[0].dependencies.map((d: { ref: string }) => d.ref)).toEqual(['base']);
    expect(entries(ws.packs)).toEqual(['app', 'base', 'lib']);
    expect(metadataOf(ws.packs, 'lib')).toMatchObject({ version: '1.2.0', registry: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    expect(metadataOf(ws.packs, 'app')).toMatchObject({ installed_from: { type: 'directory' }, registry: null });
  });

  it('installs dependencies of a dry run privately: the packs folder stays as it was', async () => {
    const ws = workspace();
    const app = writeInstallPack(join(ws.root, 'app'), { ref: 'app', packs: ['lib@^1.0.0'] });
    const run = await ws.run(['verify', app, '--packs-dir', ws.packs, '--with-deps', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).dependencies).toHaveLength(1);
    expect(entries(ws.packs)).toEqual([]);
    expect(entries(ws.tmp)).toEqual([]);
  });

  it('refuses a dependency cycle, naming it, and installs nothing of it (exit 1)', async () => {
    const ws = workspace();
    mkdirSync(ws.packs);
    const before = folderState(ws.packs);
    const run = await ws.run(['install', 'ping', '--packs-dir', ws.packs, '--with-deps']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('dependency cycle: ping -> pong -> ping');
    expect(folderState(ws.packs)).toEqual(before);
  });

  it('reports an installed dependency in a version outside the range, naming both', async () => {
    const ws = workspace();
    expect((await ws.run(['install', 'lib@2.0.0', '--packs-dir', ws.packs, '--with-deps'])).code).toBe(0);
    const app = writeInstallPack(join(ws.root, 'app'), { ref: 'app', packs: ['lib@^1.0.0'] });
    const before = folderState(ws.packs);
    const run = await ws.run(['install', app, '--packs-dir', ws.packs]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('pack dependency lib must be "^1.0.0" (pack.yaml dependencies.packs) but version 2.0.0 is installed; install a matching version first, or pass --with-deps --force to replace it');
    expect(folderState(ws.packs)).toEqual(before);

    // the advice works: --with-deps --force replaces lib 2.0.0 by the newest 1.x
    const fixed = await ws.run(['install', app, '--packs-dir', ws.packs, '--with-deps', '--force']);
    expect(fixed.code).toBe(0);
    expect(metadataOf(ws.packs, 'lib').version).toBe('1.2.0');
    expect(entries(ws.packs)).toEqual(['app', 'base', 'lib']);
  });
});
