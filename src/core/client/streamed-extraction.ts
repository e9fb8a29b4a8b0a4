import { rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { messageOf } from '../errors.js';
import { extractTarGzStream } from '../extract/extract.js';
import type { ExtractResult } from '../extract/extract.js';
import type { BodySink, DownloadTee } from '../http/http-client.js';
import type { Logger } from '../logger.js';

/**
 * Compressed bytes held for gunzip: how far the download may run ahead of the extraction.
 * Beyond it the download waits (the socket stops being read); a wait longer than the HTTP
 * timeout ends that attempt as a timeout, and the retry goes to the file alone.
 */
const AHEAD = 8 << 20;

/** How a streamed extraction ended, once the download has. */
export type StreamedOutcome = { readonly kind: 'extracted'; readonly result: ExtractResult } | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Unpacks a tar.gz download into `into` while it arrives, so that downloading, hashing and
 * extracting are one pass over the bytes instead of two. Give it to
 * {@link HttpClient.download} as the tee; when the download has settled, compare its checksum
 * and then take {@link StreamedExtraction.outcome} (or {@link StreamedExtraction.discard} it).
 *
 * Only a body that declares its length (the base of the ratio limit) and starts like gzip is
 * unpacked this way, and only the first attempt's: a zip needs its central directory at the
 * end, and a retried body starts over. In those cases the outcome is undefined, and the
 * caller extracts the finished file as before.
 *
 * Unverified bytes are parsed, but nothing is trusted before the checksum is compared: the
 * extraction writes only into `into` (inside the caller's private scratch folder) under the
 * same name rules and limits as any extraction, and on a mismatch `discard` removes it. The
 * extractor is built for hostile archives anyway, since local and unverified ones use it too.
 */
export class StreamedExtraction implements DownloadTee {
  private opened = false;
  private running: { readonly pass: PassThrough; readonly outcome: Promise<StreamedOutcome> } | undefined;
  /** Set when the bytes stopped coming before the end: the outcome no longer counts. */
  private abandoned = false;

  /** `ahead`: compressed bytes held for gunzip before the download is held back (tests make it small). */
  constructor(
    private readonly into: string,
    private readonly label: string,
    private readonly logger: Logger,
    private readonly ahead = AHEAD,
  ) {}

  open(body: { readonly declaredLength?: number }): BodySink | undefined {
    const first = !this.opened;
    this.opened = true;
    const size = body.declaredLength;
    if (!first || size === undefined) return undefined;
    let decided = false;
    return {
      write: (chunks) => {
        if (!decided) {
          decided = true;
          if (startsLikeGzip(chunks)) this.start(size);
        }
        return this.feed(chunks);
      },
      end: () => this.running?.pass.end(),
      abort: () => this.abandon(),
    };
  }

  /**
   * Once the download succeeded: waits for the extraction and says how it ended; undefined
   * when it did not run over the whole body (then nothing of it is left in `into`).
   */
  async outcome(): Promise<StreamedOutcome | undefined> {
    if (this.running === undefined) return undefined;
    const outcome = await this.running.outcome;
    if (!this.abandoned) return outcome;
    await this.discard();
    return undefined;
  }

  /**
   * Stop the extraction, if one ran, and remove what it wrote: the download failed or did not
   * match. Never throws: the caller is already reporting the error that matters (and removes
   * its scratch folder in the end anyway).
   */
  async discard(): Promise<void> {
    if (this.running === undefined) return;
    this.abandon();
    const outcome = await this.running.outcome;
    if (outcome.kind !== 'extracted') return;
    await rm(this.into, { recursive: true, force: true }).catch((error: unknown) => this.logger.warning(`could not remove ${this.into}: ${messageOf(error)}`));
  }

  private start(size: number): void {
    const pass = new PassThrough({ highWaterMark: this.ahead });
    // The extraction attaches its own listener once it starts reading; until then an abandonment must not crash.
    pass.on('error', () => undefined);
    this.logger.debug(`extracting ${this.label} while it downloads`);
    const outcome = extractTarGzStream({ source: pass, label: this.label, size }, this.into, { logger: this.logger }).then(
      (result): StreamedOutcome => ({ kind: 'extracted', result }),
      (error: unknown): StreamedOutcome => ({ kind: 'failed', error }),
    );
    this.running = { pass, outcome };
  }

  /** Hand bytes on; once the extraction has stopped (failed or abandoned) they are dropped. */
  private feed(chunks: readonly Buffer[]): Promise<void> | undefined {
    const pass = this.running?.pass;
    if (pass === undefined || pass.destroyed || pass.writableEnded) return undefined;
    // One buffer per batch: gunzip takes a thread-pool round trip per chunk written to it.
    if (pass.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        pass.off('drain', done);
        pass.off('close', done);
        resolve();
      };
      pass.on('drain', done);
      pass.on('close', done);
    });
  }

  private abandon(): void {
    this.abandoned = true;
    this.running?.pass.destroy(new Error(`the download of ${this.label} stopped before its end`));
  }
}

/** gzip's magic number, 1f 8b, at the start of the body. */
function startsLikeGzip(chunks: readonly Buffer[]): boolean {
  const head = Buffer.concat(chunks.slice(0, 2)).subarray(0, 2);
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}
