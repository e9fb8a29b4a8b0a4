import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { archiveKey, entryKey, historyKey, INDEX_KEY } from '../../src/core/registry/layout.js';
import { runPackreg } from '../helpers/cli.js';
import { S3RVER_CREDENTIALS, startS3Server } from '../helpers/s3-server.js';
import type { S3Server } from '../helpers/s3-server.js';
import { tempDirs } from '../helpers/temp.js';
import { folderReader, MULTI_REF, MULTI_VERSIONS, publishAll, s3Client, s3Reader, SINGLE_REFS, startAtomicProxy, writeRacePacks } from './race-packs.js';
import type { HoldRule, Proxy, PublisherRun, RacePack, RegistryReader } from './race-packs.js';

// 20 real publisher processes against one registry, raced twice per backend (4-10 s a race
// on two cores, twice that under load). The folder store serialises compare-and-swap with a
// lock file and renames complete files into place. s3rver ignores If-Match: in front of it
// a proxy makes each request atomic (as S3 is) and holds writes back so that stale ones land
// last, which only the publishers' re-list loop can repair.
const RUNS = [1, 2];
/** One race, with room for a slow machine (jest's default is 60 s). */
const RACE_TIMEOUT_MS = 180_000;
const BASE_URL = 'https://packs.example.com/reg/';

const temp = tempDirs();
let packs: RacePack[];

beforeAll(() => {
  packs = writeRacePacks(temp.make('packreg-race-packs-'));
});
afterAll(() => temp.cleanup());

describe('20 concurrent publishers, folder registry', () => {
  test.each(RUNS)('race %i: every entry ends up in both index files', async () => {
    const registry = join(temp.make('packreg-race-folder-'), 'reg');
    expectAllPublished(await publishAll(packs, ['--registry', registry], temp.make('packreg-race-cwd-')));
    await expectCompleteRegistry(folderReader(registry), `${pathToFileURL(registry).href}/`);
  }, RACE_TIMEOUT_MS);
});

