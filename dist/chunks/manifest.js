import 'node:path';
import { r as requireAjv, u as uniqueSorted } from './ajv.js';
import { s as semver } from './index.js';
import { I as InputError } from './errors.js';
import 'node:fs/promises';
import { d as distExports, i as inFile } from './problem.js';

/** Advice for the syntax errors people actually make, keyed by the yaml package's error code. */
const SYNTAX_FIXES = {
    MISSING_CHAR: 'add the missing closing quote or bracket',
    BAD_INDENT: 'indent this line like its siblings and close any open [ or {',
    TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
    DUPLICATE_KEY: 'keep one of the repeated keys and delete the other',
    BLOCK_AS_IMPLICIT_KEY: 'put a nested mapping on its own indented lines, or quote a value that contains ": "',
    MULTILINE_IMPLICIT_KEY: 'check the indentation of this line against the key above it',
    UNEXPECTED_TOKEN: 'remove the stray character or quote the value',
};
const DEFAULT_SYNTAX_FIX = 'correct the YAML syntax here (indentation, quotes, and ": " after each key)';
/** Parse YAML text, keeping node ranges so problems can point at lines and columns. */
function parseYamlSource(text) {
    const lineCounter = new distExports.LineCounter();
    // prettyErrors: false keeps messages to one clean sentence; positions come from the line counter.
    const doc = distExports.parseDocument(text, { lineCounter, prettyErrors: false });
    const at = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        // line 0 means the text has no newline before offset: it is on the first line.
        return { line: Math.max(line, 1), column: col };
    };
    const errors = doc.errors.map((e) => ({
        path: '',
        ...at(e.pos[0]),
        message: `YAML syntax error: ${e.message}`,
        fix: SYNTAX_FIXES[e.code] ?? DEFAULT_SYNTAX_FIX,
    }));
    const warnings = doc.warnings.map((w) => ({
        path: '',
        ...at(w.pos[0]),
        message: `YAML: ${w.message}`,
        fix: 'remove the custom tag or quote the value',
    }));
    const locate = (path) => {
        for (let n = path.length; n >= 0; n--) {
            const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
            if (distExports.isNode(node) && node.range)
                return at(node.range[0]);
        }
        return {};
    };
    return { doc, errors, warnings, locate };
}
/** True when the document's root is a mapping (pack files must be). */
function hasMappingRoot(source) {
    return distExports.isMap(source.doc.contents);
}
/**
 * The document as plain data. `toJS` refuses documents that expand too many aliases
 * (a "billion laughs" guard), so that refusal is returned as a problem, not thrown.
 */
function toPlainData(source) {
    try {
        return { data: source.doc.toJS() };
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
            problem: {
                path: '',
                message: `the YAML cannot be expanded: ${reason}`,
                fix: 'replace the repeated aliases (*name) with plain values',
            },
        };
    }
}
/** The source text of the scalar at `path` (e.g. "1.10" for a value YAML read as the number 1.1). */
function sourceText(source, path) {
    const node = source.doc.getIn(path, true);
    return typeof node?.source === 'string' ? node.source : undefined;
}

var ajvExports = /*@__PURE__*/ requireAjv();

/** Same rule as the schema's `ref` pattern; used to decide whether `name` can stand in for `ref`. */
const REF_PATTERN = /^[a-z][a-z0-9_-]*$/;
/**
 * Apply the fallbacks that let Attune packs and older StackStorm-style packs load:
 * `ref` from `name`, `label` from `name` or the ref. Also warns about fields an index
 * entry will miss (license, author) and StackStorm keys Attune ignores.
 */
