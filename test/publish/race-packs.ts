import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ROOT } from '../helpers/action-runner.js';
import { S3RVER_CREDENTIALS } from '../helpers/s3-server.js';
import { writeTree } from '../helpers/temp.js';

/** Twelve packs at 1.0.0, each published once. */
export const SINGLE_REFS = 'abcdefghijkl'.split('').map((c) => `race-${c}`);
/** The pack published in many versions at once. */
export const MULTI_REF = 'race-multi';
/** Its versions, newest first by semver (1.10.0 above 1.2.0, a prerelease below its release). */
export const MULTI_VERSIONS = ['2.0.0', '2.0.0-rc.1', '1.10.0', '1.2.0', '1.1.0', '1.0.1', '1.0.0', '0.9.0'];

/** One publisher to start: the pack it publishes and where its files are. */
export interface RacePack {
  readonly ref: string;
  readonly version: string;
  readonly dir: string;
}

/** Write the 20 pack folders below `root` (a temp dir outside any git work tree). */
export function writeRacePacks(root: string): RacePack[] {
  const wanted = [...SINGLE_REFS.map((ref) => ({ ref, version: '1.0.0' })), ...MULTI_VERSIONS.map((version) => ({ ref: MULTI_REF, version }))];
  return wanted.map(({ ref, version }) => {
    const dir = writeTree(join(root, `${ref}-${version}`), {
      'pack.yaml': [`ref: ${ref}`, `label: Race ${ref} ${version}`, 'description: A pack for the concurrent publish test', `version: ${version}`, 'author: packreg tests', 'email: tests@example.com', 'license: Apache-2.0', ''].join('\n'),
      'README.md': `# ${ref} ${version}\n`,
    });
    return { ref, version, dir };
  });
}

/** How one publisher process ended. */
export interface PublisherRun {
  readonly pack: RacePack;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Start `node dist/cli.js publish <dir> ...args --json` for every pack at the same moment,
 * each its own OS process, and wait for all. Jest's NODE_OPTIONS and any AWS settings of
 * the caller do not leak in; `env` adds what the backend needs.
 */
export function publishAll(packs: readonly RacePack[], args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<PublisherRun[]> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !key.startsWith('AWS_')));
  return Promise.all(
    packs.map(
      (pack) =>
        new Promise<PublisherRun>((resolve, reject) => {
          // AWS_SDK_UA_APP_ID names the publisher in the user agent of its S3 requests.
          const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'publish', pack.dir, ...args, '--json'], { cwd, env: { ...base, ...env, AWS_SDK_UA_APP_ID: pack.ref } });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
          child.on('error', reject);
          child.on('close', (code) => resolve({ pack, code, stdout, stderr }));
        }),
    ),
  );
}

/** Read-only view of a registry, whichever backend holds it. */
export interface RegistryReader {
  /** Every key under the registry root, sorted. */
  keys(): Promise<string[]>;
  /** An object's bytes; undefined when absent. */
  read(key: string): Promise<Buffer | undefined>;
}

export function folderReader(root: string): RegistryReader {
  return {
    async keys() {
      const dirents = await readdir(root, { recursive: true, withFileTypes: true });
      return dirents
        .filter((d) => !d.isDirectory())
        .map((d) => relative(root, join(d.parentPath, d.name)).split(sep).join('/'))
        .sort();
    },
    read: (key) => readFile(join(root, ...key.split('/'))).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error))),
  };
}

/** A client for the test's s3rver, configured the way the preamble of these tests asks. */
export function s3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The registry at `s3://bucket/prefix` (prefix ending in `/`). */
export function s3Reader(client: S3Client, bucket: string, prefix: string): RegistryReader {
  return {
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const item of page.Contents ?? []) keys.push(item.Key!.slice(prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async read(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
        return Buffer.from(await answer.Body!.transformToByteArray());
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}

/** One request as a hold rule sees it; `publisher` is the ref its publisher publishes. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly publisher?: string;
}

/** Forward a request now (0), after so many milliseconds, or once every other request is done. */
export type HoldRule = (request: ProxiedRequest) => number | 'until-quiet';

/** An HTTP endpoint in front of an S3 server. */
export interface Proxy {
  readonly endpoint: string;
  /** Hold requests back by this rule from now on. */
  setRule(rule: HoldRule): void;
  close(): Promise<void>;
}

/** No request for this long, none in flight or waiting on a timer: the others are done (or all held). */
const QUIET_MS = 500;

/**
 * Forward requests to `target` one at a time. s3rver overwrites an object's file in place,
 * so a GET that overlaps a PUT of the same key reads a torn body (invalid JSON, or a socket
 * cut short at the promised length); S3 itself replaces objects atomically. One request at
 * a time restores that, and nothing more: If-Match is still ignored, so a read-modify-write
 * of two publishers still loses one update. A hold rule delays chosen requests (a slow
 * network); those held until quiet go last, the earliest held landing last of all.
 */
export async function startAtomicProxy(target: string): Promise<Proxy> {
  const upstream = new URL(target);
  let rule: HoldRule = () => 0;
  let queue = Promise.resolve();
  let busy = 0;
  let lastActivity = Date.now();
  const held: Array<() => void> = [];
  const send = (req: IncomingMessage, res: ServerResponse) => {
    busy += 1;
    queue = queue.then(() => forward(upstream, req, res)).then(() => {
      busy -= 1;
      lastActivity = Date.now();
    });
  };
  const server = createServer((req, res) => {
    lastActivity = Date.now();
    const publisher = /\bapp\/(\S+)/.exec(req.headers['user-agent'] ?? '')?.[1];
    const hold = rule({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0], publisher });
    if (hold === 'until-quiet') held.push(() => send(req, res));
    else if (hold > 0) {
      busy += 1;
      setTimeout(() => {
        busy -= 1;
        send(req, res);
      }, hold);
    } else send(req, res);
  });
  const watch = setInterval(() => {
    if (held.length > 0 && busy === 0 && Date.now() - lastActivity >= QUIET_MS) for (const release of held.splice(0).reverse()) release();
  }, 50);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setRule(next) {
      rule = next;
    },
    close() {
      clearInterval(watch);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One request through to `upstream`; settles (never rejects) once its response is over. */
function forward(upstream: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('close', () => resolve());
    });
    out.on('error', () => {
      res.destroy();
      resolve();
    });
    req.pipe(out);
  });
}
