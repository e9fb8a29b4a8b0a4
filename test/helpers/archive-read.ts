/**
 * Helpers for the archive tests: temporary trees, the CLI in-process and as a child process,
 * and real tools (GNU tar, gzip, unzip/zipinfo, python3 tarfile/zipfile) reading what it built.
 */
import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPackreg } from './cli.js';
import type { CliRun } from './cli.js';

/** The repository root (where dist/cli.js lives). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI bundle the child-process tests run: dist/cli.js, or PACKREG_CLI_BUNDLE when set. */
export const CLI_BUNDLE = process.env.PACKREG_CLI_BUNDLE ?? join(REPO_ROOT, 'dist', 'cli.js');

/** Temporary directories made by one test file, all removed by `removeAll`. */
export class TempDirs {
  private readonly dirs: string[] = [];

  /** A fresh directory under os.tmpdir() (or under `base`). */
  make(prefix = 'packreg-archive-', base = tmpdir()): string {
    const dir = mkdtempSync(join(base, prefix));
    this.dirs.push(dir);
    return dir;
  }

  /**
   * A fresh directory on a tmpfs when one is available (/dev/shm): tmpfs lists a directory
   * newest-first, while ext4 (a usual os.tmpdir()) lists it in name-hash order whatever the
   * creation order. Two trees, one on each, give genuinely different readdir orders.
   */
  makeOnTmpfs(prefix = 'packreg-archive-'): { dir: string; tmpfs: boolean } {
    const shm = '/dev/shm';
    try {
      if (statSync(shm).isDirectory()) return { dir: this.make(prefix, shm), tmpfs: true };
    } catch {
      // no /dev/shm: fall back to the usual temporary folder
    }
    return { dir: this.make(prefix), tmpfs: false };
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** A file to write: text or bytes, with an optional mode (applied with chmod, so the umask does not matter). */
export type FileSpec = string | Buffer | { content: string | Buffer; mode?: number };

/** Write files (relative `/` paths) under `root`, in the order given, creating parent folders. */
export function writeTree(root: string, files: Record<string, FileSpec> | [string, FileSpec][], dirMode?: number): void {
  const entries = Array.isArray(files) ? files : Object.entries(files);
  for (const [path, spec] of entries) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true, ...(dirMode === undefined ? {} : { mode: dirMode }) });
    const { content, mode } = typeof spec === 'string' || Buffer.isBuffer(spec) ? { content: spec, mode: undefined } : spec;
    writeFileSync(full, content);
    if (mode !== undefined) chmodSync(full, mode);
  }
}

/** A valid pack.yaml. */
export function packYaml(ref = 'demo_pack', version = '1.2.3'): string {
  return `ref: ${ref}\nversion: ${version}\nlabel: Demo Pack\ndescription: A pack for archive tests\nauthor: Example Team\nlicense: Apache-2.0\n`;
}

/** Deterministic incompressible bytes (xorshift32), so failures reproduce. */
export function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 4) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    if (i + 4 <= length) out.writeUInt32LE(x, i);
    else for (let j = i; j < length; j++) out[j] = (x >>> ((j - i) * 8)) & 0xff;
  }
  return out;
}

/** Highly compressible text of exactly `length` bytes. */
export function compressible(length: number): Buffer {
  const line = Buffer.from('the quick brown fox jumps over the lazy dog 0123456789\n');
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += line.length) line.copy(out, i, 0, Math.min(line.length, length - i));
  return out;
}

/** Push `input` into `writer` in pieces of the given sizes (cycled), then finish it. */
export async function pushInPieces(writer: { push(data: Buffer): Promise<void>; finish(): Promise<void> }, input: Buffer, pieces: readonly number[]): Promise<void> {
  let offset = 0;
  for (let i = 0; offset < input.length; i++) {
    const size = pieces[i % pieces.length];
    await writer.push(input.subarray(offset, offset + size));
    offset += size;
  }
  await writer.finish();
}

/** An environment for the CLI without a SOURCE_DATE_EPOCH inherited from the shell running the tests. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  delete env.PACKREG_DEBUG;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** One run of the CLI: exit code, standard output and standard error. */
export type CliResult = CliRun;

/** `packreg <argv...>` in-process through runCli, with captured output, in a clean copy of this process's environment. */
export async function packreg(argv: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return runPackreg(argv, options.cwd, cleanEnv(options.env));
}

