import { setTimeout as delay } from 'node:timers/promises';

/** Wait `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return delay(ms).then(() => undefined);
}

/**
 * Exponential backoff with full jitter: racing publishers that collided spread out instead
 * of colliding again in step. `attempt` counts from 0.
 */
export function backoffMs(attempt: number, baseMs = 50, capMs = 2_000): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}
