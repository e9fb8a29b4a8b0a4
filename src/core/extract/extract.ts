import { createReadStream } from 'node:fs';
import { mkdir, open, realpath, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fsInputError, InputError, messageOf } from '../errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { ArchiveEntry } from './entry.js';
import { corruptArchive, refuseEntry } from './entry.js';
import type { ExtractLimits } from './limits.js';
import { ExtractBudget, resolveLimits } from './limits.js';
import { EntryNames, nameProblem, splitEntryName } from './names.js';
import { readTarGz } from './tar-reader.js';
import { SafeWriter } from './writer.js';
import { ZipReader } from './zip-reader.js';

export type { ExtractLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';

/** What {@link extractArchive} extracted. */
export interface ExtractResult {
  /** The folder holding the pack: `into`, or `into/<stripped>` when everything sat under one folder. */
  readonly root: string;
  /** Regular files written. */
  readonly files: number;
  /** Bytes of file content written. */
  readonly bytes: number;
  /** The single top-level folder every entry sat under, if there was one. */
  readonly stripped?: string;
}

export interface ExtractOptions {
  /** Overrides of {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<ExtractLimits>;
  readonly logger?: Logger;
}

type Format = 'tar.gz' | 'zip';

/**
 * Extract `archive` — a gzip-compressed tar or a zip, told apart by its first bytes, never
 * by its name — into `into`, which must not exist: it is created, and removed entirely if
 * anything fails, so a refused archive leaves nothing behind.
 *
 * Hostile or damaged content throws an IntegrityError naming the entry and the rule it
 * breaks: unsafe names (`..`, absolute, drive letters, backslashes, control characters),
 * duplicates and case or Unicode look-alikes, links, devices and other special files,
 * encryption, more than `maxEntries` entries, more than `maxBytes` (or `maxRatio` × the
 * archive size) unpacked — counted as the bytes stream out of the decompressor — and bad
 * checksums, CRCs, sizes or truncation. Files are written 0644, or 0755 when any execute
 * bit was set; setuid, setgid and sticky bits are dropped.
 *
 * Entries are extracted as they are named; when all of them sit under one top-level folder
 * (as in every archive packreg builds), `root` points at that folder and `stripped` names it.
 */
export async function extractArchive(archive: string, into: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const { format, size } = await detectFormat(archive);
  return extractInto(into, { label: archive, format, size }, options, (budget, names, writer) =>
    format === 'zip'
      ? extractZip(archive, size, budget, names, writer)
      : // 1 MiB reads: each chunk costs gunzip one thread-pool round trip.
        extractTarGz(createReadStream(archive, { highWaterMark: 1 << 20 }), archive, budget, names, writer),
  );
}

/** A gzip-compressed tar arriving as a stream, for {@link extractTarGzStream}. */
export interface TarGzStream {
  /** The compressed bytes, best in chunks of about 1 MiB. Destroyed when extraction ends. */
  readonly source: Readable;
  /** Names the archive in messages, e.g. its URL. */
  readonly label: string;
  /** The archive's full size in bytes (a download's Content-Length): the base of `maxRatio`. */
  readonly size: number;
}

/**
 * {@link extractArchive} for a gzip-compressed tar read from a stream as it arrives (a
 * download being unpacked in the same pass), with the same checks, limits and clean-up.
 * Destroying `source` with an error stops the extraction: it fails and `into` is removed.
 */
export async function extractTarGzStream(archive: TarGzStream, into: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  try {
    return await extractInto(into, { ...archive, format: 'tar.gz' }, options, (budget, names, writer) => extractTarGz(archive.source, archive.label, budget, names, writer));
  } finally {
    // Also when `into` could not even be created: whoever feeds the stream must see it end.
    archive.source.destroy();
  }
}

type Extractor = (budget: ExtractBudget, names: EntryNames, writer: SafeWriter) => Promise<Written>;

/** Create `into`, run `extract` into it, and remove it entirely if anything fails. */
async function extractInto(into: string, archive: { label: string; format: Format; size: number }, options: ExtractOptions, extract: Extractor): Promise<ExtractResult> {
  const limits = resolveLimits(options.limits);
  const logger = options.logger ?? silentLogger;
  const target = await createTarget(into);
  const writer = new SafeWriter(target.real, archive.label);
  try {
    const names = new EntryNames();
    const written = await extract(new ExtractBudget(archive.label, limits, archive.size), names, writer);
    await writer.finish();
    const stripped = names.topDirectory();
    const root = stripped === undefined ? target.path : join(target.path, stripped);
    logger.info(`extracted ${archive.format} archive ${archive.label}: ${written.files} files, ${written.bytes} bytes -> ${root}`);
    return { root, ...written, ...(stripped === undefined ? {} : { stripped }) };
  } catch (error) {
    // Files may still be being written in the background: let them settle before removing the target.
    await writer.abandon();
    // Keep the archive's error: it is the one the caller must see, even if the clean-up fails too.
    await rm(target.real, { recursive: true, force: true }).catch((cleanup: unknown) => logger.warning(`could not remove ${target.real} after a failed extraction: ${messageOf(cleanup)}`));
    throw error;
  }
}

interface Written {
  files: number;
  bytes: number;
}

/**
 * A tar streams: each entry is checked, and its content read and handed to the writer,
 * before the next is read; the writes themselves may finish while later entries are read.
 */
async function extractTarGz(compressed: Readable, archive: string, budget: ExtractBudget, names: EntryNames, writer: SafeWriter): Promise<Written> {
  const written = { files: 0, bytes: 0 };
  for await (const entry of readTarGz(compressed, archive, budget)) {
    const segments = admit(entry, names, archive);
    if (segments !== undefined) await write(entry, segments, writer, written);
  }
  return written;
}

/** A zip is checked whole (every name, type and size) before its first file is written. */
async function extractZip(archive: string, size: number, budget: ExtractBudget, names: EntryNames, writer: SafeWriter): Promise<Written> {
  const written = { files: 0, bytes: 0 };
  const zip = await ZipReader.open(archive, size, budget);
  try {
    const admitted = zip.entries.map((entry) => ({ entry, segments: admit(entry, names, archive) }));
    for (const { entry, segments } of admitted) if (segments !== undefined) await write(entry, segments, writer, written);
  } finally {
    await zip.close();
  }
  return written;
}

/** Check an entry's name and record its path; undefined for the archive root itself (`./`). */
function admit(entry: ArchiveEntry, names: EntryNames, archive: string): string[] | undefined {
  const problem = nameProblem(entry.name);
  if (problem !== undefined) throw refuseEntry(archive, entry.name, problem);
  const segments = splitEntryName(entry.name);
  if (segments.length === 0) {
    if (entry.kind === 'directory') return undefined;
    throw refuseEntry(archive, entry.name, 'is a file named after the archive root');
  }
  const clash = names.add(segments, entry.kind);
  if (clash !== undefined) throw refuseEntry(archive, entry.name, clash);
  return segments;
}

async function write(entry: ArchiveEntry, segments: string[], writer: SafeWriter, written: Written): Promise<void> {
  if (entry.kind === 'directory') {
    await writer.directory(entry.name, segments);
    return;
  }
  written.bytes += await writer.queueFile(entry.name, segments, entry.executable, entry.content());
  written.files += 1;
}

/** gzip starts 1f 8b; a zip starts with a local header, or is empty (just the end record). */
async function detectFormat(archive: string): Promise<{ format: Format; size: number }> {
  let head: Buffer;
  let size: number;
  try {
    const handle = await open(archive, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new InputError(`archive ${archive} is not a regular file`);
      size = stat.size;
      head = Buffer.alloc(4);
      head = head.subarray(0, (await handle.read(head, 0, 4, 0)).bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fsInputError(error, 'archive', archive);
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return { format: 'tar.gz', size };
  if (head.length === 4 && (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50)) return { format: 'zip', size };
  const first = head.length === 0 ? 'it is empty' : `it starts with ${head.toString('hex').replace(/(..)/g, '$1 ').trim()}`;
  throw corruptArchive(archive, `it is neither a gzip-compressed tar (starting 1f 8b) nor a zip (starting 50 4b 03 04): ${first}`);
}

/** Create `into` (which must not exist; its parent must); returns it as given and as a real path. */
async function createTarget(into: string): Promise<{ path: string; real: string }> {
  const path = resolve(into);
  try {
    await mkdir(path, { mode: 0o755 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new InputError(`extraction folder ${path} already exists; extraction needs a new folder: remove it or choose another path`, { cause: error });
    }
    if (code === 'ENOENT') throw new InputError(`extraction folder ${path}: the folder ${dirname(path)} does not exist; create it first`, { cause: error });
    throw fsInputError(error, 'extraction folder', path);
  }
  return { path, real: await realpath(path) };
}
