import semver from 'semver';
import { InputError, messageOf, RemoteError, UsageError } from '../errors.js';
import type { IndexEntry, RegistryIndex } from '../index/model.js';
import { newestFirst } from '../index/versions.js';
import type { VersionWanted } from './install-spec.js';

/** One configured registry as resolution sees it; loading (HTTP, cache, validation) is the source's job. */
export interface IndexSource {
  readonly name: string;
  /** The index URL, for messages (never with credentials). */
  readonly url: string;
  readonly priority: number;
  /** The validated index; throws when it cannot be fetched or does not validate. */
  index(): Promise<RegistryIndex>;
  /** Every version of `ref` (the history beside the index), or undefined when the registry keeps none. */
  history(ref: string): Promise<readonly IndexEntry[] | undefined>;
  /**
   * The configured headers to send when downloading `url` from this registry's entries: only
   * for the index's own origin, so a token never travels to an archive host it was not meant for.
   */
  headersFor?(url: string): Readonly<Record<string, string>>;
}

/** Where a registry reference resolved. */
export interface Resolution {
  readonly entry: IndexEntry;
  readonly source: IndexSource;
  /** Lower-priority registries that also list the ref, hidden by this one. */
  readonly shadowed: readonly string[];
}

/**
 * Resolve `ref` by registry priority, first match wins. Fail closed: a registry that
 * cannot be fetched or does not validate stops resolution with its error; only a clean
 * "this index does not list the ref" moves on to the next. Once a registry lists the ref it
 * owns it: a version it does not have is an error, not a reason to look further.
 */
export async function resolveFromRegistries(ref: string, wanted: VersionWanted, sources: readonly IndexSource[], pinned?: string): Promise<Resolution> {
  const candidates = pick(sources, pinned);
  for (let i = 0; i < candidates.length; i++) {
    const source = candidates[i];
    const top = (await load(source)).packs.find((p) => p.ref === ref);
    if (!top) continue;
    const entry = await choose(source, top, wanted);
    return { entry, source, shadowed: await alsoListing(ref, candidates.slice(i + 1)) };
  }
  const searched = candidates.map((s) => `"${s.name}"`).join(', ');
  throw new InputError(`pack "${ref}" is not in any registry (searched ${searched || 'none: no registry is configured'}); check the name with "packreg search"`);
}

function pick(sources: readonly IndexSource[], pinned: string | undefined): readonly IndexSource[] {
  const ordered = [...sources].sort((a, b) => a.priority - b.priority);
  if (pinned === undefined) return ordered;
  const chosen = ordered.filter((s) => s.name.toLowerCase() === pinned.toLowerCase());
  if (chosen.length === 0) throw new UsageError(`--registry ${pinned}: no registry has that name; configured: ${ordered.map((s) => s.name).join(', ') || 'none'}`);
  return chosen;
}

async function load(source: IndexSource): Promise<RegistryIndex> {
  try {
    return await source.index();
  } catch (error) {
    throw new RemoteError(
      `registry "${source.name}" (${source.url}) cannot be used: ${messageOf(error)}. Resolution stops here instead of taking the pack from a lower-priority registry; fix or disable it, or pick one with --registry NAME`,
      { cause: error },
    );
  }
}

async function choose(source: IndexSource, top: IndexEntry, wanted: VersionWanted): Promise<IndexEntry> {
  if (wanted.kind === 'latest') return top;
  const fits = (v: string) => (wanted.kind === 'exact' ? v === wanted.version : semver.satisfies(v, wanted.range));
  // The top entry is the highest version, so when it fits it is the answer for a range too.
  if (fits(top.version)) return top;
  const versions = [...((await source.history(top.ref)) ?? [top])].sort(newestFirst);
  const found = versions.find((e) => fits(e.version));
  if (found) return found;
  const want = wanted.kind === 'exact' ? wanted.version : wanted.range;
  throw new InputError(`registry "${source.name}" lists ${top.ref} but no version ${want} (it has ${versions.map((e) => e.version).join(', ')}); pick one of those, or another registry with --registry NAME`);
}

/** Names of the registries that also list `ref`; one that cannot be read is skipped here. */
async function alsoListing(ref: string, rest: readonly IndexSource[]): Promise<string[]> {
  const found = await Promise.all(rest.map(async (s) => ((await s.index().catch(() => undefined))?.packs.some((p) => p.ref === ref) ? s.name : undefined)));
  return found.filter((name): name is string => name !== undefined);
}
