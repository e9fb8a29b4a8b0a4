import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/action-runner.js';
import { alive, goneWithin, pidFrom } from '../helpers/processes.js';
import { tempDirs } from '../helpers/temp.js';
import { baseEnv, entries, writeInstallPack } from './install-fixtures.js';

/**
 * SIGINT or SIGTERM during `packreg install` (the built CLI, as a user runs it): the running
 * test's whole process group is stopped, the staging folder removed, nothing registered,
 * and the command exits 130 (SIGINT) or 143 (SIGTERM).
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

describe.each(['SIGINT', 'SIGTERM'] as const)('packreg install interrupted by %s', (signal) => {
  it('stops the tests, removes the staging folder, registers nothing and exits 128 + the signal number', async () => {
    const root = temp.make('packreg-interrupt-');
    const tmp = join(root, 'tmp');
    const packs = join(root, 'packs');
    mkdirSync(tmp);
    const sleeper = join(root, 'sleeper.pid');
    const pack = writeInstallPack(join(root, 'slow'), {
      ref: 'slow',
      // a grandchild in the test's process group, as a real test's workers would be
      testScript: `sleep 60 &\necho $! > ${sleeper}\nwait`,
      timeout: 120,
    });
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'install', pack, '--packs-dir', packs], { env: baseEnv(tmp), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const sleeperPid = await pidFrom(sleeper);
    expect(alive(sleeperPid)).toBe(true);
    expect(entries(packs)).toEqual([expect.stringMatching(/^\.packreg-install-/)]);

    child.kill(signal);
    expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(stdout).toMatch(/FAILED \(.*interrupted/);
    expect(entries(packs)).toEqual([]);
    expect(entries(tmp)).toEqual([]);
    expect(await goneWithin(sleeperPid, 3000)).toBe(true);
  });
});
