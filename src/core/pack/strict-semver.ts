import semver from 'semver';

/**
 * True for a semantic version written exactly as MAJOR.MINOR.PATCH[-pre][+build]. Stricter
 * than `semver.valid`, which also accepts "v1.0.0" and surrounding spaces: the Attune index
 * schema only accepts the bare form.
 */
export function isStrictSemver(value: string): boolean {
  return semver.valid(value) !== null && /^[0-9]/.test(value) && value.trim() === value;
}
