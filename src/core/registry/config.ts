import { dirname } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { InputError } from '../errors.js';
import { formatProblem, type Problem } from '../pack/problem.js';
import { expandReferences, hasForbiddenHeaderCharacter, isHeaderName } from './config-headers.js';
import { assignNames, checkIndexLocation, shownLocation } from './config-index-url.js';
import { suggestKey } from './config-keys.js';
import { DEFAULT_REGISTRY_CONFIG, type Environment, type RegistryConfig, type RegistryIndexConfig } from './config-types.js';
import { YamlReader, type Entry } from './config-yaml.js';

/**
 * Reading Attune's `pack_registry` configuration:
 *
 *     pack_registry:
 *       enabled: true
 *       indices:
 *         - url: https://registry.attune.io/index.json
 *           priority: 1
 *           name: "Official Attune Registry"
 *         - url: https://registry.example.com/index.json
 *           headers:
 *             Authorization: "Bearer ${REGISTRY_TOKEN}"
 *       cache_ttl: 3600
 *       cache_enabled: true
 *       timeout: 120
 *       verify_checksums: true
 *       allow_http: false
 *
 * The file may be Attune's whole config.yaml: other top-level sections are left alone, but
 * inside `pack_registry` every key must be known. Then the environment form
 * (`ATTUNE__PACK_REGISTRY__*`, {@link applyRegistryEnvironment}) is applied over the file,
 * and wins, as in Attune's own configuration loading.
 */

export { applyRegistryEnvironment } from './config-environment.js';
export { DEFAULT_REGISTRY_CONFIG, type Environment, type RegistryConfig, type RegistryIndexConfig } from './config-types.js';

const SECTION = 'pack_registry';
const SECTION_KEYS = ['enabled', 'indices', 'cache_ttl', 'cache_enabled', 'timeout', 'verify_checksums', 'allow_http'];
const INDEX_KEYS = ['url', 'priority', 'enabled', 'name', 'headers'];
/** Other words people write for a key, normalized (lower case, `_`). */
const SECTION_ALIASES = { registries: 'indices', indexes: 'indices', index: 'indices', ttl: 'cache_ttl' };
const INDEX_ALIASES = { token: 'headers', auth: 'headers', authorization: 'headers', uri: 'url', path: 'url', location: 'url' };

