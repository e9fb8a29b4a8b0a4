import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CoreDeps } from '../deps.js';
import { fsInputError, InputError, IntegrityError, UsageError } from '../errors.js';
import { extractArchive } from '../extract/extract.js';
import type { HttpClient } from '../http/http-client.js';
import type { InstallSource } from '../index/model.js';
import { readPackIdentity } from '../archive/build.js';
import { openPackSource } from '../tree/pack-source.js';
import { fetchArchive } from './archive-source.js';
import { fetchEntrySources } from './entry-sources.js';
import { fetchGitSource } from './git-source.js';
import { parseInstallSpec } from './install-spec.js';
import type { InstallSpec } from './install-spec.js';
import { registrySources } from './registry-sources.js';
import type { RegistryClientSettings } from './registry-sources.js';
import { resolveFromRegistries } from './resolve.js';

/** What `packreg fetch` does: resolve, download, verify and extract; install nothing. */
export interface FetchSettings {
  readonly spec: string;
  /** `--ref`: the branch, tag or commit of a direct git install. */
  readonly gitRef?: string;
  /** `--registry NAME`: look only there. */
  readonly registry?: string;
  /** `--no-registry`: never look a name up. */
  readonly noRegistry: boolean;
  /** Read `spec` as a registry reference only (pack dependencies). */
  readonly registryOnly?: boolean;
  /** Accept a direct remote URL that has no registry checksum. */
  readonly allowUnverified: boolean;
  /** Where the pack tree goes; default `./<ref>-<version>`. Must not exist. */
  readonly out?: string;
  readonly client: RegistryClientSettings;
  readonly cwd: string;
}

/** The verified pack tree and where it came from. */
export interface FetchResult {
  readonly ref: string;
  readonly version: string;
  readonly dir: string;
  readonly from: InstallSpec['kind'];
  /** The registry the entry came from, and the lower-priority ones it shadows. */
  readonly registry?: string;
  readonly shadowed: readonly string[];
  readonly source?: { readonly type: InstallSource['type'] | 'directory' | 'archive-file'; readonly url: string; readonly ref?: string };
  /** The checksum that was verified; undefined when nothing could be (local or --allow-unverified). */
  readonly checksum?: string;
  readonly fallbacks: readonly string[];
}

type Deps = CoreDeps & { readonly http: HttpClient };

/**
 * Turn "what to install" into a verified pack tree. Everything is fetched into a scratch
 * folder beside the destination and moved into place only when verified; a failure leaves
 * nothing behind. Content from a registry entry must carry the entry's ref and version.
 */
