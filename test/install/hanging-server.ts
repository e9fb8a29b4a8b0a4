/**
 * What the setup time limit tests need: a package index that never answers, and a way to see
 * which processes still work on a pack folder.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP server on 127.0.0.1 that accepts connections and never sends a byte: an index that hangs. */
export interface HangingServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** How many connections it accepted so far (a client that reached it and now waits). */
  accepted(): number;
  /** True once every accepted connection was closed by its client, waiting up to `ms`. */
  allClosedWithin(ms: number): Promise<boolean>;
  /** Stop listening and drop the connections still open. */
  close(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  const open = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    open.add(socket);
    // Read and drop the request, answer nothing; the socket goes when the client dies.
    socket.resume();
    socket.on('error', () => undefined);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    accepted: () => accepted,
    async allClosedWithin(ms) {
      const end = Date.now() + ms;
      while (open.size > 0) {
        if (Date.now() > end) return false;
        await sleep(50);
      }
      return true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The live processes (zombies excluded) working on `dir`: their working folder is in it or
 * their command line names it. As `pid: command line`, for a readable failure.
 */
export function processesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${name}/stat`, 'utf8'))) continue;
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`) || command.includes(dir)) found.push(`${name}: ${command}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Wait up to `ms` for no process to work on `dir` any more; what is still there then. */
export async function processesLeftUnder(dir: string, ms: number): Promise<string[]> {
  const end = Date.now() + ms;
  for (;;) {
    const left = processesUnder(dir);
    if (left.length === 0 || Date.now() > end) return left;
    await sleep(50);
  }
}

/** Sample {@link processesUnder} every 50 ms until `until` settles; every command line seen. */
export async function watchProcessesUnder<T>(dir: string, until: Promise<T>): Promise<{ result: T; seen: string[] }> {
  const seen = new Set<string>();
  let done = false;
  const settled = until.finally(() => (done = true));
  while (!done) {
    for (const line of processesUnder(dir)) seen.add(line.replace(/^\d+: /, ''));
    await Promise.race([settled.catch(() => undefined), sleep(50)]);
  }
  return { result: await settled, seen: [...seen] };
}
