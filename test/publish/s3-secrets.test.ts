import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { S3Client } from '@aws-sdk/client-s3';
import { ExitCode } from '../../src/core/errors.js';
import { runPackreg } from '../helpers/cli.js';
import { startS3Server, useS3Environment } from '../helpers/s3-server.js';
import type { S3Server } from '../helpers/s3-server.js';
import { tempDirs } from '../helpers/temp.js';
import { BASE_HOST, listKeys, readerClient, writePack } from './s3-fixtures.js';

/**
 * Credentials come from the environment and never show up in what packreg prints: not in
 * the text result, the JSON result, or the debug log. (s3rver checks only the access key
 * id, so any secret and session token are accepted.)
 */
const temp = tempDirs();
const SECRET = 'Zq9-distinctive-SECRET-4f1e7b';
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLE-session-token-77d2c';
let server: S3Server;
let client: S3Client;
let restoreEnv: () => void;

beforeAll(async () => {
  server = await startS3Server();
  restoreEnv = useS3Environment({ AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION_TOKEN });
  client = readerClient(server.endpoint);
});
afterAll(async () => {
  restoreEnv();
  client.destroy();
  await server.close();
  temp.cleanup();
});

it.each([
  ['text output', [], {}],
  ['--json output', ['--json'], {}],
  ['text output with PACKREG_DEBUG=1', [], { PACKREG_DEBUG: '1' }],
])('a successful publish prints neither the secret key nor the session token (%s)', async (name, flags, env) => {
  const prefix = `secret-${name.replace(/\W+/g, '-')}`;
  const packDir = writePack(temp, 'hush', '1.0.0');
  const run = await runPackreg(
    ['publish', packDir, '--registry', `s3://registry/${prefix}`, '--endpoint', server.endpoint, '--force-path-style', '--base-url', `${BASE_HOST}/${prefix}`, '--no-git', ...flags],
    '/',
    env,
  );
  expect(run.code).toBe(ExitCode.Ok);
  expect(await listKeys(client, `${prefix}/`)).toHaveLength(4);
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SESSION_TOKEN);
  }
});