function applyFallbacks(raw, locate) {
    const result = { effective: { ...raw }, warnings: [], errors: [], reported: new Set() };
    fillRef(raw, locate, result);
    fillLabel(raw, locate, result);
    warnIndexGaps(raw, locate, result);
    warnStackStormKeys(raw, locate, result);
    return result;
}
function isMissing(value) {
    return value === undefined || value === null;
}
function fillRef(raw, locate, r) {
    if (!isMissing(raw.ref))
        return;
    const name = raw.name;
    if (typeof name === 'string' && REF_PATTERN.test(name)) {
        r.effective.ref = name;
        r.warnings.push({
            path: 'ref',
            ...locate(['name']),
            message: `ref missing; using name ${JSON.stringify(name)}`,
            fix: `add ref: ${JSON.stringify(name)}`,
        });
    }
    else if (!isMissing(name)) {
        // Without this, the user would only hear "ref is missing" and wonder why name did not count.
        r.errors.push({
            path: 'ref',
            ...locate(['name']),
            message: `ref missing, and name ${JSON.stringify(name)} cannot be used as a ref`,
            fix: `add ref: lower-case letters, digits, '_' and '-', starting with a letter, e.g. "${suggestRef(name)}"`,
        });
        r.reported.add('ref');
    }
}
/** A ref that resembles `name`, for the advice only. */
function suggestRef(name) {
    const ref = String(name)
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '_')
        .replace(/^[^a-z]+/, '');
    return ref === '' ? 'my_pack' : ref;
}
function fillLabel(raw, locate, r) {
    if (!isMissing(raw.label))
        return;
    const name = raw.name;
    const from = typeof name === 'string' && name !== '' ? 'name' : 'ref';
    const value = from === 'name' ? name : r.effective.ref;
    if (typeof value !== 'string')
        return; // nothing to fall back to: the schema reports it
    r.effective.label = value;
    r.warnings.push({
        path: 'label',
        ...locate([from]),
        message: `label missing; using ${from} ${JSON.stringify(value)}`,
        fix: 'add label: a short display name, e.g. "My Pack"',
    });
}
function warnIndexGaps(raw, locate, r) {
    const meta = raw.meta;
    if (isMissing(raw.license) && isMissing(meta?.license)) {
        r.warnings.push({
            path: 'license',
            ...locate([]),
            message: "license missing; index entries will use the repository's LICENSE file or NOASSERTION",
            fix: 'add license: an SPDX identifier, e.g. "Apache-2.0"',
        });
    }
    if (isMissing(raw.author)) {
        r.warnings.push({
            path: 'author',
            ...locate([]),
            message: 'author missing; an index entry needs an author',
            fix: 'add author: the person or team that maintains the pack, e.g. "Example Team"',
        });
    }
}
function warnStackStormKeys(raw, locate, r) {
    if ('python_versions' in raw) {
        r.warnings.push({
            path: 'python_versions',
            ...locate(['python_versions']),
            message: 'python_versions is a StackStorm key that Attune ignores',
            fix: 'declare runtime_deps: [python3] instead (and dependencies.python_version for a version range)',
        });
    }
    if ('stackstorm_version' in raw) {
        r.warnings.push({
            path: 'stackstorm_version',
            ...locate(['stackstorm_version']),
            message: 'stackstorm_version is a StackStorm key that Attune ignores',
            fix: 'declare the Attune versions the pack supports as dependencies.attune_version instead',
        });
    }
}

/**
 * Build the typed manifest from a pack.yaml that passed the schema. `effective` is the raw
 * manifest with the ref/label fallbacks applied; `raw` is kept as written. Each field
 * follows Attune's index builder (compat README, "How Attune's own index builder fills
 * an entry from a pack").
 */
