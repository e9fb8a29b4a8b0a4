import { UsageError } from '../errors.js';

/**
 * Check an install source URL: https, with a host, and no credentials, query or fragment
 * (Attune installers refuse them: credentials travel in headers, and a query or fragment
 * would make the same source look different). `what` names the flag or input. With
 * `allowFile`, a plain file:/// URL passes too (local development registries).
 */
export function checkSourceUrl(value: string, what: string, options: { allowFile?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new UsageError(`${what}: "${value}" is not a URL; write e.g. https://github.com/owner/pack.git`, { cause: error });
  }
  const fix = 'give the plain https URL';
  if (options.allowFile && url.protocol === 'file:' && !url.hostname && !url.search && !url.hash) return value;
  if (url.protocol !== 'https:') throw new UsageError(`${what}: ${url.protocol}// URLs are not accepted; Attune installers fetch install sources over https: ${fix}`);
  if (url.username || url.password) throw new UsageError(`${what}: the URL carries credentials; never put secrets in an index: ${fix} (installers send credentials in headers)`);
  if (url.search || value.includes('?')) throw new UsageError(`${what}: the URL has a query string; ${fix} without "?..."`);
  if (url.hash || value.includes('#')) throw new UsageError(`${what}: the URL has a fragment; ${fix} without "#..."`);
  if (!url.hostname) throw new UsageError(`${what}: the URL has no host`);
  return value;
}
