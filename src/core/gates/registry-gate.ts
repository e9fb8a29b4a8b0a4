import semver from 'semver';
import type { RepoGit } from '../git/repo-git.js';
import type { IndexEntry } from '../index/model.js';
import { describeDifferences, sameContent } from '../index/upsert-plan.js';
import type { PrRange } from './pr-range.js';
import type { GateCheck, GateDetail } from './report.js';
import { gateCheck } from './report.js';
import type { IndexAt, RegistryFiles, VersionAt } from './registry-snapshot.js';
import { historiesAt, historyFile, historyRef, indexAt, versionKey } from './registry-snapshot.js';

/**
 * The registry gate: released versions are immutable. Comparing index.json and the pack
 * histories beside it at base and head, a released ref@version may not change or disappear,
 * no pack may leave index.json or have its listed version go down, and the head index and
 * histories must validate. New versions pass and are listed.
 */
export async function registryGate(range: PrRange, files: RegistryFiles, repoGit: RepoGit): Promise<GateCheck> {
  const head = await indexAt(repoGit, range.top, range.head, files, true);
  const indexShown = files.shown(files.index);
  if (!head.exists) {
    return gateCheck('registry', [{ file: indexShown, message: `${indexShown} does not exist at head ${range.head.slice(0, 12)}; set the index to the path of index.json relative to the checked folder`, level: 'error' }]);
  }
  const base = await indexAt(repoGit, range.top, range.base, files, false);
  const refs = refsToRead(range, files, base, head);
  const problems = [...head.problems, ...base.problems];
  const headHistories = await historiesAt(repoGit, range.top, range.head, refs, files, { strict: true, scope: head.scope, problems });
  const baseHistories = await historiesAt(repoGit, range.top, range.base, refs, files, { strict: false, scope: base.scope, problems: [] });
  const headVersions = withIndex(headHistories.versions, head, files);
  const baseVersions = withIndex(baseHistories.versions, base, files);
  const details: GateDetail[] = [
    ...problems,
    ...(base.exists ? [] : [{ file: indexShown, message: `${indexShown} is new`, level: 'info' as const }]),
    ...consistency(head, headHistories.versions, files),
    ...listedChanges(base, head, indexShown),
    ...releasedChanges(baseVersions, headVersions, headHistories.unreadable, files),
  ];
  if (!details.some((d) => d.level !== 'warning')) details.push({ file: indexShown, message: 'no released entry changed', level: 'info' });
  return gateCheck('registry', details);
}

/** Refs whose history may differ: histories the pull request touches, and refs whose index entry changed. */
function refsToRead(range: PrRange, files: RegistryFiles, base: IndexAt, head: IndexAt): string[] {
  const refs = new Set<string>();
  for (const path of range.paths) {
    const ref = historyRef(files, path);
    if (ref) refs.add(ref);
  }
  for (const ref of new Set([...base.top.keys(), ...head.top.keys()])) {
    const a = base.top.get(ref);
    const b = head.top.get(ref);
    if (!a || !b || !equalEntries(a, b)) refs.add(ref);
  }
  return [...refs].sort();
}

/** Every version known at one commit: the histories, and index.json's entry of refs without one there. */
function withIndex(histories: ReadonlyMap<string, VersionAt>, index: IndexAt, files: RegistryFiles): Map<string, VersionAt> {
  const all = new Map(histories);
  for (const [ref, entry] of index.top) {
    const key = versionKey(ref, entry.version);
    if (!all.has(key)) all.set(key, { ref, version: entry.version, entry, file: files.index });
  }
  return all;
}

/** index.json's entry of a ref must be the same entry its history holds. */
function consistency(head: IndexAt, histories: ReadonlyMap<string, VersionAt>, files: RegistryFiles): GateDetail[] {
  const refsWithHistory = new Set([...histories.values()].map((v) => v.ref));
  const out: GateDetail[] = [];
  for (const [ref, entry] of head.top) {
    if (!refsWithHistory.has(ref)) continue;
    const history = files.shown(historyFile(files, ref));
    const kept = histories.get(versionKey(ref, entry.version));
    const pack = versionKey(ref, entry.version);
    if (!kept) out.push({ pack, file: history, message: `${ref} ${entry.version} is listed in ${files.shown(files.index)} but missing from ${history}; write both with index-update`, level: 'error' });
    else if (!equalEntries(kept.entry, entry)) {
      out.push({ pack, file: history, message: `${ref} ${entry.version} in ${files.shown(files.index)} differs from its entry in ${history} (${differences(kept.entry, entry)}); write both with index-update`, level: 'error' });
    }
  }
  return out;
}

/** A pack may not leave index.json, and its listed (highest) version may not go down. */
function listedChanges(base: IndexAt, head: IndexAt, indexShown: string): GateDetail[] {
  const out: GateDetail[] = [];
  for (const [ref, was] of base.top) {
    const now = head.top.get(ref);
    if (!now) {
      out.push({ pack: ref, file: indexShown, message: `${ref} is no longer listed in ${indexShown}; released packs stay in the registry: restore its entry (${was.version})`, level: 'error' });
    } else if (semver.valid(was.version) && semver.valid(now.version) && semver.lt(now.version, was.version)) {
      out.push({
        pack: ref,
        file: indexShown,
        message: `${ref}'s version in ${indexShown} went down from ${was.version} to ${now.version}; the index lists each pack's highest version: restore ${was.version}`,
        level: 'error',
      });
    }
  }
  return out;
}

/** Released versions may not change or disappear; new ones are listed. */
function releasedChanges(base: ReadonlyMap<string, VersionAt>, head: ReadonlyMap<string, VersionAt>, unreadable: ReadonlySet<string>, files: RegistryFiles): GateDetail[] {
  const out: GateDetail[] = [];
  for (const [key, was] of [...base].sort(([a], [b]) => a.localeCompare(b))) {
    const now = head.get(key);
    if (!now) {
      if (unreadable.has(was.ref)) continue; // already reported as invalid; its versions are unknown
      out.push({
        pack: key,
        file: files.shown(was.file),
        message: `${was.ref} ${was.version} is released but was removed from ${files.shown(was.file)}; released versions stay so that installs pinned to them keep working: restore it (if the base branch moved on, merge it into this branch first)`,
        level: 'error',
      });
    } else if (!equalEntries(was.entry, now.entry)) {
      out.push({
        pack: key,
        file: files.shown(now.file),
        message: `${was.ref} ${was.version} is released; its entry may not change (${differences(was.entry, now.entry)}); publish a new version instead`,
        level: 'error',
      });
    }
  }
  for (const [key, now] of [...head].sort(([a], [b]) => a.localeCompare(b))) {
    if (!base.has(key)) out.push({ pack: key, file: files.shown(now.file), message: `${now.ref} ${now.version}: new version`, level: 'info' });
  }
  return out;
}

/** Equal content (meta key order aside); entries too malformed to canonicalize compare as JSON. */
function equalEntries(a: IndexEntry, b: IndexEntry): boolean {
  try {
    return sameContent(a, b);
  } catch {
    return JSON.stringify(a) === JSON.stringify(b);
  }
}

/** What differs, in words. */
function differences(published: IndexEntry, candidate: IndexEntry): string {
  try {
    return describeDifferences(published, candidate).join('; ');
  } catch {
    return 'the entry differs';
  }
}