function normalizeManifest(effective, raw) {
    const meta = asRecord(effective.meta);
    const manifest = {
        ref: effective.ref,
        version: effective.version,
        label: effective.label,
        description: effective.description,
        keywords: wordList(firstList(effective.keywords, meta?.keywords, effective.tags)),
        runtimeDeps: wordList(effective.runtime_deps),
        raw,
    };
    assignDefined(manifest, {
        author: text(effective.author),
        email: text(effective.email),
        license: text(effective.license) ?? text(meta?.license),
        homepage: text(effective.homepage) ?? text(meta?.documentation_url),
        repository: text(effective.repository),
        useCase: text(effective.use_case) ?? text(meta?.use_case),
        dependencies: dependencies(effective.dependencies),
        testing: testing(asRecord(effective.testing)),
        meta,
    });
    return manifest;
}
/** Copy only the keys whose value is defined, so absent fields stay absent (not `undefined`). */
function assignDefined(target, values) {
    for (const [key, value] of Object.entries(values)) {
        if (value !== undefined)
            target[key] = value;
    }
}
function asRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/** A non-empty string, else undefined: like the builder's `a or b`, an empty value falls through. */
function text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** The first candidate that is a non-empty list (the builder's `keywords or meta.keywords or tags`). */
function firstList(...candidates) {
    return candidates.find((c) => Array.isArray(c) && c.length > 0) ?? [];
}
/** Strings and numbers as strings, de-duplicated, in byte order; anything else is dropped. */
function wordList(value) {
    if (!Array.isArray(value))
        return [];
    const words = value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
    return uniqueSorted(words);
}
function dependencies(value) {
    if (Array.isArray(value))
        return { packs: value.map(String) };
    const deps = asRecord(value);
    if (!deps)
        return undefined;
    const result = {};
    for (const key of ['attune_version', 'python_version', 'nodejs_version']) {
        if (deps[key] !== undefined && deps[key] !== null)
            result[key] = String(deps[key]);
    }
    if (Array.isArray(deps.packs))
        result.packs = deps.packs.map(String);
    return result;
}
function testing(section) {
    if (!section)
        return undefined;
    const result = { runners: {} };
    for (const [name, runner] of Object.entries(asRecord(section.runners) ?? {})) {
        result.runners[name] = testRunner(runner);
    }
    const discovery = asRecord(section.discovery);
    assignDefined(result, {
        enabled: section.enabled,
        discovery: discovery && { method: discovery.method, path: discovery.path },
        minPassRate: section.min_pass_rate,
        onFailure: section.on_failure,
    });
    return result;
}
function testRunner(runner) {
    const result = {
        type: runner.type,
        entryPoint: runner.entry_point,
        timeout: runner.timeout,
    };
    if (runner.result_format !== undefined)
        result.resultFormat = runner.result_format;
    return result;
}

/**
 * JSON Schema (draft-07, for ajv) of an Attune pack.yaml, kept as pure data.
 *
 * Conventions the message builder relies on (see schema-messages.ts):
 * - `description` says in a few words what to write, so it can follow "use" or "write".
 * - `examples[0]` is a value that is valid here, quoted in "what to write instead" advice.
 * - `format: "semver"` is registered by the validator (strict: "1.0" and "v1.0.0" fail).
 *
 * Unknown top-level keys are allowed on purpose: real manifests carry many more
 * (contributors, stackstorm_version, python_versions, system, conf_schema, ...).
 * `ref` and `label` are required here but the validator fills them from `name`
 * first (see manifest-fallbacks.ts), so older StackStorm-style packs still load.
 */
const packManifestSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://packreg.dev/schemas/pack-manifest.json',
    title: 'Attune pack.yaml',
    type: 'object',
    required: ['ref', 'version', 'label', 'description'],
    properties: {
        ref: {
            type: 'string',
            pattern: '^[a-z][a-z0-9_-]*$',
            description: "lower-case letters, digits, '_' and '-', starting with a letter",
            examples: ['my_pack'],
        },
        version: {
            type: 'string',
            format: 'semver',
            description: 'a semantic version MAJOR.MINOR.PATCH',
            examples: ['1.0.0'],
        },
        label: { type: 'string', minLength: 1, description: 'a short display name', examples: ['My Pack'] },
        description: {
            type: 'string',
            minLength: 1,
            description: 'one sentence on what the pack automates',
            examples: ['Manage widgets through the Widget API'],
        },
        name: { description: 'legacy StackStorm name, used for ref and label when they are missing' },
        author: { type: 'string', description: 'the person or team that maintains the pack', examples: ['Example Team'] },
        email: { type: 'string', examples: ['team@example.com'] },
        license: { type: 'string', description: 'an SPDX license identifier', examples: ['Apache-2.0'] },
        homepage: { type: 'string', examples: ['https://example.com/my_pack'] },
        repository: { type: 'string', examples: ['https://github.com/example/my_pack'] },
        use_case: { type: 'string', examples: ['Open tickets when monitoring alerts fire'] },
        runtime_deps: {
            type: 'array',
            items: { type: 'string', examples: ['python3'] },
            description: 'a list of runtimes',
            examples: [['python3']],
        },
        keywords: {
            type: 'array',
            items: { type: ['string', 'number'], examples: ['monitoring'] },
            description: 'a list of words',
            examples: [['monitoring', 'alerts']],
        },
        tags: {
            type: 'array',
            items: { type: ['string', 'number'], examples: ['monitoring'] },
            description: 'a list of words',
            examples: [['monitoring', 'alerts']],
        },
        meta: { type: 'object', examples: [{ category: 'integration' }] },
        dependencies: {
            // One schema for both forms: `items` applies only to a list, `properties` only to a
            // mapping, so a wrong value gets one clear message instead of a oneOf error cascade.
            type: ['array', 'object'],
            description: 'a list of pack refs, or a mapping with attune_version, python_version, nodejs_version and packs',
            examples: [['core@^1.0.0']],
            items: { type: 'string', minLength: 1, description: 'a pack ref, optionally with a version range', examples: ['core@^1.0.0'] },
            properties: {
                attune_version: { type: 'string', examples: ['>=1.0.0'] },
                python_version: { type: 'string', examples: ['>=3.10'] },
                nodejs_version: { type: 'string', examples: ['>=20'] },
                packs: {
                    type: 'array',
                    items: { type: 'string', minLength: 1, description: 'a pack ref, optionally with a version range', examples: ['core@^1.0.0'] },
                    examples: [['core@^1.0.0']],
                },
            },
        },
        testing: {
            type: 'object',
            examples: [{ enabled: true, runners: { shell: { type: 'script', entry_point: 'tests/run_tests.sh', timeout: 60 } } }],
            properties: {
                enabled: { type: 'boolean', examples: [true] },
                discovery: {
                    type: 'object',
                    required: ['method', 'path'],
                    examples: [{ method: 'directory', path: 'tests' }],
                    properties: {
                        method: { type: 'string', examples: ['directory'] },
                        path: { type: 'string', examples: ['tests'] },
                    },
                },
                runners: {
                    type: 'object',
                    description: 'a mapping from runner name to runner',
                    examples: [{ shell: { type: 'script', entry_point: 'tests/run_tests.sh', timeout: 60 } }],
                    additionalProperties: {
                        type: 'object',
                        required: ['type', 'entry_point', 'timeout'],
                        examples: [{ type: 'script', entry_point: 'tests/run_tests.sh', timeout: 60 }],
                        properties: {
                            type: { enum: ['script', 'unittest', 'pytest'], examples: ['script'] },
                            entry_point: {
                                type: 'string',
                                minLength: 1,
                                description: 'the test file or directory, relative to the pack root',
                                examples: ['tests/run_tests.sh'],
                            },
                            timeout: {
                                type: 'integer',
                                exclusiveMinimum: 0,
                                description: 'a whole number of seconds',
                                examples: [60],
                            },
                            result_format: { enum: ['simple'], examples: ['simple'] },
                        },
                    },
                },
                min_pass_rate: {
                    type: 'number',
                    minimum: 0,
                    maximum: 1,
                    description: 'the share of tests that must pass',
                    examples: [1.0],
                },
                on_failure: { enum: ['block', 'warn'], examples: ['block'] },
            },
        },
    },
};
/** Name under which the strict semantic-version format is registered with ajv. */
const SEMVER_FORMAT = 'semver';

