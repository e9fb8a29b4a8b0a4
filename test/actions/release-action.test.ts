/**
 * The root action (action.yml → dist/release.js) as the runner runs it on a tag push: the
 * whole pack-release pipeline against the GitHub REST stand-in, a real bare registry
 * repository, and (for publish s3) an in-process S3 server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Release } from '../../src/contract/actions.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { errorLines, runBuiltActionAsync } from '../helpers/action-runner.js';
import type { ActionRun } from '../helpers/action-runner.js';
import { createRepo } from '../helpers/git-repo.js';
import { useFakeGitHub } from '../helpers/github-api-server.js';
import { S3RVER_CREDENTIALS, startS3Server } from '../helpers/s3-server.js';
import type { S3Server } from '../helpers/s3-server.js';
import { tempDirs } from '../helpers/temp.js';
import { branches, indexAt, refsOf, seedRegistry } from '../handoff/handoff-fixtures.js';

const O = Release.outputs;
const temp = tempDirs();
const github = useFakeGitHub({ fresh: true });
afterAll(() => {
  temp.cleanup();
});
let packCount = 0;
/** A pack repository as actions/checkout leaves it on a tag push: pack.yaml at the root, tagged. */
function packRepository(version = '1.0.0'): { dir: string; sha: string; ref: string; repository: string } {
  const ref = `relpack${++packCount}`;
  const repo = createRepo(temp);
  const sha = repo.commit({
    'pack.yaml': `ref: ${ref}\nname: ${ref}\ndescription: A pack released by the root action\nversion: ${version}\nauthor: Acme\nemail: packs@acme.example\n`,
    'actions/hello.yaml': 'name: hello\nrunner_type: shell\nentry_point: hello.sh\n',
    'actions/hello.sh': { content: '#!/bin/sh\necho hello\n', executable: true },
  });
  repo.tag(`v${version}`);
  github.repo(`acme/${ref}`).tags.set(`v${version}`, sha); // the pushed tag, as GitHub knows it
  return { dir: repo.dir, sha, ref, repository: `acme/${ref}` };
}

