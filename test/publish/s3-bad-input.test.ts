import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { ExitCode } from '../../src/core/errors.js';
import { runPackreg } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { startFaultyProxy, startS3Server, useS3Environment } from '../helpers/s3-server.js';
import type { FaultyProxy, S3Server } from '../helpers/s3-server.js';
import { tempDirs } from '../helpers/temp.js';
import { listKeys, publishToS3, readerClient, writePack } from './s3-fixtures.js';

/**
 * Bad input for a bucket registry is the user's to fix: a clear message, exit 2 (usage) or 3
 * (input), and nothing written anywhere. Requests go through a proxy so a test can also see
 * that a usage error never reaches the store.
 */
const temp = tempDirs();
const WRONG_SECRET = 'wrong-secret-value-123';
let server: S3Server;
let proxy: FaultyProxy;
let client: S3Client;
let restoreEnv: () => void;
let packDir: string;
let seeded: string[];

beforeAll(async () => {
  server = await startS3Server();
  proxy = await startFaultyProxy(server.endpoint);
  restoreEnv = useS3Environment();
  client = readerClient(server.endpoint);
  packDir = writePack(temp, 'careful', '1.0.0');
  // A registry already in the bucket: bad runs must leave it as it is.
  expect((await publishToS3(server.endpoint, writePack(temp, 'existing', '1.0.0'), 'reg')).code).toBe(ExitCode.Ok);
  seeded = await listKeys(client);
});
afterAll(async () => {
  restoreEnv();
  client.destroy();
  await proxy.close();
  await server.close();
  temp.cleanup();
});
beforeEach(() => {
  proxy.requests.splice(0);
});

/** The bucket holds what it held before the run, and no bucket was created. */
async function expectNothingWritten(): Promise<void> {
  expect(await listKeys(client)).toEqual(seeded);
  const buckets = await client.send(new ListBucketsCommand({}));
  expect((buckets.Buckets ?? []).map((b) => b.Name)).toEqual(['registry']);
  expect(proxy.requests.filter((r) => !/^(GET|HEAD) /.test(r))).toEqual([]);
}

/** `packreg publish` through the proxy with exactly these flags after the pack directory. */
const publishWith = (...flags: string[]): Promise<CliRun> => runPackreg(['publish', packDir, '--no-git', ...flags]);

describe('a bucket or credentials the store refuses (exit 3)', () => {
  it('a bucket that does not exist: says so, names it, writes nothing', async () => {
    const run = await publishWith('--registry', 's3://nobucket/reg', '--endpoint', proxy.endpoint, '--force-path-style', '--base-url', 'https://packs.example.com/reg');
    expect(run.code).toBe(ExitCode.Input);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('s3://nobucket/reg/');
    expect(run.stderr).toContain('the bucket does not exist');
    await expectNothingWritten();
  });

  it('wrong credentials: mentions the credentials, never prints the secret, writes nothing', async () => {
    const restore = useS3Environment({ AWS_ACCESS_KEY_ID: 'AKIAWRONG', AWS_SECRET_ACCESS_KEY: WRONG_SECRET });
    let runs: CliRun[];
    try {
      runs = [await publishToS3(proxy.endpoint, packDir, 'reg'), await publishToS3(proxy.endpoint, packDir, 'reg', '--json')];
    } finally {
      restore();
    }
    for (const run of runs) {
      expect(run.code).toBe(ExitCode.Input);
      expect(run.stderr).toContain('refused the credentials');
      expect(run.stderr).toContain('InvalidAccessKeyId');
      expect(run.stdout + run.stderr).not.toContain(WRONG_SECRET);
    }
    await expectNothingWritten();
  });
});

describe('a base URL packreg cannot use (exit 2, before any request)', () => {
  it('an endpoint without --base-url: says the base URL is required', async () => {
    const run = await publishWith('--registry', 's3://registry/reg', '--endpoint', proxy.endpoint, '--force-path-style');
    expect(run.code).toBe(ExitCode.Usage);
    expect(run.stderr).toContain('--base-url is required for this bucket');
    expect(proxy.requests).toEqual([]);
    await expectNothingWritten();
  });

  it('--base-url http://x: only https is accepted', async () => {
    const run = await publishWith('--registry', 's3://registry/reg', '--endpoint', proxy.endpoint, '--force-path-style', '--base-url', 'http://x');
    expect(run.code).toBe(ExitCode.Usage);
    expect(run.stderr).toContain('--base-url: http:// URLs are not accepted');
    expect(proxy.requests).toEqual([]);
    await expectNothingWritten();
  });
});