/**
 * Turns ajv's schema errors into {@link Problem}s a pack maintainer can act on: a dotted
 * path, a located line, a plain message and a concrete value to write instead. Raw ajv
 * wording never reaches the user. Expects errors produced with `verbose: true`, which
 * carries the offending value (`data`) and the schema around it (`parentSchema`).
 */
function schemaProblems(errors, source) {
    return errors.map((error) => schemaProblem(error, source));
}
function schemaProblem(error, source) {
    const segments = pointerSegments(error.instancePath);
    const schema = (error.parentSchema ?? {});
    const context = { error, segments, schema, shown: show(error.data, source, segments)};
    const { path, message, fix } = error.keyword === 'required' ? required(context) : { path: segments, ...describe(context) };
    return { path: path.join('.'), ...source.locate(error.keyword === 'required' ? segments : path), message, fix };
}
/** Message and fix for every keyword except `required`. */
function describe(c) {
    const params = c.error.params;
    switch (c.error.keyword) {
        case 'type':
            return typeMismatch(c, expectedTypes(params.type));
        case 'pattern':
            return {
                message: `${c.shown} is not a valid ${lastKey(c.segments)}`,
                fix: withExample(`use ${c.schema.description ?? 'the documented form'}`, c.schema),
            };
        case 'format':
            return badFormat(c, String(params.format));
        case 'enum':
            return {
                message: `${c.shown} is not one of the allowed values`,
                fix: `write one of: ${params.allowedValues.map(String).join(', ')}`,
            };
        case 'minimum':
        case 'maximum':
            return outOfRange(c, params.limit);
        case 'exclusiveMinimum':
            return {
                message: `${c.shown} is not greater than ${String(params.limit)}`,
                fix: withExample(`use ${c.schema.description ?? 'a number'} greater than ${String(params.limit)}`, c.schema),
            };
        case 'minLength':
            return { message: 'is empty', fix: withExample(`write ${c.schema.description ?? 'some text'}`, c.schema) };
        case 'additionalProperties':
            return { message: `unknown key "${String(params.additionalProperty)}"`, fix: 'remove it or correct its spelling' };
        default:
            return { message: `${c.shown} is not valid here`, fix: 'correct this value as the pack.yaml reference describes' };
    }
}
function required(c) {
    const missing = String(c.error.params.missingProperty);
    const child = c.schema.properties?.[missing] ?? {};
    const example = child.examples?.[0];
    const add = example === undefined ? `add ${missing}` : `add ${missing}: ${render(example)}`;
    return {
        path: [...c.segments, missing],
        message: `"${missing}" is required but missing`,
        fix: child.description ? `${add} (${child.description})` : add,
    };
}
function typeMismatch(c, expected) {
    const value = c.error.data;
    const wanted = joinOr(expected.map(typeName));
    // YAML reads 1.0 as a number and yes/true as a boolean: the usual cause is a missing pair of quotes.
    if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
        const intended = c.schema.format === 'semver' ? (semver.coerce(c.shown)?.version ?? c.shown) : c.shown;
        return {
            message: `${c.shown} is ${kindOf(value)}, not a string`,
            fix: `write it as a quoted string ${JSON.stringify(intended)}`,
        };
    }
    if (expected.includes('integer') && typeof value === 'number') {
        return { message: `${c.shown} is not a whole number`, fix: withExample(`write ${c.schema.description ?? wanted}`, c.schema) };
    }
    // A list or mapping is not quoted back; its kind is what matters.
    const subject = value !== null && typeof value === 'object' ? '' : `${c.shown} `;
    const message = value === null ? `is empty; expected ${wanted}` : `${subject}is ${kindOf(value)}; expected ${wanted}`;
    return { message, fix: withExample(`write ${c.schema.description ?? wanted}`, c.schema) };
}
function badFormat(c, format) {
    if (format === 'semver') {
        const guess = semver.coerce(String(c.error.data))?.version ?? String(c.schema.examples?.[0] ?? '1.0.0');
        return {
            message: `${c.shown} is not a semantic version`,
            fix: `write MAJOR.MINOR.PATCH, e.g. ${JSON.stringify(guess)}`,
        };
    }
    return { message: `${c.shown} is not in the expected format`, fix: withExample('use the documented format', c.schema) };
}
function outOfRange(c, limit) {
    const { minimum, maximum } = c.schema;
    const side = c.error.keyword === 'minimum' ? 'below the minimum' : 'above the maximum';
    const range = minimum !== undefined && maximum !== undefined
        ? `a number from ${minimum} to ${maximum}`
        : `a number ${c.error.keyword === 'minimum' ? 'of at least' : 'of at most'} ${limit}`;
    return { message: `${c.shown} is ${side} ${limit}`, fix: withExample(`use ${range}`, c.schema) };
}
/** "use X" plus ", e.g. <example>" when the schema has one. */
function withExample(advice, schema) {
    const example = schema.examples?.[0];
    return example === undefined ? advice : `${advice}, e.g. ${render(example)}`;
}
/** JSON Pointer (ajv's instancePath) to path segments. */
function pointerSegments(pointer) {
    if (pointer === '')
        return [];
    return pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function lastKey(segments) {
    return segments[segments.length - 1] ?? 'value';
}
function expectedTypes(type) {
    if (Array.isArray(type))
        return type.map(String);
    return String(type).split(',');
}
const TYPE_NAMES = {
    string: 'a string',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    null: 'nothing',
};
function typeName(type) {
    return TYPE_NAMES[type] ?? type;
}
/** What a parsed value is, in YAML words. */
function kindOf(value) {
    if (Array.isArray(value))
        return 'a list';
    if (value === null)
        return 'empty';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'boolean')
        return 'a boolean';
    return typeName(typeof value);
}
/** The offending value as the maintainer wrote it, short enough for one line. */
function show(value, source, segments) {
    if (Array.isArray(value))
        return 'the list';
    if (value !== null && typeof value === 'object')
        return 'the mapping';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return sourceText(source, segments) ?? String(value);
}
/** An example value in YAML flow style, as it would be typed into pack.yaml. */
function render(value) {
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map(render).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
        return `{${Object.entries(value).map(([k, v]) => `${k}: ${render(v)}`).join(', ')}}`;
    }
    return String(value);
}
function joinOr(items) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * True for a semantic version written exactly as MAJOR.MINOR.PATCH[-pre][+build]. Stricter
 * than `semver.valid`, which also accepts "v1.0.0" and surrounding spaces: the Attune index
 * schema only accepts the bare form.
 */
