import { afterAll, describe, expect, it } from '@jest/globals';
import { defaultDeps } from '../../src/core/deps.js';
import { ExitCode } from '../../src/core/errors.js';
import type { RegistryIndex } from '../../src/core/index/model.js';
import { silentLogger } from '../../src/core/logger.js';
import { publish } from '../../src/core/publish/publish.js';
import type { ObjectStore, PutBody, PutOptions } from '../../src/core/store/object-store.js';
import { createS3Client, S3Store } from '../../src/core/store/s3-store.js';
import { tempDirs } from '../helpers/temp.js';
import { BASE_HOST, listKeys, objectJson, publishToS3, snapshotBucket, useS3Suite, versionKeys, writePack } from './s3-fixtures.js';

/**
 * A publish that stops part-way (the publisher dies, the store fails) leaves a registry
 * whose index never points at a missing archive, and the next normal run completes it.
 */
const temp = tempDirs();
const s3 = useS3Suite();

afterAll(() => temp.cleanup());

/** The real S3 store, except that index writes (compare-and-swap replace) crash the publisher. */
class DiesBeforeIndex implements ObjectStore {
  constructor(private readonly inner: ObjectStore) {}
  get location() {
    return this.inner.location;
  }
  check = () => this.inner.check();
  get = (key: string) => this.inner.get(key);
  head = (key: string) => this.inner.head(key);
  list = (prefix: string) => this.inner.list(prefix);
  create = (key: string, body: PutBody, options: PutOptions) => this.inner.create(key, body, options);
  replace(key: string): Promise<boolean> {
    return Promise.reject(new Error(`simulated crash before writing ${key}`));
  }
}

const packRefs = async (prefix: string) => (await objectJson<RegistryIndex>(s3.client, `${prefix}/index.json`)).packs.map((p) => `${p.ref}@${p.version}`);

describe('a publisher that dies between the archive upload and the index write', () => {
  it('leaves archive and entry without index files; a normal re-run completes the registry', async () => {
    const packDir = writePack(temp, 'phoenix', '3.1.0');
    const keys = versionKeys('crash', 'phoenix', '3.1.0');
    const connection = { endpoint: s3.server.endpoint, forcePathStyle: true, region: 'us-east-1' };
    const crashed = publish(
      { packDir, registry: 's3://registry/crash', baseUrl: `${BASE_HOST}/crash`, format: 'tar.gz', noGit: true, connection, skipExisting: false, dryRun: false, now: new Date(), cwd: '/' },
      {
        ...defaultDeps(silentLogger),
        openStore: async (location) => {
          if (location.kind !== 's3') throw new Error(`expected a bucket, got ${location.kind}`);
          return new DiesBeforeIndex(new S3Store(createS3Client(connection), location, silentLogger));
        },
      },
    );
    await expect(crashed).rejects.toThrow('simulated crash');
    expect(await listKeys(s3.client, 'crash/')).toEqual([keys.archive, keys.entry].sort());
    const immutable = await snapshotBucket(s3.client, 'crash/');

    const rerun = await publishToS3(s3.server.endpoint, packDir, 'crash', '--json');
    expect(rerun.code).toBe(ExitCode.Ok);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ archive: 'unchanged', entry: 'unchanged', index: { changed: true, packs: 1 } });
    expect(await listKeys(s3.client, 'crash/')).toEqual([keys.index, keys.archive, keys.entry, keys.history].sort());
    expect(await packRefs('crash')).toEqual(['phoenix@3.1.0']);
    expect(await objectJson(s3.client, keys.history)).toMatchObject({ ref: 'phoenix', versions: [expect.objectContaining({ version: '3.1.0' })] });
    const after = await snapshotBucket(s3.client, 'crash/');
    for (const [key, bytes] of immutable) expect(after.get(key)).toEqual(bytes);
  });
});

describe('a store that answers 500', () => {
  it('on every index.json PUT: exit 4 naming the object and HTTP 500, no index file; a later run completes it', async () => {
    const packDir = writePack(temp, 'flaky', '0.4.0');
    const keys = versionKeys('outage', 'flaky', '0.4.0');
    s3.proxy.setRule((method, path) => (method === 'PUT' && path.endsWith('/index.json') ? 500 : undefined));
    const run = await publishToS3(s3.proxy.endpoint, packDir, 'outage');
    expect(run.code).toBe(ExitCode.Remote);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/error: write s3:\/\/registry\/outage\/(packs\/flaky\/)?index\.json failed: HTTP 500 /);
    expect(run.stderr).toContain('re-running the publish completes it');
    expect(await listKeys(s3.client, 'outage/')).toEqual([keys.archive, keys.entry].sort());

    s3.proxy.setRule(undefined);
    const again = await publishToS3(s3.proxy.endpoint, packDir, 'outage');
    expect(again.code).toBe(ExitCode.Ok);
    expect(await packRefs('outage')).toEqual(['flaky@0.4.0']);
    expect(await listKeys(s3.client, 'outage/')).toEqual([keys.index, keys.archive, keys.entry, keys.history].sort());
  });

  it('on every request: exit 4 naming the store and HTTP 500, nothing written', async () => {
    const before = await listKeys(s3.client);
    s3.proxy.requests.splice(0);
    s3.proxy.setRule(() => 500);
    const run = await publishToS3(s3.proxy.endpoint, writePack(temp, 'downed', '1.0.0'), 'down');
    expect(run.code).toBe(ExitCode.Remote);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/error: list s3:\/\/registry\/down\/ failed: HTTP 500 /);
    expect(s3.proxy.requests.some((r) => r.startsWith('PUT '))).toBe(false);
    expect(await listKeys(s3.client)).toEqual(before);
  });
});
