import type { Environment } from './config-types.js';

/**
 * `${NAME}` references in header values, so tokens stay in the environment (a CI secret)
 * rather than in the config file. `$$` writes one literal `$` (as in Docker Compose), so
 * `$${NAME}` is the literal text `${NAME}`; any other `$` is kept as it is.
 */

/** An environment variable name: letters, digits and `_`, not starting with a digit. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The outcome of expanding one value. `value` is meaningful only when there is nothing to report. */
export interface Expansion {
  readonly value: string;
  /**
   * Variables referenced but unset or empty. Empty counts as missing: CI systems pass an
   * unavailable secret (a fork's pull request) as "", and "Bearer " is never what was meant.
   */
  readonly missing: readonly string[];
  /** True when a `${` is unterminated or does not hold a variable name. */
  readonly malformed: boolean;
}

/** Expand `${NAME}` and `$$` in `template` from `env`. */
export function expandReferences(template: string, env: Environment): Expansion {
  let value = '';
  const missing: string[] = [];
  let malformed = false;
  let i = 0;
  while (i < template.length) {
    const next = template.indexOf('$', i);
    if (next < 0 || next === template.length - 1) {
      value += template.slice(i);
      break;
    }
    value += template.slice(i, next);
    const after = template[next + 1];
    if (after === '$') {
      value += '$';
      i = next + 2;
    } else if (after === '{') {
      const close = template.indexOf('}', next + 2);
      const name = close < 0 ? '' : template.slice(next + 2, close);
      if (!VARIABLE_NAME.test(name)) {
        malformed = true;
        i = close < 0 ? template.length : close + 1;
        continue;
      }
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        if (!missing.includes(name)) missing.push(name);
      } else {
        value += resolved;
      }
      i = close + 1;
    } else {
      value += '$';
      i = next + 1;
    }
  }
  return { value, missing, malformed };
}

/** An HTTP header name (an RFC 9110 token). */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}

/**
 * True when a header value cannot be sent: a line break would inject another header, and
 * other control characters are refused by Node's HTTP client anyway.
 */
export function hasForbiddenHeaderCharacter(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
}
