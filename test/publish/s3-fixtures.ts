import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { ArchiveSource, IndexEntry } from '../../src/core/index/model.js';
import { runPackreg } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { S3RVER_CREDENTIALS, startFaultyProxy, startS3Server, useS3Environment } from '../helpers/s3-server.js';
import type { FaultyProxy, S3Server } from '../helpers/s3-server.js';
import { tempTree } from '../helpers/temp.js';
import type { TempDirs, TreeSpec } from '../helpers/temp.js';

/**
 * Helpers for the `packreg publish` tests against s3rver: small packs on disk, the publish
 * command line for a bucket, and an independent S3 client to read back what it stored.
 */

/** The public URL the test registries are "served" from (never fetched). */
export const BASE_HOST = 'https://packs.example.com';

/** pack.yaml of a small valid pack (the fields examples/packs/hello has). */
export function packYaml(ref: string, version: string): string {
  return [
    `ref: ${ref}`,
    `label: ${ref} pack`,
    `description: A small pack for the S3 publish tests`,
    `version: ${version}`,
    'author: packreg tests',
    'email: tests@example.com',
    'license: Apache-2.0',
    'keywords: [test]',
    'runtime_deps: [shell]',
    '',
  ].join('\n');
}

/** A pack outside any git work tree: `ref@version` plus one action whose text is `greeting`. */
export function writePack(temp: TempDirs, ref: string, version: string, greeting = 'hello', extra: TreeSpec = {}): string {
  return tempTree(
    temp,
    {
      'pack.yaml': packYaml(ref, version),
      'actions/greet.yaml': `ref: ${ref}.greet\ndescription: Says ${greeting}\nrunner_type: shell\nentry_point: greet.sh\n`,
      'actions/greet.sh': { content: `#!/bin/sh\necho ${greeting}\n`, executable: true },
      ...extra,
    },
    'packreg-s3-pack-',
  );
}

/** `packreg publish <packDir> --registry s3://<bucket>/<prefix>` against `endpoint`, with its base URL. */
export function publishToS3(endpoint: string, packDir: string, prefix: string, ...flags: string[]): Promise<CliRun> {
  return runPackreg([
    'publish',
    packDir,
    '--registry',
    `s3://registry/${prefix}`,
    '--endpoint',
    endpoint,
    '--force-path-style',
    '--base-url',
    `${BASE_HOST}/${prefix}`,
    '--no-git',
    ...flags,
  ]);
}

/** A client of its own (not packreg's) to read back what a publish stored. */
export function readerClient(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Every key under `prefix` in `bucket`, sorted. */
export async function listKeys(client: S3Client, prefix = '', bucket = 'registry'): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((item) => item.Key ?? ''));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

export async function objectBytes(client: S3Client, key: string, bucket = 'registry'): Promise<Buffer> {
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await response.Body!.transformToByteArray());
}

export function headObject(client: S3Client, key: string, bucket = 'registry'): Promise<HeadObjectCommandOutput> {
  return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
}

export async function objectJson<T = unknown>(client: S3Client, key: string): Promise<T> {
  return JSON.parse((await objectBytes(client, key)).toString('utf8')) as T;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Key → bytes of everything under `prefix`: compare two of them to prove nothing changed. */
export async function snapshotBucket(client: S3Client, prefix: string): Promise<Map<string, Buffer>> {
  const snapshot = new Map<string, Buffer>();
  for (const key of await listKeys(client, prefix)) snapshot.set(key, await objectBytes(client, key));
  return snapshot;
}

/** The object keys of one published version, under `prefix/`. */
export function versionKeys(prefix: string, ref: string, version: string, format = 'tar.gz') {
  const dir = `${prefix}/packs/${ref}/${version}`;
  return { index: `${prefix}/index.json`, history: `${prefix}/packs/${ref}/index.json`, entry: `${dir}/entry.json`, archive: `${dir}/${ref}-${version}.${format}` };
}

/** The archive source of an entry. */
export function archiveSource(entry: IndexEntry): ArchiveSource {
  const source = entry.install_sources.find((s): s is ArchiveSource => s.type === 'archive');
  if (!source) throw new Error(`${entry.ref}@${entry.version} has no archive source`);
  return source;
}

/** What a suite's S3 tests share: the server, a faulty proxy in front of it, and a reader client. */
export interface S3Suite {
  readonly server: S3Server;
  readonly proxy: FaultyProxy;
  readonly client: S3Client;
}

/**
 * Start s3rver, a proxy in front of it and a reader client for the whole test file, with the
 * AWS environment set; all torn down (and the environment restored) after it. Proxy rules are
 * cleared after each test.
 */
export function useS3Suite(): S3Suite {
  const suite = {} as { server: S3Server; proxy: FaultyProxy; client: S3Client };
  let restoreEnv: () => void = () => undefined;
  beforeAll(async () => {
    suite.server = await startS3Server();
    suite.proxy = await startFaultyProxy(suite.server.endpoint);
    restoreEnv = useS3Environment();
    suite.client = readerClient(suite.server.endpoint);
  });
  afterAll(async () => {
    restoreEnv();
    suite.client?.destroy();
    await suite.proxy?.close();
    await suite.server?.close();
  });
  afterEach(() => suite.proxy?.setRule(undefined));
  return suite;
}
