import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { CoreDeps } from '../deps.js';
import { fsInputError, InputError, IntegrityError, messageOf, PackregError, RemoteError } from '../errors.js';
import { formatDigest } from '../hash/algorithms.js';
import { nodeProcessRunner } from '../process/runner.js';
import type { ProcessRunner } from '../process/runner.js';
import { gitTree } from '../tree/git-tree.js';
import { GitFetcher } from './git-source-fetch.js';
import { checkGitUrl, parseExpectedChecksum, parseGitRef } from './git-source-request.js';
import type { GitUrl } from './git-source-request.js';
import { trackedPathProblem, writePackTree } from './git-source-write.js';

/** One pack to take from a git repository. */
export interface GitSourceRequest {
  /** https:// (http:// only with `allowHttp`) or file://; never ssh, git://, `ext::` or credentials. */
  readonly url: string;
  /** A full commit id (registry entries), a tag or a branch (`--ref`); default: the remote's default branch. */
  readonly ref?: string;
  /** `sha256:<hex>` framed checksum the tree must have; a mismatch is an IntegrityError. */
  readonly expectedChecksum?: string;
  readonly allowHttp: boolean;
  /** For all git network work together; a git still running then is killed. */
  readonly timeoutMs: number;
}

/** A pack written from a git repository. */
export interface GitSourceResult {
  /** The folder the pack was written to (absolute). */
  readonly dir: string;
  /** The commit the files come from. */
  readonly commit: string;
  /** `sha256:<hex>` framed checksum of exactly the files written. */
  readonly checksum: string;
  /** Number of files written. */
  readonly files: number;
}

/** {@link CoreDeps}, plus what runs git for the fetch (the real command line unless a test wraps it). */
export interface GitSourceDeps extends CoreDeps {
  readonly runner?: ProcessRunner;
}

/**
 * Fetch the pack tree at `request.ref` into `into`, which must not exist: it is created,
 * and removed entirely on any failure. The repository is fetched into a temporary folder
 * beside `into` (removed whatever happens); the files written are those `gitTree` gives at
 * the commit (tracked, minus `export-ignore`), hashed as they are written.
 *
 * Errors: a refused URL, ref or checksum format is a UsageError (before anything runs); a
 * remote that cannot be reached or read, or a timeout, is a RemoteError; a ref or commit
 * the remote does not have, or a tree packreg refuses to install, is an InputError (the
 * request names something that is not there: retrying will not help); a checksum that
 * does not match is an IntegrityError.
 */
export async function fetchGitSource(request: GitSourceRequest, into: string, deps: GitSourceDeps): Promise<GitSourceResult> {
  const url = checkGitUrl(request.url, request.allowHttp);
  const ref = parseGitRef(request.ref);
  const expected = request.expectedChecksum === undefined ? undefined : parseExpectedChecksum(request.expectedChecksum);
  const dir = resolve(into);
  await claim(dir);
  let clone: string | undefined;
  try {
    clone = await mkdtemp(join(dirname(dir), `.${basename(dir)}.git-`)).catch((error: unknown) => {
      throw fsInputError(error, 'folder for the temporary repository', dirname(dir));
    });
    deps.logger.info(`fetching ${url.shown}${request.ref === undefined ? '' : ` at ${request.ref}`}`);
    const fetcher = new GitFetcher(deps.runner ?? nodeProcessRunner, clone, url, request.timeoutMs, deps.logger);
    const commit = await fetcher.fetch(ref);
    const digest = await readInto(deps, clone, commit, url, dir);
    const checksum = formatDigest(digest);
    if (expected !== undefined && checksum !== expected) {
      throw new IntegrityError(
        `${url.shown} at commit ${commit}: the pack tree has checksum ${checksum}, but ${expected} was expected; the repository's content changed since the checksum was recorded (or was tampered with). Nothing was installed`,
        expected,
        checksum,
      );
    }
    return { dir, commit, checksum, files: digest.files };
  } catch (error) {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch((cleanup: unknown) => {
      deps.logger.warning(`could not remove ${dir} after a failed install: ${messageOf(cleanup)}; remove it by hand`);
    });
    throw error;
  } finally {
    if (clone !== undefined) {
      // maxRetries: a git killed at the timeout may still be finishing writes in there.
      await rm(clone, { recursive: true, force: true, maxRetries: 5 }).catch((cleanup: unknown) => {
        deps.logger.warning(`could not remove the temporary repository ${clone}: ${messageOf(cleanup)}; remove it by hand`);
      });
    }
  }
}

/** Create `dir` (and its parents); an existing `dir` is refused, and never removed. */
async function claim(dir: string): Promise<void> {
  try {
    await mkdir(dirname(dir), { recursive: true });
    await mkdir(dir, { mode: 0o755 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new InputError(`pack folder ${dir} already exists; remove it first, or install somewhere else`, { cause: error });
    }
    throw fsInputError(error, 'pack folder', dir);
  }
}

/**
 * Write the pack tree at `commit` of the clone into `dir`. Paths are checked before gitTree
 * runs, since git itself fails on hostile ones with messages about the temporary clone;
 * errors name the URL instead of that clone.
 */
async function readInto(deps: CoreDeps, clone: string, commit: string, url: GitUrl, dir: string) {
  const origin = `${url.shown} at commit ${commit}`;
  let tree;
  try {
    for (const blob of await deps.git.listTree(clone, commit, '')) {
      const problem = trackedPathProblem(blob.path);
      if (problem) throw new InputError(`${origin}: ${problem}`);
    }
    tree = await gitTree(deps.git, { top: clone, prefix: '' }, commit, deps.logger);
  } catch (error) {
    if (!(error instanceof InputError || error instanceof RemoteError) || error.message.startsWith(origin)) throw error;
    const message = `${origin}: ${error.message.split(` of ${clone}`).join('').split(clone).join(url.shown)}`;
    const Kind: new (message: string, options?: { cause?: unknown }) => PackregError = error instanceof InputError ? InputError : RemoteError;
    throw new Kind(message, { cause: error });
  }
  return writePackTree({ origin, files: () => tree.files() }, dir);
}
