import { rm } from 'node:fs/promises';
import type { CoreDeps } from '../deps.js';
import { InputError, messageOf } from '../errors.js';
import type { HttpClient } from '../http/http-client.js';
import type { IndexEntry, InstallSource } from '../index/model.js';
import { fetchArchive } from './archive-source.js';
import { fetchGitSource } from './git-source.js';
import type { IndexSource } from './resolve.js';

const CHECKSUM = /^sha256:[0-9a-f]{64}$/;

/** How a registry entry's sources are fetched. */
export interface SourceOptions {
  readonly verifyChecksums: boolean;
  readonly allowHttp: boolean;
  readonly timeoutMs: number;
  readonly ca?: string;
}

/** The tree a source produced, and which source it was. */
export interface FetchedTree {
  /** The pack root (a single top-level folder of an archive is stripped). */
  readonly root: string;
  readonly source: InstallSource;
  /** The checksum that was verified (undefined: not verified). */
  readonly checksum?: string;
  /** Why an earlier source was passed over, e.g. a git source that failed. */
  readonly fallbacks: string[];
}

/**
 * Fetch a registry entry's pack tree into `into`: its git sources first (cloned at the pinned
 * commit, framed checksum compared), then its archive sources (sha256 compared before
 * extraction). A source that fails is reported and the next one is tried, each verified with
 * its own checksum; with `verifyChecksums`, a source without a well-formed checksum is not used.
 */
export async function fetchEntrySources(entry: IndexEntry, registry: IndexSource, into: string, work: string, options: SourceOptions, deps: CoreDeps & { http: HttpClient }): Promise<FetchedTree> {
  const ordered = [...entry.install_sources].sort((a, b) => (a.type === b.type ? 0 : a.type === 'git' ? -1 : 1));
  const fallbacks: string[] = [];
  for (const source of ordered) {
    const label = `${source.type} source ${source.url}`;
    if (!CHECKSUM.test(source.checksum ?? '') && options.verifyChecksums) {
      fallbacks.push(`${label}: no well-formed sha256 checksum, and verify_checksums is on`);
      continue;
    }
    // With verify_checksums off, a source without a well-formed checksum is fetched unverified.
    const checksum = CHECKSUM.test(source.checksum ?? '') ? source.checksum : undefined;
    try {
      const root = await fetchOne({ ...source, checksum } as InstallSource, registry, into, work, options, deps);
      if (fallbacks.length > 0) deps.logger.warning(`${entry.ref}@${entry.version}: used the ${label} after: ${fallbacks.join('; ')}`);
      if (!checksum) deps.logger.warning(`${entry.ref}@${entry.version}: the ${label} was NOT verified (no usable checksum; verify_checksums is off)`);
      return { root, source, checksum, fallbacks };
    } catch (error) {
      await rm(into, { recursive: true, force: true });
      fallbacks.push(`${label} failed: ${messageOf(error)}`);
      deps.logger.warning(`${entry.ref}@${entry.version}: ${label} failed (${messageOf(error)}); trying the next source`);
      if (source === ordered[ordered.length - 1]) throw error;
    }
  }
  throw new InputError(`${entry.ref}@${entry.version} has no usable install source:\n  ${fallbacks.join('\n  ')}`);
}

async function fetchOne(source: InstallSource, registry: IndexSource, into: string, work: string, options: SourceOptions, deps: CoreDeps & { http: HttpClient }): Promise<string> {
  if (source.type === 'git') {
    const result = await fetchGitSource({ url: source.url, ref: source.ref, expectedChecksum: source.checksum || undefined, allowHttp: options.allowHttp, timeoutMs: options.timeoutMs }, into, deps);
    return result.dir;
  }
  const headers = registry.headersFor?.(source.url) ?? {};
  const result = await fetchArchive({ url: source.url, checksum: source.checksum, headers, allowHttp: options.allowHttp, timeoutMs: options.timeoutMs, ca: options.ca }, work, into, deps);
  return result.root;
}
