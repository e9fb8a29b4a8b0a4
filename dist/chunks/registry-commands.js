import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve, basename, dirname } from 'node:path';
import { U as UsageError, I as InputError, f as fsInputError, m as messageOf } from './errors.js';
import { d as distExports } from './index2.js';
import { f as formatProblem } from './problem.js';
import { fileURLToPath } from 'node:url';
import { r as resolveFromRegistries } from './resolve.js';
import 'process';
import 'buffer';
import './index.js';
import './_commonjsHelpers.js';
import './versions.js';

/**
 * `${NAME}` references in header values, so tokens stay in the environment (a CI secret)
 * rather than in the config file. `$$` writes one literal `$` (as in Docker Compose), so
 * `$${NAME}` is the literal text `${NAME}`; any other `$` is kept as it is.
 */
/** An environment variable name: letters, digits and `_`, not starting with a digit. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Expand `${NAME}` and `$$` in `template` from `env`. */
function expandReferences(template, env) {
    let value = '';
    const missing = [];
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
        }
        else if (after === '{') {
            const close = template.indexOf('}', next + 2);
            const name = close < 0 ? '' : template.slice(next + 2, close);
            if (!VARIABLE_NAME.test(name)) {
                malformed = true;
                i = close < 0 ? template.length : close + 1;
                continue;
            }
            const resolved = env[name];
            if (resolved === undefined || resolved === '') {
                if (!missing.includes(name))
                    missing.push(name);
            }
            else {
                value += resolved;
            }
            i = close + 1;
        }
        else {
            value += '$';
            i = next + 1;
        }
    }
    return { value, missing, malformed };
}
/** An HTTP header name (an RFC 9110 token). */
function isHeaderName(name) {
    return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}
/**
 * True when a header value cannot be sent: a line break would inject another header, and
 * other control characters are refused by Node's HTTP client anyway.
 */
function hasForbiddenHeaderCharacter(value) {
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
}

/** A URL scheme of two or more letters, so a Windows drive (`C:\`) reads as a path. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:/;
/**
 * Check and normalize an index location. Relative paths are resolved against `base` (the
 * config file's folder, or the working directory for the environment form).
 */
function checkIndexLocation(written, base) {
    const text = written.trim();
    if (text === '')
        return { problem: 'is empty', fix: 'give an https:// URL, a file:// URL or a path to an index.json' };
    if (isAbsolute(text) || !SCHEME.test(text))
        return pathLocation(text, base);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return { problem: `${shownLocation(text)} is not a valid URL`, fix: 'write an absolute URL such as https://registry.example.com/index.json' };
    }
    if (url.username || url.password) {
        return {
            problem: `${shownLocation(text)} contains credentials (user:password@)`,
            fix: 'remove them from the URL and send the token as a header instead, e.g. headers: {Authorization: "Bearer ${REGISTRY_TOKEN}"}',
        };
    }
    if (url.hash || url.href.endsWith('#')) {
        return { problem: `${shownLocation(text)} has a #fragment, which is never sent to the server`, fix: 'remove the # and what follows it' };
    }
    if (url.protocol === 'file:')
        return fileLocation(url, text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return { problem: `${shownLocation(text)} uses the unsupported scheme ${url.protocol}`, fix: 'use an https:// URL, a file:// URL or a path' };
    }
    const path = url.pathname.replace(/\/+$/, '');
    return { url: url.href, names: [url.host, `${url.host}${path}`] };
}
/** A file:// URL: local only, no query. */
function fileLocation(url, text) {
    if (url.host !== '' && url.host !== 'localhost') {
        return {
            problem: `${shownLocation(text)} names the host "${url.host}"; file URLs are read from this machine`,
            fix: `write three slashes for an absolute path, e.g. file:///${url.host}${url.pathname}`,
        };
    }
    if (url.search)
        return { problem: `${shownLocation(text)} has a ?query, which a file URL cannot use`, fix: 'remove the ? and what follows it' };
    const path = fileURLToPath(url);
    return { url: url.href, names: [localName(path), path] };
}
/** A path, resolved against `base`. `~` is not expanded: nothing here runs a shell. */
function pathLocation(text, base) {
    if (text.startsWith('~')) {
        return { problem: `${JSON.stringify(text)} starts with ~, which is not expanded`, fix: 'write the full path, e.g. /home/me/registry/index.json' };
    }
    const path = resolve(base, text);
    return { url: path, names: [localName(path), path] };
}
/**
 * A location as it may appear in an error: never userinfo or a query, which may carry
 * tokens. Works on text that does not parse as a URL too.
 */
