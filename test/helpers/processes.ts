import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether `pid` still runs. A zombie is dead (only its exit status is left for init to
 * collect, which some machines' init does slowly), so it counts as gone.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Wait up to `ms` for `pid` to be gone; true when it is. */
export async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

/** The pid a script wrote to `file`, waiting up to `ms` for it to appear. */
export async function pidFrom(file: string, ms = 20_000): Promise<number> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid > 0) return pid;
    } catch {
      // not written yet
    }
    if (Date.now() > end) throw new Error(`no pid in ${file} after ${ms} ms`);
    await sleep(20);
  }
}
