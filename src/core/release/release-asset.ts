import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fsInputError, InputError, IntegrityError } from '../errors.js';
import type { GitHubApi, Release, ReleaseAsset, RepoName } from '../github/github-api.js';
import { isApiStatus, repoText } from '../github/github-api.js';
import { digestFile } from '../hash/file-digest.js';
import type { Logger } from '../logger.js';

/** Which archive goes to which release. */
export interface ReleaseAssetSettings {
  readonly repository: RepoName;
  /** The release's tag, which must exist in the repository. */
  readonly tag: string;
  /** The archive file; its file name is the asset's name. */
  readonly archivePath: string;
  /** `sha256:<hex>` of the archive when the caller just built it; otherwise the file is hashed. */
  readonly checksum?: string;
}

/** The edges attachReleaseAsset reaches out through. */
export interface ReleaseAssetDeps {
  readonly logger: Logger;
  readonly github: GitHubApi;
}

/** Where the archive is now. */
export interface ReleaseAssetResult {
  /** The asset's download URL (`browser_download_url`): the archive install source URL. */
  readonly archiveUrl: string;
  /** The release page. */
  readonly releaseUrl: string;
  /** `sha256:<hex>` of the archive. */
  readonly checksum: string;
  /** True when the release already held these exact bytes under this name, so nothing was uploaded. */
  readonly alreadyPublished: boolean;
}

/**
 * Attach an archive to the GitHub release of `tag`, creating the release (named after the
 * tag) when there is none. A released archive never changes: an asset of the same name with
 * the same sha256 makes this a no-op (a re-run of the release workflow succeeds), one with
 * other bytes fails with both checksums and nothing uploaded. The archive is hashed and
 * uploaded as streams, so its size does not matter.
 */
export async function attachReleaseAsset(settings: ReleaseAssetSettings, deps: ReleaseAssetDeps): Promise<ReleaseAssetResult> {
  const { repository, tag, archivePath } = settings;
  const size = await archiveSize(archivePath);
  const checksum = settings.checksum ?? `sha256:${(await digestFile(archivePath, 'sha256')).hex}`;
  const name = basename(archivePath);
  const release = await releaseOf(repository, tag, name, checksum, deps);
  const existing = release.assets.find((a) => a.name === name);
  if (existing) return published(existing, release);
  let asset: ReleaseAsset;
  try {
    asset = await deps.github.uploadAsset(release, { name, path: archivePath, size, contentType: contentType(name) });
  } catch (error) {
    // 422: another run uploaded the same name meanwhile; its bytes decide, as above.
    if (!isApiStatus(error, 422)) throw error;
    const raced = (await deps.github.getReleaseByTag(repository, tag))?.assets.find((a) => a.name === name);
    if (!raced) throw error;
    return published(raced, release);
  }
  if (asset.digest?.startsWith('sha256:') && asset.digest !== checksum) {
    throw new IntegrityError(`GitHub reports ${asset.digest} for the uploaded ${name}, but ${archivePath} is ${checksum}; the upload was corrupted or the file changed during it: delete the asset and run again`, checksum, asset.digest);
  }
  deps.logger.info(`uploaded ${name} (${size} bytes, ${checksum}) to release ${tag} of ${repoText(repository)}: ${asset.url}`);
  return { archiveUrl: asset.url, releaseUrl: release.url, checksum, alreadyPublished: false };

  /** An asset of the same name is fine only with the same bytes. */
  async function published(found: ReleaseAsset, at: Release): Promise<ReleaseAssetResult> {
    await assertSameBytes(found, checksum, settings, deps);
    deps.logger.info(`release ${tag} of ${repoText(repository)} already has ${name} with ${checksum}; nothing to upload`);
    return { archiveUrl: found.url, releaseUrl: at.url, checksum, alreadyPublished: true };
  }
}

/** The archive's size; a missing or non-regular file is an input error naming it. */
async function archiveSize(path: string): Promise<number> {
  const info = await stat(path).catch((error: unknown) => {
    throw fsInputError(error, 'archive', path);
  });
  if (!info.isFile()) throw new InputError(`archive ${path} is not a regular file; give the path of the built archive (build-archive's path output)`);
  return info.size;
}

/** The release of `tag`, created when missing; the tag itself must exist, or GitHub would create it at the default branch. */
async function releaseOf(repository: RepoName, tag: string, name: string, checksum: string, deps: ReleaseAssetDeps): Promise<Release> {
  const found = await deps.github.getReleaseByTag(repository, tag);
  if (found) return found;
  if (!(await deps.github.getTag(repository, tag))) {
    throw new InputError(`tag ${tag} does not exist in ${repoText(repository)}; push the tag first (a release made without it would tag the default branch's head)`);
  }
  try {
    const created = await deps.github.createRelease(repository, { tag, name: tag, body: `${name}\n\n${checksum}\n` });
    deps.logger.info(`created release ${tag} of ${repoText(repository)}: ${created.url}`);
    return created;
  } catch (error) {
    // 422: a concurrent run created it first.
    if (!isApiStatus(error, 422)) throw error;
    const raced = await deps.github.getReleaseByTag(repository, tag);
    if (!raced) throw error;
    return raced;
  }
}

/** An IntegrityError unless the asset holds the archive's bytes (by GitHub's digest, else by downloading it). */
async function assertSameBytes(asset: ReleaseAsset, checksum: string, settings: ReleaseAssetSettings, deps: ReleaseAssetDeps): Promise<void> {
  const theirs = asset.digest?.startsWith('sha256:') ? asset.digest : await downloadedDigest(asset, settings.repository, deps);
  if (theirs === checksum) return;
  throw new IntegrityError(
    `release ${settings.tag} of ${repoText(settings.repository)} already has ${asset.name} with ${theirs}, but ${settings.archivePath} is ${checksum}; a released archive never changes: raise the version and release again`,
    theirs,
    checksum,
  );
}

/** sha256 of an asset GitHub gives no digest for (uploaded before it computed them), streamed. */
async function downloadedDigest(asset: ReleaseAsset, repository: RepoName, deps: ReleaseAssetDeps): Promise<string> {
  deps.logger.info(`${asset.name} has no digest on GitHub; downloading it to compare`);
  const hash = createHash('sha256');
  for await (const chunk of await deps.github.downloadAsset(repository, asset.id)) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

function contentType(name: string): string {
  if (/\.(tar\.gz|tgz)$/.test(name)) return 'application/gzip';
  if (name.endsWith('.zip')) return 'application/zip';
  return 'application/octet-stream';
}
