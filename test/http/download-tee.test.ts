import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { BodySink, DownloadTee } from '../../src/core/http/http-client.js';
import { tempDirs } from '../helpers/temp.js';
import { failure, filesIn, options, testClient } from './http-fixtures.js';
import { sendBody, sequence, startHttpServer } from './test-server.js';
import type { Handler, TestServer } from './test-server.js';

/** A download's tee sees the body as the file does: in order, whole, and told when an attempt is abandoned. */
const temp = tempDirs();
let server: TestServer;
let dir: string;
const body = randomBytes(3_000_000);

beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});
beforeEach(() => {
  server.reset();
  dir = temp.make('packreg-tee-');
});

/** One open() call as the tee saw it: what it was told and what it received. */
interface Attempt {
  declaredLength?: number;
  chunks: Buffer[];
  ended: boolean;
  aborted?: unknown;
}

/** A tee that records every attempt; `hold` makes each write wait that many ms (backpressure). */
function recordingTee(hold = 0): DownloadTee & { attempts: Attempt[]; waited: number } {
  const tee = {
    attempts: [] as Attempt[],
    waited: 0,
    open(info: { declaredLength?: number }): BodySink {
      const attempt: Attempt = { declaredLength: info.declaredLength, chunks: [], ended: false };
      tee.attempts.push(attempt);
      return {
        write: (chunks) => {
          expect(attempt.ended || attempt.aborted !== undefined).toBe(false);
          attempt.chunks.push(...chunks.map((c) => Buffer.from(c)));
          if (hold === 0) return undefined;
          tee.waited += 1;
          return new Promise((resolve) => setTimeout(resolve, hold));
        },
        end: () => {
          attempt.ended = true;
        },
        abort: (reason) => {
          attempt.aborted = reason;
        },
      };
    },
  };
  return tee;
}

/** Handler: the whole body's Content-Length, then only its first `sent` bytes, then the connection is cut. */
function cutAfter(sent: number): Handler {
  return (_request, response: ServerResponse) => {
    response.writeHead(200, { 'content-length': body.length });
    response.write(body.subarray(0, sent), () => response.socket?.destroy());
  };
}

describe('download with a tee', () => {
  it('gives the tee the whole body in order, with its declared length, then ends it', async () => {
    server.route('/a.tar.gz', sendBody(body));
    const { http } = testClient();
    const tee = recordingTee();
    const file = join(dir, 'a.tar.gz');
    await http.download(server.url('/a.tar.gz'), file, options({ maxBytes: 10 << 20 }), tee);
    expect(tee.attempts).toHaveLength(1);
    const [attempt] = tee.attempts;
    expect(attempt).toMatchObject({ declaredLength: body.length, ended: true });
    expect(attempt.aborted).toBeUndefined();
    expect(Buffer.concat(attempt.chunks).equals(body)).toBe(true);
    expect(readFileSync(file).equals(body)).toBe(true);
  });

  it('tells the tee no length for a chunked body', async () => {
    server.route('/chunked', (_request, response) => {
      response.writeHead(200);
      response.end(body);
    });
    const { http } = testClient();
    const tee = recordingTee();
    await http.download(server.url('/chunked'), join(dir, 'chunked'), options({ maxBytes: 10 << 20 }), tee);
    expect(tee.attempts[0].declaredLength).toBeUndefined();
    expect(Buffer.concat(tee.attempts[0].chunks).equals(body)).toBe(true);
  });

  it('aborts the sink of an attempt that is cut off, and opens a new one for the retry', async () => {
    server.route('/cut', sequence(cutAfter(1_500_000), sendBody(body)));
    const { http } = testClient();
    const tee = recordingTee();
    await http.download(server.url('/cut'), join(dir, 'cut'), options({ maxBytes: 10 << 20, retries: 1 }), tee);
    expect(tee.attempts).toHaveLength(2);
    expect(tee.attempts[0].ended).toBe(false);
    expect(tee.attempts[0].aborted).toBeDefined();
    expect(tee.attempts[1].ended).toBe(true);
    expect(tee.attempts[1].aborted).toBeUndefined();
    expect(Buffer.concat(tee.attempts[1].chunks).equals(body)).toBe(true);
  });

  it('aborts the sink when the download fails for good, and leaves no file', async () => {
    const { http } = testClient();
    const tee = recordingTee();
    server.route('/cut', cutAfter(2_000_000));
    await failure(http.download(server.url('/cut'), join(dir, 'cut'), options({ maxBytes: 10 << 20, retries: 0 }), tee));
    expect(tee.attempts).toHaveLength(1);
    expect(tee.attempts[0].aborted).toBeDefined();
    expect(tee.attempts[0].ended).toBe(false);
    expect(filesIn(dir)).toEqual([]);
  });

  it('waits for a sink that holds it back before taking more of the body', async () => {
    server.route('/slow-sink', sendBody(body));
    const { http } = testClient();
    const tee = recordingTee(30);
    const started = Date.now();
    await http.download(server.url('/slow-sink'), join(dir, 'slow-sink'), options({ maxBytes: 10 << 20 }), tee);
    // Each ~1 MiB batch waited 30 ms for the sink before the next was taken.
    expect(tee.waited).toBeGreaterThanOrEqual(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(tee.waited * 30 - 5);
    expect(Buffer.concat(tee.attempts[0].chunks).equals(body)).toBe(true);
  });
});
