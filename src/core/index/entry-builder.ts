import { resolve } from 'node:path';
import { treeDigest } from '../checksum/framed.js';
import type { CoreDeps } from '../deps.js';
import { InputError, UsageError } from '../errors.js';
import type { GitLocation } from '../git/git.js';
import type { Digest } from '../hash/algorithms.js';
import { formatDigest } from '../hash/algorithms.js';
import { digestFile } from '../hash/file-digest.js';
import { directoryPackFiles, formatProblem, inventory, parseManifest, readManifestSource } from '../pack/index.js';
import type { PackContents, PackFiles, PackManifest } from '../pack/index.js';
import { assertDirectory } from '../tree/fs-tree.js';
import { gitPackFiles } from '../tree/git-pack-files.js';
import { gitTree } from '../tree/git-tree.js';
import { detectLicense, LICENSE_FILES } from './license-detect.js';
import type { IndexEntry, InstallSource } from './model.js';
import { checkSourceUrl } from './source-urls.js';
import { entryProblems, formatIndexProblems } from './index-rules.js';
import type { UrlScope } from './index-rules.js';

const COMMIT_SHA = /^[0-9a-f]{40}$/;

/** What `packreg index-entry` and the index-entry action build an entry from. */
export interface EntrySettings {
  readonly packDir: string;
  readonly gitUrl?: string;
  /** The commit the git source pins: a 40-character SHA (or, with allowMutableRef, any revision). */
  readonly gitRef?: string;
  readonly allowMutableRef?: boolean;
  readonly archiveUrl?: string;
  /** The archive's sha256, given... */
  readonly archiveChecksum?: Digest;
  /** ...or computed from the archive file. */
  readonly archiveFile?: string;
  /** `local`: the archive URL may be a file:/// URL (a local development registry). */
  readonly scope?: UrlScope;
  /** Extra `meta` fields (they win over computed ones). */
  readonly meta?: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** The entry and how it was made. */
export interface EntryResult {
  readonly entry: IndexEntry;
  /** The commit the manifest, contents and git checksum were read from. */
  readonly commit?: string;
}

/**
 * Build one index entry the way Attune's index builder does: fields from pack.yaml with the
 * builder's fallbacks, contents from the component files, the git source's framed tree
 * checksum computed at the pinned commit and the archive source's sha256 of the archive
 * bytes. Nothing is downloaded; no checksum serves both sources.
 */
export async function buildIndexEntry(settings: EntrySettings, deps: CoreDeps): Promise<EntryResult> {
  checkSourceRules(settings);
  const packDir = resolve(settings.cwd, settings.packDir);
  assertDirectory(packDir, 'pack directory');
  const pinned = settings.gitUrl ? await pinCommit(settings, packDir, deps) : undefined;
  const files = pinned ? await gitPackFiles(deps.git, pinned.location, pinned.commit) : directoryPackFiles(packDir);
  const manifest = await readManifest(files, pinned ? `commit ${pinned.commit} of ${packDir}` : packDir, deps);
  const contents = await readContents(files, manifest);
  const sources: InstallSource[] = [];
  if (pinned && settings.gitUrl) {
    const tree = await gitTree(deps.git, pinned.location, pinned.commit, deps.logger);
    const checksum = formatDigest(await treeDigest(tree));
    sources.push({ type: 'git', url: settings.gitUrl, ref: pinned.ref, checksum });
  }
  if (settings.archiveUrl) sources.push({ type: 'archive', url: settings.archiveUrl, checksum: await archiveChecksum(settings) });
  const license = manifest.license ?? (await repositoryLicense(files, pinned, deps)) ?? 'NOASSERTION';
  const entry = assemble(manifest, contents, sources, license, settings, pinned?.commit);
  const problems = entryProblems(entry, 'custom', '', settings.scope);
  if (problems.length > 0) {
    throw new InputError(`the entry built from ${packDir} is not a valid Attune index entry:\n${formatIndexProblems(problems)}\nFix pack.yaml (or the flags) and try again`);
  }
  return { entry, commit: pinned?.commit };
}

function checkSourceRules(s: EntrySettings): void {
  // Half a source first: "--git-ref needs --git-url" helps more than "no source at all".
  if (s.gitRef && !s.gitUrl) throw new UsageError('--git-ref needs --git-url: the https URL of the repository');
  if (!s.archiveUrl && (s.archiveChecksum || s.archiveFile)) throw new UsageError('--archive-checksum and --archive-file need --archive-url');
  if (!s.gitUrl && !s.archiveUrl) throw new UsageError('an entry needs at least one install source: give --git-url with --git-ref, and/or --archive-url');
  if (s.gitUrl && !s.gitRef) throw new UsageError('--git-url needs --git-ref: the full 40-character commit SHA the source pins');
  if (s.archiveUrl && !s.archiveChecksum === !s.archiveFile) {
    throw new UsageError('--archive-url needs exactly one of --archive-checksum sha256:HEX or --archive-file FILE');
  }
  if (s.archiveChecksum && s.archiveChecksum.algorithm !== 'sha256') {
    throw new UsageError(`--archive-checksum must be sha256 (the index schema accepts only sha256), got ${s.archiveChecksum.algorithm}`);
  }
  if (s.gitUrl) checkSourceUrl(s.gitUrl, '--git-url');
  if (s.archiveUrl) checkSourceUrl(s.archiveUrl, '--archive-url', { allowFile: s.scope === 'local' });
}

interface Pinned {
  readonly location: GitLocation;
  readonly commit: string;
  /** What the entry records as the git source's ref. */
  readonly ref: string;
}

async function pinCommit(s: EntrySettings, packDir: string, deps: CoreDeps): Promise<Pinned> {
  const location = await deps.git.locate(packDir);
  if (!location) throw new InputError(`--git-url: ${packDir} is not inside a git work tree, so the tree at --git-ref cannot be hashed; run in a clone of the pack repository`);
  const rev = s.gitRef!;
  const commit = await deps.git.resolveCommit(location.top, rev);
  if (COMMIT_SHA.test(rev)) return { location, commit, ref: commit };
  if (!s.allowMutableRef) {
    throw new UsageError(
      `--git-ref "${rev}" is not a full commit SHA (it resolves to ${commit} today, but a tag or branch can move). ` +
        `Pin the commit: --git-ref ${commit}, or pass --allow-mutable-ref for a development index`,
    );
  }
  deps.logger.warning(`git source ref "${rev}" is mutable (now ${commit}); production indices must pin a 40-character commit SHA`);
  return { location, commit, ref: rev };
}

async function readManifest(files: PackFiles, where: string, deps: CoreDeps): Promise<PackManifest> {
  const { file, text } = await readManifestSource(files, where);
  const parsed = parseManifest(text, file);
  for (const warning of parsed.warnings) deps.logger.warning(formatProblem(file, warning));
  if (!parsed.manifest) {
    throw new InputError(`${file} in ${where} is not a valid pack manifest:\n${parsed.errors.map((p) => `  ${formatProblem(file, p)}`).join('\n')}`);
  }
  if (!parsed.manifest.author) throw new InputError(`${file} in ${where} has no author; an index entry needs one: add author: "Your Name"`);
  return parsed.manifest;
}

async function readContents(files: PackFiles, manifest: PackManifest): Promise<PackContents> {
  const { contents, problems } = await inventory(files, manifest.ref);
  if (problems.length > 0) {
    throw new InputError(`the pack's components have problems:\n${problems.map((p) => `  ${formatProblem(p.file ?? '', p)}`).join('\n')}`);
  }
  return contents;
}

async function archiveChecksum(s: EntrySettings): Promise<string> {
  if (s.archiveChecksum) return formatDigest(s.archiveChecksum);
  return formatDigest(await digestFile(resolve(s.cwd, s.archiveFile!), 'sha256'));
}

/** The repository's license: a LICENSE file at the pack root, else at the repository top. */
async function repositoryLicense(files: PackFiles, pinned: Pinned | undefined, deps: CoreDeps): Promise<string | undefined> {
  const places = [files];
  if (pinned && pinned.location.prefix !== '') places.push(await gitPackFiles(deps.git, { top: pinned.location.top, prefix: '' }, pinned.commit));
  for (const place of places) {
    const names = await place.listFiles('');
    const name = LICENSE_FILES.find((n) => names.includes(n));
    if (name) return detectLicense(await place.readText(name));
  }
  return undefined;
}

function assemble(m: PackManifest, contents: PackContents, sources: InstallSource[], license: string, s: EntrySettings, commit: string | undefined): IndexEntry {
  const raw = m.raw;
  const category = text(raw.category) ?? text(m.meta?.category) ?? 'uncategorized';
  const meta: Record<string, unknown> = { category, ...(commit ? { commit } : {}), ...(s.meta ?? {}) };
  const gitUrl = sources.find((x) => x.type === 'git')?.url;
  const entry: IndexEntry = {
    ref: m.ref,
    label: m.label,
    description: m.description,
    version: m.version,
    author: m.author!,
    license,
    keywords: m.keywords,
    runtime_deps: m.runtimeDeps,
    install_sources: sources,
    contents: contents as IndexEntry['contents'],
    meta,
  };
  const repository = m.repository ?? (gitUrl ? gitUrl.replace(/\.git$/, '') : undefined);
  if (repository) entry.repository = repository;
  if (m.email) entry.email = m.email;
  if (m.homepage) entry.homepage = m.homepage;
  if (m.useCase) entry.use_case = m.useCase;
  if (m.dependencies) entry.dependencies = m.dependencies;
  return entry;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