export async function fetchPack(settings: FetchSettings, deps: Deps): Promise<FetchResult> {
  const spec = parseInstallSpec(settings.spec, { cwd: settings.cwd, gitRef: settings.gitRef, noRegistry: settings.noRegistry, registryOnly: settings.registryOnly });
  if (spec.kind === 'directory') return inPlace(spec.path, settings, deps);
  // The scratch folder goes beside the destination (the same file system, so the final move is
  // a rename): the folder of --out, or the working folder for the default ./<ref>-<version>.
  const parent = settings.out === undefined ? resolve(settings.cwd) : dirname(resolve(settings.cwd, settings.out));
  const work = await mkdtemp(join(parent, '.packreg-fetch-')).catch((error: unknown) => {
    throw fsInputError(error, 'output folder', parent);
  });
  try {
    const fetched = await fetchTree(spec, settings, join(work, 'tree'), work, deps);
    const identity = await readIdentity(fetched.root, deps);
    if (fetched.expect && (fetched.expect.ref !== identity.ref || fetched.expect.version !== identity.version)) {
      throw new IntegrityError(
        `the content of ${fetched.expect.ref}@${fetched.expect.version} says it is ${identity.ref}@${identity.version} in its pack.yaml; a registry entry must install exactly its own ref and version, so it was refused`,
        `${fetched.expect.ref}@${fetched.expect.version}`,
        `${identity.ref}@${identity.version}`,
      );
    }
    const dir = resolve(settings.cwd, settings.out ?? `${identity.ref}-${identity.version}`);
    await moveIntoPlace(fetched.root, dir);
    return { ...identity, dir, from: spec.kind, registry: fetched.registry, shadowed: fetched.shadowed ?? [], source: fetched.source, checksum: fetched.checksum, fallbacks: fetched.fallbacks ?? [] };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Fetched {
  readonly root: string;
  readonly expect?: { readonly ref: string; readonly version: string };
  readonly registry?: string;
  readonly shadowed?: readonly string[];
  readonly source: FetchResult['source'];
  readonly checksum?: string;
  readonly fallbacks?: string[];
}

async function fetchTree(spec: InstallSpec, s: FetchSettings, into: string, work: string, deps: Deps): Promise<Fetched> {
  const config = s.client.config;
  const options = { verifyChecksums: config.verifyChecksums, allowHttp: config.allowHttp, timeoutMs: config.timeoutSeconds * 1000, ca: s.client.ca };
  switch (spec.kind) {
    case 'registry': {
      if (!config.enabled) throw new UsageError(`"${s.spec}" is a registry reference, but the registry is disabled (pack_registry.enabled: false)`);
      const found = await resolveFromRegistries(spec.ref, spec.range, registrySources(s.client, deps), s.registry);
      const tree = await fetchEntrySources(found.entry, found.source, into, work, options, deps);
      return { root: tree.root, expect: found.entry, registry: found.source.name, shadowed: found.shadowed, source: tree.source, checksum: tree.checksum, fallbacks: tree.fallbacks };
    }
    case 'git': {
      refuseUnverified(spec.url, s);
      const result = await fetchGitSource({ url: spec.url, ref: spec.ref, allowHttp: config.allowHttp, timeoutMs: options.timeoutMs }, into, deps);
      return { root: result.dir, source: { type: 'git', url: spec.url, ref: result.commit } };
    }
    case 'archive-url': {
      refuseUnverified(spec.url, s);
      const result = await fetchArchive({ url: spec.url, allowHttp: config.allowHttp, timeoutMs: options.timeoutMs, ca: options.ca }, work, into, deps);
      return { root: result.root, source: { type: 'archive', url: spec.url } };
    }
    case 'archive-file':
      return { root: (await extractArchive(spec.path, into, { logger: deps.logger })).root, source: { type: 'archive-file', url: spec.path } };
    case 'directory':
      throw new UsageError('a directory is used in place'); // handled by the caller
  }
}

/** A direct remote URL carries no registry checksum: refused unless the user accepts that. */
function refuseUnverified(url: string, s: FetchSettings): void {
  if (!s.allowUnverified) {
    throw new UsageError(`${url} is a direct remote URL with no registry checksum to verify it against; install it from a registry, or pass --allow-unverified to accept unverified content`);
  }
}

/** A local directory is checked in place: nothing to download or copy. */
async function inPlace(path: string, s: FetchSettings, deps: Deps): Promise<FetchResult> {
  if (s.out !== undefined) throw new UsageError('--out applies to downloads; a local directory is used where it is');
  return { ...(await readIdentity(path, deps)), dir: path, from: 'directory', shadowed: [], source: { type: 'directory', url: path }, fallbacks: [] };
}

/** The ref and version in the pack.yaml of the tree at `root` (the files on disk, never git). */
async function readIdentity(root: string, deps: Deps): Promise<{ ref: string; version: string }> {
  return readPackIdentity(await openPackSource({ packDir: root, noGit: true }, deps.git, deps.logger), deps);
}

async function moveIntoPlace(from: string, to: string): Promise<void> {
  if (await stat(to).catch(() => undefined)) throw new InputError(`${to} already exists; remove it or choose another --out`);
  await rename(from, to).catch((error: unknown) => {
    throw fsInputError(error, 'output folder', to);
  });
}
