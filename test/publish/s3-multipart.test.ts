import { afterAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { defaultDeps } from '../../src/core/deps.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { publish } from '../../src/core/publish/publish.js';
import { createS3Client, S3Store } from '../../src/core/store/s3-store.js';
import { tempDirs } from '../helpers/temp.js';
import { archiveSource, BASE_HOST, headObject, listKeys, objectBytes, objectJson, sha256Hex, useS3Suite, versionKeys, writePack } from './s3-fixtures.js';

/**
 * An archive above the multipart threshold goes up in parts (5 MiB here instead of 64 MiB,
 * through the store's test options) and still lands byte-exact, with its whole-object sha256
 * in the metadata.
 */
const temp = tempDirs();
const MiB = 1024 * 1024;
const s3 = useS3Suite();

afterAll(() => temp.cleanup());

it('uploads a ~12 MiB archive in 5 MiB parts; the stored bytes hash to the entry checksum', async () => {
  // Random bytes do not compress, so the archive stays above the threshold: three parts.
  const packDir = writePack(temp, 'bulky', '2.0.0', 'big', { 'data/blob.bin': randomBytes(12 * MiB) });
  const logger = new MemoryLogger();
  const connection = { endpoint: s3.proxy.endpoint, forcePathStyle: true, region: 'us-east-1' };
  const result = await publish(
    { packDir, registry: 's3://registry/big', baseUrl: `${BASE_HOST}/big`, format: 'tar.gz', noGit: true, connection, skipExisting: false, dryRun: false, now: new Date(), cwd: '/' },
    {
      ...defaultDeps(logger),
      openStore: async (location) => {
        if (location.kind !== 's3') throw new Error(`expected a bucket, got ${location.kind}`);
        return new S3Store(createS3Client(connection), location, logger, { multipartThreshold: 5 * MiB, partSize: 5 * MiB });
      },
    },
  );

  const keys = versionKeys('big', 'bulky', '2.0.0');
  expect(result).toMatchObject({ archive: 'uploaded', entry: 'uploaded', alreadyPublished: false });
  expect(logger.at('debug')).toContain(`multipart upload of s3://registry/${keys.archive}`);
  const bytes = await objectBytes(s3.client, keys.archive);
  const head = await headObject(s3.client, keys.archive);
  expect(bytes.length).toBeGreaterThan(12 * MiB);
  // Through the proxy's log: initiate and complete (POST), and one PUT per 5 MiB part.
  const archivePath = `/registry/${keys.archive}`;
  expect(s3.proxy.requests.filter((r) => r === `PUT ${archivePath}`)).toHaveLength(3);
  expect(s3.proxy.requests.filter((r) => r === `POST ${archivePath}`)).toHaveLength(2);
  expect(head.Metadata?.sha256).toBe(sha256Hex(bytes));
  expect(head.ContentType).toBe('application/gzip');
  expect(archiveSource(await objectJson<IndexEntry>(s3.client, keys.entry)).checksum).toBe(`sha256:${sha256Hex(bytes)}`);
  expect(result.checksum).toBe(`sha256:${sha256Hex(bytes)}`);
  expect(await listKeys(s3.client, 'big/')).toEqual([keys.index, keys.archive, keys.entry, keys.history].sort());
});
