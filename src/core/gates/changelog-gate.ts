import type { PackChange } from './pack-changes.js';
import { packVersionOf } from './pack-version.js';
import type { PrRange } from './pr-range.js';
import { inFolder, shownPath } from './pr-range.js';
import type { GateCheck, GateDetail } from './report.js';
import { gateCheck, skippedGate } from './report.js';

/** The changelog files a pack may keep, as StackStorm Exchange accepts them. */
export const CHANGELOG_NAMES = ['CHANGES.md', 'CHANGELOG.md'];

/**
 * The changelog gate: a changed pack must also change CHANGES.md or CHANGELOG.md in its own
 * folder (the repository's top for a pack at the top). Deleted packs are not checked.
 */
export function changelogGate(changes: readonly PackChange[], range: PrRange): GateCheck {
  const kept = changes.filter((c) => c.head);
  if (kept.length === 0) return skippedGate('changelog', 'no pack changed');
  return gateCheck(
    'changelog',
    kept.map((change) => changelogDetail(change, range)),
  );
}

function changelogDetail(change: PackChange, range: PrRange): GateDetail {
  const files = CHANGELOG_NAMES.map((name) => inFolder(change.dir, name));
  const shown = files.map((file) => shownPath(range.prefix, file));
  const pack = packVersionOf(change.head!.text).ref ?? shownPath(range.prefix, change.dir);
  const changed = files.findIndex((file) => range.paths.has(file));
  if (changed >= 0) return { pack, file: shown[changed], message: `${shown[changed]} changed`, level: 'info' };
  return {
    pack,
    file: shown[0],
    message: `the pack changed but neither ${shown[0]} nor ${shown[1]} did; describe the change in one of them (create ${shown[0]} if the pack has no changelog)`,
    level: 'error',
  };
}
