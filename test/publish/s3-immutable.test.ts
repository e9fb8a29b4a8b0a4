import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { ExitCode } from '../../src/core/errors.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { checksumOf } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import { objectJson, publishToS3, sha256Hex, snapshotBucket, useS3Suite, versionKeys, writePack } from './s3-fixtures.js';

/**
 * Published versions in a bucket are immutable: the same content again writes nothing, and
 * another tree under a published version is refused with nothing overwritten. s3rver ignores
 * If-None-Match, so the refusal rests on packreg's own HEAD and entry checks. Requests go
 * through a proxy whose log shows which objects a run wrote.
 */
const temp = tempDirs();
const s3 = useS3Suite();

afterAll(() => temp.cleanup());
beforeEach(() => {
  s3.proxy.requests.splice(0);
});

/** A pack published once to its own prefix; the proxy log is cleared afterwards. */
async function published(prefix: string) {
  const packDir = writePack(temp, 'stable', '1.0.0', 'first');
  const first = await publishToS3(s3.proxy.endpoint, packDir, prefix);
  expect(first.code).toBe(ExitCode.Ok);
  s3.proxy.requests.splice(0);
  return { packDir, keys: versionKeys(prefix, 'stable', '1.0.0'), before: await snapshotBucket(s3.client, `${prefix}/`) };
}

const writesTo = (prefix: string) => s3.proxy.requests.filter((r) => /^(PUT|POST|DELETE) /.test(r) && r.includes(`/registry/${prefix}/`));

describe('publishing the same content again', () => {
  it('is a no-op: exit 0, already published, no write request, every object byte-identical', async () => {
    const { packDir, before } = await published('again');
    const run = await publishToS3(s3.proxy.endpoint, packDir, 'again', '--json');
    expect(run.code).toBe(ExitCode.Ok);
    expect(JSON.parse(run.stdout)).toMatchObject({ alreadyPublished: true, archive: 'unchanged', entry: 'unchanged', index: { changed: false } });
    expect(writesTo('again')).toEqual([]);
    expect(await snapshotBucket(s3.client, 'again/')).toEqual(before);
  });

  it('with --skip-existing builds nothing and never touches the archive object', async () => {
    const { packDir, keys, before } = await published('skip');
    const run = await publishToS3(s3.proxy.endpoint, packDir, 'skip', '--skip-existing');
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toContain('stable@1.0.0 is already published');
    expect(run.stderr).toContain('nothing to build');
    expect(s3.proxy.requests.filter((r) => r.endsWith(`/registry/${keys.archive}`))).toEqual([]);
    expect(writesTo('skip')).toEqual([]);
    expect(await snapshotBucket(s3.client, 'skip/')).toEqual(before);
  });
});

describe('another tree under a published version', () => {
  it('is refused with exit 1 naming both tree checksums; archive, entry and index are unchanged', async () => {
    const { keys, before } = await published('refuse');
    const publishedTree = String((await objectJson<IndexEntry>(s3.client, keys.entry)).meta?.tree_checksum);
    const changed = writePack(temp, 'stable', '1.0.0', 'second');
    const run = await publishToS3(s3.proxy.endpoint, changed, 'refuse', '--json');
    expect(run.code).toBe(ExitCode.CheckFailed);
    expect(run.stdout).toBe('');
    // The pack has no .packignore, so its tree checksum is `packreg checksum <dir>`.
    const ours = await checksumOf([changed]);
    expect(ours).not.toBe(publishedTree);
    expect(run.stderr).toContain(`stable@1.0.0 is already published (s3://registry/${keys.entry}) with tree ${publishedTree}; this pack's tree is ${ours}`);
    expect(run.stderr).toContain('bump version');
    expect(writesTo('refuse')).toEqual([]);
    expect(await snapshotBucket(s3.client, 'refuse/')).toEqual(before);
  });

  it('is refused by the archive HEAD check when only the archive is there (exit 1, both sha256 named, archive kept)', async () => {
    // A publisher that died after its archive upload: the archive exists, no entry, no index.
    const { keys, before } = await published('orphan');
    for (const key of [keys.entry, keys.history, keys.index]) await s3.client.send(new DeleteObjectCommand({ Bucket: 'registry', Key: key }));
    const archive = before.get(keys.archive)!;
    const run = await publishToS3(s3.proxy.endpoint, writePack(temp, 'stable', '1.0.0', 'second'), 'orphan');
    expect(run.code).toBe(ExitCode.CheckFailed);
    expect(run.stderr).toContain(`s3://registry/${keys.archive} already exists with sha256:${sha256Hex(archive)}, and this build is sha256:`);
    expect(run.stderr).toContain('nothing was overwritten');
    expect(s3.proxy.requests.filter((r) => r === `PUT /registry/${keys.archive}`)).toEqual([]);
    expect(await snapshotBucket(s3.client, 'orphan/')).toEqual(new Map([[keys.archive, archive]]));
  });
});
