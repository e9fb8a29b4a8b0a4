import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { InputError, RemoteError, UsageError } from '../../src/core/errors.js';
import { API_KEY, COOKIE, expectNoSecrets, failure, options, testClient, TOKEN } from './http-fixtures.js';
import { redirectTo, sendBody, sendStatus, startHttpServer, startHttpsServer, testCertificate } from './test-server.js';
import type { TestServer } from './test-server.js';

/**
 * Redirects are followed by hand: configured headers stay with the original origin, plain
 * http is refused unless allowed, and chains are bounded.
 */
let a: TestServer;
let b: TestServer;
let secure: TestServer;
let ca: string;

beforeAll(async () => {
  [a, b, secure] = await Promise.all([startHttpServer(), startHttpServer(), startHttpsServer()]);
  ca = testCertificate().cert;
});
afterAll(() => Promise.all([a, b, secure].map((s) => s.close())));
beforeEach(() => [a, b, secure].forEach((s) => s.reset()));

describe('redirects', () => {
  it('follows a same-origin (relative) redirect and keeps the configured headers', async () => {
    a.route('/start', redirectTo('/final'));
    a.route('/final', sendBody('done'));
    const { http } = testClient();
    const result = await http.getBytes(a.url('/start'), options());
    expect(result).toMatchObject({ status: 200, url: a.url('/final') });
    expect(a.requests.map((r) => [r.path, r.headers.authorization, r.headers['x-api-key'], r.headers.cookie])).toEqual([
      ['/start', TOKEN, API_KEY, COOKIE],
      ['/final', TOKEN, API_KEY, COOKIE],
    ]);
  });

  it.each([301, 302, 303, 307, 308])('follows %i', async (status) => {
    a.route('/start', redirectTo(b.url('/file'), status));
    b.route('/file', sendBody('moved'));
    const { http } = testClient();
    const result = await http.getBytes(a.url('/start'), options());
    expect(result.body?.toString()).toBe('moved');
  });

  it('drops Authorization, Cookie and every configured header on a redirect to another origin', async () => {
    a.route('/start', redirectTo(b.url('/file')));
    b.route('/file', sendBody('moved'));
    const { http, logger } = testClient();
    await http.getBytes(a.url('/start'), options());
    expect(a.requests[0].headers.authorization).toBe(TOKEN);
    const seen = b.requests.find((r) => r.path === '/file');
    expect(seen).toBeDefined();
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers['x-api-key']).toBeUndefined();
    expect(seen?.headers['user-agent']).toBe('packreg');
    expect(logger.at('debug').join('\n')).toContain(`redirect to ${b.url('/file')}; configured headers are not sent there`);
    expectNoSecrets(undefined, logger);
  });

  it('does not send them again when the chain comes back to the original origin', async () => {
    a.route('/start', redirectTo(b.url('/bounce')));
    b.route('/bounce', redirectTo(a.url('/final')));
    a.route('/final', sendBody('back'));
    const { http } = testClient();
    await http.getBytes(a.url('/start'), options());
    expect(a.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/start', TOKEN],
      ['/final', undefined],
    ]);
  });

  it('says the headers were not sent when the other origin refuses access', async () => {
    a.route('/start', redirectTo(b.url('/private')));
    b.route('/private', sendStatus(401));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(a.url('/start'), options()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`GET ${b.url('/private')} (redirected from ${a.url('/start')})`);
    expect(error.message).toContain('the configured headers were not sent to this host');
    expectNoSecrets(error, logger);
  });

  it('elides the query of a signed redirect target in messages', async () => {
    a.route('/start', redirectTo(b.url('/object?X-Amz-Signature=SECRET123&X-Amz-Credential=SECRETKEY')));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(a.url('/start'), options()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`GET ${b.url('/object?…')}`);
    expectNoSecrets(error, logger);
  });

  it('works over https with the extra CA', async () => {
    secure.route('/index.json', sendBody('{}'));
    const { http } = testClient();
    const result = await http.getBytes(secure.url('/index.json'), options({ allowHttp: false, ca }));
    expect(result).toMatchObject({ status: 200, url: secure.url('/index.json') });
    expect(secure.requests[0].headers.authorization).toBe(TOKEN);
  });

  it('fails TLS without the CA, without retrying', async () => {
    secure.route('/index.json', sendBody('{}'));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(secure.url('/index.json'), options({ allowHttp: false, retries: 2 })));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/TLS failed \(\w+\); the server's certificate is not trusted for 127\.0\.0\.1:\d+/);
    expect(logger.at('warning')).toEqual([]);
    expect(secure.requests).toEqual([]);
    expectNoSecrets(error, logger);
  });

  it('refuses a redirect from https to http unless http is allowed, naming both URLs', async () => {
    secure.route('/start', redirectTo(a.url('/file')));
    a.route('/file', sendBody('plain'));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(secure.url('/start'), options({ allowHttp: false, ca })));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toContain(`${secure.url('/start')} redirected to plain http ${a.url('/file')}; refused`);
    expect(a.requests).toEqual([]);
    expectNoSecrets(error, logger);
  });

  it('follows https to http when http is allowed, without the configured headers', async () => {
    secure.route('/start', redirectTo(a.url('/file')));
    a.route('/file', sendBody('plain'));
    const { http } = testClient();
    const result = await http.getBytes(secure.url('/start'), options({ allowHttp: true, ca }));
    expect(result.body?.toString()).toBe('plain');
    expect(a.requests[0].headers.authorization).toBeUndefined();
  });

  it('refuses a plain http URL up front unless allowed', async () => {
    a.route('/index.json', sendBody('{}'));
    const { http } = testClient();
    const error = await failure(http.getBytes(a.url('/index.json'), options({ allowHttp: false })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(`${a.url('/index.json')}: plain http is refused`);
    expect(a.requests).toEqual([]);
    await expect(http.getBytes(a.url('/index.json'), options({ allowHttp: true }))).resolves.toMatchObject({ status: 200 });
  });

  it('stops a redirect loop: too many redirects', async () => {
    a.route('/loop', redirectTo('/loop'));
    const { http, logger } = testClient();
    const error = await failure(http.getBytes(a.url('/loop'), options({ retries: 2 })));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toContain(`too many redirects: more than 5 starting at ${a.url('/loop')}`);
    expect(a.hits('/loop')).toBe(6);
    expectNoSecrets(error, logger);
  });

  it('honours maxRedirects', async () => {
    a.route('/one', redirectTo('/two'));
    a.route('/two', redirectTo('/three'));
    a.route('/three', sendBody('ok'));
    const { http } = testClient();
    await expect(http.getBytes(a.url('/one'), options({ maxRedirects: 2 }))).resolves.toMatchObject({ status: 200 });
    const error = await failure(http.getBytes(a.url('/one'), options({ maxRedirects: 1 })));
    expect(error.message).toContain('more than 1 starting at');
    const none = await failure(http.getBytes(a.url('/one'), options({ maxRedirects: 0 })));
    expect(none.message).toContain('more than 0 starting at');
  });

  it('refuses a redirect without Location, or to a URL with credentials or another scheme', async () => {
    a.route('/nowhere', sendStatus(302));
    a.route('/creds', redirectTo(`http://user:p4ss-SECRET@127.0.0.1:1/x`));
    a.route('/ftp', redirectTo('ftp://127.0.0.1/x'));
    const { http, logger } = testClient();
    const nowhere = await failure(http.getBytes(a.url('/nowhere'), options()));
    expect(nowhere).toBeInstanceOf(RemoteError);
    expect(nowhere.message).toContain('without a Location header');
    const creds = await failure(http.getBytes(a.url('/creds'), options()));
    expect(creds).toBeInstanceOf(RemoteError);
    expect(creds.message).toContain(`redirected to http://127.0.0.1:1/x, which is refused: the URL contains credentials`);
    const ftp = await failure(http.getBytes(a.url('/ftp'), options()));
    expect(ftp.message).toContain('the ftp scheme is not supported');
    for (const error of [nowhere, creds, ftp]) expectNoSecrets(error, logger);
  });

  it('retries a failing hop after a redirect', async () => {
    a.route('/start', redirectTo(b.url('/file')));
    b.route('/file', (request, response, hit) => (hit === 1 ? sendStatus(503) : sendBody('ok'))(request, response, hit));
    const { http } = testClient();
    const result = await http.getBytes(a.url('/start'), options({ retries: 1 }));
    expect(result.body?.toString()).toBe('ok');
    expect([a.hits('/start'), b.hits('/file')]).toEqual([1, 2]);
  });
});