/** Every problem of a config file at once, each located and with its fix. */
export class RegistryConfigError extends InputError {
  constructor(
    /** The config file, as given to {@link parseRegistryConfig}. */
    readonly file: string,
    /** In file order; no problem holds a header value. */
    readonly problems: readonly Problem[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${file}: the ${SECTION} configuration has ${count}:\n${problems.map((p) => `  ${formatProblem(file, p)}`).join('\n')}`);
  }
}

/**
 * Parse the text of a config file. `file` names it in problems and locates relative index
 * paths (pass an absolute path: a relative one is resolved against the working directory).
 * `env` expands `${NAME}` in header values. A file without `pack_registry` gives the defaults.
 * Throws a {@link RegistryConfigError} (an InputError, exit 3) listing every problem.
 */
export function parseRegistryConfig(text: string, file: string, env: Environment): RegistryConfig {
  const reader = YamlReader.parse(text);
  const config = reader.problems.length === 0 ? readDocument(reader, dirname(file), env) : undefined;
  if (reader.problems.length > 0 || !config) {
    const line = (p: Problem): number => (p.line ?? 0) * 1e6 + (p.column ?? 0);
    throw new RegistryConfigError(file, [...reader.problems].sort((a, b) => line(a) - line(b)));
  }
  return config;
}

/**
 * Things that load but will not work as written, for the caller to log as warnings once the
 * environment is applied: an enabled http index while allow_http is false (the client refuses it).
 */
export function registryConfigWarnings(config: RegistryConfig): string[] {
  if (config.allowHttp) return [];
  return config.indices
    .filter((index) => index.enabled && index.url.startsWith('http:'))
    .map((index) => `registry index "${index.name}" (${shownLocation(index.url)}) uses plain http, which is refused while allow_http is false; use https, or set allow_http: true for a trusted network`);
}

/** The whole document: the defaults unless it holds a `pack_registry` mapping. */
function readDocument(reader: YamlReader, base: string, env: Environment): RegistryConfig | undefined {
  const root = reader.doc.contents;
  if (reader.isEmpty(root)) return DEFAULT_REGISTRY_CONFIG;
  if (!isMap(root)) {
    reader.report(root, '', 'the top level is not a mapping of keys', `start with "${SECTION}:" and indent its settings below it`);
    return undefined;
  }
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === SECTION);
  if (!pair) return reportMisspeltSection(reader, root.items.map((p) => p.key as Node));
  const section = reader.resolve(pair.value);
  if (reader.isEmpty(section)) return DEFAULT_REGISTRY_CONFIG;
  if (!isMap(section)) {
    reader.report(section, SECTION, `must be a mapping of settings, not ${reader.describe(section)}`, `indent enabled, indices, cache_ttl… under ${SECTION}:`);
    return undefined;
  }
  return readSection(reader, reader.entries(section, SECTION, SECTION_KEYS, SECTION_ALIASES), base, env);
}

/** A top-level key that was meant to be `pack_registry` is an error, not a silent "no registry". */
function reportMisspeltSection(reader: YamlReader, keys: Node[]): RegistryConfig {
  for (const key of keys) {
    const name = isScalar(key) ? String(key.value) : '';
    if (suggestKey(name, [SECTION]) === SECTION) reader.report(key, name, `unknown key "${name}" (did you mean ${SECTION}?)`, `rename it to ${SECTION}`);
  }
  return DEFAULT_REGISTRY_CONFIG;
}

function readSection(reader: YamlReader, entries: Map<string, Entry>, base: string, env: Environment): RegistryConfig {
  const at = (key: string): string => `${SECTION}.${key}`;
  const d = DEFAULT_REGISTRY_CONFIG;
  return {
    enabled: reader.boolean(entries.get('enabled'), at('enabled'), 'enabled') ?? d.enabled,
    indices: readIndices(reader, entries.get('indices'), base, env),
    cacheTtlSeconds: reader.integer(entries.get('cache_ttl'), at('cache_ttl'), 'cache_ttl', 0, 3600) ?? d.cacheTtlSeconds,
    cacheEnabled: reader.boolean(entries.get('cache_enabled'), at('cache_enabled'), 'cache_enabled') ?? d.cacheEnabled,
    timeoutSeconds: reader.integer(entries.get('timeout'), at('timeout'), 'timeout', 1, 120) ?? d.timeoutSeconds,
    verifyChecksums: reader.boolean(entries.get('verify_checksums'), at('verify_checksums'), 'verify_checksums') ?? d.verifyChecksums,
    allowHttp: reader.boolean(entries.get('allow_http'), at('allow_http'), 'allow_http') ?? d.allowHttp,
  };
}

/** One index as written, before names and priorities are settled. */
interface WrittenIndex {
  readonly path: string;
  readonly entries: Map<string, Entry>;
  readonly url?: string;
  readonly derived: readonly string[];
  readonly given?: string;
  readonly priority?: number;
  readonly enabled: boolean;
}

/**
 * The indices, sorted by priority. Priorities are whole numbers, 0 or more; an index without
 * one comes after every index with one, in the order written: the highest given priority
 * plus 1, plus 2… (1, 2… when none is given, as the environment form numbers them).
 */
function readIndices(reader: YamlReader, entry: Entry | undefined, base: string, env: Environment): RegistryIndexConfig[] {
  if (!entry || reader.isEmpty(entry.value)) return [];
  const path = `${SECTION}.indices`;
  if (!isSeq(entry.value)) {
    reader.report(entry.value, path, `must be a list, not ${reader.describe(entry.value)}`, 'write each index as an item starting with "- url: "');
    return [];
  }
  const written = entry.value.items.flatMap((item, i) => {
    const node = reader.resolve(item);
    if (isMap(node)) return [readIndex(reader, reader.entries(node, `${path}[${i}]`, INDEX_KEYS, INDEX_ALIASES), node, `${path}[${i}]`, base)];
    reader.report(node ?? entry.value, `${path}[${i}]`, `must be a mapping with url (and optionally name, priority, enabled, headers), not ${reader.describe(node)}`, 'write "- url: https://…" and indent the other keys under url');
    return [];
  });
  reportDuplicateNames(reader, written);
  const names = assignNames(written);
  const highest = Math.max(0, ...written.map((w) => w.priority ?? 0));
  let implicit = 0;
  const indices = written.map((w, i) => ({
    name: names[i],
    url: w.url ?? '',
    priority: w.priority ?? highest + ++implicit,
    enabled: w.enabled,
    headers: readHeaders(reader, w.entries.get('headers'), `${w.path}.headers`, names[i], env),
  }));
  return indices.sort((a, b) => a.priority - b.priority);
}

function readIndex(reader: YamlReader, entries: Map<string, Entry>, node: Node, path: string, base: string): WrittenIndex {
  const url = entries.get('url');
  let location: { url?: string; derived: readonly string[] } = { derived: [] };
  if (!url) {
    reader.report(node, `${path}.url`, 'the index has no url', 'add url: https://… (or a file:// URL or a path to an index.json)');
  } else {
    const written = reader.string(url, `${path}.url`, 'write the URL as a string, e.g. url: https://registry.example.com/index.json');
    const checked = written === undefined ? undefined : checkIndexLocation(written, base);
    if (checked && 'problem' in checked) reader.report(url.value, `${path}.url`, checked.problem, checked.fix);
    else if (checked) location = { url: checked.url, derived: checked.names };
  }
  return {
    path,
    entries,
    ...location,
    given: readName(reader, entries.get('name'), `${path}.name`),
    priority: reader.integer(entries.get('priority'), `${path}.priority`, 'priority', 0, 1),
    enabled: reader.boolean(entries.get('enabled'), `${path}.enabled`, 'enabled') ?? true,
  };
}

/** A given name: a string with something in it, on one line (it is typed after --registry). */
function readName(reader: YamlReader, entry: Entry | undefined, path: string): string | undefined {
  const name = reader.string(entry, path, 'quote the name, e.g. name: "Company Registry"');
  if (name === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  if (name.trim() === '' || /[\u0000-\u001f\u007f]/.test(name)) {
    reader.report(entry?.value, path, 'must be a non-empty name on one line', 'write a short name such as name: "Company Registry", or remove name to use the URL host');
    return undefined;
  }
  return name;
}

/** Names must be unique ignoring case, because `--registry NAME` picks exactly one index. */
function reportDuplicateNames(reader: YamlReader, written: readonly WrittenIndex[]): void {
  const seen = new Map<string, string>();
  for (const w of written) {
    if (w.given === undefined) continue;
    const first = seen.get(w.given.toLowerCase());
    if (first === undefined) seen.set(w.given.toLowerCase(), w.path);
    else reader.report(w.entries.get('name')?.value, `${w.path}.name`, `the name "${w.given}" is already used by ${first} (names are compared ignoring case)`, 'give each index its own name: --registry NAME selects one');
  }
}

/**
 * Header names and values, `${NAME}` expanded from `env`. A reference to an unset or empty
 * variable is an error (never an empty header). No message quotes a value, written or expanded.
 */
function readHeaders(reader: YamlReader, entry: Entry | undefined, path: string, index: string, env: Environment): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!entry || reader.isEmpty(entry.value)) return headers;
  if (!isMap(entry.value)) {
    // Not described: a token written straight after "headers:" must not be echoed.
    reader.report(entry.value, path, `the headers of index "${index}" must be a mapping of header names to values`, 'indent one "Header-Name: value" per line under headers:, e.g. Authorization: "Bearer ${REGISTRY_TOKEN}"');
    return headers;
  }
  const seen = new Set<string>();
  for (const pair of entry.value.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    const where = `${path}.${name}`;
    if (!isHeaderName(name)) {
      reader.report(key, where, `"${name}" is not a valid HTTP header name`, 'use letters, digits and -, e.g. Authorization or X-Api-Key');
      continue;
    }
    if (seen.has(name.toLowerCase())) {
      reader.report(key, where, `header ${name} of index "${index}" is given twice (header names ignore case)`, 'keep one of them');
      continue;
    }
    seen.add(name.toLowerCase());
    const value = readHeaderValue(reader, reader.resolve(pair.value), where, `header ${name} of index "${index}"`, env);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

function readHeaderValue(reader: YamlReader, node: Node | null, path: string, what: string, env: Environment): string | undefined {
  const template = isScalar(node) ? node.value : undefined;
  if (typeof template !== 'string') {
    const fix = reader.isEmpty(node) ? 'give it a value, or remove the header' : 'write the value as a quoted string';
    reader.report(node, path, `${what} must be a string`, fix);
    return undefined;
  }
  const expanded = expandReferences(template, env);
  if (expanded.malformed) {
    reader.report(node, path, `${what} has a malformed \${…} reference`, 'write ${NAME} with a variable name of letters, digits and _, or $$ for a literal $');
  }
  for (const variable of expanded.missing) {
    reader.report(node, path, `${what} uses \${${variable}}, but ${variable} is not set or is empty`, `set ${variable} in the environment (e.g. from a CI secret), or remove the header`);
  }
  if (expanded.malformed || expanded.missing.length > 0) return undefined;
  if (hasForbiddenHeaderCharacter(expanded.value)) {
    reader.report(node, path, `${what} contains a line break or control character once expanded`, 'remove it; if the value comes from a variable, check what the variable holds');
    return undefined;
  }
  return expanded.value;
}
