/**
 * Asynchronous work started in the background, a bounded number of tasks at a time: how
 * extraction writes a chunk while the next is inflated, and how a download writes one batch
 * while the next arrives, without letting memory grow with the input.
 *
 * The first failure is kept: the next {@link WorkPool.add} or {@link WorkPool.drain} throws
 * it, and nothing new starts after it. {@link WorkPool.settle} waits for everything already
 * started, whether it succeeds or fails, so a caller that cleans up after a failure knows
 * that no write is still landing in what it removes.
 */
export class WorkPool {
  private readonly running = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | undefined;

  /** At most `maxTasks` tasks run at once. */
  constructor(private readonly maxTasks: number) {}

  /** Tasks started and not yet finished. */
  get size(): number {
    return this.running.size;
  }

  /**
   * Start `task` once there is room, and return without waiting for it. Throws the first
   * failure of an earlier task instead of starting this one.
   */
  async add(task: () => Promise<void>): Promise<void> {
    this.throwIfFailed();
    while (this.running.size >= this.maxTasks) {
      await Promise.race(this.running);
      this.throwIfFailed();
    }
    const run: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      )
      .finally(() => {
        this.running.delete(run);
      });
    this.running.add(run);
  }

  /** Wait for every task; throws the first failure, if any. */
  async drain(): Promise<void> {
    await this.settle();
    this.throwIfFailed();
  }

  /** Wait for every task started so far to finish, successfully or not; never throws. */
  async settle(): Promise<void> {
    // `running` never holds a rejecting promise: failures are caught into `failure` above.
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}
