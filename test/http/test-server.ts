import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';

/** Answers one request. `hit` counts requests to this path from 1, so a route can fail then succeed. */
export type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

/** What the server saw of one request. */
export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** A real HTTP(S) server on 127.0.0.1 with routes set per test. Unknown paths answer 404. */
export interface TestServer {
  /** `http://127.0.0.1:port` or `https://127.0.0.1:port`. */
  readonly origin: string;
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  /** Absolute URL of `path` on this server. */
  url(path: string): string;
  /** Answer `path` with `handler` (replacing any earlier handler). */
  route(path: string, handler: Handler): void;
  /** Requests seen for `path`. */
  hits(path: string): number;
  /** Forget routes and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, PEM. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

let certificate: TestCertificate | undefined;

/** A self-signed certificate for IP 127.0.0.1, made once per test file with the openssl CLI. */
export function testCertificate(): TestCertificate {
  if (certificate) return certificate;
  const dir = makeTempDir('packreg-cert-');
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { stdio: 'pipe' },
    );
    certificate = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return certificate;
  } finally {
    removeTempDir(dir);
  }
}

/** Start a plain HTTP test server. */
export function startHttpServer(): Promise<TestServer> {
  return start((listener) => createHttpServer(listener), 'http');
}

/** Start an HTTPS test server with {@link testCertificate} (pass its `cert` as the client's `ca`). */
export function startHttpsServer(): Promise<TestServer> {
  const { key, cert } = testCertificate();
  return start((listener) => createHttpsServer({ key, cert }, listener), 'https');
}

async function start(create: (listener: (request: IncomingMessage, response: ServerResponse) => void) => Server, scheme: string): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const counts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const server = create((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const hit = (counts.get(path) ?? 0) + 1;
    counts.set(path, hit);
    const handler = routes.get(path);
    if (handler) handler(request, response, hit);
    else response.writeHead(404).end('no route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    hits: (path) => counts.get(path) ?? 0,
    reset() {
      routes.clear();
      counts.clear();
      requests.splice(0);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Handler: 200 with `body` and its Content-Length (and any extra headers). */
export function sendBody(body: Buffer | string, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-length': Buffer.byteLength(body), ...headers }).end(body);
  };
}

/** Handler: `status` with optional headers and a short body. */
export function sendStatus(status: number, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, headers).end(`status ${status}`);
  };
}

/** Handler: a redirect to `location`. */
export function redirectTo(location: string, status = 302): Handler {
  return sendStatus(status, { location });
}

/** Handler: the n-th request gets `handlers[n - 1]` (the last one repeats). */
export function sequence(...handlers: Handler[]): Handler {
  return (request, response, hit) => handlers[Math.min(hit, handlers.length) - 1](request, response, hit);
}
