import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fetchArchive } from '../../src/core/client/archive-source.js';
import type { ArchiveRequest } from '../../src/core/client/archive-source.js';
import { IntegrityError } from '../../src/core/errors.js';
import { nodeHttpClient } from '../../src/core/http/node-http-client.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { noise } from '../helpers/archive-read.js';
import { tempDirs } from '../helpers/temp.js';
import { tarFile, targz, zip } from '../extract/hostile-archives.js';
import { sendBody, sequence, startHttpServer } from '../http/test-server.js';
import type { Handler, TestServer } from '../http/test-server.js';

/**
 * One archive source end to end against a real HTTP server: a tar.gz is unpacked while it
 * downloads, and nothing of it counts until its checksum matches; whatever cannot be streamed
 * (a zip, a chunked body, a retried body) is extracted from the finished download instead.
 */
const temp = tempDirs();
let server: TestServer;
const BIG = noise(2_500_000);
const GOOD = targz([tarFile('pack/pack.yaml', 'ref: demo\nversion: 1.0.0\n'), tarFile('pack/big.bin', BIG)]);
const HOSTILE = targz([tarFile('pack/pack.yaml', 'ref: demo\n'), tarFile('pack/../../escape', 'x'), tarFile('pack/big.bin', BIG)]);

beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});
beforeEach(() => server.reset());

const sha = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** fetchArchive of `path` on the server into a fresh scratch folder, as fetchPack calls it. */
async function fetchFrom(path: string, checksum: string | undefined) {
  const work = temp.make('packreg-archive-source-');
  const into = join(work, 'tree');
  const logger = new MemoryLogger();
  const request: ArchiveRequest = { url: server.url(path), checksum, allowHttp: true, timeoutMs: 5000 };
  const http = nodeHttpClient(logger, { retryTiming: { baseMs: 10, capMs: 20 } });
  const outcome = await fetchArchive(request, work, into, { http, logger }).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error: error as Error }),
  );
  const streamed = logger.lines.some((line) => /while it downloads/.test(line.message));
  return { ...outcome, work, into, logger, streamed, left: () => readdirSync(work).sort() };
}

describe('fetchArchive', () => {
  it('unpacks a tar.gz while it downloads, verified, and keeps no download', async () => {
    server.route('/good.tar.gz', sendBody(GOOD));
    const run = await fetchFrom('/good.tar.gz', sha(GOOD));
    expect(run.error).toBeUndefined();
    expect(run.streamed).toBe(true);
    expect(run.result).toMatchObject({ root: join(run.into, 'pack'), files: 2, stripped: 'pack', sha256: sha(GOOD).slice(7) });
    expect(readFileSync(join(run.into, 'pack', 'big.bin')).equals(BIG)).toBe(true);
    expect(run.left()).toEqual(['tree']);
  });

  it('refuses a tar.gz whose checksum does not match: expected and actual named, nothing unpacked left', async () => {
    server.route('/good.tar.gz', sendBody(GOOD));
    const wrong = sha(Buffer.from('another archive'));
    const run = await fetchFrom('/good.tar.gz', wrong);
    expect(run.streamed).toBe(true);
    expect(run.error).toBeInstanceOf(IntegrityError);
    expect(run.error?.message).toContain(`expected ${wrong}, got ${sha(GOOD)}`);
    expect(run.error?.message).toMatch(/deleted, with anything unpacked from it, and nothing was installed/);
    expect(run.left()).toEqual([]);
  });

  it('a hostile archive with the right checksum is refused for its content, leaving nothing', async () => {
    server.route('/hostile.tar.gz', sendBody(HOSTILE));
    const run = await fetchFrom('/hostile.tar.gz', sha(HOSTILE));
    expect(run.error).toBeInstanceOf(IntegrityError);
    expect(run.error?.message).toMatch(/entry "pack\/\.\.\/\.\.\/escape"/);
    expect(run.left()).toEqual([]);
    expect(readdirSync(join(run.work, '..')).filter((name) => name === 'escape')).toEqual([]);
  });

  it('a hostile archive that is also not the published one is reported as a checksum mismatch', async () => {
    server.route('/hostile.tar.gz', sendBody(HOSTILE));
    const run = await fetchFrom('/hostile.tar.gz', sha(GOOD));
    expect(run.error).toBeInstanceOf(IntegrityError);
    expect(run.error?.message).toMatch(/does not match its checksum/);
    expect(run.left()).toEqual([]);
  });

  it('a body cut off half-way is downloaded again and extracted from the file', async () => {
    const cut: Handler = (_request, response: ServerResponse) => {
      response.writeHead(200, { 'content-length': GOOD.length });
      response.write(GOOD.subarray(0, GOOD.length >> 1), () => response.socket?.destroy());
    };
    server.route('/flaky.tar.gz', sequence(cut, sendBody(GOOD)));
    const run = await fetchFrom('/flaky.tar.gz', sha(GOOD));
    expect(run.error).toBeUndefined();
    expect(server.hits('/flaky.tar.gz')).toBe(2);
    expect(run.logger.at('warning').join('\n')).toMatch(/retrying/);
    expect(readFileSync(join(run.into, 'pack', 'big.bin')).equals(BIG)).toBe(true);
    expect(run.left()).toEqual(['tree']);
  });

  it('a chunked body (no length for the ratio limit) and a zip are extracted from the finished download', async () => {
    server.route('/chunked.tar.gz', (_request, response) => {
      response.writeHead(200);
      response.end(GOOD);
    });
    const chunked = await fetchFrom('/chunked.tar.gz', sha(GOOD));
    expect(chunked.error).toBeUndefined();
    expect(chunked.streamed).toBe(false);
    expect(readFileSync(join(chunked.into, 'pack', 'big.bin')).equals(BIG)).toBe(true);

    const zipped = zip([{ name: 'pack/pack.yaml', data: 'ref: demo\n' }, { name: 'pack/big.bin', data: BIG }]);
    server.route('/pack.zip', sendBody(zipped));
    const fromZip = await fetchFrom('/pack.zip', sha(zipped));
    expect(fromZip.error).toBeUndefined();
    expect(fromZip.streamed).toBe(false);
    expect(readFileSync(join(fromZip.into, 'pack', 'big.bin')).equals(BIG)).toBe(true);
    expect(fromZip.left()).toEqual(['tree']);
  });
});
