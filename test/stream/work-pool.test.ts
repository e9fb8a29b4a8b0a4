import { describe, expect, it } from '@jest/globals';
import { WorkPool } from '../../src/core/stream/work-pool.js';

interface Gate {
  readonly promise: Promise<void>;
  open(): void;
  fail(error: Error): void;
}

function gate(): Gate {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Let every promise that can settle do so. */
const turns = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Whether `promise` has settled (after letting it). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await turns();
  return done;
}

describe('WorkPool', () => {
  it('returns from add without waiting for the task', async () => {
    const pool = new WorkPool(2);
    const task = gate();
    await pool.add(() => task.promise);
    expect(pool.size).toBe(1);
    task.open();
    await pool.drain();
    expect(pool.size).toBe(0);
  });

  it('runs at most maxTasks at once', async () => {
    const pool = new WorkPool(2);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const add = (i: number) =>
      pool.add(() => {
        started.push(i);
        return gates[i].promise;
      });
    await add(0);
    await add(1);
    const third = add(2);
    expect(await settled(third)).toBe(false);
    expect(started).toEqual([0, 1]);
    gates[1].open();
    await third;
    await turns();
    expect(started).toEqual([0, 1, 2]);
    gates[0].open();
    gates[2].open();
    await pool.drain();
  });

  it('throws the first failure from the next add, which starts nothing, and from drain', async () => {
    const pool = new WorkPool(4);
    const failing = gate();
    const slow = gate();
    await pool.add(() => failing.promise);
    await pool.add(() => slow.promise);
    failing.fail(new Error('first'));
    await turns();
    let ran = false;
    await expect(
      pool.add(async () => {
        ran = true;
      }),
    ).rejects.toThrow('first');
    expect(ran).toBe(false);
    const drained = pool.drain();
    // drain waits for the slow task still running, then reports the failure.
    expect(await settled(drained)).toBe(false);
    slow.fail(new Error('second'));
    await expect(drained).rejects.toThrow('first');
  });

  it('settle waits for every task, failed or not, and never throws', async () => {
    const pool = new WorkPool(4);
    const a = gate();
    const b = gate();
    await pool.add(() => a.promise);
    await pool.add(() => b.promise);
    const settling = pool.settle();
    a.fail(new Error('a'));
    expect(await settled(settling)).toBe(false);
    b.open();
    await expect(settling).resolves.toBeUndefined();
    expect(pool.size).toBe(0);
  });

  it('a task that throws synchronously is a failure like any other', async () => {
    const pool = new WorkPool(1);
    await pool.add(() => {
      throw new Error('at once');
    });
    await expect(pool.drain()).rejects.toThrow('at once');
  });
});
