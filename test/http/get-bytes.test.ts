import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ExitCode, InputError, RemoteError } from '../../src/core/errors.js';
import { API_KEY, expectNoSecrets, failure, options, testClient, TOKEN } from './http-fixtures.js';
import { sendBody, sendStatus, startHttpServer } from './test-server.js';
import type { TestServer } from './test-server.js';

/** Small documents (indices) fetched into memory, conditionally, with errors typed by cause. */
let server: TestServer;

beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('getBytes', () => {
  it('returns a 200 body with its etag and URL, sending the configured headers', async () => {
    server.route('/index.json', sendBody('{"packs":[]}', { etag: '"v1"' }));
    const { http } = testClient();
    const result = await http.getBytes(server.url('/index.json'), options());
    expect(result).toEqual({ status: 200, body: Buffer.from('{"packs":[]}'), etag: '"v1"', url: server.url('/index.json') });
    expect(server.requests[0].headers.authorization).toBe(TOKEN);
    expect(server.requests[0].headers['x-api-key']).toBe(API_KEY);
  });

  it('does a conditional GET: 304 when the etag still matches', async () => {
    server.route('/index.json', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') response.writeHead(304, { etag: '"v1"' }).end();
      else response.writeHead(200, { etag: '"v1"', 'content-length': 2 }).end('{}');
    });
    const { http } = testClient();
    const first = await http.getBytes(server.url('/index.json'), options());
    expect(first).toMatchObject({ status: 200, etag: '"v1"' });
    const second = await http.getBytes(server.url('/index.json'), options({ etag: first.etag }));
    expect(second).toEqual({ status: 304, etag: '"v1"', url: server.url('/index.json') });
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
  });

  it('reads a chunked body (no Content-Length)', async () => {
    server.route('/chunked', (_request, response) => {
      response.writeHead(200);
      response.write('abc');
      response.end('def');
    });
    const { http } = testClient();
    const result = await http.getBytes(server.url('/chunked'), options());
    expect(result.body?.toString()).toBe('abcdef');
  });

  it.each([401, 403])('%i is an InputError that says to check the token, and is not retried', async (status) => {
    server.route('/index.json', sendStatus(status));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(server.url('/index.json'), options({ retries: 3 })));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(ExitCode.Input);
    expect(error.message).toContain(`refused access (HTTP ${status}`);
    expect(error.message).toContain('check the token/headers');
    expect(error.message).toContain(server.url('/index.json'));
    expect(server.hits('/index.json')).toBe(1);
    expectNoSecrets(error, logger);
  });

  it('404 is an InputError naming the URL', async () => {
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(server.url('/missing.json'), options({ retries: 3 })));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`GET ${server.url('/missing.json')}: not found (HTTP 404 Not Found); check the URL and that the registry holds it`);
    expect(server.hits('/missing.json')).toBe(1);
    expectNoSecrets(error, logger);
  });

  it('another 4xx is a RemoteError, not retried', async () => {
    server.route('/bad', sendStatus(400));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(server.url('/bad'), options({ retries: 3 })));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toContain('HTTP 400 Bad Request');
    expect(server.hits('/bad')).toBe(1);
    expectNoSecrets(error, logger);
  });

  it('an unexpected 2xx is a RemoteError', async () => {
    server.route('/partial', sendStatus(206));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(server.url('/partial'), options()));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toContain('unexpected HTTP 206');
    expectNoSecrets(error, logger);
  });

  it('refuses an index larger than the cap', async () => {
    server.route('/big.json', sendBody('x'.repeat(2000)));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(server.url('/big.json'), options({ maxBytes: 1999 })));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('announces 2000 bytes (Content-Length), over the 1999-byte size limit');
    expectNoSecrets(error, logger);
    await expect(http.getBytes(server.url('/big.json'), options({ maxBytes: 2000 }))).resolves.toMatchObject({ status: 200 });
  });

  it('a body exactly at the cap passes; one byte over a chunked body fails', async () => {
    server.route('/edge', (_request, response) => {
      response.writeHead(200);
      response.end('x'.repeat(101));
    });
    const { http } = testClient();
    await expect(http.getBytes(server.url('/edge'), options({ maxBytes: 101 }))).resolves.toMatchObject({ status: 200 });
    const error = await failure(http.getBytes(server.url('/edge'), options({ maxBytes: 100 })));
    expect(error.message).toContain('sent more than 100 bytes');
  });

  it('logs requests without header values', async () => {
    server.route('/index.json', sendBody('{}'));
    const { http, logger } = testClient();
    await http.getBytes(server.url('/index.json'), options());
    expect(logger.at('debug')).toContain(`GET ${server.url('/index.json')}`);
    expectNoSecrets(undefined, logger);
  });
});
