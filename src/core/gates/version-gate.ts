import semver from 'semver';
import { isStrictSemver } from '../pack/manifest.js';
import type { ManifestAt, PackChange } from './pack-changes.js';
import { packVersionOf } from './pack-version.js';
import type { PackVersion } from './pack-version.js';
import { shownPath } from './pr-range.js';
import type { GateCheck, GateDetail } from './report.js';
import { gateCheck, skippedGate } from './report.js';

/**
 * The version gate, as chart-testing's version-increment check: every changed pack must
 * raise its semver version above the base branch's (build metadata does not count). A new
 * pack passes with any valid version; a deleted one has nothing to check.
 */
export function versionGate(changes: readonly PackChange[], prefix: string): GateCheck {
  if (changes.length === 0) return skippedGate('version', 'no pack changed');
  return gateCheck(
    'version',
    changes.map((change) => packVersionDetail(change, prefix)),
  );
}

function packVersionDetail(change: PackChange, prefix: string): GateDetail {
  const folder = shownPath(prefix, change.dir);
  if (!change.head) return { pack: packName(change.base, folder), file: shownPath(prefix, change.base!.file), message: `the pack in ${folder} is deleted; nothing to check`, level: 'info' };
  const file = shownPath(prefix, change.head.file);
  const head = packVersionOf(change.head.text);
  const where = { pack: head.ref ?? folder, file, ...(head.line ? { line: head.line } : {}) };
  if (head.problem || head.version === undefined) return { ...where, message: `${file} ${head.problem ?? 'has no version'}`, level: 'error' };
  if (!isStrictSemver(head.version)) {
    return { ...where, message: `version ${JSON.stringify(head.version)} in ${file} is not a semantic version; write MAJOR.MINOR.PATCH (e.g. 1.0.0)`, level: 'error' };
  }
  if (!change.base) return { ...where, message: `new pack at ${head.version}`, level: 'info' };
  const base = packVersionOf(change.base.text);
  if (base.version === undefined || !isStrictSemver(base.version)) {
    return { ...where, message: `the base branch's ${shownPath(prefix, change.base.file)} has no valid version to compare with; ${head.version} is accepted`, level: 'warning' };
  }
  if (semver.gt(head.version, base.version)) return { ...where, message: `${base.version} → ${head.version}`, level: 'info' };
  return { ...where, message: notRaised(head.version, base.version, file), level: 'error' };
}

/** Why `head` does not pass `base`, and how to fix it. */
function notRaised(head: string, base: string, file: string): string {
  const how = `raise version in ${file} above ${base}, e.g. ${semver.inc(base, 'patch')}`;
  if (semver.lt(head, base)) return `version ${head} is below the base branch's ${base}; ${how}`;
  const build = head !== base ? ' (build metadata does not count)' : '';
  return `version ${head} is not above the base branch's ${base}${build}; a changed pack needs a new version: ${how}`;
}

function packName(manifest: ManifestAt | undefined, folder: string): string {
  const version: PackVersion = manifest ? packVersionOf(manifest.text) : {};
  return version.ref ?? folder;
}
