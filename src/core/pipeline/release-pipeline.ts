import { resolve } from 'node:path';
import { buildArchive } from '../archive/build.js';
import type { ArchiveResult, ArchiveSettings } from '../archive/build.js';
import type { CoreDeps } from '../deps.js';
import { IntegrityError, UsageError } from '../errors.js';
import { writeTextAtomic } from '../fs/atomic-file.js';
import type { RepoGit } from '../git/repo-git.js';
import type { GitHubApi, RepoName } from '../github/github-api.js';
import { handOffEntry } from '../handoff/handoff.js';
import type { HandoffResult, HandoffSettings, HandoffSource } from '../handoff/handoff.js';
import { parseDigest } from '../hash/algorithms.js';
import { canonicalEntry, stringifyCanonical } from '../index/canonical-json.js';
import { buildIndexEntry } from '../index/entry-builder.js';
import type { IndexEntry } from '../index/model.js';
import { publish } from '../publish/publish.js';
import type { PublishDeps, PublishSettings } from '../publish/publish.js';
import { attachReleaseAsset } from '../release/release-asset.js';

/** Where the archive goes. */
export type PublishTarget =
  /** Attach it to the GitHub release of `tag` in `repository`. */
  | { readonly kind: 'github-release'; readonly repository: RepoName; readonly tag: string }
  /** Publish it to an S3 (or folder) registry; the pipeline fills in the pack and source fields. */
  | { readonly kind: 's3'; readonly settings: S3Target }
  /** Publish nothing; the entry's archive source is `archiveUrl` when given (uploaded elsewhere). */
  | { readonly kind: 'none'; readonly archiveUrl?: string };

/** The publish-to-s3 settings that are not shared with the archive and the entry. */
export type S3Target = Pick<PublishSettings, 'registry' | 'baseUrl' | 'registryName' | 'connection' | 'skipExisting' | 'names'>;

/** The whole pack-release pipeline: archive, checksum, publish, entry, handoff. */
export interface ReleaseSettings {
  /** The archive (and the release tag check, `archive.tag`). */
  readonly archive: ArchiveSettings;
  readonly publish: PublishTarget;
  /** The entry's git source: clone URL and the commit it pins (omit gitUrl for no git source). */
  readonly entry: {
    readonly gitUrl?: string;
    readonly gitRef?: string;
    readonly allowMutableRef?: boolean;
    readonly meta?: Readonly<Record<string, string>>;
    /** Where the entry file is written (absolute). */
    readonly output: string;
  };
  /** Hand the entry to a registry repository; omitted: no handoff. */
  readonly handoff?: Omit<HandoffSettings, 'entry' | 'source' | 'now'>;
  readonly source?: HandoffSource;
  /** The folder the archive is written to when `archive.out` is not given; default `archive.cwd`. */
  readonly archiveDir?: string;
  readonly now: Date;
}

/** The edges the pipeline reaches; `github` for the release, `registryGitHub` for the handoff. */
export interface ReleaseDeps extends CoreDeps, Pick<PublishDeps, 'openStore'> {
  readonly repoGit?: RepoGit;
  readonly github?: GitHubApi;
  readonly registryGitHub?: GitHubApi;
}

export interface ReleaseResult {
  readonly archive: ArchiveResult;
  readonly publish: PublishTarget['kind'];
  /** Where the archive can be downloaded from ('' when it was not published). */
  readonly archiveUrl: string;
  /** The archive was already published with these exact bytes (a re-run). */
  readonly alreadyPublished: boolean;
  readonly entry: IndexEntry;
  readonly entryPath: string;
  readonly handoff?: HandoffResult;
}

/**
 * Release one pack version in one step, in the order that never leaves a reference to
 * something missing: build the archive (after the tag check), publish it, build the entry
 * pointing at it, write the entry file, then hand the entry to the registry. Every stage is
 * idempotent, so re-running the release of a tag succeeds without changing anything.
 */
