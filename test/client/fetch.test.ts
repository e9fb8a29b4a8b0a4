import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RegistryIndex } from '../../src/core/index/model.js';
import { runPackreg } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import { sendBody, startHttpsServer, testCertificate } from '../http/test-server.js';
import type { TestServer } from '../http/test-server.js';
import { publishJson, writePack } from '../publish/publish-fixtures.js';

/**
 * `packreg fetch` against a registry packreg published, served over real HTTPS from
 * 127.0.0.1: resolution, download, verification, extraction, and every refusal leaving nothing.
 */
const temp = tempDirs();
let server: TestServer;
let work: string;
let registry: string;

/** Serve every file of `dir` under `/reg/` (routes reset by the caller). */
function serveFolder(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    server.route(`/reg/${relative(dir, path)}`, sendBody(readFileSync(path)));
  }
}

beforeAll(async () => {
  server = await startHttpsServer();
  work = temp.make('packreg-fetch-');
  writeFileSync(join(work, 'ca.pem'), testCertificate().cert);
  const pack = writePack(join(work, 'src', 'alpha'), { ref: 'alpha', version: '1.0.0' });
  registry = join(work, 'registry');
  await publishJson(pack, registry, ['--base-url', server.url('/reg/')]);
  writePack(pack, { ref: 'alpha', version: '1.1.0' });
  await publishJson(pack, registry, ['--base-url', server.url('/reg/')]);
  serveFolder(registry);
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

/** A fresh folder to fetch into, and `packreg fetch` run there against the served registry. */
function fetcher(env: Record<string, string> = {}) {
  const cwd = temp.make('packreg-fetch-cwd-');
  const run = (args: string[]) =>
    runPackreg(['fetch', ...args, '--ca-file', join(work, 'ca.pem'), '--no-cache'], cwd, { HOME: cwd, ATTUNE__PACK_REGISTRY__INDICES: server.url('/reg/index.json'), ...env });
  return { cwd, run, leftovers: () => readdirSync(cwd) };
}

describe('packreg fetch from a registry', () => {
  it('fetches the latest version: verified archive, extracted without its top folder into ./<ref>-<version>', async () => {
    const { cwd, run } = fetcher();
    const result = await run(['alpha', '--json']);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ ref: 'alpha', version: '1.1.0', dir: join(cwd, 'alpha-1.1.0'), from: 'registry', source: { type: 'archive' }, checksum: expect.stringMatching(/^sha256:/) });
    expect(readdirSync(join(cwd, 'alpha-1.1.0')).sort()).toEqual(['actions', 'pack.yaml']);
    expect(readdirSync(cwd)).toEqual(['alpha-1.1.0']);
    // It was unpacked in a scratch folder beside the destination (so the move is a rename), not above it.
    expect(result.stderr).toMatch(new RegExp(`^extracted tar\\.gz archive .* -> ${cwd}/\\.packreg-fetch-\\w+/tree/alpha-1\\.1\\.0$`, 'm'));
  });

  it('fetches an older version from the per-pack history, into --out', async () => {
    const { cwd, run } = fetcher();
    const result = await run(['alpha@~1.0.0', '--out', 'x']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^alpha@1\.0\.0 from registry "127\.0\.0\.1\S*" -> .*\/x\n/);
    expect(readFileSync(join(cwd, 'x', 'pack.yaml'), 'utf8')).toMatch(/version: "?1\.0\.0/);
  });

  it('refuses an archive that does not match its checksum (exit 5), naming both, and leaves nothing', async () => {
    const key = '/reg/packs/alpha/1.1.0/alpha-1.1.0.tar.gz';
    const original = readFileSync(join(registry, 'packs/alpha/1.1.0/alpha-1.1.0.tar.gz'));
    server.route(key, sendBody(Buffer.concat([original.subarray(0, 100), Buffer.from('tampered'), original.subarray(108)])));
    try {
      const { run, leftovers } = fetcher();
      const result = await run(['alpha']);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/does not match its checksum: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}/);
      expect(leftovers()).toEqual([]);
    } finally {
      server.route(key, sendBody(original));
    }
  });

  it('refuses content whose pack.yaml names another ref or version than its entry (exit 5)', async () => {
    const index = JSON.parse(readFileSync(join(registry, 'index.json'), 'utf8')) as RegistryIndex;
    const impostor = { ...index.packs[0], ref: 'beta' };
    server.route('/lying/index.json', sendBody(JSON.stringify({ ...index, packs: [impostor] })));
    const { run, leftovers } = fetcher({ ATTUNE__PACK_REGISTRY__INDICES: server.url('/lying/index.json') });
    const result = await run(['beta']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/the content of beta@1\.1\.0 says it is alpha@1\.1\.0/);
    expect(leftovers()).toEqual([]);
  });

  it('an existing --out is refused (exit 3) and left untouched', async () => {
    const { cwd, run } = fetcher();
    writeFileSync(join(cwd, 'taken'), 'mine');
    const result = await run(['alpha', '--out', 'taken']);
    expect(result.code).toBe(3);
    expect(readFileSync(join(cwd, 'taken'), 'utf8')).toBe('mine');
    expect(readdirSync(cwd)).toEqual(['taken']);
  });
});

describe('packreg fetch of direct sources', () => {
  it('refuses a direct archive URL without a registry checksum unless --allow-unverified', async () => {
    const url = server.url('/reg/packs/alpha/1.0.0/alpha-1.0.0.tar.gz');
    const { run, leftovers } = fetcher();
    const refused = await run([url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--allow-unverified/);
    expect(leftovers()).toEqual([]);
    const accepted = await run([url, '--allow-unverified']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/checksum {2}not verified/);
  });

  it('extracts a local archive and reads a local folder registry through file:// URLs', async () => {
    const local = join(work, 'local-registry');
    await publishJson(join(work, 'src', 'alpha'), local);
    const { cwd, run } = fetcher({ ATTUNE__PACK_REGISTRY__INDICES: `file://${local}/index.json` });
    const fromRegistry = await run(['alpha', '--json']);
    expect(JSON.parse(fromRegistry.stdout)).toMatchObject({ version: '1.1.0', source: { url: `file://${local}/packs/alpha/1.1.0/alpha-1.1.0.tar.gz` } });
    const archive = await run([join(local, 'packs/alpha/1.1.0/alpha-1.1.0.tar.gz'), '--out', 'from-file']);
    expect(archive.code).toBe(0);
    expect(readdirSync(join(cwd, 'from-file')).sort()).toEqual(['actions', 'pack.yaml']);
  });
});
