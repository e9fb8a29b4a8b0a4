import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import { runPackreg } from '../helpers/cli.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import { expectPublishError, folderState, publishCli, publishJson, writePack } from './publish-fixtures.js';

/** Bad input gets one clear error naming the problem, and nothing in the registry changes. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A work folder with pack alpha@1.1.0 and a registry where alpha@1.0.0 is published. */
async function published() {
  const root = temp.make('packreg-dir-bad-input-');
  const pack = writePack(join(root, 'pack'), { ref: 'alpha', version: '1.0.0' });
  const registry = join(root, 'reg');
  await publishJson(pack, registry);
  writePack(pack, { ref: 'alpha', version: '1.1.0' });
  return { root, pack, registry, before: folderState(root) };
}

describe('bad options: usage errors (exit 2), nothing written', () => {
  const cases: { name: string; flags: string[]; fragments: (string | RegExp)[] }[] = [
    { name: 'an http:// --base-url', flags: ['--base-url', 'http://packs.example.com/reg'], fragments: ['--base-url', 'http:// URLs are not accepted', /https/] },
    { name: 'a --base-url with a query', flags: ['--base-url', 'https://packs.example.com/reg?v=1'], fragments: ['--base-url', 'query string'] },
    { name: 'a --base-url with a fragment', flags: ['--base-url', 'https://packs.example.com/reg#top'], fragments: ['--base-url', 'fragment'] },
    { name: '--git-url without --git-ref', flags: ['--git-url', 'https://github.com/example/alpha.git'], fragments: ['--git-url needs --git-ref'] },
    { name: 'an unknown --format', flags: ['--format', 'rar'], fragments: ['--format', 'rar'] },
  ];
  for (const { name, flags, fragments } of cases) {
    it(name, async () => {
      const { root, pack, registry, before } = await published();
      expectPublishError(await publishCli(pack, registry, flags), ExitCode.Usage, ...fragments);
      expect(folderState(root)).toEqual(before);
    });
  }

  it('a missing --registry', async () => {
    const { root, before } = await published();
    expectPublishError(await runPackreg(['publish', 'pack', '--no-git'], root), ExitCode.Usage, '--registry is required');
    expect(folderState(root)).toEqual(before);
  });

  it('a registry URL of another scheme', async () => {
    const { root, pack, before } = await published();
    expectPublishError(await publishCli(pack, 'https://packs.example.com/reg'), ExitCode.Usage, 'is not a registry location', 's3://bucket/prefix');
    expect(folderState(root)).toEqual(before);
  });
});

describe('bad bucket locations are refused before any request', () => {
  let server: Server;
  let requests = 0;
  let endpoint: string;

  beforeAll(async () => {
    // A real endpoint that counts what reaches it: a refused location must not.
    server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(500).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const cases = [
    { registry: 's3://bucket/a/../b', fragments: ['"a/../b"', '".."'] },
    { registry: 's3://bucket//b', fragments: ['empty'] },
    { registry: 's3://Bad_Bucket', fragments: ['"Bad_Bucket" is not a valid bucket name'] },
  ];
  for (const { registry, fragments } of cases) {
    it(registry, async () => {
      const { root, pack, before } = await published();
      const flags = ['--endpoint', endpoint, '--force-path-style', '--base-url', 'https://packs.example.com/reg'];
      expectPublishError(await publishCli(pack, registry, flags), ExitCode.Usage, '--registry', ...fragments);
      expect(requests).toBe(0);
      expect(folderState(root)).toEqual(before);
    });
  }
});

describe('bad registry folders and packs: input errors (exit 3), nothing written', () => {
  it('a registry path that is a file', async () => {
    const { root, pack } = await published();
    writeFileSync(join(root, 'registry.txt'), 'not a folder\n');
    const state = folderState(root);
    expectPublishError(await publishCli(pack, join(root, 'registry.txt')), ExitCode.Input, 'registry.txt is a file', /give a folder/);
    expect(folderState(root)).toEqual(state);
  });

  // BUG (src/core/store/registry-location.ts, directory()): statSync throws ENOTDIR, which
  // escapes as an internal error (exit 70 with a stack trace). Drop `.failing` once fixed.
  it('a registry path below a file', async () => {
    const { root, pack } = await published();
    writeFileSync(join(root, 'registry.txt'), 'not a folder\n');
    const state = folderState(root);
    expectPublishError(await publishCli(pack, join(root, 'registry.txt', 'reg')), ExitCode.Input, 'registry.txt');
    expect(folderState(root)).toEqual(state);
  });

  const badIndexes = [
    { name: 'not valid JSON', text: '{"packs": [\n', fragments: ['index.json:2:1', 'not valid JSON'] },
    { name: 'not a valid index', text: '{"packs": 3}\n', fragments: ['index.json is not a valid Attune index, so it was not changed', 'missing required field "registry_name"', '/packs: must be of type array'] },
  ];
  for (const { name, text, fragments } of badIndexes) {
    it(`an index.json that is ${name}: no archive or entry uploaded either`, async () => {
      const { root, pack, registry } = await published();
      writeTree(registry, { 'index.json': text });
      const state = folderState(root);
      expectPublishError(await publishCli(pack, registry), ExitCode.Input, ...fragments);
      expect(folderState(root)).toEqual(state);
    });
  }

  it('a pack folder without pack.yaml (the registry is not even created)', async () => {
    const root = temp.make('packreg-dir-bad-input-');
    writeTree(join(root, 'pack'), { 'README.md': '# no manifest\n' });
    const before = folderState(root);
    expectPublishError(await publishCli(join(root, 'pack'), join(root, 'reg')), ExitCode.Input, 'no pack.yaml', join(root, 'pack'));
    expect(folderState(root)).toEqual(before);
    expect(folderState(join(root, 'reg'))).toBeNull();
  });

  it('a pack folder that does not exist', async () => {
    const { root, registry, before } = await published();
    expectPublishError(await publishCli(join(root, 'missing'), registry), ExitCode.Input, join(root, 'missing'), 'does not exist');
    expect(folderState(root)).toEqual(before);
  });
});
