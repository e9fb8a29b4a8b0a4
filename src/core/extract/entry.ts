import { IntegrityError } from '../errors.js';

/** What an extracted entry may be: links, devices and the rest are refused by the readers. */
export type EntryKind = 'file' | 'directory';

/**
 * One entry as a reader hands it over. `content` streams a file's bytes (counted against
 * the limits and checked as they pass); a tar entry's content must be read, or abandoned,
 * before the next entry is asked for.
 */
export interface ArchiveEntry {
  /** The name exactly as the archive stores it (decoded from UTF-8, unchecked). */
  readonly name: string;
  readonly kind: EntryKind;
  /** Whether any execute bit was set; every other mode bit (setuid, setgid, sticky) is dropped. */
  readonly executable: boolean;
  content(): AsyncIterable<Buffer>;
}

/** Extra detail for an error: what was expected and found, and the underlying failure. */
export interface ErrorDetail {
  readonly expected?: string;
  readonly actual?: string;
  readonly cause?: unknown;
}

/** An entry name as messages show it: JSON-quoted, so control characters and odd spaces are visible. */
export function quoteName(name: string): string {
  return JSON.stringify(name);
}

const NOTHING_EXTRACTED = 'the whole archive is refused and nothing was extracted';

/** One entry is unsafe or unsupported: the whole archive is refused. */
export function refuseEntry(archive: string, name: string, problem: string, detail: ErrorDetail = {}): IntegrityError {
  return new IntegrityError(
    `archive ${archive}: entry ${quoteName(name)} ${problem}; ${NOTHING_EXTRACTED}. Rebuild the archive (packreg archive writes safe ones) or report it to the pack's publisher`,
    detail.expected,
    detail.actual,
    { cause: detail.cause },
  );
}

/** The archive's bytes are damaged or cut short (`entry` names where, when known). */
export function corruptArchive(archive: string, problem: string, detail: ErrorDetail & { entry?: string } = {}): IntegrityError {
  const where = detail.entry === undefined ? '' : ` at entry ${quoteName(detail.entry)}`;
  return new IntegrityError(
    `archive ${archive} is corrupt or truncated${where}: ${problem}; ${NOTHING_EXTRACTED}. Download it again, or rebuild it`,
    detail.expected,
    detail.actual,
    { cause: detail.cause },
  );
}

/** The archive as a whole breaks a limit or a rule that no single entry does. */
export function refuseArchive(archive: string, problem: string, detail: ErrorDetail = {}): IntegrityError {
  return new IntegrityError(`archive ${archive} ${problem}; ${NOTHING_EXTRACTED}`, detail.expected, detail.actual, { cause: detail.cause });
}

/** Strict UTF-8: a name that does not decode is refused rather than mangled into a different name. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode a stored name; undefined when the bytes are not valid UTF-8. */
export function decodeName(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A name that failed to decode, for messages (invalid bytes become U+FFFD). */
export function lossyName(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}
