import { removePendingTemporaryFiles } from '../core/fs/atomic-file.js';

/** The exit status a shell reports for a process ended by each signal (128 + its number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

type Interrupt = keyof typeof SIGNAL_EXIT;

let claimed: { controller: AbortController; received?: Interrupt } | undefined;

/**
 * What SIGINT and SIGTERM do to the CLI. By default: remove partial files and exit at once.
 * While a command has claimed them ({@link claimInterrupts}), the command's signal is aborted
 * instead, so it can stop the processes it started (in their own process groups, out of the
 * terminal's reach) and remove its folders before returning.
 */
export function installInterruptHandlers(): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as Interrupt[]) {
    process.on(signal, () => {
      if (claimed && !claimed.received) {
        claimed.received = signal;
        claimed.controller.abort();
        return;
      }
      // Unclaimed, or a second signal while a command cleans up: stop now.
      removePendingTemporaryFiles();
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}

/** Take over SIGINT and SIGTERM until `release`; `received` says which one arrived, if any. */
export function claimInterrupts(): { signal: AbortSignal; received(): Interrupt | undefined; release(): void } {
  const claim = { controller: new AbortController(), received: undefined as Interrupt | undefined };
  claimed = claim;
  return {
    signal: claim.controller.signal,
    received: () => claim.received,
    release: () => {
      if (claimed === claim) claimed = undefined;
    },
  };
}
