import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { registrySources } from '../../src/core/client/registry-sources.js';
import { resolveFromRegistries } from '../../src/core/client/resolve.js';
import { ExitCode } from '../../src/core/errors.js';
import { nodeHttpClient } from '../../src/core/http/node-http-client.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { silentLogger } from '../../src/core/logger.js';
import type { RegistryConfig } from '../../src/core/registry/config-types.js';
import { DEFAULT_REGISTRY_CONFIG } from '../../src/core/registry/config-types.js';
import { realEntry } from '../index/index-fixtures.js';
import { sendBody, startHttpsServer, testCertificate } from '../http/test-server.js';
import type { TestServer } from '../http/test-server.js';
import { tempDirs } from '../helpers/temp.js';
import { publishJson, writePack } from '../publish/publish-fixtures.js';

const temp = tempDirs();
let server: TestServer;
beforeAll(async () => {
  server = await startHttpsServer();
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});
beforeEach(() => server.reset());

const entry = (ref: string, version: string): IndexEntry => ({ ...realEntry(), ref, version });
const index = (entries: IndexEntry[]): RegistryIndex => ({ registry_name: 'Test', registry_url: 'https://packs.example.com/', version: '1.0', last_updated: '2026-01-01T00:00:00Z', packs: [...entries].sort((a, b) => (a.ref < b.ref ? -1 : 1)) });
const json = (value: unknown, headers: Record<string, string> = {}) => sendBody(JSON.stringify(value), { 'content-type': 'application/json', ...headers });

function config(indices: { name: string; path: string; priority: number; headers?: Record<string, string> }[], extra: Partial<RegistryConfig> = {}): RegistryConfig {
  return { ...DEFAULT_REGISTRY_CONFIG, ...extra, indices: indices.map((i) => ({ name: i.name, url: server.url(i.path), priority: i.priority, enabled: true, headers: i.headers ?? {} })) };
}

/** Sources over the real HTTPS client, trusting the test server's certificate; `clock` moves time. */
function sources(cfg: RegistryConfig, cacheDir?: string, clock = { now: Date.now() }) {
  return registrySources({ config: cfg, cacheDir, ca: testCertificate().cert }, { http: nodeHttpClient(silentLogger), logger: silentLogger, now: () => clock.now });
}

describe('registry sources over HTTPS', () => {
  it('resolves across two real registries by priority, sending each its own headers', async () => {
    server.route('/official/index.json', json(index([entry('slack', '2.1.0')])));
    server.route('/internal/index.json', json(index([entry('slack', '9.0.0'), entry('jira', '1.0.0')])));
    const cfg = config([
      { name: 'internal', path: '/internal/index.json', priority: 2, headers: { Authorization: 'Bearer internal-token' } },
      { name: 'official', path: '/official/index.json', priority: 1 },
    ]);
    const result = await resolveFromRegistries('slack', { kind: 'latest' }, sources(cfg));
    expect({ from: result.source.name, version: result.entry.version, shadowed: result.shadowed }).toEqual({ from: 'official', version: '2.1.0', shadowed: ['internal'] });
    const auth = server.requests.filter((r) => r.headers.authorization).map((r) => r.path);
    expect(auth).toEqual(['/internal/index.json']);
  });

  it('finds an older version in the history beside the index, and treats a missing history as "only the top entry"', async () => {
    server.route('/r/index.json', json(index([entry('slack', '2.1.0'), entry('jira', '3.0.0')])));
    server.route('/r/packs/slack/index.json', json({ ref: 'slack', versions: [entry('slack', '2.1.0'), entry('slack', '1.0.0')] }));
    const cfg = config([{ name: 'r', path: '/r/index.json', priority: 1 }]);
    expect((await resolveFromRegistries('slack', { kind: 'exact', version: '1.0.0' }, sources(cfg))).entry.version).toBe('1.0.0');
    await expect(resolveFromRegistries('jira', { kind: 'exact', version: '1.0.0' }, sources(cfg))).rejects.toMatchObject({ exitCode: ExitCode.Input, message: expect.stringContaining('it has 3.0.0') });
  });

  it('fails closed when the higher-priority index does not validate, and caches nothing of it', async () => {
    const cacheDir = temp.make('packreg-cache-');
    server.route('/bad/index.json', json({ registry_name: 'Bad', packs: 'no' }));
    server.route('/good/index.json', json(index([entry('slack', '1.0.0')])));
    const cfg = config([
      { name: 'bad', path: '/bad/index.json', priority: 1 },
      { name: 'good', path: '/good/index.json', priority: 2 },
    ]);
    await expect(resolveFromRegistries('slack', { kind: 'latest' }, sources(cfg, cacheDir))).rejects.toMatchObject({
      exitCode: ExitCode.Remote,
      message: expect.stringMatching(/registry "bad" .* cannot be used: the index at https:\/\/127\.0\.0\.1:\d+\/bad\/index\.json is not a valid Attune index/),
    });
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('serves a fresh cached index without any request, then revalidates with the ETag once the TTL has passed', async () => {
    const cacheDir = temp.make('packreg-cache-');
    let body = index([entry('slack', '1.0.0')]);
    server.route('/c/index.json', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      json(body, { etag: '"v1"' })(req, res, 0);
    });
    const cfg = config([{ name: 'c', path: '/c/index.json', priority: 1 }], { cacheTtlSeconds: 60 });
    const clock = { now: Date.now() };
    await sources(cfg, cacheDir, clock)[0].index();
    expect(server.hits('/c/index.json')).toBe(1);
    body = index([entry('slack', '5.0.0')]); // a change the cache must not see while fresh
    expect((await sources(cfg, cacheDir, clock)[0].index()).packs[0].version).toBe('1.0.0');
    expect(server.hits('/c/index.json')).toBe(1);
    clock.now += 61_000;
    expect((await sources(cfg, cacheDir, clock)[0].index()).packs[0].version).toBe('1.0.0');
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
  });

  it('only enabled indices of an enabled configuration are searched', () => {
    const cfg = config([{ name: 'a', path: '/a.json', priority: 1 }]);
    expect(sources({ ...cfg, enabled: false })).toEqual([]);
    expect(sources({ ...cfg, indices: cfg.indices.map((i) => ({ ...i, enabled: false })) })).toEqual([]);
  });
});

describe('a local registry written by publish', () => {
  it('is read through a file:// URL or a path, file:// sources and histories included', async () => {
    const root = temp.make('packreg-local-');
    const pack = writePack(join(root, 'pack'), { ref: 'alpha', version: '1.0.0' });
    const registry = join(root, 'reg');
    await publishJson(pack, registry);
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    await publishJson(pack, registry);
    for (const url of [`file://${registry}/index.json`, `${registry}/index.json`]) {
      const cfg: RegistryConfig = { ...DEFAULT_REGISTRY_CONFIG, indices: [{ name: 'local', url, priority: 1, enabled: true, headers: {} }] };
      const result = await resolveFromRegistries('alpha', { kind: 'exact', version: '1.0.0' }, sources(cfg));
      expect(result.entry.install_sources[0].url).toBe(`file://${registry}/packs/alpha/1.0.0/alpha-1.0.0.tar.gz`);
    }
  });
});