export async function releasePack(settings: ReleaseSettings, deps: ReleaseDeps): Promise<ReleaseResult> {
  checkEdges(settings, deps);
  const archive = await buildArchive(archiveIn(settings), deps);
  const published = await publishArchive(settings, archive, deps);
  const entry = published.entry ?? (await entryFor(settings, archive, published.archiveUrl, deps));
  const entryPath = settings.entry.output;
  await writeTextAtomic(entryPath, stringifyCanonical(canonicalEntry(entry)), 'the entry file');
  const handoff = settings.handoff && (await handOff(settings, entry, deps));
  return { archive, publish: settings.publish.kind, archiveUrl: published.archiveUrl, alreadyPublished: published.alreadyPublished, entry, entryPath, handoff };
}

/** The archive settings with paths made absolute, so only the default output lands in `archiveDir`. */
function archiveIn(settings: ReleaseSettings): ArchiveSettings {
  const a = settings.archive;
  if (!settings.archiveDir || a.out) return a;
  return { ...a, packDir: resolve(a.cwd, a.packDir), cwd: settings.archiveDir };
}

/** Missing clients are a caller's bug in wiring, reported before anything is built. */
function checkEdges(settings: ReleaseSettings, deps: ReleaseDeps): void {
  if (settings.publish.kind === 'github-release' && !deps.github) throw new UsageError('publishing to a GitHub release needs a GitHub token');
  if (settings.handoff && (!deps.registryGitHub || !deps.repoGit)) throw new UsageError('the handoff to a registry repository needs a token for it');
}

interface Published {
  readonly archiveUrl: string;
  readonly alreadyPublished: boolean;
  /** The entry the registry holds (S3), which the pipeline then hands on unchanged. */
  readonly entry?: IndexEntry;
}

async function publishArchive(settings: ReleaseSettings, archive: ArchiveResult, deps: ReleaseDeps): Promise<Published> {
  const target = settings.publish;
  if (target.kind === 'none') return { archiveUrl: target.archiveUrl ?? '', alreadyPublished: false };
  if (target.kind === 'github-release') {
    const github = deps.github as GitHubApi;
    const result = await attachReleaseAsset({ repository: target.repository, tag: target.tag, archivePath: archive.path, checksum: archive.checksum }, { logger: deps.logger, github });
    return { archiveUrl: result.archiveUrl, alreadyPublished: result.alreadyPublished };
  }
  const a = settings.archive;
  const result = await publish(
    {
      ...target.settings,
      packDir: a.packDir,
      gitUrl: settings.entry.gitUrl,
      gitRef: settings.entry.gitUrl ? settings.entry.gitRef : a.gitRef,
      format: a.format,
      noGit: a.noGit,
      exclude: a.exclude,
      mtime: a.mtime,
      meta: settings.entry.meta,
      dryRun: false,
      now: settings.now,
      cwd: a.cwd,
    },
    deps,
  );
  // publish builds its own archive from the same tree and time: a reproducible build gives the same bytes.
  if (!result.alreadyPublished && result.checksum !== archive.checksum) {
    throw new IntegrityError(`the archive published to ${result.registry} (${result.checksum}) differs from ${archive.path} (${archive.checksum}); set git-ref to the released commit so both are built from the same tree`);
  }
  return { archiveUrl: result.archiveUrl, alreadyPublished: result.alreadyPublished, entry: result.published };
}

async function entryFor(settings: ReleaseSettings, archive: ArchiveResult, archiveUrl: string, deps: CoreDeps): Promise<IndexEntry> {
  const e = settings.entry;
  const built = await buildIndexEntry(
    {
      packDir: settings.archive.packDir,
      gitUrl: e.gitUrl,
      gitRef: e.gitUrl ? e.gitRef : undefined,
      allowMutableRef: e.allowMutableRef,
      archiveUrl: archiveUrl || undefined,
      archiveChecksum: archiveUrl ? parseDigest(archive.checksum) : undefined,
      meta: e.meta,
      cwd: settings.archive.cwd,
    },
    deps,
  );
  return built.entry;
}

function handOff(settings: ReleaseSettings, entry: IndexEntry, deps: ReleaseDeps): Promise<HandoffResult> {
  const handoff = settings.handoff as NonNullable<ReleaseSettings['handoff']>;
  return handOffEntry({ ...handoff, entry, source: settings.source, now: settings.now }, { logger: deps.logger, github: deps.registryGitHub as GitHubApi, repoGit: deps.repoGit as RepoGit });
}
