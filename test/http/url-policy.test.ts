import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/core/errors.js';
import { checkRequestUrl, displayUrl } from '../../src/core/http/http-url.js';
import { expectNoSecrets, failure, options, testClient } from './http-fixtures.js';
import { sendBody, startHttpServer } from './test-server.js';
import type { TestServer } from './test-server.js';

/** What is refused before anything is sent: credentials in URLs, odd schemes, bad options and headers. */
let server: TestServer;

beforeAll(async () => {
  server = await startHttpServer();
  server.route('/index.json', sendBody('{}'));
});
afterAll(() => server.close());

describe('URL and option checks', () => {
  it('refuses a URL with userinfo, without printing it', async () => {
    const url = server.url('/index.json').replace('//', '//reader:p4ss-SECRET@');
    const { http, logger } = testClient();
    for (const call of [http.getBytes(url, options()), http.download(url, '/tmp/never-written', options())]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(`${server.url('/index.json')}: the URL contains credentials (user:password@); remove them and configure the token as a header instead`);
      expectNoSecrets(error, logger);
    }
    expect(server.requests).toEqual([]);
  });

  it('refuses other schemes and invalid URLs', async () => {
    const { http } = testClient();
    const ftp = await failure(http.getBytes('ftp://127.0.0.1/x', options()));
    expect(ftp).toBeInstanceOf(UsageError);
    expect(ftp.message).toContain('the ftp scheme is not supported');
    const invalid = await failure(http.getBytes('not a url', options()));
    expect(invalid).toBeInstanceOf(UsageError);
    expect(invalid.message).toBe('"not a url" is not a valid URL; give an absolute http(s) URL');
    const invalidWithCreds = await failure(http.getBytes('http://u:p4ss-SECRET@[bad/x', options()));
    expect(invalidWithCreds).toBeInstanceOf(UsageError);
    expect(invalidWithCreds.message).toBe('"http://[bad/x" is not a valid URL; give an absolute http(s) URL');
    expectNoSecrets(invalidWithCreds);
  });

  it.each([
    ['timeoutMs', { timeoutMs: 0 }],
    ['maxBytes', { maxBytes: -1 }],
    ['retries', { retries: 1.5 }],
    ['maxRedirects', { maxRedirects: -1 }],
  ])('refuses a bad %s', async (name, bad) => {
    const { http } = testClient();
    const error = await failure(http.getBytes(server.url('/index.json'), options(bad)));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(`HTTP option ${name} must be`);
  });

  it('refuses a header value with control characters without printing it', async () => {
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(server.url('/index.json'), options({ headers: { Authorization: 'Bearer SECRET\r\nX-Injected: 1' } })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('configured HTTP header "Authorization" has an invalid name or value');
    expectNoSecrets(error, logger);
  });

  it('displays URLs without userinfo and with the query elided', () => {
    expect(displayUrl('https://u:p@example.com:8443/a/b?sig=1#frag')).toBe('https://example.com:8443/a/b?…');
    expect(displayUrl('https://example.com/a')).toBe('https://example.com/a');
    expect(checkRequestUrl('https://example.com/a', false).href).toBe('https://example.com/a');
  });
});