/** The archive result `packreg archive --json` prints. */
export interface ArchiveJson {
  path: string;
  format: string;
  checksum: string;
  directoryChecksum: string;
  size: number;
  files: number;
  ref: string;
  version: string;
  topDirectory: string;
  source: 'git' | 'directory';
  commit?: string;
}

/** `packreg archive <args> --json` in-process; fails the test with the CLI's stderr unless it exits 0. */
export async function archive(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<ArchiveJson & { stderr: string }> {
  const result = await packreg(['archive', ...args, '--json'], options);
  if (result.code !== 0) throw new Error(`packreg archive ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return { ...(JSON.parse(result.stdout) as ArchiveJson), stderr: result.stderr };
}

/** `packreg checksum <path>` in-process: the printed `sha256:...`. */
export async function checksumOf(path: string): Promise<string> {
  const result = await packreg(['checksum', path], { cwd: REPO_ROOT });
  if (result.code !== 0) throw new Error(`packreg checksum ${path} exited ${result.code}:\n${result.stderr}`);
  return result.stdout.trim();
}

/** `node dist/cli.js <argv...>` as a child process with exactly `env` (plus PATH). */
export function packregChild(argv: readonly string[], options: { cwd: string; env: Record<string, string> }): CliResult {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: build it first (npx rollup -c rollup.config.js)`);
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...argv], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...options.env },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface ToolResult {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Run a real tool; throws with its stderr unless it exits 0 (or `allowFailure`). */
export function tool(command: string, args: readonly string[], options: SpawnSyncOptions & { allowFailure?: boolean } = {}): ToolResult {
  const { allowFailure, ...spawnOptions } = options;
  const result = spawnSync(command, [...args], { maxBuffer: 256 << 20, ...spawnOptions, env: { ...cleanEnv(), LC_ALL: 'C.UTF-8', ...spawnOptions.env } });
  if (result.error) throw result.error;
  const status = result.status ?? -1;
  const stdout = Buffer.isBuffer(result.stdout) ? result.stdout : Buffer.from(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (status !== 0 && !allowFailure) throw new Error(`${command} ${args.join(' ')} exited ${status}: ${stderr}`);
  return { status, stdout, stderr };
}

/** Run a python3 script (given as text) with arguments; returns its stdout parsed as JSON. */
export function python<T>(script: string, args: readonly string[]): T {
  return JSON.parse(tool('python3', ['-c', script, ...args]).stdout.toString('utf8')) as T;
}

/** One tar member as python's tarfile reads it. */
export interface TarMember {
  name: string;
  /** '0' regular file, '5' directory, ... */
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  size: number;
  pax: Record<string, string>;
  linkname: string;
  devmajor: number;
  devminor: number;
}

const TAR_MEMBERS = `
import json, sys, tarfile
out = []
with tarfile.open(sys.argv[1], 'r:gz') as t:
    for m in t.getmembers():
        out.append(dict(name=m.name, type=m.type.decode('latin-1'), mode=m.mode, uid=m.uid, gid=m.gid,
                        uname=m.uname, gname=m.gname, mtime=m.mtime, size=m.size, pax=m.pax_headers,
                        linkname=m.linkname, devmajor=m.devmajor, devminor=m.devminor))
print(json.dumps(out))
`;

/** The members of a .tar.gz, read by python's tarfile (note: it drops a directory's trailing slash). */
export function tarMembers(archivePath: string): TarMember[] {
  return python<TarMember[]>(TAR_MEMBERS, [archivePath]);
}

/** One zip entry as python's zipfile reads it, plus the local header's extra-field length. */
export interface ZipEntry {
  name: string;
  date_time: number[];
  create_system: number;
  external_attr: number;
  /** Central directory extra field, hex. */
  extra: string;
  /** Extra field length in the entry's local header. */
  local_extra_len: number;
  flag_bits: number;
  compress_type: number;
  file_size: number;
  compress_size: number;
  CRC: number;
  is_dir: boolean;
  comment: string;
  /** The local header's flags, CRC and sizes (zero when a data descriptor follows the data). */
  local: { flags: number; crc: number; compress_size: number; file_size: number };
  /** The data descriptor after the data (signature, CRC, compressed size, size), if the entry has one. */
  descriptor: number[] | null;
}

const ZIP_ENTRIES = `
import json, struct, sys, zipfile
data = open(sys.argv[1], 'rb').read()
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    out = []
    for i in z.infolist():
        sig, = struct.unpack_from('<I', data, i.header_offset)
        assert sig == 0x04034b50, 'no local header at %d' % i.header_offset
        lflags, = struct.unpack_from('<H', data, i.header_offset + 6)
        lcrc, lcsize, lsize, name_len, extra_len = struct.unpack_from('<IIIHH', data, i.header_offset + 14)
        end = i.header_offset + 30 + name_len + extra_len + i.compress_size
        descriptor = list(struct.unpack_from('<IIII', data, end)) if i.flag_bits & 8 else None
        out.append(dict(name=i.filename, date_time=list(i.date_time), create_system=i.create_system,
                        external_attr=i.external_attr, extra=i.extra.hex(), local_extra_len=extra_len,
                        flag_bits=i.flag_bits, compress_type=i.compress_type, file_size=i.file_size,
                        compress_size=i.compress_size, CRC=i.CRC, is_dir=i.is_dir(), comment=i.comment.hex(),
                        local=dict(flags=lflags, crc=lcrc, compress_size=lcsize, file_size=lsize),
                        descriptor=descriptor))
    print(json.dumps(dict(bad=bad, comment=z.comment.hex(), entries=out)))
`;

/** The entries of a .zip read by python's zipfile (which also CRC-checks every entry). */
export function zipEntries(archivePath: string): { bad: string | null; comment: string; entries: ZipEntry[] } {
  return python(ZIP_ENTRIES, [archivePath]);
}

/** Extract with GNU tar into a new folder under `into`. */
export function extractTar(archivePath: string, into: string): void {
  tool('tar', ['-xzf', archivePath, '-C', into]);
}

/** Extract with python's zipfile into `into`. */
export function extractZip(archivePath: string, into: string): void {
  tool('python3', ['-c', 'import sys, zipfile\nzipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', archivePath, into]);
}

/** `sha256:<hex>` of a file's bytes, computed here. */
export function sha256File(path: string): string {
  return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

/** The names in a folder, sorted (to compare before/after). */
export function listDir(path: string): string[] {
  return readdirSync(path).sort();
}

/** Every file below `root` as `relative path -> content`, for comparing trees. */
export function readTree(root: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) for (const [p, c] of readTree(root, rel)) out.set(p, c);
    else out.set(rel, readFileSync(join(root, rel)));
  }
  return out;
}

/**
 * Byte ranges of the DOS time and date fields of every local and central header of a zip
 * (EOCD without comment at the end), parsed from the raw bytes.
 */
export function zipTimeFieldOffsets(zip: Buffer): number[] {
  const eocd = zip.length - 22;
  if (zip.readUInt32LE(eocd) !== 0x06054b50) throw new Error('no end-of-central-directory record at the end');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`no central header at ${p}`);
    for (let k = 12; k < 16; k++) offsets.push(p + k);
    const local = zip.readUInt32LE(p + 42);
    for (let k = 10; k < 14; k++) offsets.push(local + k);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return offsets;
}

