import semver from 'semver';
import { UsageError } from '../errors.js';

/** One entry of pack.yaml `dependencies.packs`: a pack ref and the versions it accepts. */
export interface PackRequirement {
  readonly ref: string;
  /** A semver range as written; `*` when the entry names no version. */
  readonly range: string;
}

/** Same rule as pack.yaml `ref` (see the manifest schema). */
const REF_PATTERN = /^[a-z][a-z0-9_-]*$/;

/**
 * Parse a pack dependency: `core`, `core@1.2.3`, `core@^1.0.0`, `core@>=1.0.0 <2.0.0`.
 * Anything else is a UsageError naming the entry.
 */
export function parsePackRequirement(text: string): PackRequirement {
  const at = text.indexOf('@');
  const ref = (at < 0 ? text : text.slice(0, at)).trim();
  const range = at < 0 ? '*' : text.slice(at + 1).trim();
  if (!REF_PATTERN.test(ref)) {
    throw invalid(text, `${JSON.stringify(ref)} is not a pack ref (lowercase letters, digits, "_" and "-", starting with a letter)`);
  }
  // semver reads an empty range as "*": "core@" is more likely a version left out by mistake.
  if (range === '' || semver.validRange(range) === null) {
    throw invalid(text, `${JSON.stringify(range)} is not a semver range`);
  }
  return { ref, range };
}

function invalid(text: string, reason: string): UsageError {
  return new UsageError(
    `pack.yaml dependencies.packs entry ${JSON.stringify(text)} is not valid: ${reason}; write "ref" or "ref@range", e.g. "core", "core@1.2.3" or "core@^1.0.0"`,
  );
}
