import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fetchGitSource } from '../../src/core/client/git-source.js';
import { defaultDeps } from '../../src/core/deps.js';
import { RemoteError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/logger.js';
import { checksumOf } from '../helpers/cli.js';
import { createRepo, git, GIT_TEST_ENV } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { sendStatus, startHttpServer } from '../http/test-server.js';
import type { TestServer } from '../http/test-server.js';
import { rejection } from '../helpers/failure.js';

const temp = tempDirs();
const deps = () => defaultDeps(silentLogger);

/** Names the fetch of `<parent>/demo` may have left in `parent`. */
const leftovers = (parent: string) => readdirSync(parent).filter((n) => n.includes('demo'));

/**
 * A real smart-HTTP git server: every request goes to `git http-backend` as CGI, the way a
 * web server would run it, serving the bare repositories below `root`.
 */
async function startGitHttpServer(root: string): Promise<{ origin: string; headers: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    headers.push(request.headers);
    const target = new URL(request.url ?? '/', 'http://127.0.0.1');
    const child = spawn('git', ['http-backend'], {
      env: {
        ...GIT_TEST_ENV,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(target.pathname),
        QUERY_STRING: target.search.slice(1),
        REQUEST_METHOD: request.method ?? 'GET',
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    request.pipe(child.stdin);
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('close', () => {
      const all = Buffer.concat(out);
      const end = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, end).toString('latin1').split('\r\n');
      let status = 200;
      const fields: Record<string, string> = {};
      for (const line of head) {
        const [name, ...rest] = line.split(':');
        if (name.toLowerCase() === 'status') status = Number.parseInt(rest.join(':').trim(), 10);
        else fields[name] = rest.join(':').trim();
      }
      response.writeHead(status, fields).end(all.subarray(end + 4));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headers,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('fetchGitSource over http', () => {
  let gitServer: Awaited<ReturnType<typeof startGitHttpServer>>;
  let repoDir: string;
  let first: string;
  let tip: string;

  beforeAll(async () => {
    const repo = createRepo(temp);
    repoDir = repo.dir;
    first = repo.commit({ 'pack.yaml': 'ref: demo\n', 'bin/run': { content: '#!/bin/sh\n', executable: true } });
    tip = repo.commit({ 'pack.yaml': 'ref: demo\nversion: 2\n' });
    const root = temp.make('packreg-git-http-');
    git(root, ['init', '-q', '--bare', '-b', 'main', join(root, 'demo.git')]);
    repo.git('push', '-q', join(root, 'demo.git'), 'main');
    gitServer = await startGitHttpServer(root);
  });
  afterAll(() => gitServer.close());

  it('fetches a pinned commit and the default branch from a smart-HTTP server when http is allowed', async () => {
    const parent = temp.make('packreg-into-');
    const url = `${gitServer.origin}/demo.git`;
    const pinned = await fetchGitSource({ url, ref: first, allowHttp: true, timeoutMs: 30_000 }, join(parent, 'demo'), deps());
    expect(pinned.commit).toBe(first);
    expect(pinned.checksum).toBe(await checksumOf([repoDir, '--git-ref', first]));
    const latest = await fetchGitSource({ url, allowHttp: true, timeoutMs: 30_000 }, join(parent, 'latest'), deps());
    expect(latest.commit).toBe(tip);
    expect(latest.checksum).toBe(await checksumOf([repoDir, '--git-ref', tip]));
    expect(readdirSync(parent).sort()).toEqual(['demo', 'latest']);
  });
});

describe('fetchGitSource against misbehaving servers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('kills a fetch that outlives the timeout and leaves nothing behind', async () => {
    // Accepts the request and never answers; notes when git's side lets go of the connection.
    let released: () => void;
    const connectionClosed = new Promise<void>((resolve) => (released = resolve));
    server.route('/slow.git/info/refs?service=git-upload-pack', (request) => void request.socket.once('close', () => released()));
    const parent = temp.make('packreg-into-');
    const started = Date.now();
    const error = await rejection(fetchGitSource({ url: server.url('/slow.git'), allowHttp: true, timeoutMs: 700 }, join(parent, 'demo'), deps()));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/git fetch from http:\/\/127\.0\.0\.1:\d+\/slow\.git did not finish within 700 ms/);
    expect(server.hits('/slow.git/info/refs?service=git-upload-pack')).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(6000);
    expect(leftovers(parent)).toEqual([]);
    // git's HTTP helper outlives the killed git; it must give up on the stalled server by itself.
    await expect(Promise.race([connectionClosed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 4000))])).resolves.toBe('closed');
  });

  it('never prompts, asks an askpass program or a credential helper when the server wants a login', async () => {
    server.route('/private.git/info/refs?service=git-upload-pack', sendStatus(401, { 'www-authenticate': 'Basic realm="packs"' }));
    const dir = temp.make('packreg-creds-');
    const marker = join(dir, 'asked');
    const askpass = join(dir, 'askpass.sh');
    writeFileSync(askpass, `#!/bin/sh\necho askpass >> '${marker}'\necho secret\n`, { mode: 0o755 });
    const config = join(dir, 'gitconfig');
    writeFileSync(config, `[credential]\n\thelper = "!f() { echo helper >> '${marker}'; echo username=u; echo password=secret; }; f"\n[core]\n\taskPass = ${askpass}\n`);
    const saved = { GIT_ASKPASS: process.env.GIT_ASKPASS, SSH_ASKPASS: process.env.SSH_ASKPASS, GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL };
    Object.assign(process.env, { GIT_ASKPASS: askpass, SSH_ASKPASS: askpass, GIT_CONFIG_GLOBAL: config });
    const parent = temp.make('packreg-into-');
    let error: Error;
    try {
      error = await rejection(fetchGitSource({ url: server.url('/private.git'), allowHttp: true, timeoutMs: 20_000 }, join(parent, 'demo'), deps()));
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/git could not fetch from http:\/\/127\.0\.0\.1:\d+\/private\.git: .*(terminal prompts disabled|Authentication failed)/);
    expect(existsSync(marker)).toBe(false);
    expect(server.requests.some((r) => r.headers.authorization !== undefined)).toBe(false);
    expect(leftovers(parent)).toEqual([]);
  });

  it('reports a server error as a RemoteError with the status git saw', async () => {
    server.route('/broken.git/info/refs?service=git-upload-pack', sendStatus(500));
    const parent = temp.make('packreg-into-');
    const error = await rejection(fetchGitSource({ url: server.url('/broken.git'), ref: 'a'.repeat(40), allowHttp: true, timeoutMs: 20_000 }, join(parent, 'demo'), deps()));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/git could not fetch from http:\/\/127\.0\.0\.1:\d+\/broken\.git: .*500/);
    expect(leftovers(parent)).toEqual([]);
  });
});

afterAll(() => temp.cleanup());
