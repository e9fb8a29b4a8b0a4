import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { RemoteError } from '../../src/core/errors.js';
import { GitCli } from '../../src/core/git/git-cli.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import { createRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Reading blob contents through `git cat-file --batch` (what --git-ref checksums stream). */
describe('GitCli.readBlobs', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  const git = new GitCli(nodeProcessRunner);
  const repo = createRepo(temp);
  const FILES: Record<string, Buffer> = {
    'big.bin': randomBytes(3.5 * (1 << 20)), // far larger than a pipe buffer
    'empty.txt': Buffer.alloc(0),
    'newline.txt': Buffer.from('\n'),
    'small.txt': Buffer.from('small\n'),
    'second-big.bin': randomBytes((1 << 20) + 3),
  };
  repo.commit(FILES);
  const oidOf = (path: string) => repo.git('rev-parse', `HEAD:${path}`);
  const order = ['small.txt', 'big.bin', 'empty.txt', 'newline.txt', 'big.bin', 'second-big.bin', 'small.txt'];

  it('yields each blob in the order asked (repeats included), with its size and exact bytes', async () => {
    const seen: { oid: string; size: number; content: Buffer }[] = [];
    for await (const blob of git.readBlobs(repo.dir, order.map(oidOf))) seen.push({ oid: blob.oid, size: blob.size, content: await collect(blob.chunks) });
    expect(seen.map((b) => b.oid)).toEqual(order.map(oidOf));
    seen.forEach((blob, i) => {
      expect(blob.size).toBe(FILES[order[i]].length);
      expect(blob.content.equals(FILES[order[i]])).toBe(true);
    });
  });

  it('blobs left unread, or read in part, are skipped exactly', async () => {
    const contents: Buffer[] = [];
    let i = 0;
    for await (const blob of git.readBlobs(repo.dir, order.map(oidOf))) {
      if (i % 2 === 0) {
        contents.push(await collect(blob.chunks));
      } else {
        for await (const chunk of blob.chunks) {
          void chunk;
          break; // one chunk at most
        }
      }
      i += 1;
    }
    expect(contents.map((c) => c.length)).toEqual(order.filter((_, k) => k % 2 === 0).map((p) => FILES[p].length));
    expect(contents.every((c, k) => c.equals(FILES[order[k * 2]]))).toBe(true);
  });

  it('a consumer breaking off in the middle of a large blob ends the reader instead of hanging', async () => {
    let read = 0;
    for await (const blob of git.readBlobs(repo.dir, [oidOf('big.bin'), oidOf('second-big.bin')])) {
      for await (const chunk of blob.chunks) {
        read += chunk.length;
        // Let git refill the pipe, so unread output is waiting when the reader is abandoned
        // (the state in which the child used to be awaited forever). Not a timing assertion.
        await new Promise((resolve) => setTimeout(resolve, 200));
        break;
      }
      break;
    }
    expect(read).toBeGreaterThan(0);
  }, 15_000);

  it('an object that is not a blob, or is missing, is a RemoteError', async () => {
    const consume = async (oids: string[]) => {
      for await (const blob of git.readBlobs(repo.dir, oids)) await collect(blob.chunks);
    };
    await expect(consume([repo.git('rev-parse', 'HEAD^{tree}')])).rejects.toThrow(RemoteError);
    await expect(consume([oidOf('small.txt'), '0123456789abcdef0123456789abcdef01234567'])).rejects.toThrow(/expected blob 0123456789abcdef0123456789abcdef01234567/);
  }, 15_000);

  it('no oids: nothing, and no process', async () => {
    const seen: unknown[] = [];
    for await (const blob of git.readBlobs('/nonexistent', [])) seen.push(blob);
    expect(seen).toEqual([]);
  });
});