function isStrictSemver(value) {
    return semver.valid(value) !== null && /^[0-9]/.test(value) && value.trim() === value;
}
let compiled;
/** The schema validator, compiled on first use so loading the module stays cheap. */
function manifestValidator() {
    if (!compiled) {
        // allErrors: report every violation at once; verbose: keep the value and schema for messages;
        // allowUnionTypes: `dependencies` is a list or a mapping, keywords strings or numbers.
        const ajv = new ajvExports.Ajv({ allErrors: true, verbose: true, allowUnionTypes: true });
        ajv.addFormat(SEMVER_FORMAT, { type: 'string', validate: isStrictSemver });
        compiled = ajv.compile(packManifestSchema);
    }
    return compiled;
}
/**
 * Parse and validate the text of a pack.yaml. `file` names it in problems ("pack.yaml").
 * Never throws for bad content: every problem is returned.
 */
function parseManifest(text, file) {
    const { manifest, errors, warnings } = analyzeManifest(text, file);
    return manifest ? { manifest, errors, warnings } : { errors, warnings };
}
/** {@link parseManifest}, also returning a way to locate values for later checks. */
function analyzeManifest(text, file) {
    const source = parseYamlSource(text);
    const locate = (path) => source.locate(path);
    const done = (errors, warnings, manifest) => ({
        ...(manifest ? { manifest } : {}),
        errors: inFile(file, byLocation(errors)),
        warnings: inFile(file, byLocation(warnings)),
        locate,
    });
    if (source.errors.length > 0)
        return done(source.errors, source.warnings);
    const rootProblem = checkRoot(source, file);
    if (rootProblem)
        return done([rootProblem], source.warnings);
    const { data, problem } = toPlainData(source);
    if (problem)
        return done([problem], source.warnings);
    const raw = data;
    const fallbacks = applyFallbacks(raw, locate);
    const numbers = numericVersionRanges(fallbacks.effective, source, locate);
    const validate = manifestValidator();
    validate(fallbacks.effective);
    const schemaErrors = schemaProblems(validate.errors ?? [], source).filter((p) => !fallbacks.reported.has(p.path));
    const errors = [...fallbacks.errors, ...schemaErrors];
    const warnings = [...source.warnings, ...fallbacks.warnings, ...numbers, ...testingWarnings(fallbacks.effective, locate)];
    return done(errors, warnings, errors.length === 0 ? normalizeManifest(fallbacks.effective, raw) : undefined);
}
/**
 * Attune's builder writes dependencies' version fields as strings, so `nodejs_version: 20`
 * becomes "20". A number is accepted (with a warning) only when it reads back exactly as
 * written: `python_version: 3.10` is the number 3.1, and silently publishing "3.1" would
 * change the requirement, so the schema's error for it stands.
 */