describe('20 concurrent publishers, S3 registry (s3rver)', () => {
  let server: S3Server;
  let proxy: Proxy;
  let client: S3Client;
  beforeAll(async () => {
    server = await startS3Server();
    proxy = await startAtomicProxy(server.endpoint);
    client = s3Client(server.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await server?.close();
  });

  test.each(RUNS)('race %i: every entry ends up in both index files', async (run) => {
    const prefix = `race-${run}/`;
    const env = { ...S3RVER_CREDENTIALS, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    proxy.setRule(slowNetwork());
    const args = ['--registry', `s3://${server.bucket}/${prefix}`, '--endpoint', proxy.endpoint, '--force-path-style', '--base-url', BASE_URL];
    expectAllPublished(await publishAll(packs, args, temp.make('packreg-race-cwd-'), env));
    await expectCompleteRegistry(s3Reader(client, server.bucket, prefix), BASE_URL);
  }, RACE_TIMEOUT_MS);
});

/**
 * A slow network that makes lost updates all but certain on a store that ignores If-Match.
 * Entries land with up to 0.5 s of jitter, so early listings miss some. The twelve
 * single-pack publishers sit behind a slow link: each one's first write of a shared file
 * (index.json, and race-multi's history, which a publisher writes for any ref that has none
 * yet) is held until all else is done, then they land in reverse order, the stalest last.
 * Only a publisher that lists again after writing, and checks everything it wrote, repairs it.
 */
function slowNetwork(): HoldRule {
  const held = new Set<string>();
  return ({ method, path, publisher }) => {
    if (method !== 'PUT') return 0;
    const key = path.split('/').slice(3).join('/'); // the path is /<bucket>/race-<n>/<key>
    if (key.endsWith('/entry.json')) return Math.random() * 500;
    const shared = key === INDEX_KEY || key === historyKey(MULTI_REF);
    if (!shared || publisher === MULTI_REF || held.has(`${publisher} ${key}`)) return 0;
    held.add(`${publisher} ${key}`);
    return 'until-quiet';
  };
}

/** Every publisher exited 0 and uploaded its own archive and entry (stderr shown for any that did not). */
function expectAllPublished(runs: readonly PublisherRun[]): void {
  const failed = runs.filter((r) => r.code !== 0).map((r) => `${r.pack.ref}@${r.pack.version} exited ${r.code}:\n${r.stderr}`);
  expect(failed).toEqual([]);
  for (const { pack, stdout } of runs) {
    expect(JSON.parse(stdout)).toMatchObject({ ref: pack.ref, version: pack.version, alreadyPublished: false, archive: 'uploaded', entry: 'uploaded', index: { rounds: expect.any(Number) } });
  }
}

/**
 * The registry holds exactly the 20 versions: each entry and archive (whose bytes match the
 * entry's checksum), every version in its pack's history newest first, every ref at its
 * highest version in an index.json that validates, and no other object (no lock or temp file).
 */
async function expectCompleteRegistry(reader: RegistryReader, baseUrl: string): Promise<void> {
  const entries = new Map<string, IndexEntry>();
  for (const { ref, version } of packs) entries.set(`${ref}@${version}`, await readPublished(reader, baseUrl, ref, version));
  const refs = [...SINGLE_REFS, MULTI_REF].sort();
  const expectedKeys = [INDEX_KEY, ...refs.map(historyKey), ...packs.flatMap((p) => [entryKey(p.ref, p.version), archiveKey(p.ref, p.version, 'tar.gz')])];
  expect(await reader.keys()).toEqual(expectedKeys.sort());

  const versionsOf = (ref: string) => (ref === MULTI_REF ? MULTI_VERSIONS : ['1.0.0']);
  for (const ref of refs) {
    const history = JSON.parse((await reader.read(historyKey(ref)))!.toString('utf8')) as { versions: IndexEntry[] };
    expect({ ref, versions: history.versions.map((e) => e.version) }).toEqual({ ref, versions: versionsOf(ref) });
    expect(history).toEqual({ ref, versions: versionsOf(ref).map((v) => entries.get(`${ref}@${v}`)) });
  }
  const indexBytes = (await reader.read(INDEX_KEY))!;
  const index = JSON.parse(indexBytes.toString('utf8')) as RegistryIndex;
  expect(index.registry_url).toBe(baseUrl);
  expect(index.packs.map((p) => `${p.ref}@${p.version}`)).toEqual(refs.map((ref) => `${ref}@${versionsOf(ref)[0]}`));
  expect(index.packs).toEqual(refs.map((ref) => entries.get(`${ref}@${versionsOf(ref)[0]}`)));
  await expectValidIndex(indexBytes);
}

/** One version's entry, checked against its key and its archive. */
async function readPublished(reader: RegistryReader, baseUrl: string, ref: string, version: string): Promise<IndexEntry> {
  const bytes = await reader.read(entryKey(ref, version));
  expect({ ref, version, entry: bytes !== undefined }).toEqual({ ref, version, entry: true });
  const entry = JSON.parse(bytes!.toString('utf8')) as IndexEntry;
  expect(entry).toMatchObject({ ref, version });
  const key = archiveKey(ref, version, 'tar.gz');
  const archive = await reader.read(key);
  expect({ key, archive: archive !== undefined }).toEqual({ key, archive: true });
  const checksum = `sha256:${createHash('sha256').update(archive!).digest('hex')}`;
  expect(entry.install_sources).toEqual([{ type: 'archive', url: baseUrl + key, checksum }]);
  return entry;
}

/** `packreg index-validate` accepts the index (a file:// one as a local development registry). */
async function expectValidIndex(bytes: Buffer): Promise<void> {
  const file = join(temp.make('packreg-race-index-'), 'index.json');
  writeFileSync(file, bytes);
  const result = await runPackreg(['index-validate', file, '--json']);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, packs: 13 });
}
