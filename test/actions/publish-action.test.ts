import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublishToS3 } from '../../src/contract/actions.js';
import { errorLines, runBuiltAction, runBuiltActionAsync } from '../helpers/action-runner.js';
import { S3RVER_CREDENTIALS, startS3Server } from '../helpers/s3-server.js';
import type { S3Server } from '../helpers/s3-server.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

/** The publish-to-s3 bundle as the runner runs it (dist/ must be built). */
const O = PublishToS3.outputs;
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A workspace as actions/checkout leaves it: a pack committed at the repository root. */
function workspace(version = '1.2.0'): string {
  const dir = temp.make('packreg-ws-');
  writeTree(dir, {
    'pack.yaml': `ref: action_demo\nlabel: Action Demo\ndescription: Published by the action\nversion: ${version}\nauthor: Example Team\nlicense: MIT\n`,
    'actions/run.yaml': 'name: run\ndescription: Runs\nrunner_type: shell\nentry_point: run.sh\n',
    'actions/run.sh': { content: '#!/bin/sh\necho run\n', executable: true },
  });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'pack');
  return dir;
}

describe('publish-to-s3 with a folder registry', () => {
  it('publishes, sets every output and writes a summary table; a re-run reports already-published', () => {
    const ws = workspace();
    const run = runBuiltAction(temp, 'publish-to-s3', ws, { registry: 'registry', 'base-url': 'https://packs.example.com/r' });
    expect(errorLines(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    const key = 'packs/action_demo/1.2.0/action_demo-1.2.0.tar.gz';
    expect(run.outputs).toEqual({
      [O.archiveUrl]: `https://packs.example.com/r/${key}`,
      [O.checksum]: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      [O.treeChecksum]: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      [O.indexUrl]: 'https://packs.example.com/r/index.json',
      [O.alreadyPublished]: 'false',
      [O.ref]: 'action_demo',
      [O.version]: '1.2.0',
    });
    expect(existsSync(join(ws, 'registry', key))).toBe(true);
    expect(run.summary).toContain('### published action_demo@1.2.0');
    expect(run.summary).toMatch(/\| archive \| https:\/\/packs\.example\.com\/r\/packs\/action_demo\/1\.2\.0\/action_demo-1\.2\.0\.tar\.gz \(uploaded\) \|/);
    const again = runBuiltAction(temp, 'publish-to-s3', ws, { registry: 'registry', 'base-url': 'https://packs.example.com/r', 'skip-existing': 'true' });
    expect(again.code).toBe(0);
    expect(again.outputs[O.alreadyPublished]).toBe('true');
    expect(again.outputs[O.checksum]).toBe(run.outputs[O.checksum]);
  });

  it('fails a bad registry naming the input, writes nothing and sets no output', () => {
    const ws = workspace();
    writeFileSync(join(ws, 'not-a-folder'), 'x');
    const before = readdirSync(ws).sort();
    const run = runBuiltAction(temp, 'publish-to-s3', ws, { registry: 'not-a-folder' });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([expect.stringMatching(/^::error::publish-to-s3: input registry: .*not-a-folder is a file/)]);
    expect(run.outputs).toEqual({});
    expect(readdirSync(ws).sort()).toEqual(before);
  });

  it('fails a base URL that is not https, naming the input', () => {
    const run = runBuiltAction(temp, 'publish-to-s3', workspace(), { registry: 'registry', 'base-url': 'http://packs.example.com/' });
    expect(errorLines(run.stdout)).toEqual([expect.stringMatching(/^::error::publish-to-s3: input base-url: http:\/\/ URLs are not accepted/)]);
  });
});

describe('publish-to-s3 with a bucket', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(() => server.close());

  it('takes credentials from the AWS environment, never prints them, and publishes to the bucket', async () => {
    const secret = 'do-not-print-this-secret-4f1e';
    const env = { ...S3RVER_CREDENTIALS, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: `${secret}-token`, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    const inputs = { registry: `s3://${server.bucket}/actions`, endpoint: server.endpoint, 'force-path-style': 'true', 'base-url': 'https://packs.example.com/actions' };
    const run = await runBuiltActionAsync(temp, 'publish-to-s3', workspace('3.0.0'), inputs, env);
    expect(errorLines(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs[O.archiveUrl]).toBe('https://packs.example.com/actions/packs/action_demo/3.0.0/action_demo-3.0.0.tar.gz');
    for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(secret);
  });

  it('fails a missing bucket with exit 1, a clear message and no outputs', async () => {
    const env = { ...S3RVER_CREDENTIALS, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    const inputs = { registry: 's3://no-such-bucket/x', endpoint: server.endpoint, 'force-path-style': 'true', 'base-url': 'https://packs.example.com/x' };
    const run = await runBuiltActionAsync(temp, 'publish-to-s3', workspace(), inputs, env);
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([expect.stringMatching(/bucket does not exist/)]);
    expect(run.outputs).toEqual({});
    expect(run.summary).toBe('');
  });
});
