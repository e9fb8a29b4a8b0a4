import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { runPackreg } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import { sendBody, sendStatus, startHttpsServer, testCertificate } from '../http/test-server.js';
import type { TestServer } from '../http/test-server.js';
import { realEntry } from '../index/index-fixtures.js';

/** `packreg registries`, `search` and `show` against real HTTPS registries on 127.0.0.1. */
const temp = tempDirs();
let server: TestServer;
let work: string;
const TOKEN = 'tok-3f9a-secret';

beforeAll(async () => {
  server = await startHttpsServer();
  work = temp.make('packreg-registry-cli-');
  writeFileSync(join(work, 'ca.pem'), testCertificate().cert);
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

const entry = (ref: string, version: string, description: string, keywords: string[] = []): IndexEntry => ({ ...realEntry(), ref, version, label: ref, description, keywords });
const index = (entries: IndexEntry[]): RegistryIndex => ({ registry_name: 'T', registry_url: 'https://packs.example.com/', version: '1.0', last_updated: '2026-01-01T00:00:00Z', packs: entries });

beforeEach(() => {
  server.reset();
  server.route('/official/index.json', sendBody(JSON.stringify(index([entry('jira', '1.0.0', 'Issue tracking'), entry('slack', '2.1.0', 'Messaging ops', ['chat'])]))));
  server.route('/internal/index.json', (req, res, hit) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return sendStatus(401)(req, res, hit);
    sendBody(JSON.stringify(index([entry('slack', '9.0.0', 'Internal fork of slack'), entry('zendesk', '3.0.0', 'Support desk with chat')])))(req, res, hit);
  });
  writeFileSync(
    join(work, 'registries.yaml'),
    [
      'pack_registry:',
      '  indices:',
      `    - url: ${server.url('/official/index.json')}`,
      '      name: official',
      '      priority: 1',
      `    - url: ${server.url('/internal/index.json')}`,
      '      name: internal',
      '      priority: 2',
      '      headers:',
      '        Authorization: "Bearer ${REGISTRY_TOKEN}"',
      '',
    ].join('\n'),
  );
});

const run = (args: string[], env: Record<string, string> = { REGISTRY_TOKEN: TOKEN }) =>
  runPackreg([...args, '--ca-file', 'ca.pem', '--cache-dir', 'cache'], work, { HOME: work, ...env });

describe('packreg registries', () => {
  it('lists every registry with its status; a refused one is an error line and exit 1, without the token', async () => {
    const ok = await run(['registries', '--config', 'registries.yaml']);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/^1\tofficial\thttps:\/\/127\.0\.0\.1:\d+\/official\/index\.json\tonline \(2 packs\)\n2\tinternal\t.*\tonline \(2 packs\)\n$/);
    const refused = await run(['registries', '--config', 'registries.yaml', '--no-cache', '--json'], { REGISTRY_TOKEN: 'wrong-token-value' });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual([
      expect.objectContaining({ name: 'official', online: true, packs: 2 }),
      expect.objectContaining({ name: 'internal', online: false, error: expect.stringContaining('refused access (HTTP 401') }),
    ]);
    expect(refused.stdout + refused.stderr).not.toContain('wrong-token-value');
  });

  it('reads the environment form, and says when no registry is configured', async () => {
    const env = { ATTUNE__PACK_REGISTRY__INDICES: server.url('/official/index.json') };
    const result = await run(['registries'], env);
    expect(result.stdout).toMatch(/^1\t127\.0\.0\.1\S*\thttps:\/\/127\.0\.0\.1:\d+\/official\/index\.json\tonline \(2 packs\)\n$/);
    expect((await run(['registries'], {})).stdout).toMatch(/no registry configured/);
  });

  it('an unset token variable is a config error naming it, before any request', async () => {
    const result = await run(['registries', '--config', 'registries.yaml'], {});
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/REGISTRY_TOKEN/);
    expect(server.requests).toEqual([]);
  });
});

describe('packreg search and show', () => {
  it('search matches ref, description and keywords across registries, by priority', async () => {
    const result = await run(['search', 'chat', '--config', 'registries.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('slack\t2.1.0\tMessaging ops\tofficial\nzendesk\t3.0.0\tSupport desk with chat\tinternal\n');
    expect((await run(['search', 'CHAT', '--config', 'registries.yaml', '--registry', 'internal'])).stdout).toBe('zendesk\t3.0.0\tSupport desk with chat\tinternal\n');
    const unknown = await run(['search', 'chat', '--config', 'registries.yaml', '--registry', 'nope']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('configured: official, internal') });
  });

  it('show prints the winning entry and the registry it shadows; a second run is served from the cache', async () => {
    const first = await run(['show', 'slack', '--config', 'registries.yaml', '--json']);
    expect(JSON.parse(first.stdout)).toMatchObject({ registry: 'official', shadowed: ['internal'], entry: { ref: 'slack', version: '2.1.0' } });
    const requests = server.requests.length;
    const text = await run(['show', 'slack', '--config', 'registries.yaml']);
    expect(text.stdout).toMatch(/^slack 2\.1\.0 \(registry "official"\)\n[\s\S]*shadows the same ref in: internal\n$/);
    expect(server.requests.length).toBe(requests);
  });

  it('show fails closed when the higher-priority registry is down (exit 4), even though a lower one has the pack', async () => {
    server.route('/official/index.json', sendStatus(500));
    const result = await run(['show', 'zendesk', '--config', 'registries.yaml', '--no-cache']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/registry "official" .* cannot be used: .*HTTP 500/);
  });
});
