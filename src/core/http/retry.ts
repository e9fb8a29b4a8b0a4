import type { PackregError } from '../errors.js';

/** Timing of retries. Tests shrink it; callers normally keep {@link DEFAULT_RETRY_TIMING}. */
export interface RetryTiming {
  /** Backoff before the first retry, doubled for each later one (before jitter). */
  readonly baseMs: number;
  /** Longest backoff. */
  readonly capMs: number;
  /** Longest wait a Retry-After header can impose: a server asking for an hour must not stall CI for an hour. */
  readonly retryAfterCapMs: number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = { baseMs: 500, capMs: 10_000, retryAfterCapMs: 30_000 };

/** Statuses worth another attempt: request timeout, rate limiting and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Retry-After (delay in seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; without letters Date.parse would read "-3" as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Wait before retry number `retry` (from 1): the server's Retry-After when it gave one
 * (capped), else exponential backoff with jitter in its upper half, so clients that failed
 * together do not retry in step yet each still waits a meaningful time.
 */
export function retryDelayMs(retry: number, timing: RetryTiming, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, timing.retryAfterCapMs);
  const ceiling = Math.min(timing.capMs, timing.baseMs * 2 ** (retry - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/**
 * A failure that another attempt may cure. `error` builds what to throw once attempts run
 * out, given how many were made, so the message can say so.
 */
export class TransientFailure extends Error {
  constructor(
    /** Short description for the retry log line ("HTTP 503", "connection reset"). */
    readonly reason: string,
    readonly error: (attempts: number) => PackregError,
    /** The server's Retry-After, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'TransientFailure';
  }
}

/** What {@link withRetries} needs besides the work itself. */
export interface RetryLoop {
  /** Extra attempts allowed. */
  readonly retries: number;
  readonly timing: RetryTiming;
  readonly sleep: (ms: number) => Promise<void>;
  /** Called before each wait, to log it. `retry` counts from 1. */
  readonly onRetry: (failure: TransientFailure, retry: number, delayMs: number) => void;
}

/**
 * Run `attempt` until it succeeds, throws anything but a {@link TransientFailure}, or has
 * failed transiently `retries + 1` times (then the failure's own error is thrown).
 */
export async function withRetries<T>(attempt: (number: number) => Promise<T>, loop: RetryLoop): Promise<T> {
  for (let made = 1; ; made += 1) {
    try {
      return await attempt(made);
    } catch (error) {
      if (!(error instanceof TransientFailure)) throw error;
      if (made > loop.retries) throw error.error(made);
      const delay = retryDelayMs(made, loop.timing, error.retryAfterMs);
      loop.onRetry(error, made, delay);
      await loop.sleep(delay);
    }
  }
}