function shownLocation(text) {
    const shown = text.replace(/^([A-Za-z][A-Za-z0-9+.-]+:\/\/)[^/?#]*@/, '$1').replace(/\?[^#]*/, '?…');
    return JSON.stringify(shown);
}
/**
 * Give each index a unique name (case-insensitively): the names given first, then derived
 * ones, each the first of its candidates not taken, else the first candidate with -2, -3…
 * Returns the names in the input order. Duplicate given names are the caller's to report.
 */
function assignNames(entries) {
    const taken = new Set(entries.flatMap((e) => (e.given === undefined ? [] : [e.given.toLowerCase()])));
    return entries.map((entry) => {
        if (entry.given !== undefined)
            return entry.given;
        const first = entry.derived[0] ?? 'index';
        let name = entry.derived.find((candidate) => !taken.has(candidate.toLowerCase()));
        for (let n = 2; name === undefined; n++)
            if (!taken.has(`${first}-${n}`.toLowerCase()))
                name = `${first}-${n}`;
        taken.add(name.toLowerCase());
        return name;
    });
}
/** A local index's short name: its file name, or its folder's for the usual `<folder>/index.json`. */
function localName(path) {
    const name = basename(path);
    return name === 'index.json' ? basename(dirname(path)) || name : name;
}

/**
 * "Did you mean" for configuration keys and variable names: a misspelt key must not be
 * silently ignored, and the error should name the key that was meant.
 */
/** Case, `-`, spaces and dots are the usual slips between YAML, env and CLI spellings. */
function normalized(key) {
    return key.toLowerCase().replace(/[-\s.]/g, '_');
}
/** Levenshtein distance; the keys are short, so the plain two-row table is enough. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
/**
 * The known key `written` most likely meant, or undefined when none is close. `aliases`
 * maps other words people use (normalized) to the key Attune expects, e.g. registries → indices.
 */
function suggestKey(written, known, aliases = {}) {
    const key = normalized(written);
    const exact = known.find((k) => normalized(k) === key) ?? aliases[key];
    if (exact)
        return exact;
    // One slip in a short key, two in a longer one: further than that is a different word.
    const limit = key.length < 5 ? 1 : 2;
    let best;
    for (const candidate of known) {
        const distance = editDistance(key, normalized(candidate));
        if (distance <= limit && (!best || distance < best.distance))
            best = { key: candidate, distance };
    }
    return best?.key;
}

/**
 * The registry client's configuration: Attune's `pack_registry` section, as read from a
 * config file ({@link parseRegistryConfig}) and the `ATTUNE__PACK_REGISTRY__*` environment
 * ({@link applyRegistryEnvironment}).
 */
/** Attune's defaults: enabled, no indices, a one-hour cache, two-minute timeout, checksums verified, https only. */
const DEFAULT_REGISTRY_CONFIG = Object.freeze({
    enabled: true,
    indices: Object.freeze([]),
    cacheTtlSeconds: 3600,
    cacheEnabled: true,
    timeoutSeconds: 120,
    verifyChecksums: true,
    allowHttp: false,
});

/**
 * Reads typed values out of a parsed config file, collecting every problem with its line
 * and column instead of stopping at the first, so one run shows everything to fix.
 */
class YamlReader {
    doc;
    lines;
    problems = [];
    constructor(doc, lines) {
        this.doc = doc;
        this.lines = lines;
    }
    /** Parse `text`; syntax errors (and unresolved tags, which would turn into strings) become problems. */
    static parse(text) {
        const lines = new distExports.LineCounter();
        // prettyErrors: false keeps each message to one sentence; the line counter gives positions.
        const doc = distExports.parseDocument(text, { lineCounter: lines, prettyErrors: false });
        const reader = new YamlReader(doc, lines);
        for (const e of [...doc.errors, ...doc.warnings]) {
            reader.problems.push({ path: '', ...reader.position(e.pos[0]), message: `YAML: ${e.message}`, fix: 'correct the YAML here (indentation, quotes, ": " after each key)' });
        }
        return reader;
    }
    /** Line and column (both 1-based) of an offset in the text. */
    position(offset) {
        const { line, col } = this.lines.linePos(offset);
        return { line: Math.max(line, 1), column: col };
    }
    /** Record a problem located at `node` (or nowhere when it has no position). */
    report(node, path, message, fix) {
        const range = node?.range;
        this.problems.push({ path, ...(range ? this.position(range[0]) : {}), message, fix });
    }
    /** The node an alias points at; other values unchanged. Null for an alias with no anchor. */
    resolve(node) {
        if (distExports.isAlias(node))
            return node.resolve(this.doc) ?? null;
        return node ?? null;
    }
    /** True for a missing value: nothing after the colon, or `null` / `~`. */
    isEmpty(node) {
        return node === null || (distExports.isScalar(node) && node.value === null);
    }
    /**
     * The entries of a mapping by key. Unknown keys are reported at the key, with the known
     * key they most likely meant.
     */
    entries(map, path, known, aliases = {}) {
        const found = new Map();
        for (const pair of map.items) {
            const key = pair.key;
            const name = distExports.isScalar(key) ? String(key.value) : '(a complex key)';
            const entry = { key, value: this.resolve(pair.value) };
            if (known.includes(name)) {
                found.set(name, entry);
                continue;
            }
            const meant = suggestKey(name, known, aliases);
            const where = path === '' ? name : `${path}.${name}`;
            if (meant)
                this.report(key, where, `unknown key "${name}" (did you mean ${meant}?)`, `rename it to ${meant}`);
            else
                this.report(key, where, `unknown key "${name}"`, `remove it; the keys here are ${known.join(', ')}`);
        }
        return found;
    }
    /** A boolean, or undefined when absent or reported. */
    boolean(entry, path, key) {
        if (!entry)
            return undefined;
        const value = distExports.isScalar(entry.value) ? entry.value.value : undefined;
        if (typeof value === 'boolean')
            return value;
        this.report(entry.value ?? entry.key, path, `must be true or false, not ${this.describe(entry.value)}`, `write ${key}: true or ${key}: false`);
        return undefined;
    }
    /** A whole number of at least `min`, or undefined when absent or reported. */
    integer(entry, path, key, min, example) {
        if (!entry)
            return undefined;
        const value = distExports.isScalar(entry.value) ? entry.value.value : undefined;
        if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min)
            return value;
        const wanted = min === 0 ? 'a whole number, 0 or more' : `a whole number, ${min} or more`;
        this.report(entry.value ?? entry.key, path, `must be ${wanted}, not ${this.describe(entry.value)}`, `write ${key}: ${example}`);
        return undefined;
    }
    /** A string, or undefined when absent or reported. `fix` says what to write. */
    string(entry, path, fix) {
        if (!entry)
            return undefined;
        const value = distExports.isScalar(entry.value) ? entry.value.value : undefined;
        if (typeof value === 'string')
            return value;
        this.report(entry.value ?? entry.key, path, `must be a string, not ${this.describe(entry.value)}`, fix);
        return undefined;
    }
    /** A value as it may appear in a message. Never call it on a header value: those may be tokens. */
    describe(node) {
        if (this.isEmpty(node))
            return 'empty';
        if (distExports.isMap(node))
            return 'a mapping';
        if (distExports.isSeq(node))
            return 'a list';
        const value = distExports.isScalar(node) ? node.value : undefined;
        if (typeof value === 'string')
            return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
        return String(value);
    }
}

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
const BOOLEANS = {
    ENABLED: 'enabled',
    CACHE_ENABLED: 'cacheEnabled',
    VERIFY_CHECKSUMS: 'verifyChecksums',
    ALLOW_HTTP: 'allowHttp',
};
/** Each with its least value: a zero TTL means "always refetch", a zero timeout means nothing. */
const NUMBERS = {
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
function applyRegistryEnvironment(config, env, cwd) {
    const problems = [];
    const next = { ...config };
    const value = (suffix) => {
        const raw = env[PREFIX + suffix]?.trim();
        return raw === '' ? undefined : raw;
    };
    problems.push(...unknownVariables(env));
    for (const [suffix, key] of Object.entries(BOOLEANS)) {
        const raw = value(suffix);
        if (raw === undefined)
            continue;
        const parsed = TRUE_WORDS.includes(raw.toLowerCase()) ? true : FALSE_WORDS.includes(raw.toLowerCase()) ? false : undefined;
        if (parsed === undefined)
            problems.push(`${PREFIX}${suffix} is ${JSON.stringify(raw)}; set it to true or false`);
        else
            next[key] = parsed;
    }
    for (const [suffix, { key, min }] of Object.entries(NUMBERS)) {
        const raw = value(suffix);
        if (raw === undefined)
            continue;
        const parsed = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
        if (Number.isSafeInteger(parsed) && parsed >= min)
            next[key] = parsed;
        else
            problems.push(`${PREFIX}${suffix} is ${JSON.stringify(raw)}; set it to a whole number of seconds, ${min} or more`);
    }
    const indices = value('INDICES');
    if (indices !== undefined)
        next.indices = environmentIndices(indices, config.indices, cwd, problems);
    if (problems.length > 0) {
        throw new UsageError(`the pack registry environment variables are invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    }
    return next;
}
/** A misspelt variable would be silently ignored, so every other ATTUNE__PACK_REGISTRY__ name is an error. */
function unknownVariables(env) {
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
function environmentIndices(list, fromFile, cwd, problems) {
    const variable = `${PREFIX}INDICES`;
    const items = list.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (items.length === 0)
        problems.push(`${variable} lists no URL; give comma-separated index URLs, or unset it`);
    const found = [];
    items.forEach((item, i) => {
        const checked = checkIndexLocation(item, cwd);
        if ('problem' in checked) {
            problems.push(`${variable} item ${i + 1}: ${checked.problem}; ${checked.fix}`);
        }
        else if (found.some((f) => f.url === checked.url)) {
            problems.push(`${variable} item ${i + 1}: ${shownLocation(item)} is listed twice; list each index once`);
        }
        else {
            found.push({ url: checked.url, derived: checked.names, known: fromFile.find((index) => index.url === checked.url) });
        }
    });
    const names = assignNames(found.map((f) => ({ given: f.known?.name, derived: f.derived })));
    return found.map((f, i) => ({ name: names[i], url: f.url, priority: i + 1, enabled: true, headers: f.known?.headers ?? {} }));
}

const SECTION = 'pack_registry';
const SECTION_KEYS = ['enabled', 'indices', 'cache_ttl', 'cache_enabled', 'timeout', 'verify_checksums', 'allow_http'];
const INDEX_KEYS = ['url', 'priority', 'enabled', 'name', 'headers'];
/** Other words people write for a key, normalized (lower case, `_`). */
const SECTION_ALIASES = { registries: 'indices', indexes: 'indices', index: 'indices', ttl: 'cache_ttl' };
const INDEX_ALIASES = { token: 'headers', auth: 'headers', authorization: 'headers', uri: 'url', path: 'url', location: 'url' };
/** Every problem of a config file at once, each located and with its fix. */
class RegistryConfigError extends InputError {
    file;
    problems;
    constructor(
    /** The config file, as given to {@link parseRegistryConfig}. */
    file, 
    /** In file order; no problem holds a header value. */
    problems) {
        const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
        super(`${file}: the ${SECTION} configuration has ${count}:\n${problems.map((p) => `  ${formatProblem(file, p)}`).join('\n')}`);
        this.file = file;
        this.problems = problems;
    }
}
/**
 * Parse the text of a config file. `file` names it in problems and locates relative index
 * paths (pass an absolute path: a relative one is resolved against the working directory).
 * `env` expands `${NAME}` in header values. A file without `pack_registry` gives the defaults.
 * Throws a {@link RegistryConfigError} (an InputError, exit 3) listing every problem.
 */
function parseRegistryConfig(text, file, env) {
    const reader = YamlReader.parse(text);
    const config = reader.problems.length === 0 ? readDocument(reader, dirname(file), env) : undefined;
    if (reader.problems.length > 0 || !config) {
        const line = (p) => (p.line ?? 0) * 1e6 + (p.column ?? 0);
        throw new RegistryConfigError(file, [...reader.problems].sort((a, b) => line(a) - line(b)));
    }
    return config;
}
/**
 * Things that load but will not work as written, for the caller to log as warnings once the
 * environment is applied: an enabled http index while allow_http is false (the client refuses it).
 */
function registryConfigWarnings(config) {
    if (config.allowHttp)
        return [];
    return config.indices
        .filter((index) => index.enabled && index.url.startsWith('http:'))
        .map((index) => `registry index "${index.name}" (${shownLocation(index.url)}) uses plain http, which is refused while allow_http is false; use https, or set allow_http: true for a trusted network`);
}
/** The whole document: the defaults unless it holds a `pack_registry` mapping. */
function readDocument(reader, base, env) {
    const root = reader.doc.contents;
    if (reader.isEmpty(root))
        return DEFAULT_REGISTRY_CONFIG;
    if (!distExports.isMap(root)) {
        reader.report(root, '', 'the top level is not a mapping of keys', `start with "${SECTION}:" and indent its settings below it`);
        return undefined;
    }
    const pair = root.items.find((p) => distExports.isScalar(p.key) && p.key.value === SECTION);
    if (!pair)
        return reportMisspeltSection(reader, root.items.map((p) => p.key));
    const section = reader.resolve(pair.value);
    if (reader.isEmpty(section))
        return DEFAULT_REGISTRY_CONFIG;
    if (!distExports.isMap(section)) {
        reader.report(section, SECTION, `must be a mapping of settings, not ${reader.describe(section)}`, `indent enabled, indices, cache_ttl… under ${SECTION}:`);
        return undefined;
    }
    return readSection(reader, reader.entries(section, SECTION, SECTION_KEYS, SECTION_ALIASES), base, env);
}
/** A top-level key that was meant to be `pack_registry` is an error, not a silent "no registry". */
function reportMisspeltSection(reader, keys) {
    for (const key of keys) {
        const name = distExports.isScalar(key) ? String(key.value) : '';
        if (suggestKey(name, [SECTION]) === SECTION)
            reader.report(key, name, `unknown key "${name}" (did you mean ${SECTION}?)`, `rename it to ${SECTION}`);
    }
    return DEFAULT_REGISTRY_CONFIG;
}
function readSection(reader, entries, base, env) {
    const at = (key) => `${SECTION}.${key}`;
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
/**
 * The indices, sorted by priority. Priorities are whole numbers, 0 or more; an index without
 * one comes after every index with one, in the order written: the highest given priority
 * plus 1, plus 2… (1, 2… when none is given, as the environment form numbers them).
 */
function readIndices(reader, entry, base, env) {
    if (!entry || reader.isEmpty(entry.value))
        return [];
    const path = `${SECTION}.indices`;
    if (!distExports.isSeq(entry.value)) {
        reader.report(entry.value, path, `must be a list, not ${reader.describe(entry.value)}`, 'write each index as an item starting with "- url: "');
        return [];
    }
    const written = entry.value.items.flatMap((item, i) => {
        const node = reader.resolve(item);
        if (distExports.isMap(node))
            return [readIndex(reader, reader.entries(node, `${path}[${i}]`, INDEX_KEYS, INDEX_ALIASES), node, `${path}[${i}]`, base)];
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
function readIndex(reader, entries, node, path, base) {
    const url = entries.get('url');
    let location = { derived: [] };
    if (!url) {
        reader.report(node, `${path}.url`, 'the index has no url', 'add url: https://… (or a file:// URL or a path to an index.json)');
    }
    else {
        const written = reader.string(url, `${path}.url`, 'write the URL as a string, e.g. url: https://registry.example.com/index.json');
        const checked = written === undefined ? undefined : checkIndexLocation(written, base);
        if (checked && 'problem' in checked)
            reader.report(url.value, `${path}.url`, checked.problem, checked.fix);
        else if (checked)
            location = { url: checked.url, derived: checked.names };
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
function readName(reader, entry, path) {
    const name = reader.string(entry, path, 'quote the name, e.g. name: "Company Registry"');
    if (name === undefined)
        return undefined;
    // eslint-disable-next-line no-control-regex
    if (name.trim() === '' || /[\u0000-\u001f\u007f]/.test(name)) {
        reader.report(entry?.value, path, 'must be a non-empty name on one line', 'write a short name such as name: "Company Registry", or remove name to use the URL host');
        return undefined;
    }
    return name;
}
/** Names must be unique ignoring case, because `--registry NAME` picks exactly one index. */
function reportDuplicateNames(reader, written) {
    const seen = new Map();
    for (const w of written) {
        if (w.given === undefined)
            continue;
        const first = seen.get(w.given.toLowerCase());
        if (first === undefined)
            seen.set(w.given.toLowerCase(), w.path);
        else
            reader.report(w.entries.get('name')?.value, `${w.path}.name`, `the name "${w.given}" is already used by ${first} (names are compared ignoring case)`, 'give each index its own name: --registry NAME selects one');
    }
}
/**
 * Header names and values, `${NAME}` expanded from `env`. A reference to an unset or empty
 * variable is an error (never an empty header). No message quotes a value, written or expanded.
 */
function readHeaders(reader, entry, path, index, env) {
    const headers = {};
    if (!entry || reader.isEmpty(entry.value))
        return headers;
    if (!distExports.isMap(entry.value)) {
        // Not described: a token written straight after "headers:" must not be echoed.
        reader.report(entry.value, path, `the headers of index "${index}" must be a mapping of header names to values`, 'indent one "Header-Name: value" per line under headers:, e.g. Authorization: "Bearer ${REGISTRY_TOKEN}"');
        return headers;
    }
    const seen = new Set();
    for (const pair of entry.value.items) {
        const key = pair.key;
        const name = distExports.isScalar(key) ? String(key.value) : '';
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
        if (value !== undefined)
            headers[name] = value;
    }
    return headers;
}
function readHeaderValue(reader, node, path, what, env) {
    const template = distExports.isScalar(node) ? node.value : undefined;
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
    if (expanded.malformed || expanded.missing.length > 0)
        return undefined;
    if (hasForbiddenHeaderCharacter(expanded.value)) {
        reader.report(node, path, `${what} contains a line break or control character once expanded`, 'remove it; if the value comes from a variable, check what the variable holds');
        return undefined;
    }
    return expanded.value;
}

/**
 * The registry configuration a command runs with: the config file (if any), then the
 * ATTUNE__PACK_REGISTRY__* environment over it, as Attune loads it. Warnings go to the logger.
 */
async function loadRegistryConfig(file, env, cwd, logger) {
    let config = DEFAULT_REGISTRY_CONFIG;
    if (file !== undefined) {
        const path = resolve(cwd, file);
        const text = await readFile(path, 'utf8').catch((error) => {
            throw fsInputError(error, 'registry config', path);
        });
        config = parseRegistryConfig(text, path, env);
    }
    config = applyRegistryEnvironment(config, env, cwd);
    for (const warning of registryConfigWarnings(config))
        logger.warning(warning);
    return config;
}
/** Fetch every registry in parallel and say which answer with a valid index. */
function registryStatuses(sources) {
    return Promise.all(sources.map(async (s) => {
        const base = { priority: s.priority, name: s.name, url: s.url };
        try {
            return { ...base, online: true, packs: (await s.index()).packs.length };
        }
        catch (error) {
            return { ...base, online: false, error: messageOf(error) };
        }
    }));
}
/**
 * Packs whose ref, label, description or keywords contain `keyword` (case-insensitive), in
 * every registry (or the pinned one), by registry priority then ref. A registry that cannot
 * be read is reported, not fatal: searching only informs, installing fails closed.
 */
async function searchRegistries(sources, keyword, pinned) {
    const wanted = keyword.toLowerCase();
    const chosen = pinned === undefined ? sources : sources.filter((s) => s.name.toLowerCase() === pinned.toLowerCase());
    if (pinned !== undefined && chosen.length === 0)
        throw new UsageError(`--registry ${pinned}: no registry has that name; configured: ${sources.map((s) => s.name).join(', ') || 'none'}`);
    const hits = [];
    const unavailable = [];
    const loaded = await Promise.all(chosen.map(async (s) => ({ s, index: await s.index().catch((error) => error) })));
    for (const { s, index } of [...loaded].sort((a, b) => a.s.priority - b.s.priority)) {
        if (index instanceof Error) {
            unavailable.push({ registry: s.name, error: messageOf(index) });
            continue;
        }
        for (const entry of index.packs)
            if (matches(entry, wanted))
                hits.push({ ref: entry.ref, version: entry.version, description: entry.description, registry: s.name });
    }
    return { hits, unavailable };
}
function matches(entry, wanted) {
    return [entry.ref, entry.label, entry.description, ...(entry.keywords ?? [])].some((field) => typeof field === 'string' && field.toLowerCase().includes(wanted));
}
/** `packreg show`: the entry a ref resolves to (latest), where from, and what it shadows. */
function showPack(sources, ref, pinned) {
    return resolveFromRegistries(ref, { kind: 'latest' }, sources, pinned);
}

export { loadRegistryConfig, registryStatuses, searchRegistries, showPack };
