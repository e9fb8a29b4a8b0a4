import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, InputError, RemoteError } from '../../src/core/errors.js';
import { tempDirs } from '../helpers/temp.js';
import { expectNoSecrets, failure, filesIn, options, testClient } from './http-fixtures.js';
import { sendBody, startHttpServer } from './test-server.js';
import type { TestServer } from './test-server.js';

/** Downloads stream to a temporary file beside the target, hashed on the way; failures leave nothing. */
const temp = tempDirs();
let server: TestServer;
let dir: string;
const body = randomBytes(300_000);
const sha256 = createHash('sha256').update(body).digest('hex');

beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});
beforeEach(() => {
  server.reset();
  dir = temp.make('packreg-http-');
});

/** Handler: head with Content-Length of the whole body, then the first `sent` bytes, then `end`. */
function partial(sent: number, end: 'close' | 'destroy' | 'stall', full = body) {
  return (_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(200, { 'content-length': full.length });
    response.write(full.subarray(0, sent), () => {
      if (end === 'close') response.socket?.end();
      if (end === 'destroy') response.socket?.destroy();
    });
  };
}

describe('download', () => {
  it('streams a 200 body to the file with its sha256 and size', async () => {
    server.route('/pack.tar.gz', (_request, response) => {
      response.writeHead(200, { 'content-length': body.length });
      // several writes: the client sees many chunks
      for (let i = 0; i < body.length; i += 40_000) response.write(body.subarray(i, i + 40_000));
      response.end();
    });
    const { http } = testClient();
    const file = join(dir, 'pack.tar.gz');
    const result = await http.download(server.url('/pack.tar.gz'), file, options());
    expect(result).toEqual({ sha256, size: body.length, url: server.url('/pack.tar.gz') });
    expect(readFileSync(file).equals(body)).toBe(true);
    expect(filesIn(dir)).toEqual(['pack.tar.gz']);
  });

  it('replaces an existing file only when the new one is complete', async () => {
    const file = join(dir, 'pack.tar.gz');
    writeFileSync(file, 'old');
    server.route('/pack.tar.gz', partial(1000, 'close'));
    const { http } = testClient();
    await failure(http.download(server.url('/pack.tar.gz'), file, options()));
    expect(readFileSync(file, 'utf8')).toBe('old');
    server.route('/pack.tar.gz', sendBody(body));
    await http.download(server.url('/pack.tar.gz'), file, options());
    expect(readFileSync(file).equals(body)).toBe(true);
    expect(filesIn(dir)).toEqual(['pack.tar.gz']);
  });

  it('refuses a Content-Length above the cap before reading the body', async () => {
    server.route('/huge', (_request, response) => {
      response.writeHead(200, { 'content-length': 50_000_000 });
      response.write('x'); // then nothing: reading on would wait for the timeout
    });
    const { http, logger } = testClient();
    const started = Date.now();
    const error = await failure(http.download(server.url('/huge'), join(dir, 'huge'), options({ maxBytes: 1000, timeoutMs: 20_000, retries: 2 })));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('announces 50000000 bytes');
    expect(error.message).toContain('1000-byte size limit');
    expect(server.hits('/huge')).toBe(1); // not retried
    expect(filesIn(dir)).toEqual([]);
    expectNoSecrets(error, logger);
  });

  it('aborts a chunked body that grows past the cap and leaves no file', async () => {
    let written = 0;
    server.route('/endless', (_request, response) => {
      response.writeHead(200); // no Content-Length: chunked
      const timer = setInterval(() => {
        if (response.destroyed) return clearInterval(timer);
        written += 16_384;
        response.write(Buffer.alloc(16_384, 1));
      }, 1);
      response.on('close', () => clearInterval(timer));
    });
    const { http, logger } = testClient();
    const error = await failure(http.download(server.url('/endless'), join(dir, 'endless'), options({ maxBytes: 100_000, retries: 2 })));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('sent more than 100000 bytes');
    expect(server.hits('/endless')).toBe(1);
    expect(written).toBeLessThan(5_000_000);
    expect(filesIn(dir)).toEqual([]);
    expectNoSecrets(error, logger);
  });

  it('reports a body shorter than its Content-Length as truncated, after retrying, and leaves no file', async () => {
    server.route('/short', partial(400, 'close', body.subarray(0, 1000)));
    const { http, logger } = testClient();
    const error = await failure(http.download(server.url('/short'), join(dir, 'short'), options({ retries: 1 })));
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).exitCode).toBe(ExitCode.Remote);
    expect(error.message).toMatch(/truncated: .*\(\d+ of 1000 bytes read\) after 2 attempts/);
    expect(error.cause).toBeDefined();
    expect(server.hits('/short')).toBe(2);
    expect(filesIn(dir)).toEqual([]);
    expectNoSecrets(error, logger);
  });

  it('retries a connection reset mid-body and keeps only the complete second body', async () => {
    server.route('/flaky', (request, response, hit) => (hit === 1 ? partial(150_000, 'destroy')(request, response) : sendBody(body)(request, response, hit)));
    const { http, logger } = testClient();
    const file = join(dir, 'flaky');
    const result = await http.download(server.url('/flaky'), file, options({ retries: 2 }));
    expect(result.sha256).toBe(sha256);
    expect(result.size).toBe(body.length);
    expect(readFileSync(file).equals(body)).toBe(true);
    expect(server.hits('/flaky')).toBe(2);
    expect(logger.at('warning').join('\n')).toMatch(/retrying/);
    expect(filesIn(dir)).toEqual(['flaky']);
  });

  it('starts the file again on a retry, even when the new body is shorter', async () => {
    const small = Buffer.from('the second, shorter body');
    server.route('/changed', (request, response, hit) => (hit === 1 ? partial(200_000, 'destroy')(request, response) : sendBody(small)(request, response, hit)));
    const { http } = testClient();
    const file = join(dir, 'changed');
    const result = await http.download(server.url('/changed'), file, options({ retries: 1 }));
    expect(result).toEqual({ sha256: createHash('sha256').update(small).digest('hex'), size: small.length, url: server.url('/changed') });
    expect(readFileSync(file)).toEqual(small);
  });

  it('times out when the body stalls, naming the timeout, and leaves no file', async () => {
    server.route('/slow', partial(1000, 'stall'));
    const { http, logger } = testClient();
    const started = Date.now();
    const error = await failure(http.download(server.url('/slow'), join(dir, 'slow'), options({ timeoutMs: 300, retries: 1 })));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/timed out after 300 ms .*2 attempts/);
    expect(server.hits('/slow')).toBe(2);
    expect(filesIn(dir)).toEqual([]);
    expectNoSecrets(error, logger);
  });

  it('fails on a missing destination folder before sending anything', async () => {
    server.route('/pack', sendBody(body));
    const { http } = testClient();
    const error = await failure(http.download(server.url('/pack'), join(dir, 'missing', 'pack'), options()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(join(dir, 'missing'));
    expect(server.requests).toEqual([]);
  });

  it('treats a 304 as unexpected (no If-None-Match was sent) and leaves no file', async () => {
    server.route('/pack', (_request, response) => void response.writeHead(304).end());
    const { http, logger } = testClient();
    const error = await failure(http.download(server.url('/pack'), join(dir, 'pack'), options()));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toContain('unexpected HTTP 304 Not Modified; expected 200');
    expect(filesIn(dir)).toEqual([]);
    expectNoSecrets(error, logger);
  });

  it('does not send If-None-Match (a conditional download has no body to keep)', async () => {
    server.route('/pack', sendBody(body));
    const { http } = testClient();
    await http.download(server.url('/pack'), join(dir, 'pack'), options({ etag: '"v1"' }));
    expect(server.requests[0].headers['if-none-match']).toBeUndefined();
    expect(server.requests[0].headers['accept-encoding']).toBe('identity');
  });
});
