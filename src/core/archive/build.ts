import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FramedHasher } from '../checksum/framed.js';
import type { CoreDeps } from '../deps.js';
import { InputError, UsageError } from '../errors.js';
import { AtomicFile } from '../fs/atomic-file.js';
import { formatProblem, parseManifest } from '../pack/index.js';
import { checkReleaseTag } from '../release/tag-check.js';
import { openPackSource } from '../tree/pack-source.js';
import type { PackSource } from '../tree/pack-source.js';
import type { PackTree, TreeFile } from '../tree/tree.js';
import { GzipWriter } from './gzip-writer.js';
import { OutputSink } from './output-sink.js';
import { TarWriter } from './tar-writer.js';
import { ZipWriter } from './zip-writer.js';

/** Archive formats packreg builds. */
export const ARCHIVE_FORMATS = ['tar.gz', 'zip'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** 1980-01-01T00:00:00Z: the earliest time zip can store, so tar and zip entries agree. */
export const DEFAULT_MTIME = 315532800;

/** What `packreg archive` and the build-archive action build. */
export interface ArchiveSettings {
  readonly packDir: string;
  readonly format: ArchiveFormat;
  /** Output file; default `<ref>-<version>.<format>` in `cwd`. */
  readonly out?: string;
  /** Replace an existing output file. */
  readonly force?: boolean;
  /** Archive the tree tracked at this revision. */
  readonly gitRef?: string;
  /** Archive the files on disk even inside a git work tree. */
  readonly noGit?: boolean;
  /** Extra exclude patterns (gitignore syntax), on top of the pack's `.packignore`. */
  readonly exclude?: readonly string[];
  /** Entry modification time in Unix seconds (SOURCE_DATE_EPOCH); default {@link DEFAULT_MTIME}. */
  readonly mtime?: number;
  /** Base for a relative `out` and for the default name. */
  readonly cwd: string;
  /** Fail, before writing anything, unless this release tag names pack.yaml's version (see {@link checkReleaseTag}). */
  readonly tag?: string;
}

/** What was built. */
export interface ArchiveResult {
  readonly path: string;
  readonly format: ArchiveFormat;
  /** `sha256:<hex>` of the archive bytes: the archive install source's checksum. */
  readonly checksum: string;
  /** Framed checksum of the archived tree: what the extracted archive hashes to. */
  readonly directoryChecksum: string;
  readonly size: number;
  readonly files: number;
  readonly ref: string;
  readonly version: string;
  /** The single top-level directory, `<ref>-<version>`. */
  readonly topDirectory: string;
  readonly source: 'git' | 'directory';
  readonly commit?: string;
}

/**
 * Build a reproducible archive of a pack: one streaming pass reads each file once, feeds
 * it to the archive writer and to the framed hasher, and writes the archive to a
 * temporary file that is moved into place only when complete.
 */
export async function buildArchive(settings: ArchiveSettings, deps: CoreDeps): Promise<ArchiveResult> {
  const packDir = resolve(settings.cwd, settings.packDir);
  const source = await openPackSource({ packDir, gitRef: settings.gitRef, noGit: settings.noGit, preferGitHead: true }, deps.git, deps.logger);
  const { ref, version, file: manifestFile } = await readPackIdentity(source, deps);
  if (settings.tag !== undefined) checkReleaseTag(settings.tag, { ref, version }, manifestFile);
  const topDirectory = `${ref}-${version}`;
  const out = resolve(settings.cwd, settings.out ?? `${topDirectory}.${settings.format}`);
  const insidePack = relative(packDir, out);
  const outside = insidePack === '..' || insidePack.startsWith(`..${sep}`) || isAbsolute(insidePack);
  // Never archive a previous output lying in the pack directory (even one named "..x.tar.gz").
  const tree = await source.tree({ packignore: true, patterns: settings.exclude ?? [], paths: outside ? [] : [insidePack.split(sep).join('/')] });
  const file = await AtomicFile.create(out, { overwrite: settings.force ?? false, what: 'archive' });
  try {
    const sink = new OutputSink(file.handle);
    const hasher = new FramedHasher();
    const mtime = settings.mtime ?? DEFAULT_MTIME;
    const files = await writeEntries(settings.format, tree, topDirectory, mtime, sink, hasher);
    await sink.flush();
    await file.commit();
    deps.logger.info(`${settings.format} archive of ${tree.origin}: ${files} files, ${sink.size} bytes -> ${out}`);
    return {
      path: out,
      format: settings.format,
      checksum: `sha256:${sink.digestHex()}`,
      directoryChecksum: `sha256:${hasher.digest().hex}`,
      size: sink.size,
      files,
      ref,
      version,
      topDirectory,
      source: source.kind,
      commit: source.commit,
    };
  } catch (error) {
    await file.abort();
    throw error;
  }
}

/** The pack's ref and version, from the manifest of the very tree being archived, and that manifest's path (for messages). */
export async function readPackIdentity(source: PackSource, deps: CoreDeps): Promise<{ ref: string; version: string; file: string }> {
  let name = 'pack.yaml';
  let text = await source.readText(name);
  if (text === undefined) text = await source.readText((name = 'pack.yml'));
  if (text === undefined) {
    throw new InputError(`no pack.yaml in ${source.origin}: a pack directory must contain pack.yaml`);
  }
  const parsed = parseManifest(text, name);
  for (const warning of parsed.warnings) deps.logger.warning(formatProblem(name, warning));
  if (!parsed.manifest || parsed.errors.length > 0) {
    const problems = parsed.errors.map((p) => `  ${formatProblem(name, p)}`).join('\n');
    throw new InputError(`${source.packDir}/${name} is not a valid pack manifest; fix these and build again:\n${problems}`);
  }
  return { ref: parsed.manifest.ref, version: parsed.manifest.version, file: `${source.packDir}/${name}` };
}

interface EntryWriter {
  directory(path: string): Promise<void>;
  file(path: string, size: number, executable: boolean, content: AsyncIterable<Buffer>): Promise<void>;
  finish(): Promise<void>;
}

async function writeEntries(format: ArchiveFormat, tree: PackTree, top: string, mtime: number, sink: OutputSink, hasher: FramedHasher): Promise<number> {
  const write = (data: Buffer) => sink.write(data);
  let writer: EntryWriter;
  let finishOuter = async () => undefined as void;
  if (format === 'zip') {
    writer = new ZipWriter(write, mtime);
  } else {
    const gzip = new GzipWriter(write);
    writer = new TarWriter((data) => gzip.push(data), mtime);
    finishOuter = () => gzip.finish();
  }
  const directories = new Set<string>();
  await writer.directory(`${top}/`);
  let count = 0;
  for await (const file of tree.files()) {
    await writeParents(writer, top, file.path, directories);
    hasher.begin(file);
    await writer.file(`${top}/${file.path}`, file.size, file.executable, hashed(file, hasher));
    count += 1;
  }
  await writer.finish();
  await finishOuter();
  return count;
}

/** Directory entries for a file's parents, each once, just before its first file. */
async function writeParents(writer: EntryWriter, top: string, path: string, seen: Set<string>): Promise<void> {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (seen.has(dir)) continue;
    seen.add(dir);
    await writer.directory(`${top}/${dir}/`);
  }
}

