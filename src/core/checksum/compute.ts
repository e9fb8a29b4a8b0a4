import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CoreDeps } from '../deps.js';
import { fsInputError, UsageError } from '../errors.js';
import type { Algorithm, Digest } from '../hash/algorithms.js';
import { formatDigest } from '../hash/algorithms.js';
import { digestFile } from '../hash/file-digest.js';
import { openPackSource } from '../tree/pack-source.js';
import { treeDigest } from './framed.js';

/** What `packreg checksum` and the checksum action compute. */
export interface ChecksumSettings {
  /** A file (hash of its bytes) or a directory (framed directory checksum). */
  readonly path: string;
  /** For files; directories are always sha256. Default sha256. */
  readonly algorithm?: Algorithm;
  /** Compare with this digest. */
  readonly expect?: Digest;
  /** For directories: hash the tree tracked at this commit instead of the files on disk. */
  readonly gitRef?: string;
}

/** The result; `match` is set when an expected digest was given. */
export interface ChecksumResult extends Digest {
  readonly path: string;
  /** `file`: bytes of a file; `directory`: files on disk; `git`: tree tracked at a commit. */
  readonly kind: 'file' | 'directory' | 'git';
  /** `algorithm:hex`. */
  readonly checksum: string;
  /** File size in bytes, or total content bytes of a tree. */
  readonly bytes: number;
  /** Number of files hashed (trees only). */
  readonly files?: number;
  /** The commit hashed (git only). */
  readonly commit?: string;
  readonly expected?: string;
  readonly match?: boolean;
}

/** Compute a file or directory checksum, and compare it when `expect` is given. */
export async function computeChecksum(settings: ChecksumSettings, deps: CoreDeps): Promise<ChecksumResult> {
  const path = resolve(settings.path);
  const info = await stat(path).catch((error: unknown) => {
    throw fsInputError(error, 'path', path);
  });
  const result = info.isDirectory() ? await directoryChecksum(path, settings, deps) : await fileChecksum(path, settings);
  if (!settings.expect) return result;
  const expected = formatDigest(settings.expect);
  return { ...result, expected, match: expected === result.checksum };
}

async function fileChecksum(path: string, settings: ChecksumSettings): Promise<ChecksumResult> {
  if (settings.gitRef !== undefined) {
    throw new UsageError(`--git-ref applies to directories; ${path} is a file. Drop --git-ref, or give the pack directory`);
  }
  const algorithm = settings.expect?.algorithm ?? settings.algorithm ?? 'sha256';
  if (settings.expect && settings.algorithm && settings.algorithm !== settings.expect.algorithm) {
    throw new UsageError(`--algorithm ${settings.algorithm} contradicts --expect ${settings.expect.algorithm}:...; give one of them`);
  }
  const digest = await digestFile(path, algorithm);
  return { path, kind: 'file', algorithm, hex: digest.hex, checksum: formatDigest(digest), bytes: digest.size };
}

async function directoryChecksum(path: string, settings: ChecksumSettings, deps: CoreDeps): Promise<ChecksumResult> {
  const requested = settings.expect?.algorithm ?? settings.algorithm;
  if (requested && requested !== 'sha256') {
    throw new UsageError(`directory checksums are always sha256 (the framed attune-pack-file-v1 checksum); drop --algorithm ${requested}`);
  }
  const source = await openPackSource({ packDir: path, gitRef: settings.gitRef }, deps.git, deps.logger);
  const digest = await treeDigest(await source.tree());
  return {
    path,
    kind: source.kind,
    algorithm: 'sha256',
    hex: digest.hex,
    checksum: formatDigest(digest),
    bytes: digest.bytes,
    files: digest.files,
    commit: source.commit,
  };
}
