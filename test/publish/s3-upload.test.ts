import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { ExitCode } from '../../src/core/errors.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { runPackreg } from '../helpers/cli.js';
import { startS3Server, useS3Environment } from '../helpers/s3-server.js';
import type { S3Server } from '../helpers/s3-server.js';
import { tempDirs } from '../helpers/temp.js';
import { archiveSource, BASE_HOST, headObject, listKeys, objectBytes, objectJson, publishToS3, readerClient, sha256Hex, versionKeys, writePack } from './s3-fixtures.js';

/**
 * `packreg publish` to an S3 bucket (s3rver): every object of the layout lands under the
 * prefix with the right content type, cache policy and sha256 metadata, and the result
 * points at the public base URL.
 */
const temp = tempDirs();
let server: S3Server;
let client: S3Client;
let restoreEnv: () => void;

beforeAll(async () => {
  server = await startS3Server();
  restoreEnv = useS3Environment();
  client = readerClient(server.endpoint);
});
afterAll(async () => {
  restoreEnv();
  client.destroy();
  await server.close();
  temp.cleanup();
});

const IMMUTABLE = /max-age=31536000.*immutable/;
const SHORT = /max-age=(\d+)/;

describe('publish to s3://registry/reg', () => {
  let run: Awaited<ReturnType<typeof publishToS3>>;
  const keys = versionKeys('reg', 'greeter', '1.2.0');

  beforeAll(async () => {
    run = await publishToS3(server.endpoint, writePack(temp, 'greeter', '1.2.0'), 'reg', '--json');
  });

  it('exits 0 and stores exactly the four objects of the layout', async () => {
    expect(run.code).toBe(ExitCode.Ok);
    expect(await listKeys(client, 'reg/')).toEqual([keys.index, keys.archive, keys.entry, keys.history].sort());
  });

  it('stores the archive as application/gzip, cached as immutable, with its sha256 in the metadata', async () => {
    const head = await headObject(client, keys.archive);
    const bytes = await objectBytes(client, keys.archive);
    const entry = await objectJson<IndexEntry>(client, keys.entry);
    expect(head.ContentType).toBe('application/gzip');
    expect(head.CacheControl).toMatch(IMMUTABLE);
    expect(head.Metadata?.sha256).toBe(sha256Hex(bytes));
    expect(archiveSource(entry).checksum).toBe(`sha256:${sha256Hex(bytes)}`);
  });

  it('stores entry.json immutable and both index files with a short max-age, all as application/json', async () => {
    const entry = await headObject(client, keys.entry);
    expect(entry).toMatchObject({ ContentType: 'application/json' });
    expect(entry.CacheControl).toMatch(IMMUTABLE);
    expect(entry.Metadata?.sha256).toBe(sha256Hex(await objectBytes(client, keys.entry)));
    for (const key of [keys.index, keys.history]) {
      const head = await headObject(client, key);
      expect(head.ContentType).toBe('application/json');
      expect(head.CacheControl).not.toMatch(/immutable/);
      expect(Number(SHORT.exec(head.CacheControl ?? '')?.[1])).toBeLessThanOrEqual(300);
    }
  });

  it('writes an index that lists the pack at its public URL and validates as a production index', async () => {
    const bytes = await objectBytes(client, keys.index);
    const file = join(temp.make('packreg-s3-index-'), 'index.json');
    writeFileSync(file, bytes);
    const validation = await runPackreg(['index-validate', file]);
    expect(validation).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(validation.stdout).toMatch(/^valid: /);
    expect(validation.stdout).not.toContain('local development registry');
    const index = JSON.parse(bytes.toString('utf8')) as RegistryIndex;
    expect(index.packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['greeter@1.2.0']);
    expect(archiveSource(index.packs[0]).url).toBe(`${BASE_HOST}/reg/packs/greeter/1.2.0/greeter-1.2.0.tar.gz`);
    expect(await objectJson(client, keys.history)).toMatchObject({ ref: 'greeter', versions: [expect.objectContaining({ version: '1.2.0' })] });
  });

  it('prints the public archive and index URLs as JSON', async () => {
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      ref: 'greeter',
      version: '1.2.0',
      archiveUrl: `${BASE_HOST}/reg/packs/greeter/1.2.0/greeter-1.2.0.tar.gz`,
      indexUrl: `${BASE_HOST}/reg/index.json`,
      alreadyPublished: false,
      local: false,
      archive: 'uploaded',
      entry: 'uploaded',
    });
    expect(result.checksum).toBe(`sha256:${sha256Hex(await objectBytes(client, keys.archive))}`);
  });
});

describe('--format zip', () => {
  it('stores the .zip archive as application/zip and records its URL and sha256', async () => {
    const keys = versionKeys('zipreg', 'zipped', '0.1.0', 'zip');
    const run = await publishToS3(server.endpoint, writePack(temp, 'zipped', '0.1.0'), 'zipreg', '--format', 'zip', '--json');
    expect(run.code).toBe(ExitCode.Ok);
    const head = await headObject(client, keys.archive);
    const bytes = await objectBytes(client, keys.archive);
    expect(head.ContentType).toBe('application/zip');
    expect(head.CacheControl).toMatch(IMMUTABLE);
    expect(head.Metadata?.sha256).toBe(sha256Hex(bytes));
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    const entry = await objectJson<IndexEntry>(client, keys.entry);
    expect(archiveSource(entry)).toEqual({ type: 'archive', url: `${BASE_HOST}/zipreg/packs/zipped/0.1.0/zipped-0.1.0.zip`, checksum: `sha256:${sha256Hex(bytes)}` });
  });
});
