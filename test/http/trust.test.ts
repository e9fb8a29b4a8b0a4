import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemoteError } from '../../src/core/errors.js';
import { failure, options, testClient } from './http-fixtures.js';
import { sendBody, startHttpsServer, testCertificate } from './test-server.js';
import type { TestServer } from './test-server.js';
import { tempDirs } from '../helpers/temp.js';

/** A second self-signed certificate, unrelated to the test server's. */
function otherCertificate(dir: string): string {
  const cert = join(dir, 'other.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'other.key'), '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], {
    stdio: 'pipe',
  });
  return readFileSync(cert, 'utf8');
}

/**
 * A client builds the TLS context for an extra CA once and reuses it (building one parses
 * every root certificate): the CA must still hold for every request, and a request given
 * another CA must never be trusted through the first one's context or connection.
 */
describe('extra CA trust', () => {
  const temp = tempDirs();
  let server: TestServer;
  let ca: string;
  let other: string;

  beforeAll(async () => {
    server = await startHttpsServer();
    ca = testCertificate().cert;
    other = otherCertificate(temp.make());
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  it('holds for every request and download of one client', async () => {
    server.route('/index.json', sendBody('{}'));
    server.route('/pack.tar.gz', sendBody(Buffer.alloc(100_000, 1)));
    const { http } = testClient();
    const secure = options({ allowHttp: false, ca });
    expect((await http.getBytes(server.url('/index.json'), secure)).status).toBe(200);
    expect((await http.getBytes(server.url('/index.json'), secure)).status).toBe(200);
    const file = join(temp.make(), 'pack.tar.gz');
    expect((await http.download(server.url('/pack.tar.gz'), file, secure)).size).toBe(100_000);
  });

  it('is per CA: another CA given to the same client is not trusted for this server, before or after', async () => {
    server.route('/index.json', sendBody('{}'));
    const { http } = testClient();
    expect((await http.getBytes(server.url('/index.json'), options({ allowHttp: false, ca }))).status).toBe(200);
    const error = await failure(http.getBytes(server.url('/index.json'), options({ allowHttp: false, ca: other })));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/TLS failed \(\w+\); the server's certificate is not trusted/);
    expect((await http.getBytes(server.url('/index.json'), options({ allowHttp: false, ca }))).status).toBe(200);
  });
});
