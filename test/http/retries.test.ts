import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ExitCode, RemoteError } from '../../src/core/errors.js';
import { DEFAULT_RETRY_TIMING, isRetryableStatus, parseRetryAfter, retryDelayMs } from '../../src/core/http/retry.js';
import { expectNoSecrets, failure, options, testClient } from './http-fixtures.js';
import { sendBody, sendStatus, sequence, startHttpServer } from './test-server.js';
import type { TestServer } from './test-server.js';

/** Transient failures are retried a bounded number of times, with backoff, honouring Retry-After. */
let server: TestServer;

beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('retries', () => {
  it('retries 500, 500 then succeeds on 200', async () => {
    server.route('/index.json', sequence(sendStatus(500), sendStatus(500), sendBody('{}')));
    const { http, logger } = testClient();
    const result = await http.getBytes(server.url('/index.json'), options({ retries: 3 }));
    expect(result.body?.toString()).toBe('{}');
    expect(server.hits('/index.json')).toBe(3);
    expect(logger.at('warning')).toHaveLength(2);
    expect(logger.at('warning')[0]).toMatch(/HTTP 500; retrying in \d+\.\d s \(retry 1 of 3\)/);
    expectNoSecrets(undefined, logger);
  });

  it('gives up on a persistent 503 after retries + 1 attempts', async () => {
    server.route('/index.json', sendStatus(503));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(server.url('/index.json'), options({ retries: 2 })));
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).exitCode).toBe(ExitCode.Remote);
    expect(error.message).toBe(
      `GET ${server.url('/index.json')} failed: HTTP 503 Service Unavailable after 3 attempts; the registry is unavailable or overloaded, try again later`,
    );
    expect(server.hits('/index.json')).toBe(3);
    expectNoSecrets(error, logger);
  });

  it('does not retry when retries is 0', async () => {
    server.route('/index.json', sendStatus(502));
    const { http } = testClient();
    const error = await failure(http.getBytes(server.url('/index.json'), options({ retries: 0 })));
    expect(error.message).toContain('HTTP 502 Bad Gateway after 1 attempt;');
    expect(server.hits('/index.json')).toBe(1);
  });

  it('retries 408', async () => {
    server.route('/index.json', sequence(sendStatus(408), sendBody('{}')));
    const { http } = testClient();
    await http.getBytes(server.url('/index.json'), options({ retries: 1 }));
    expect(server.hits('/index.json')).toBe(2);
  });

  it('honours Retry-After on 429', async () => {
    server.route('/index.json', sequence(sendStatus(429, { 'retry-after': '1' }), sendBody('{}')));
    const { http, logger } = testClient();
    const started = Date.now();
    await http.getBytes(server.url('/index.json'), options({ retries: 1 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // the backoff alone is at most 40 ms here
    expect(server.hits('/index.json')).toBe(2);
    expect(logger.at('warning')[0]).toContain('HTTP 429; retrying in 1.0 s');
  });

  it('caps a long Retry-After', async () => {
    server.route('/index.json', sequence(sendStatus(503, { 'retry-after': '3600' }), sendBody('{}')));
    const { http } = testClient(200);
    const started = Date.now();
    await http.getBytes(server.url('/index.json'), options({ retries: 1 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.hits('/index.json')).toBe(2);
  });

  it('retries a request that timed out before the response head', async () => {
    server.route('/index.json', sequence(() => undefined, sendBody('{}')));
    const { http } = testClient();
    const result = await http.getBytes(server.url('/index.json'), options({ retries: 1, timeoutMs: 200 }));
    expect(result.status).toBe(200);
    expect(server.hits('/index.json')).toBe(2);
  });

  it('retries a refused connection, then names it', async () => {
    const gone = await startHttpServer();
    const url = gone.url('/index.json');
    await gone.close();
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(url, options({ retries: 1 })));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toBe(`GET ${url}: connection failed (ECONNREFUSED) after 2 attempts; check the registry URL and the network`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(logger.at('warning')).toHaveLength(1);
    expectNoSecrets(error, logger);
  });
});

describe('retry timing', () => {
  it('classifies statuses', () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 304, 400, 401, 403, 404, 409, 410].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter in the upper half, capped', () => {
    const timing = { baseMs: 100, capMs: 1000, retryAfterCapMs: 5000 };
    for (let i = 0; i < 200; i += 1) {
      const first = retryDelayMs(1, timing);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      const third = retryDelayMs(3, timing);
      expect(third).toBeGreaterThanOrEqual(200);
      expect(third).toBeLessThanOrEqual(400);
      expect(retryDelayMs(20, timing)).toBeLessThanOrEqual(1000);
    }
    const samples = new Set(Array.from({ length: 20 }, () => retryDelayMs(2, timing)));
    expect(samples.size).toBeGreaterThan(1);
  });

  it('uses Retry-After instead of the backoff, up to its cap', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_TIMING, 1500)).toBe(1500);
    expect(retryDelayMs(1, DEFAULT_RETRY_TIMING, 3_600_000)).toBe(DEFAULT_RETRY_TIMING.retryAfterCapMs);
  });
});
