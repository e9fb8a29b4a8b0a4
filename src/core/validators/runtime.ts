/**
 * What the generated validators (`*.generated.ts` here, written by scripts/gen-validators.mjs
 * with ajv's standalone code generator) call at run time, in place of the modules ajv's code
 * would `require`. Everything here is exactly what ajv itself would use, so a generated
 * validator reports the same errors as the schema compiled at run time (a test checks that).
 */
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isStrictSemver } from '../pack/strict-semver.js';

export { fullFormats };

/** A CommonJS module's `exports.default`, whether the loader hands over `exports` or the default itself. */
function defaultOf<T>(loaded: unknown): T {
  return ((loaded as { default?: T }).default ?? loaded) as T;
}

/** String length in code points, as JSON Schema's minLength and maxLength count it. */
export const ucs2length = defaultOf<(text: string) => number>(ucs2lengthModule);

/** The formats packreg's own schemas add (ajv-formats provides the standard ones). */
export const formats = {
  semver: { type: 'string', validate: isStrictSemver },
} as const;
