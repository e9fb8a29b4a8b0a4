import { UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
import { registryBaseUrl } from '../store/registry-location.js';
import type { RegistryLocation } from '../store/registry-location.js';
import type { S3Connection } from '../store/s3-store.js';

/**
 * The base URL for this run, consistent with the registry's existing index: a registry that
 * is served over https never silently turns local because a run forgot `--base-url`, and a
 * local (file://) registry never gains https entries beside file:// ones.
 */
export function chooseBaseUrl(location: RegistryLocation, given: string | undefined, current: string | undefined, connection: S3Connection, what: string, logger: Logger): string {
  const base = registryBaseUrl(location, given, connection, what);
  if (current === undefined || current === base) return base;
  const currentLocal = current.startsWith('file:');
  if (given === undefined && !currentLocal) {
    throw new UsageError(`${what} is missing, but this registry's index.json is served from ${current}: pass ${what} with the https URL the registry is served from (usually ${current})`);
  }
  if (given !== undefined && currentLocal) {
    throw new UsageError(`${what} ${given}: this registry is a local development registry (its index.json has file:// URLs), so https entries cannot be added to it; publish to a new registry with ${what}, or drop ${what}`);
  }
  logger.warning(`the registry's URL changes from ${current} to ${base}; archive URLs of versions published earlier keep the old one`);
  return base;
}
