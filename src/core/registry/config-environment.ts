import { UsageError } from '../errors.js';
import { assignNames, checkIndexLocation, shownLocation } from './config-index-url.js';
import { suggestKey } from './config-keys.js';
import type { Environment, RegistryConfig, RegistryIndexConfig } from './config-types.js';

/**
 * The environment form of the `pack_registry` section, as Attune reads it:
 *
 *     ATTUNE__PACK_REGISTRY__ENABLED=true
 *     ATTUNE__PACK_REGISTRY__INDICES="https://registry.attune.io/index.json,https://internal.example.com/registry.json"
 *     ATTUNE__PACK_REGISTRY__CACHE_TTL=3600
 *     ATTUNE__PACK_REGISTRY__CACHE_ENABLED=true
 *     ATTUNE__PACK_REGISTRY__TIMEOUT=120
 *     ATTUNE__PACK_REGISTRY__VERIFY_CHECKSUMS=true
 *     ATTUNE__PACK_REGISTRY__ALLOW_HTTP=false
 *
 * A variable that is set and not blank wins over the config file. A blank one counts as unset,
 * because CI systems pass an undefined variable or secret as "".
 */

const PREFIX = 'ATTUNE__PACK_REGISTRY__';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type BooleanSetting = 'enabled' | 'cacheEnabled' | 'verifyChecksums' | 'allowHttp';
type NumberSetting = 'cacheTtlSeconds' | 'timeoutSeconds';

const BOOLEANS: Record<string, BooleanSetting> = {
  ENABLED: 'enabled',
  CACHE_ENABLED: 'cacheEnabled',
  VERIFY_CHECKSUMS: 'verifyChecksums',
  ALLOW_HTTP: 'allowHttp',
};
/** Each with its least value: a zero TTL means "always refetch", a zero timeout means nothing. */
const NUMBERS: Record<string, { key: NumberSetting; min: number }> = {
  CACHE_TTL: { key: 'cacheTtlSeconds', min: 0 },
  TIMEOUT: { key: 'timeoutSeconds', min: 1 },
};
const KNOWN = [...Object.keys(BOOLEANS), ...Object.keys(NUMBERS), 'INDICES'];

/** The spellings Attune's configuration loader reads as booleans, compared ignoring case. */
const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/**
 * Apply the `ATTUNE__PACK_REGISTRY__*` variables of `env` over `config` (a parsed file, or
 * DEFAULT_REGISTRY_CONFIG). `INDICES` replaces the file's indices: comma-separated URLs or
 * paths in priority order, given priorities 1, 2…, named after the URL host (host and path,
 * or a -2 suffix, when the host repeats). An index whose URL is also in `config` keeps its
 * name and headers there, so a file can hold the tokens while the environment picks indices.
 * Relative paths are resolved against `cwd`. Throws a UsageError (exit 2) naming every
 * malformed or unknown variable.
 */
export function applyRegistryEnvironment(config: RegistryConfig, env: Environment, cwd: string): RegistryConfig {
  const problems: string[] = [];
  const next: Mutable<RegistryConfig> = { ...config };
  const value = (suffix: string): string | undefined => {
    const raw = env[PREFIX + suffix]?.trim();
    return raw === '' ? undefined : raw;
  };
  problems.push(...unknownVariables(env));
  for (const [suffix, key] of Object.entries(BOOLEANS)) {
    const raw = value(suffix);
    if (raw === undefined) continue;
    const parsed = TRUE_WORDS.includes(raw.toLowerCase()) ? true : FALSE_WORDS.includes(raw.toLowerCase()) ? false : undefined;
    if (parsed === undefined) problems.push(`${PREFIX}${suffix} is ${JSON.stringify(raw)}; set it to true or false`);
    else next[key] = parsed;
  }
  for (const [suffix, { key, min }] of Object.entries(NUMBERS)) {
    const raw = value(suffix);
    if (raw === undefined) continue;
    const parsed = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min) next[key] = parsed;
    else problems.push(`${PREFIX}${suffix} is ${JSON.stringify(raw)}; set it to a whole number of seconds, ${min} or more`);
  }
  const indices = value('INDICES');
  if (indices !== undefined) next.indices = environmentIndices(indices, config.indices, cwd, problems);
  if (problems.length > 0) {
    throw new UsageError(`the pack registry environment variables are invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return next;
}

/** A misspelt variable would be silently ignored, so every other ATTUNE__PACK_REGISTRY__ name is an error. */
function unknownVariables(env: Environment): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith(PREFIX) && !KNOWN.includes(name.slice(PREFIX.length)) && (env[name]?.trim() ?? '') !== '')
    .sort()
    .map((name) => {
      const meant = suggestKey(name.slice(PREFIX.length), KNOWN);
      const hint = meant ? `did you mean ${PREFIX}${meant}?` : `the settings are ${KNOWN.map((k) => PREFIX + k).join(', ')}`;
      return `${name} is not a pack registry setting; ${hint}`;
    });
}

/** The indices of `ATTUNE__PACK_REGISTRY__INDICES`, in order; problems are appended to `problems`. */
function environmentIndices(list: string, fromFile: readonly RegistryIndexConfig[], cwd: string, problems: string[]): RegistryIndexConfig[] {
  const variable = `${PREFIX}INDICES`;
  const items = list.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) problems.push(`${variable} lists no URL; give comma-separated index URLs, or unset it`);
  const found: { url: string; derived: readonly string[]; known?: RegistryIndexConfig }[] = [];
  items.forEach((item, i) => {
    const checked = checkIndexLocation(item, cwd);
    if ('problem' in checked) {
      problems.push(`${variable} item ${i + 1}: ${checked.problem}; ${checked.fix}`);
    } else if (found.some((f) => f.url === checked.url)) {
      problems.push(`${variable} item ${i + 1}: ${shownLocation(item)} is listed twice; list each index once`);
    } else {
      found.push({ url: checked.url, derived: checked.names, known: fromFile.find((index) => index.url === checked.url) });
    }
  });
  const names = assignNames(found.map((f) => ({ given: f.known?.name, derived: f.derived })));
  return found.map((f, i) => ({ name: names[i], url: f.url, priority: i + 1, enabled: true, headers: f.known?.headers ?? {} }));
}