async function* hashed(file: TreeFile, hasher: FramedHasher): AsyncGenerator<Buffer> {
  for await (const chunk of file.content()) {
    hasher.update(chunk);
    yield chunk;
  }
}

/** The latest entry time a ustar header holds (11 octal digits): 2242-03-16T12:56:31Z. */
export const MAX_MTIME = 0o77777777777;

/** Parse a SOURCE_DATE_EPOCH-style value (whole non-negative seconds); `what` names its origin. */
export function parseEpoch(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${what}: "${value}" is not a Unix time in whole seconds; write e.g. 1700000000`);
  const seconds = Number(value.trim());
  if (seconds > MAX_MTIME) throw new UsageError(`${what}: "${value}" is later than ${MAX_MTIME} (2242-03-16), the latest time a tar header holds; write e.g. 1700000000`);
  return seconds;
}

/** Parse an archive format name; `what` names the flag or input. */
export function parseFormat(value: string | undefined, what: string): ArchiveFormat {
  const format = value ?? 'tar.gz';
  if (format === 'tgz') return 'tar.gz';
  if ((ARCHIVE_FORMATS as readonly string[]).includes(format)) return format as ArchiveFormat;
  throw new UsageError(`${what}: unknown archive format "${format}"; use tar.gz or zip`);
}
