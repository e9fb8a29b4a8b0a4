import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import S3rver from 's3rver';
import { makeTempDir, removeTempDir } from './temp.js';

/** The credentials s3rver accepts (it checks the access key id, not v4 signatures). */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' } as const;

/** A running S3-protocol server on 127.0.0.1 with one bucket. */
export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  close(): Promise<void>;
}

/**
 * Start s3rver in-process with `bucket` created. Note what it does not do, which the
 * publisher must cope with: it ignores If-Match / If-None-Match and x-amz-checksum-sha256.
 */
export async function startS3Server(bucket = 'registry'): Promise<S3Server> {
  const directory = makeTempDir('packreg-s3rver-');
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  replyAfterWriting(server);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async close() {
      await server.close();
      removeTempDir(directory);
    },
  };
}

/**
 * s3rver answers a PUT as soon as the body has been handed to its file stream, before the
 * bytes are on disk, so a GET right after a successful PUT can read an empty or short object
 * (S3 itself is read-after-write consistent). Make its store wait until the object file has
 * its full size before the PUT is answered.
 */
function replyAfterWriting(server: S3rver): void {
  const store = server.store;
  const putObject = store.putObject.bind(store);
  store.putObject = async (object) => {
    const result = await putObject(object);
    const path = store.getResourcePath(object.bucket, object.key, 'object');
    while ((await stat(path)).size < result.size) await delay(2);
    return result;
  };
}

/**
 * The AWS environment a publisher needs to reach the server (credentials from the standard
 * chain, no instance metadata lookups), set on process.env for in-process runs; returns the
 * function that restores the previous values.
 */
export function useS3Environment(extra: Record<string, string> = {}): () => void {
  const values: Record<string, string> = { ...S3RVER_CREDENTIALS, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', ...extra };
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Decides, per request, whether a {@link FaultyProxy} answers with an error status instead of forwarding. */
export type FaultRule = (method: string, path: string) => number | undefined;

/** An HTTP proxy in front of an S3 server that fails the requests a rule picks. */
export interface FaultyProxy {
  readonly endpoint: string;
  /** Requests seen, as "METHOD /path". */
  readonly requests: string[];
  setRule(rule: FaultRule | undefined): void;
  close(): Promise<void>;
}

export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const requests: string[] = [];
  let rule: FaultRule | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(`${req.method} ${path}`);
    const status = rule?.(req.method ?? 'GET', path);
    if (status !== undefined) {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${status === 503 ? 'SlowDown' : 'InternalError'}</Code><Message>injected failure</Message></Error>`);
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    setRule(next) {
      rule = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
