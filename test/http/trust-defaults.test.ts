import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI_BUNDLE } from '../helpers/archive-read.js';
import { runPackreg } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import { tarFile, targz } from '../extract/hostile-archives.js';
import { sendBody, startHttpsServer, testCertificate } from './test-server.js';
import type { TestServer } from './test-server.js';

/**
 * `--ca-file` adds a CA to what Node trusts by default; it does not replace it. Node reads
 * NODE_EXTRA_CA_CERTS only as a process starts, so this runs the built CLI as a child: the test
 * server's CA comes from NODE_EXTRA_CA_CERTS, and an unrelated CA from --ca-file.
 */
const temp = tempDirs();
let server: TestServer;
let dir: string;
const run = promisify(execFile);

const PACK = targz([tarFile('demo/pack.yaml', 'ref: demo\nversion: 1.0.0\nlabel: Demo\ndescription: A demo pack\n')]);

beforeAll(async () => {
  server = await startHttpsServer();
  server.route('/demo.tar.gz', sendBody(PACK));
  dir = temp.make('packreg-trust-');
  writeFileSync(join(dir, 'server-ca.pem'), testCertificate().cert);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'other.key'), '-out', join(dir, 'other.pem'), '-days', '2', '-subj', '/CN=other'], {
    stdio: 'pipe',
  });
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

/** `packreg fetch` of the served archive, as a child process (async: the server runs in this one). */
async function fetchChild(env: Record<string, string>, out: string, nodeOptions: string[] = []) {
  const args = [...nodeOptions, CLI_BUNDLE, 'fetch', server.url('/demo.tar.gz'), '--allow-unverified', '--no-cache', '--ca-file', join(dir, 'other.pem'), '--out', out];
  return run(process.execPath, args, { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env } }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
  );
}

describe('--ca-file', () => {
  it('trusts nothing more than it adds: the control case, with the server CA nowhere', async () => {
    const untrusted = await fetchChild({}, 'untrusted');
    expect(untrusted.code).toBe(4);
    expect(untrusted.stderr).toMatch(/certificate is not trusted/);
  });

  it('keeps the CAs of NODE_EXTRA_CA_CERTS besides the one it adds', async () => {
    const trusted = await fetchChild({ NODE_EXTRA_CA_CERTS: join(dir, 'server-ca.pem') }, 'extra');
    expect([trusted.code, trusted.stderr]).toEqual([0, expect.stringMatching(/NOT verified/)]);
    expect(readdirSync(join(dir, 'extra'))).toEqual(['pack.yaml']);
  });

  it("keeps the system's store when Node uses it (--use-openssl-ca) besides the one it adds", async () => {
    const trusted = await fetchChild({ SSL_CERT_FILE: join(dir, 'server-ca.pem'), SSL_CERT_DIR: join(dir, 'no-such-dir') }, 'system', ['--use-openssl-ca']);
    expect([trusted.code, trusted.stderr]).toEqual([0, expect.stringMatching(/NOT verified/)]);
    expect(readdirSync(join(dir, 'system'))).toEqual(['pack.yaml']);
  });

  it('refuses a file with no certificate, or one that does not parse, before connecting (exit 2)', async () => {
    writeFileSync(join(dir, 'empty.pem'), 'not a certificate\n');
    const pem = readFileSync(join(dir, 'other.pem'), 'utf8');
    writeFileSync(join(dir, 'damaged.pem'), `${pem}${pem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!')}`);
    const hits = server.hits('/demo.tar.gz');
    for (const [file, message] of [
      ['empty.pem', /--ca-file \S+empty\.pem holds no PEM certificate/],
      ['damaged.pem', /--ca-file \S+damaged\.pem: certificate 2 of 2 does not parse/],
    ] as const) {
      const result = await runPackreg(['fetch', server.url('/demo.tar.gz'), '--allow-unverified', '--no-cache', '--ca-file', join(dir, file), '--out', 'x'], dir, { HOME: dir });
      expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(message)]);
      expect(result.stderr).toMatch(message);
    }
    expect(server.hits('/demo.tar.gz')).toBe(hits);
    expect(readdirSync(dir).filter((name) => name === 'x')).toEqual([]);
  });
});
