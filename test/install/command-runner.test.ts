import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { nodeCommandRunner } from '../../src/core/process/command.js';
import { goneWithin, pidFrom } from '../helpers/processes.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A minimal environment: the child gets nothing else. */
const ENV = { PATH: '/usr/bin:/bin' };

describe('nodeCommandRunner', () => {
  it('reports the exit code and the interleaved output of stdout and stderr', async () => {
    const cwd = temp.make();
    const r = await nodeCommandRunner.run('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3'], { cwd, env: ENV });
    expect(r).toMatchObject({ code: 3, timedOut: false, aborted: false, truncated: false, notStarted: undefined });
    expect(r.output.split('\n').sort()).toEqual(['', 'err', 'out']);
    expect(r.durationMs).toBeGreaterThan(0);
    expect((await nodeCommandRunner.run('/bin/sh', ['-c', 'exit 0'], { cwd, env: ENV })).code).toBe(0);
  });

  it('runs in the given directory and streams output to onOutput', async () => {
    const cwd = temp.make();
    const chunks: string[] = [];
    const r = await nodeCommandRunner.run('/bin/pwd', [], { cwd, env: ENV, onOutput: (t) => chunks.push(t) });
    expect(r.output.trim()).toBe(cwd);
    expect(chunks.join('')).toBe(r.output);
  });

  it('passes arguments as they are, never through a shell', async () => {
    const r = await nodeCommandRunner.run('/bin/echo', ['$HOME', '; rm -rf x', '*'], { cwd: temp.make(), env: ENV });
    expect(r.output).toBe('$HOME ; rm -rf x *\n');
  });

  it('reports a missing command as notStarted instead of throwing', async () => {
    const r = await nodeCommandRunner.run('packreg-no-such-command', ['x'], { cwd: temp.make(), env: ENV });
    expect(r.code).toBe(-1);
    expect(r.notStarted).toBe('packreg-no-such-command is not installed or not on PATH');
    expect(r.timedOut).toBe(false);
  });

  it('names a missing working folder instead of blaming the command', async () => {
    const cwd = join(temp.make(), 'gone');
    const r = await nodeCommandRunner.run('/bin/sh', ['-c', 'exit 0'], { cwd, env: ENV });
    expect(r).toMatchObject({ code: -1, notStarted: `its working folder ${cwd} does not exist` });
  });

  it('looks the command up on the PATH it was given', async () => {
    const bin = writeTree(temp.make(), { 'mytool': { content: '#!/bin/sh\necho from mytool\n', executable: true } });
    const r = await nodeCommandRunner.run('mytool', [], { cwd: temp.make(), env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(r.output).toBe('from mytool\n');
    expect((await nodeCommandRunner.run('mytool', [], { cwd: bin, env: ENV })).notStarted).toMatch(/not installed/);
  });

  it('keeps only the last maxOutputBytes of output and says so', async () => {
    const cwd = temp.make();
    const script = 'i=0; while [ $i -lt 200 ]; do echo "line $i"; i=$((i+1)); done';
    const r = await nodeCommandRunner.run('/bin/sh', ['-c', script], { cwd, env: ENV, maxOutputBytes: 100 });
    expect(r.truncated).toBe(true);
    expect(Buffer.byteLength(r.output)).toBe(100);
    expect(r.output.endsWith('line 198\nline 199\n')).toBe(true);
    const small = await nodeCommandRunner.run('/bin/sh', ['-c', 'echo short'], { cwd, env: ENV, maxOutputBytes: 100 });
    expect(small).toMatchObject({ output: 'short\n', truncated: false });
  });

  it('gives the child exactly the environment it was given, nothing of the parent', async () => {
    expect(process.env.HOME).toBeDefined();
    const r = await nodeCommandRunner.run('/usr/bin/env', [], { cwd: temp.make(), env: { PATH: '/usr/bin:/bin', ONLY_THIS: 'yes' } });
    expect(r.output.trim().split('\n').sort()).toEqual(['ONLY_THIS=yes', 'PATH=/usr/bin:/bin']);
  });

  it('kills the whole process group on timeout, the background grandchild included', async () => {
    const cwd = temp.make();
    const started = Date.now();
    const r = await nodeCommandRunner.run('/bin/sh', ['-c', 'sleep 30 & echo $! > grandchild.pid; wait'], { cwd, env: ENV, timeoutMs: 500 });
    expect(r).toMatchObject({ timedOut: true, aborted: false, code: -1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await goneWithin(await pidFrom(join(cwd, 'grandchild.pid')), 3000)).toBe(true);
  });

  it('kills what the leader left running when it exits on its own', async () => {
    const cwd = temp.make();
    // the grandchild lets go of the pipes, so nothing holds the command open
    const r = await nodeCommandRunner.run('/bin/sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $! > left.pid; exit 0'], { cwd, env: ENV });
    expect(r).toMatchObject({ code: 0, timedOut: false });
    expect(await goneWithin(await pidFrom(join(cwd, 'left.pid')), 3000)).toBe(true);
  });

  it('stops the group when the signal aborts, and at once when it already had', async () => {
    const cwd = temp.make();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const r = await nodeCommandRunner.run('/bin/sh', ['-c', 'sleep 30 & echo $! > aborted.pid; wait'], { cwd, env: ENV, signal: controller.signal });
    expect(r).toMatchObject({ aborted: true, timedOut: false, code: -1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await goneWithin(await pidFrom(join(cwd, 'aborted.pid')), 3000)).toBe(true);

    const early = await nodeCommandRunner.run('/bin/sleep', ['30'], { cwd, env: ENV, signal: AbortSignal.abort() });
    expect(early).toMatchObject({ aborted: true, code: -1 });
    expect(early.durationMs).toBeLessThan(5000);
  });
});
