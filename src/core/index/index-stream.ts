import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fsInputError, InputError } from '../errors.js';
import { AtomicFile } from '../fs/atomic-file.js';
import { canonicalEntry, stringifyCanonical } from './canonical-json.js';
import { indexSchemaProblems, urlScopeOf } from './index-schema-validator.js';
import type { IndexProblem, UrlScope } from './index-schema-validator.js';
import { packAt, scanIndex } from './index-scan.js';
import type { PackSlice, ScannedIndex } from './index-scan.js';
import type { IndexEntry, RegistryIndex } from './model.js';
import type { IndexPolicy } from './index-rules.js';
import { entryProblems, formatIndexProblems, refOrderProblems } from './index-rules.js';

/** What validation keeps of each pack: enough to find and order it without holding it. */
export interface PackInfo {
  readonly ref: string;
  readonly version: string;
  readonly slice: PackSlice;
}

/** A validated index: its scan and one {@link PackInfo} per pack, in file order. */
export interface CheckedIndex {
  readonly scanned: ScannedIndex;
  readonly packs: readonly PackInfo[];
}

/**
 * Validate a scanned index entry by entry (each parsed, checked and dropped), then the
 * cross-entry rules (sorted, unique refs). Equivalent to validating the whole document.
 */
export function checkScanned(scanned: ScannedIndex, policy: IndexPolicy): { problems: IndexProblem[]; packs: PackInfo[]; scope: UrlScope } {
  const shell = scanned.packs ? { ...scanned.header, packs: [] } : scanned.packsValue === undefined ? scanned.header : { ...scanned.header, packs: scanned.packsValue };
  const scope = urlScopeOf(scanned.header.registry_url);
  const problems = indexSchemaProblems(shell, scope);
  const packs: PackInfo[] = [];
  const refs: unknown[] = [];
  (scanned.packs ?? []).forEach((slice, i) => {
    const entry = packAt(scanned, slice) as Partial<IndexEntry> | null;
    problems.push(...entryProblems(entry, policy, `/packs/${i}`, scope));
    refs.push(entry?.ref);
    if (typeof entry?.ref === 'string') packs.push({ ref: entry.ref, version: String(entry.version), slice });
  });
  problems.push(...refOrderProblems(refs));
  return { problems, packs, scope };
}

/** Read, scan and validate an index file; problems are an InputError and nothing is changed. */
export async function readCheckedIndex(path: string, policy: IndexPolicy, what = 'index'): Promise<CheckedIndex> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fsInputError(error, what, path);
  }
  const scanned = scanIndex(bytes, path);
  const version = scanned.header.version;
  if (version !== undefined && version !== '1.0') {
    throw new InputError(`${what} ${path} is index format version ${JSON.stringify(version)}; packreg reads format "1.0" only`);
  }
  const { problems, packs } = checkScanned(scanned, policy);
  if (problems.length > 0) {
    throw new InputError(`${what} ${path} is not a valid Attune index (${problems.length} problem(s)); it was not changed. Fix these first:\n${formatIndexProblems(problems)}`);
  }
  return { scanned, packs };
}

/** The index's top-level fields in canonical order. */
export interface IndexHeader {
  readonly registry_name: string;
  readonly registry_url: string;
  readonly version: string;
  readonly last_updated: string;
}

/**
 * The canonical text of an index, in pieces: the header, then each entry (indented as
 * JSON.stringify(index, null, 2) would), so a large index is never built as one string.
 * Concatenated, the pieces equal stringifyCanonical(canonicalIndex(index)).
 */
export function* indexPieces(header: IndexHeader, entries: Iterable<IndexEntry>): Generator<string> {
  const fields = ['registry_name', 'registry_url', 'version', 'last_updated'] as const;
  const head = fields.map((k) => `  ${JSON.stringify(k)}: ${escape(JSON.stringify(header[k]))}`).join(',\n');
  let first = true;
  for (const entry of entries) {
    const body = stringifyCanonical(canonicalEntry(entry)).trimEnd().replace(/\n/g, '\n    ');
    yield `${first ? `{\n${head},\n  "packs": [\n` : ',\n'}    ${body}`;
    first = false;
  }
  yield first ? `{\n${head},\n  "packs": []\n}\n` : '\n  ]\n}\n';
}

function escape(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Batch size for writes: few syscalls, bounded memory. */
const BATCH = 1 << 20;

/**
 * Write pieces to `path` atomically unless they equal `previous` exactly (then nothing is
 * touched) or `dryRun`. Returns whether the content differs from `previous`.
 */
export async function emitText(path: string, pieces: Iterable<string>, options: { previous?: Buffer; dryRun: boolean; what: string }): Promise<boolean> {
  const previous = options.previous;
  let offset = 0;
  let same = previous !== undefined;
  if (!options.dryRun) await ensureFolder(path, options.what);
  const file = options.dryRun ? undefined : await AtomicFile.create(path, { overwrite: true, what: options.what });
  try {
    let batch: Buffer[] = [];
    let size = 0;
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      if (same && previous!.subarray(offset, offset + bytes.length).equals(bytes)) offset += bytes.length;
      else same = false;
      if (!file) continue;
      batch.push(bytes);
      size += bytes.length;
      if (size >= BATCH) {
        await file.handle.writeFile(Buffer.concat(batch, size));
        batch = [];
        size = 0;
      }
    }
    same = same && offset === previous!.length;
    if (file && !same) {
      await file.handle.writeFile(Buffer.concat(batch, size));
      await file.commit();
    } else await file?.abort();
    return !same;
  } catch (error) {
    await file?.abort();
    throw error;
  }
}

/**
 * Read, validate and fully parse an index: for callers that need every entry as objects
 * (clients, small indices). Large-index paths use {@link readCheckedIndex} instead.
 */
export async function loadIndex(path: string, policy: IndexPolicy, what = 'index'): Promise<{ index: RegistryIndex; bytes: Buffer }> {
  const checked = await readCheckedIndex(path, policy, what);
  const packs = checked.packs.map((p) => packAt(checked.scanned, p.slice) as IndexEntry);
  return { index: { ...(checked.scanned.header as unknown as Omit<RegistryIndex, 'packs'>), packs }, bytes: checked.scanned.bytes };
}

/** Create the folder of an output file (an index may be written to a new registry folder). */
async function ensureFolder(path: string, what: string): Promise<void> {
  const folder = dirname(resolve(path));
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw fsInputError(error, `${what} folder`, folder);
  });
}
