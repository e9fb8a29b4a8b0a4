import { expect } from '@jest/globals';
import { readdirSync } from 'node:fs';
import type { HttpClient, HttpOptions } from '../../src/core/http/http-client.js';
import { nodeHttpClient } from '../../src/core/http/node-http-client.js';
import { MemoryLogger } from '../../src/core/logger.js';

/** Configured header values: none may ever show up in a message or log line. Each contains {@link SECRET}. */
export const TOKEN = 'Bearer tok-7f3a9c-SECRET';
export const API_KEY = 'key-51b2-SECRET';
export const COOKIE = 'session=c00k1e-SECRET';
export const SECRET = 'SECRET';

/** Options with credentials configured; retries off unless a test asks. */
export function options(overrides: Partial<HttpOptions> = {}): HttpOptions {
  return { headers: { Authorization: TOKEN, 'X-Api-Key': API_KEY, Cookie: COOKIE }, timeoutMs: 3000, maxBytes: 1 << 20, retries: 0, allowHttp: true, ...overrides };
}

/** A client with short backoff (Retry-After still honoured up to 5 s) and a logger to inspect. */
export function testClient(retryAfterCapMs = 5000): { http: HttpClient; logger: MemoryLogger } {
  const logger = new MemoryLogger();
  return { http: nodeHttpClient(logger, { retryTiming: { baseMs: 10, capMs: 40, retryAfterCapMs } }), logger };
}

/** The error `promise` rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** No configured secret in the error, anything in its cause chain, or the log. */
export function expectNoSecrets(error: unknown, logger?: MemoryLogger): void {
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 10; depth += 1) {
    texts.push(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  for (const line of logger?.lines ?? []) texts.push(line.message);
  for (const text of texts) expect(text).not.toContain(SECRET);
}

/** Files in `dir`: a failed download must leave none (no target, no temporary). */
export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}
