import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntegrityError } from '../errors.js';
import { extractArchive } from '../extract/extract.js';
import type { ExtractResult } from '../extract/extract.js';
import { digestFile } from '../hash/file-digest.js';
import type { DownloadTee, HttpClient } from '../http/http-client.js';
import { displayLocation as shown } from '../http/http-url.js';
import type { Logger } from '../logger.js';
import { StreamedExtraction } from './streamed-extraction.js';

/** The reference installer's cap for an archive download: 100 MiB. */
export const ARCHIVE_MAX_BYTES = 100 * 1024 * 1024;

/** One archive to fetch, verify and extract. */
export interface ArchiveRequest {
  /** https:// (http:// with allowHttp) or file:// (local registries). */
  readonly url: string;
  /** `sha256:<hex>`; undefined only for an explicitly unverified direct install. */
  readonly checksum?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly allowHttp: boolean;
  readonly timeoutMs: number;
  readonly maxBytes?: number;
  readonly ca?: string;
}

/** What was extracted, and the archive's sha256 as verified. */
export interface ArchiveFetch extends ExtractResult {
  readonly sha256: string;
}

/**
 * Download (or, for file:// URLs, read) an archive into `work`, hashing it in the same pass,
 * compare the sha256, and extract it safely into `into`. A tar.gz download is unpacked as it
 * arrives (see {@link StreamedExtraction}); nothing unpacked counts until the checksum
 * matches. A mismatch deletes the download and whatever was unpacked from it, and names
 * expected and actual. The download never outlives the call.
 */
export async function fetchArchive(request: ArchiveRequest, work: string, into: string, deps: { http: HttpClient; logger: Logger }): Promise<ArchiveFetch> {
  const local = request.url.startsWith('file:');
  const file = local ? fileURLToPath(request.url) : join(work, 'download');
  const streamed = local ? undefined : new StreamedExtraction(into, shown(request.url), deps.logger);
  try {
    const sha256 = local ? (await digestFile(file, 'sha256')).hex : (await download(request, file, deps, streamed)).sha256;
    const expected = request.checksum?.replace(/^sha256:/, '');
    if (expected !== undefined && expected !== sha256) {
      throw new IntegrityError(
        `the archive at ${shown(request.url)} does not match its checksum: expected sha256:${expected}, got sha256:${sha256}. It was deleted, with anything unpacked from it, and nothing was installed; the registry entry or the archive is wrong`,
        `sha256:${expected}`,
        `sha256:${sha256}`,
      );
    }
    deps.logger.info(`${shown(request.url)}: sha256:${sha256} ${expected ? 'verified' : 'NOT verified (no checksum)'}`);
    const outcome = await streamed?.outcome();
    // The checksum matched, so a refusal of the streamed content is a refusal of the archive itself.
    if (outcome?.kind === 'failed') throw outcome.error;
    return { ...(outcome?.result ?? (await extractArchive(file, into, { logger: deps.logger }))), sha256 };
  } catch (error) {
    await streamed?.discard();
    throw error;
  } finally {
    if (!local) await rm(file, { force: true });
  }
}

function download(request: ArchiveRequest, file: string, deps: { http: HttpClient }, tee: DownloadTee | undefined) {
  return deps.http.download(
    request.url,
    file,
    {
      headers: request.headers,
      timeoutMs: request.timeoutMs,
      maxBytes: request.maxBytes ?? ARCHIVE_MAX_BYTES,
      retries: 2,
      allowHttp: request.allowHttp,
      ca: request.ca,
    },
    tee,
  );
}