/** git in `cwd` with a fixed identity and no system/global configuration. */
export function git(cwd: string, ...args: string[]): string {
  return tool('git', ['-c', 'user.name=Packreg Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  })
    .stdout.toString('utf8')
    .trim();
}

const ZIP_STREAM_JAVA = `
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.zip.*;

public class ZipStreamCheck {
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(new FileInputStream(args[0])), StandardCharsets.UTF_8)) {
      byte[] buf = new byte[65536];
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        long n = 0;
        CRC32 crc = new CRC32();
        int r;
        while ((r = in.read(buf)) > 0) { n += r; crc.update(buf, 0, r); }
        out.println(e.getName() + "\\t" + n + "\\t" + crc.getValue());
      }
    }
  }
}
`;

/**
 * Read a zip front to back with Java's ZipInputStream, a streaming reader that trusts the
 * local headers and checks each data descriptor against what it inflated. Undefined when no
 * `java` is on PATH.
 */
export function javaZipStream(zipPath: string): { name: string; size: number; crc: number }[] | undefined {
  if (spawnSync('java', ['-version']).error) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'packreg-java-'));
  try {
    writeFileSync(join(dir, 'ZipStreamCheck.java'), ZIP_STREAM_JAVA);
    const text = tool('java', [join(dir, 'ZipStreamCheck.java'), zipPath]).stdout.toString('utf8');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [name, size, crc] = line.split('\t');
        return { name, size: Number(size), crc: Number(crc) };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