/** The runner's variables on a push of tag `tag`. */
function tagPush(pack: { sha: string; repository: string }, tag: string): Record<string, string> {
  return {
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: pack.repository,
    GITHUB_SHA: pack.sha,
    GITHUB_REF: `refs/tags/${tag}`,
    GITHUB_REF_NAME: tag,
    GITHUB_REF_TYPE: 'tag',
    GITHUB_RUN_ID: '4242',
    SOURCE_DATE_EPOCH: '1700000000',
  };
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

async function release(dir: string, inputs: Record<string, string>, env: Record<string, string>): Promise<ActionRun> {
  return runBuiltActionAsync(temp, Release.name, dir, inputs, env);
}

describe('the root action: GitHub release and a pull request to the registry', () => {
  it('releases, attaches the archive, and opens one registry pull request; a re-run changes nothing', async () => {
    const pack = packRepository();
    const bare = await seedRegistry(temp);
    const inputs = { token: 'write', handoff: 'pull-request', 'registry-repository': 'acme/registry', 'registry-token': 'write', 'registry-git-url': bare };
    const run = await release(pack.dir, inputs, tagPush(pack, 'v1.0.0'));
    expect([run.code, errorLines(run.stdout)]).toEqual([0, []]);
    expect(run.written.sort()).toEqual(Object.values(O).sort());

    // The archive is on the release, byte for byte.
    const asset = github.repo(pack.repository).assets[0];
    expect(sha256(asset.data)).toBe(run.outputs[O.archiveChecksum]);
    expect(sha256(readFileSync(run.outputs[O.archivePath]))).toBe(run.outputs[O.archiveChecksum]);
    expect(run.outputs[O.archiveUrl]).toBe(`https://github.com/${pack.repository}/releases/download/v1.0.0/${pack.ref}-1.0.0.tar.gz`);

    // The entry pins the tagged commit and points at the asset; the file holds the same entry.
    const entry = JSON.parse(run.outputs[O.entry]) as IndexEntry;
    expect(entry).toMatchObject({ ref: pack.ref, version: '1.0.0' });
    expect(entry.install_sources).toEqual([
      { type: 'git', url: `https://github.com/${pack.repository}.git`, ref: pack.sha, checksum: run.outputs[O.directoryChecksum] },
      { type: 'archive', url: run.outputs[O.archiveUrl], checksum: run.outputs[O.archiveChecksum] },
    ]);
    expect(JSON.parse(readFileSync(run.outputs[O.entryPath], 'utf8'))).toEqual(entry);

    // One pull request, whose branch carries the entry in the index.
    expect([run.outputs[O.handoffResult], run.outputs[O.pullRequestUrl]]).toEqual(['opened', 'https://github.com/acme/registry/pull/1']);
    const branch = `packreg/${pack.ref}-1.0.0`;
    expect(branches(bare)).toEqual(['main', branch]);
    expect(indexAt(bare, branch).packs.find((p) => p.ref === pack.ref)).toEqual(entry);
    expect(github.repo('acme/registry').pulls.map((p) => [p.head, p.base])).toEqual([[branch, 'main']]);
    expect(run.summary).toContain(run.outputs[O.archiveChecksum]);
    expect(run.summary).toContain(run.outputs[O.pullRequestUrl]);

    // Re-running the workflow for the same tag: same bytes, same entry, no write anywhere.
    const refs = refsOf(bare);
    github.requests.length = 0;
    const again = await release(pack.dir, inputs, tagPush(pack, 'v1.0.0'));
    expect([again.code, errorLines(again.stdout)]).toEqual([0, []]);
    expect([again.outputs[O.alreadyPublished], again.outputs[O.handoffResult]]).toEqual(['true', 'exists']);
    expect(again.outputs[O.entry]).toBe(run.outputs[O.entry]);
    expect(github.writes()).toEqual([]);
    expect(refsOf(bare)).toBe(refs);
  });

  it('fails a tag that disagrees with pack.yaml before anything is written or called', async () => {
    const pack = packRepository('1.0.0');
    const bare = await seedRegistry(temp);
    const refs = refsOf(bare);
    const entryOutput = 'entry.json';
    const inputs = { token: 'write', handoff: 'pull-request', 'registry-repository': 'acme/registry', 'registry-token': 'write', 'registry-git-url': bare, 'entry-output': entryOutput };
    const run = await release(pack.dir, inputs, tagPush(pack, 'v1.0.1'));
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([expect.stringMatching(/^::error::release: tag "v1\.0\.1" does not name version 1\.0\.0/)]);
    expect(run.outputs).toEqual({});
    expect(github.requests).toEqual([]);
    expect(refsOf(bare)).toBe(refs);
    expect(existsSync(join(pack.dir, entryOutput))).toBe(false);
    expect(existsSync(join(pack.dir, `${pack.ref}-1.0.0.tar.gz`))).toBe(false);
  });

  it('fails a missing registry token by name, before building or calling anything', async () => {
    const pack = packRepository();
    const run = await release(pack.dir, { token: 'write', handoff: 'pull-request', 'registry-repository': 'acme/registry' }, tagPush(pack, 'v1.0.0'));
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([expect.stringMatching(/input registry-token is empty/)]);
    expect(github.requests).toEqual([]);
  });

  it('fails a release token without permission (403) with one error, and leaves the registry alone', async () => {
    const pack = packRepository();
    const bare = await seedRegistry(temp);
    const refs = refsOf(bare);
    const inputs = { token: 'read', handoff: 'pull-request', 'registry-repository': 'acme/registry', 'registry-token': 'write', 'registry-git-url': bare };
    const run = await release(pack.dir, inputs, tagPush(pack, 'v1.0.0'));
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([expect.stringMatching(/403 Resource not accessible by integration.*contents: write/)]);
    expect(refsOf(bare)).toBe(refs);
    expect(github.repo('acme/registry').pulls).toEqual([]);
    // Tokens and their basic-auth form are registered as secrets (the runner then hides them) and never printed otherwise.
    const basic = Buffer.from('x-access-token:write').toString('base64');
    expect(run.stdout).toContain(`::add-mask::${basic}`);
    const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    for (const text of [...printed, run.stderr, run.summary]) expect(text).not.toContain(basic);
  });
});

describe('the root action: S3 registry and a dispatch to the registry repository', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(() => s3.close());

  it('publishes to the bucket and sends the published entry as a pack-updated event; a re-run is a no-op upload', async () => {
    const pack = packRepository('2.0.0');
    const env = { ...tagPush(pack, 'v2.0.0'), ...S3RVER_CREDENTIALS, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    const inputs = {
      publish: 's3',
      registry: `s3://${s3.bucket}/root`,
      endpoint: s3.endpoint,
      'force-path-style': 'true',
      'base-url': 'https://packs.example.com/root',
      handoff: 'dispatch',
      'registry-repository': 'acme/registry',
      'registry-token': 'write',
    };
    const run = await release(pack.dir, inputs, env);
    expect([run.code, errorLines(run.stdout)]).toEqual([0, []]);
    expect(run.outputs[O.archiveUrl]).toBe(`https://packs.example.com/root/packs/${pack.ref}/2.0.0/${pack.ref}-2.0.0.tar.gz`);
    expect(run.outputs[O.handoffResult]).toBe('dispatched');
    const sent = github.repo('acme/registry').dispatches.at(-1);
    expect(sent?.event_type).toBe('pack-updated');
    expect((sent?.client_payload as { entry: IndexEntry }).entry).toEqual(JSON.parse(run.outputs[O.entry]));

    const again = await release(pack.dir, inputs, env);
    expect([again.code, errorLines(again.stdout), again.outputs[O.alreadyPublished]]).toEqual([0, [], 'true']);
    expect(again.outputs[O.entry]).toBe(run.outputs[O.entry]);
  });
});