function numericVersionRanges(effective, source, locate) {
    const deps = effective.dependencies;
    if (typeof deps !== 'object' || deps === null || Array.isArray(deps))
        return [];
    const fixed = { ...deps };
    const warnings = [];
    for (const key of ['attune_version', 'python_version', 'nodejs_version']) {
        const value = fixed[key];
        if (typeof value !== 'number' || sourceText(source, ['dependencies', key]) !== String(value))
            continue;
        fixed[key] = String(value);
        warnings.push({
            path: `dependencies.${key}`,
            ...locate(['dependencies', key]),
            message: `${String(value)} is a number; it is published as the string "${String(value)}"`,
            fix: `write it as a quoted string "${String(value)}" (an unquoted 3.10 would be read as 3.1)`,
        });
    }
    effective.dependencies = fixed;
    return warnings;
}
/** An error when the document is empty or its top level is not a mapping. */
function checkRoot(source, file) {
    if (hasMappingRoot(source))
        return undefined;
    const contents = source.doc.contents;
    const what = contents === null ? `${file} is empty` : `the top level of ${file} is not a mapping of keys`;
    return {
        path: '',
        ...source.locate([]),
        message: what,
        fix: 'write one "key: value" per line, starting with ref, version, label and description',
    };
}
/** Attune refuses to run a pack whose testing is enabled with no runners, so say so before it does. */
function testingWarnings(effective, locate) {
    const testing = effective.testing;
    const runners = testing?.runners;
    const empty = runners === undefined || (typeof runners === 'object' && runners !== null && Object.keys(runners).length === 0);
    if (testing?.enabled !== true || !empty)
        return [];
    return [
        {
            path: 'testing.runners',
            ...locate(['testing']),
            message: 'testing is enabled but no runners are declared',
            fix: 'add a runner, e.g. runners: {shell: {type: script, entry_point: tests/run_tests.sh, timeout: 60}}, or set enabled: false',
        },
    ];
}
/** Problems in file order; problems without a line (whole-file ones) first. Stable. */
function byLocation(problems) {
    const key = (p) => (p.line ?? 0) * 1e6 + (p.column ?? 0);
    return [...problems].sort((a, b) => key(a) - key(b));
}
/**
 * Find and read a pack's manifest through {@link PackFiles}: `pack.yaml`, else `pack.yml`.
 * `where` names the pack in the error when neither exists. Returns the file name and text.
 */
async function readManifestSource(files, where) {
    const names = await files.listFiles('');
    const file = ['pack.yaml', 'pack.yml'].find((name) => names.includes(name));
    if (!file)
        throw new InputError(`pack.yaml not found in ${where}: a pack directory must contain pack.yaml`);
    return { file, text: await files.readText(file) };
}

export { SEMVER_FORMAT as S, parseManifest as a, analyzeManifest as b, parseYamlSource as c, hasMappingRoot as h, isStrictSemver as i, packManifestSchema as p, readManifestSource as r, toPlainData as t };
