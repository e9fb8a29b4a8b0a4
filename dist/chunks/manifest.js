import 'node:path';
import { I as InputError } from './errors.js';
import { a as uniqueSorted, b as formats, u as ucs2length } from './runtime.js';
import 'node:fs/promises';
import { i as inFile } from './problem.js';
import { s as semver } from './index.js';
import { s as sourceText, p as parseYamlSource, t as toPlainData, h as hasMappingRoot } from './yaml-source.js';

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

/* eslint-disable */
// Generated by scripts/gen-validators.mjs from the pack.yaml schema (src/core/pack/manifest-schema.ts): do not edit.
// `npm run validators` regenerates it; a test fails when it is out of date.
// @ts-nocheck
const manifest = validate10;
const schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://packreg.dev/schemas/pack-manifest.json", "title": "Attune pack.yaml", "type": "object", "required": ["ref", "version", "label", "description"], "properties": { "ref": { "type": "string", "pattern": "^[a-z][a-z0-9_-]*$", "description": "lower-case letters, digits, '_' and '-', starting with a letter", "examples": ["my_pack"] }, "version": { "type": "string", "format": "semver", "description": "a semantic version MAJOR.MINOR.PATCH", "examples": ["1.0.0"] }, "label": { "type": "string", "minLength": 1, "description": "a short display name", "examples": ["My Pack"] }, "description": { "type": "string", "minLength": 1, "description": "one sentence on what the pack automates", "examples": ["Manage widgets through the Widget API"] }, "name": { "description": "legacy StackStorm name, used for ref and label when they are missing" }, "author": { "type": "string", "description": "the person or team that maintains the pack", "examples": ["Example Team"] }, "email": { "type": "string", "examples": ["team@example.com"] }, "license": { "type": "string", "description": "an SPDX license identifier", "examples": ["Apache-2.0"] }, "homepage": { "type": "string", "examples": ["https://example.com/my_pack"] }, "repository": { "type": "string", "examples": ["https://github.com/example/my_pack"] }, "use_case": { "type": "string", "examples": ["Open tickets when monitoring alerts fire"] }, "runtime_deps": { "type": "array", "items": { "type": "string", "examples": ["python3"] }, "description": "a list of runtimes", "examples": [["python3"]] }, "keywords": { "type": "array", "items": { "type": ["string", "number"], "examples": ["monitoring"] }, "description": "a list of words", "examples": [["monitoring", "alerts"]] }, "tags": { "type": "array", "items": { "type": ["string", "number"], "examples": ["monitoring"] }, "description": "a list of words", "examples": [["monitoring", "alerts"]] }, "meta": { "type": "object", "examples": [{ "category": "integration" }] }, "dependencies": { "type": ["array", "object"], "description": "a list of pack refs, or a mapping with attune_version, python_version, nodejs_version and packs", "examples": [["core@^1.0.0"]], "items": { "type": "string", "minLength": 1, "description": "a pack ref, optionally with a version range", "examples": ["core@^1.0.0"] }, "properties": { "attune_version": { "type": "string", "examples": [">=1.0.0"] }, "python_version": { "type": "string", "examples": [">=3.10"] }, "nodejs_version": { "type": "string", "examples": [">=20"] }, "packs": { "type": "array", "items": { "type": "string", "minLength": 1, "description": "a pack ref, optionally with a version range", "examples": ["core@^1.0.0"] }, "examples": [["core@^1.0.0"]] } } }, "testing": { "type": "object", "examples": [{ "enabled": true, "runners": { "shell": { "type": "script", "entry_point": "tests/run_tests.sh", "timeout": 60 } } }], "properties": { "enabled": { "type": "boolean", "examples": [true] }, "discovery": { "type": "object", "required": ["method", "path"], "examples": [{ "method": "directory", "path": "tests" }], "properties": { "method": { "type": "string", "examples": ["directory"] }, "path": { "type": "string", "examples": ["tests"] } } }, "runners": { "type": "object", "description": "a mapping from runner name to runner", "examples": [{ "shell": { "type": "script", "entry_point": "tests/run_tests.sh", "timeout": 60 } }], "additionalProperties": { "type": "object", "required": ["type", "entry_point", "timeout"], "examples": [{ "type": "script", "entry_point": "tests/run_tests.sh", "timeout": 60 }], "properties": { "type": { "enum": ["script", "unittest", "pytest"], "examples": ["script"] }, "entry_point": { "type": "string", "minLength": 1, "description": "the test file or directory, relative to the pack root", "examples": ["tests/run_tests.sh"] }, "timeout": { "type": "integer", "exclusiveMinimum": 0, "description": "a whole number of seconds", "examples": [60] }, "result_format": { "enum": ["simple"], "examples": ["simple"] } } } }, "min_pass_rate": { "type": "number", "minimum": 0, "maximum": 1, "description": "the share of tests that must pass", "examples": [1] }, "on_failure": { "enum": ["block", "warn"], "examples": ["block"] } } } } };
const pattern0 = new RegExp("^[a-z][a-z0-9_-]*$", "u");
const formats0 = formats.semver;
const func2 = ucs2length;
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) { let vErrors = null; let errors = 0; if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.ref === undefined) {
        const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "ref" }, message: "must have required property '" + "ref" + "'", schema: schema11.required, parentSchema: schema11, data };
        if (vErrors === null) {
            vErrors = [err0];
        }
        else {
            vErrors.push(err0);
        }
        errors++;
    }
    if (data.version === undefined) {
        const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property '" + "version" + "'", schema: schema11.required, parentSchema: schema11, data };
        if (vErrors === null) {
            vErrors = [err1];
        }
        else {
            vErrors.push(err1);
        }
        errors++;
    }
    if (data.label === undefined) {
        const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "label" }, message: "must have required property '" + "label" + "'", schema: schema11.required, parentSchema: schema11, data };
        if (vErrors === null) {
            vErrors = [err2];
        }
        else {
            vErrors.push(err2);
        }
        errors++;
    }
    if (data.description === undefined) {
        const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "description" }, message: "must have required property '" + "description" + "'", schema: schema11.required, parentSchema: schema11, data };
        if (vErrors === null) {
            vErrors = [err3];
        }
        else {
            vErrors.push(err3);
        }
        errors++;
    }
    if (data.ref !== undefined) {
        let data0 = data.ref;
        if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
                const err4 = { instancePath: instancePath + "/ref", schemaPath: "#/properties/ref/pattern", keyword: "pattern", params: { pattern: "^[a-z][a-z0-9_-]*$" }, message: "must match pattern \"" + "^[a-z][a-z0-9_-]*$" + "\"", schema: "^[a-z][a-z0-9_-]*$", parentSchema: schema11.properties.ref, data: data0 };
                if (vErrors === null) {
                    vErrors = [err4];
                }
                else {
                    vErrors.push(err4);
                }
                errors++;
            }
        }
        else {
            const err5 = { instancePath: instancePath + "/ref", schemaPath: "#/properties/ref/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.ref.type, parentSchema: schema11.properties.ref, data: data0 };
            if (vErrors === null) {
                vErrors = [err5];
            }
            else {
                vErrors.push(err5);
            }
            errors++;
        }
    }
    if (data.version !== undefined) {
        let data1 = data.version;
        if (typeof data1 === "string") {
            if (!(formats0.validate(data1))) {
                const err6 = { instancePath: instancePath + "/version", schemaPath: "#/properties/version/format", keyword: "format", params: { format: "semver" }, message: "must match format \"" + "semver" + "\"", schema: "semver", parentSchema: schema11.properties.version, data: data1 };
                if (vErrors === null) {
                    vErrors = [err6];
                }
                else {
                    vErrors.push(err6);
                }
                errors++;
            }
        }
        else {
            const err7 = { instancePath: instancePath + "/version", schemaPath: "#/properties/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.version.type, parentSchema: schema11.properties.version, data: data1 };
            if (vErrors === null) {
                vErrors = [err7];
            }
            else {
                vErrors.push(err7);
            }
            errors++;
        }
    }
    if (data.label !== undefined) {
        let data2 = data.label;
        if (typeof data2 === "string") {
            if (func2(data2) < 1) {
                const err8 = { instancePath: instancePath + "/label", schemaPath: "#/properties/label/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema11.properties.label, data: data2 };
                if (vErrors === null) {
                    vErrors = [err8];
                }
                else {
                    vErrors.push(err8);
                }
                errors++;
            }
        }
        else {
            const err9 = { instancePath: instancePath + "/label", schemaPath: "#/properties/label/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.label.type, parentSchema: schema11.properties.label, data: data2 };
            if (vErrors === null) {
                vErrors = [err9];
            }
            else {
                vErrors.push(err9);
            }
            errors++;
        }
    }
    if (data.description !== undefined) {
        let data3 = data.description;
        if (typeof data3 === "string") {
            if (func2(data3) < 1) {
                const err10 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema11.properties.description, data: data3 };
                if (vErrors === null) {
                    vErrors = [err10];
                }
                else {
                    vErrors.push(err10);
                }
                errors++;
            }
        }
        else {
            const err11 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.description.type, parentSchema: schema11.properties.description, data: data3 };
            if (vErrors === null) {
                vErrors = [err11];
            }
            else {
                vErrors.push(err11);
            }
            errors++;
        }
    }
    if (data.author !== undefined) {
        let data4 = data.author;
        if (typeof data4 !== "string") {
            const err12 = { instancePath: instancePath + "/author", schemaPath: "#/properties/author/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.author.type, parentSchema: schema11.properties.author, data: data4 };
            if (vErrors === null) {
                vErrors = [err12];
            }
            else {
                vErrors.push(err12);
            }
            errors++;
        }
    }
    if (data.email !== undefined) {
        let data5 = data.email;
        if (typeof data5 !== "string") {
            const err13 = { instancePath: instancePath + "/email", schemaPath: "#/properties/email/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.email.type, parentSchema: schema11.properties.email, data: data5 };
            if (vErrors === null) {
                vErrors = [err13];
            }
            else {
                vErrors.push(err13);
            }
            errors++;
        }
    }
    if (data.license !== undefined) {
        let data6 = data.license;
        if (typeof data6 !== "string") {
            const err14 = { instancePath: instancePath + "/license", schemaPath: "#/properties/license/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.license.type, parentSchema: schema11.properties.license, data: data6 };
            if (vErrors === null) {
                vErrors = [err14];
            }
            else {
                vErrors.push(err14);
            }
            errors++;
        }
    }
    if (data.homepage !== undefined) {
        let data7 = data.homepage;
        if (typeof data7 !== "string") {
            const err15 = { instancePath: instancePath + "/homepage", schemaPath: "#/properties/homepage/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.homepage.type, parentSchema: schema11.properties.homepage, data: data7 };
            if (vErrors === null) {
                vErrors = [err15];
            }
            else {
                vErrors.push(err15);
            }
            errors++;
        }
    }
    if (data.repository !== undefined) {
        let data8 = data.repository;
        if (typeof data8 !== "string") {
            const err16 = { instancePath: instancePath + "/repository", schemaPath: "#/properties/repository/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.repository.type, parentSchema: schema11.properties.repository, data: data8 };
            if (vErrors === null) {
                vErrors = [err16];
            }
            else {
                vErrors.push(err16);
            }
            errors++;
        }
    }
    if (data.use_case !== undefined) {
        let data9 = data.use_case;
        if (typeof data9 !== "string") {
            const err17 = { instancePath: instancePath + "/use_case", schemaPath: "#/properties/use_case/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.use_case.type, parentSchema: schema11.properties.use_case, data: data9 };
            if (vErrors === null) {
                vErrors = [err17];
            }
            else {
                vErrors.push(err17);
            }
            errors++;
        }
    }
    if (data.runtime_deps !== undefined) {
        let data10 = data.runtime_deps;
        if (Array.isArray(data10)) {
            const len0 = data10.length;
            for (let i0 = 0; i0 < len0; i0++) {
                let data11 = data10[i0];
                if (typeof data11 !== "string") {
                    const err18 = { instancePath: instancePath + "/runtime_deps/" + i0, schemaPath: "#/properties/runtime_deps/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.runtime_deps.items.type, parentSchema: schema11.properties.runtime_deps.items, data: data11 };
                    if (vErrors === null) {
                        vErrors = [err18];
                    }
                    else {
                        vErrors.push(err18);
                    }
                    errors++;
                }
            }
        }
        else {
            const err19 = { instancePath: instancePath + "/runtime_deps", schemaPath: "#/properties/runtime_deps/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema11.properties.runtime_deps.type, parentSchema: schema11.properties.runtime_deps, data: data10 };
            if (vErrors === null) {
                vErrors = [err19];
            }
            else {
                vErrors.push(err19);
            }
            errors++;
        }
    }
    if (data.keywords !== undefined) {
        let data12 = data.keywords;
        if (Array.isArray(data12)) {
            const len1 = data12.length;
            for (let i1 = 0; i1 < len1; i1++) {
                let data13 = data12[i1];
                if ((typeof data13 !== "string") && (!((typeof data13 == "number") && (isFinite(data13))))) {
                    const err20 = { instancePath: instancePath + "/keywords/" + i1, schemaPath: "#/properties/keywords/items/type", keyword: "type", params: { type: schema11.properties.keywords.items.type }, message: "must be string,number", schema: schema11.properties.keywords.items.type, parentSchema: schema11.properties.keywords.items, data: data13 };
                    if (vErrors === null) {
                        vErrors = [err20];
                    }
                    else {
                        vErrors.push(err20);
                    }
                    errors++;
                }
            }
        }
        else {
            const err21 = { instancePath: instancePath + "/keywords", schemaPath: "#/properties/keywords/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema11.properties.keywords.type, parentSchema: schema11.properties.keywords, data: data12 };
            if (vErrors === null) {
                vErrors = [err21];
            }
            else {
                vErrors.push(err21);
            }
            errors++;
        }
    }
    if (data.tags !== undefined) {
        let data14 = data.tags;
        if (Array.isArray(data14)) {
            const len2 = data14.length;
            for (let i2 = 0; i2 < len2; i2++) {
                let data15 = data14[i2];
                if ((typeof data15 !== "string") && (!((typeof data15 == "number") && (isFinite(data15))))) {
                    const err22 = { instancePath: instancePath + "/tags/" + i2, schemaPath: "#/properties/tags/items/type", keyword: "type", params: { type: schema11.properties.tags.items.type }, message: "must be string,number", schema: schema11.properties.tags.items.type, parentSchema: schema11.properties.tags.items, data: data15 };
                    if (vErrors === null) {
                        vErrors = [err22];
                    }
                    else {
                        vErrors.push(err22);
                    }
                    errors++;
                }
            }
        }
        else {
            const err23 = { instancePath: instancePath + "/tags", schemaPath: "#/properties/tags/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema11.properties.tags.type, parentSchema: schema11.properties.tags, data: data14 };
            if (vErrors === null) {
                vErrors = [err23];
            }
            else {
                vErrors.push(err23);
            }
            errors++;
        }
    }
    if (data.meta !== undefined) {
        let data16 = data.meta;
        if (!(data16 && typeof data16 == "object" && !Array.isArray(data16))) {
            const err24 = { instancePath: instancePath + "/meta", schemaPath: "#/properties/meta/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.meta.type, parentSchema: schema11.properties.meta, data: data16 };
            if (vErrors === null) {
                vErrors = [err24];
            }
            else {
                vErrors.push(err24);
            }
            errors++;
        }
    }
    if (data.dependencies !== undefined) {
        let data17 = data.dependencies;
        if (!data17 || typeof data17 != "object") {
            const err25 = { instancePath: instancePath + "/dependencies", schemaPath: "#/properties/dependencies/type", keyword: "type", params: { type: schema11.properties.dependencies.type }, message: "must be array,object", schema: schema11.properties.dependencies.type, parentSchema: schema11.properties.dependencies, data: data17 };
            if (vErrors === null) {
                vErrors = [err25];
            }
            else {
                vErrors.push(err25);
            }
            errors++;
        }
        if (Array.isArray(data17)) {
            const len3 = data17.length;
            for (let i3 = 0; i3 < len3; i3++) {
                let data18 = data17[i3];
                if (typeof data18 === "string") {
                    if (func2(data18) < 1) {
                        const err26 = { instancePath: instancePath + "/dependencies/" + i3, schemaPath: "#/properties/dependencies/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema11.properties.dependencies.items, data: data18 };
                        if (vErrors === null) {
                            vErrors = [err26];
                        }
                        else {
                            vErrors.push(err26);
                        }
                        errors++;
                    }
                }
                else {
                    const err27 = { instancePath: instancePath + "/dependencies/" + i3, schemaPath: "#/properties/dependencies/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.dependencies.items.type, parentSchema: schema11.properties.dependencies.items, data: data18 };
                    if (vErrors === null) {
                        vErrors = [err27];
                    }
                    else {
                        vErrors.push(err27);
                    }
                    errors++;
                }
            }
        }
        if (data17 && typeof data17 == "object" && !Array.isArray(data17)) {
            if (data17.attune_version !== undefined) {
                let data19 = data17.attune_version;
                if (typeof data19 !== "string") {
                    const err28 = { instancePath: instancePath + "/dependencies/attune_version", schemaPath: "#/properties/dependencies/properties/attune_version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.dependencies.properties.attune_version.type, parentSchema: schema11.properties.dependencies.properties.attune_version, data: data19 };
                    if (vErrors === null) {
                        vErrors = [err28];
                    }
                    else {
                        vErrors.push(err28);
                    }
                    errors++;
                }
            }
            if (data17.python_version !== undefined) {
                let data20 = data17.python_version;
                if (typeof data20 !== "string") {
                    const err29 = { instancePath: instancePath + "/dependencies/python_version", schemaPath: "#/properties/dependencies/properties/python_version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.dependencies.properties.python_version.type, parentSchema: schema11.properties.dependencies.properties.python_version, data: data20 };
                    if (vErrors === null) {
                        vErrors = [err29];
                    }
                    else {
                        vErrors.push(err29);
                    }
                    errors++;
                }
            }
            if (data17.nodejs_version !== undefined) {
                let data21 = data17.nodejs_version;
                if (typeof data21 !== "string") {
                    const err30 = { instancePath: instancePath + "/dependencies/nodejs_version", schemaPath: "#/properties/dependencies/properties/nodejs_version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.dependencies.properties.nodejs_version.type, parentSchema: schema11.properties.dependencies.properties.nodejs_version, data: data21 };
                    if (vErrors === null) {
                        vErrors = [err30];
                    }
                    else {
                        vErrors.push(err30);
                    }
                    errors++;
                }
            }
            if (data17.packs !== undefined) {
                let data22 = data17.packs;
                if (Array.isArray(data22)) {
                    const len4 = data22.length;
                    for (let i4 = 0; i4 < len4; i4++) {
                        let data23 = data22[i4];
                        if (typeof data23 === "string") {
                            if (func2(data23) < 1) {
                                const err31 = { instancePath: instancePath + "/dependencies/packs/" + i4, schemaPath: "#/properties/dependencies/properties/packs/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema11.properties.dependencies.properties.packs.items, data: data23 };
                                if (vErrors === null) {
                                    vErrors = [err31];
                                }
                                else {
                                    vErrors.push(err31);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err32 = { instancePath: instancePath + "/dependencies/packs/" + i4, schemaPath: "#/properties/dependencies/properties/packs/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.dependencies.properties.packs.items.type, parentSchema: schema11.properties.dependencies.properties.packs.items, data: data23 };
                            if (vErrors === null) {
                                vErrors = [err32];
                            }
                            else {
                                vErrors.push(err32);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err33 = { instancePath: instancePath + "/dependencies/packs", schemaPath: "#/properties/dependencies/properties/packs/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema11.properties.dependencies.properties.packs.type, parentSchema: schema11.properties.dependencies.properties.packs, data: data22 };
                    if (vErrors === null) {
                        vErrors = [err33];
                    }
                    else {
                        vErrors.push(err33);
                    }
                    errors++;
                }
            }
        }
    }
    if (data.testing !== undefined) {
        let data24 = data.testing;
        if (data24 && typeof data24 == "object" && !Array.isArray(data24)) {
            if (data24.enabled !== undefined) {
                let data25 = data24.enabled;
                if (typeof data25 !== "boolean") {
                    const err34 = { instancePath: instancePath + "/testing/enabled", schemaPath: "#/properties/testing/properties/enabled/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema11.properties.testing.properties.enabled.type, parentSchema: schema11.properties.testing.properties.enabled, data: data25 };
                    if (vErrors === null) {
                        vErrors = [err34];
                    }
                    else {
                        vErrors.push(err34);
                    }
                    errors++;
                }
            }
            if (data24.discovery !== undefined) {
                let data26 = data24.discovery;
                if (data26 && typeof data26 == "object" && !Array.isArray(data26)) {
                    if (data26.method === undefined) {
                        const err35 = { instancePath: instancePath + "/testing/discovery", schemaPath: "#/properties/testing/properties/discovery/required", keyword: "required", params: { missingProperty: "method" }, message: "must have required property '" + "method" + "'", schema: schema11.properties.testing.properties.discovery.required, parentSchema: schema11.properties.testing.properties.discovery, data: data26 };
                        if (vErrors === null) {
                            vErrors = [err35];
                        }
                        else {
                            vErrors.push(err35);
                        }
                        errors++;
                    }
                    if (data26.path === undefined) {
                        const err36 = { instancePath: instancePath + "/testing/discovery", schemaPath: "#/properties/testing/properties/discovery/required", keyword: "required", params: { missingProperty: "path" }, message: "must have required property '" + "path" + "'", schema: schema11.properties.testing.properties.discovery.required, parentSchema: schema11.properties.testing.properties.discovery, data: data26 };
                        if (vErrors === null) {
                            vErrors = [err36];
                        }
                        else {
                            vErrors.push(err36);
                        }
                        errors++;
                    }
                    if (data26.method !== undefined) {
                        let data27 = data26.method;
                        if (typeof data27 !== "string") {
                            const err37 = { instancePath: instancePath + "/testing/discovery/method", schemaPath: "#/properties/testing/properties/discovery/properties/method/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.testing.properties.discovery.properties.method.type, parentSchema: schema11.properties.testing.properties.discovery.properties.method, data: data27 };
                            if (vErrors === null) {
                                vErrors = [err37];
                            }
                            else {
                                vErrors.push(err37);
                            }
                            errors++;
                        }
                    }
                    if (data26.path !== undefined) {
                        let data28 = data26.path;
                        if (typeof data28 !== "string") {
                            const err38 = { instancePath: instancePath + "/testing/discovery/path", schemaPath: "#/properties/testing/properties/discovery/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.testing.properties.discovery.properties.path.type, parentSchema: schema11.properties.testing.properties.discovery.properties.path, data: data28 };
                            if (vErrors === null) {
                                vErrors = [err38];
                            }
                            else {
                                vErrors.push(err38);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err39 = { instancePath: instancePath + "/testing/discovery", schemaPath: "#/properties/testing/properties/discovery/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.testing.properties.discovery.type, parentSchema: schema11.properties.testing.properties.discovery, data: data26 };
                    if (vErrors === null) {
                        vErrors = [err39];
                    }
                    else {
                        vErrors.push(err39);
                    }
                    errors++;
                }
            }
            if (data24.runners !== undefined) {
                let data29 = data24.runners;
                if (data29 && typeof data29 == "object" && !Array.isArray(data29)) {
                    for (const key0 in data29) {
                        let data30 = data29[key0];
                        if (data30 && typeof data30 == "object" && !Array.isArray(data30)) {
                            if (data30.type === undefined) {
                                const err40 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/testing/properties/runners/additionalProperties/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property '" + "type" + "'", schema: schema11.properties.testing.properties.runners.additionalProperties.required, parentSchema: schema11.properties.testing.properties.runners.additionalProperties, data: data30 };
                                if (vErrors === null) {
                                    vErrors = [err40];
                                }
                                else {
                                    vErrors.push(err40);
                                }
                                errors++;
                            }
                            if (data30.entry_point === undefined) {
                                const err41 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/testing/properties/runners/additionalProperties/required", keyword: "required", params: { missingProperty: "entry_point" }, message: "must have required property '" + "entry_point" + "'", schema: schema11.properties.testing.properties.runners.additionalProperties.required, parentSchema: schema11.properties.testing.properties.runners.additionalProperties, data: data30 };
                                if (vErrors === null) {
                                    vErrors = [err41];
                                }
                                else {
                                    vErrors.push(err41);
                                }
                                errors++;
                            }
                            if (data30.timeout === undefined) {
                                const err42 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/testing/properties/runners/additionalProperties/required", keyword: "required", params: { missingProperty: "timeout" }, message: "must have required property '" + "timeout" + "'", schema: schema11.properties.testing.properties.runners.additionalProperties.required, parentSchema: schema11.properties.testing.properties.runners.additionalProperties, data: data30 };
                                if (vErrors === null) {
                                    vErrors = [err42];
                                }
                                else {
                                    vErrors.push(err42);
                                }
                                errors++;
                            }
                            if (data30.type !== undefined) {
                                let data31 = data30.type;
                                if (!(((data31 === "script") || (data31 === "unittest")) || (data31 === "pytest"))) {
                                    const err43 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1") + "/type", schemaPath: "#/properties/testing/properties/runners/additionalProperties/properties/type/enum", keyword: "enum", params: { allowedValues: schema11.properties.testing.properties.runners.additionalProperties.properties.type.enum }, message: "must be equal to one of the allowed values", schema: schema11.properties.testing.properties.runners.additionalProperties.properties.type.enum, parentSchema: schema11.properties.testing.properties.runners.additionalProperties.properties.type, data: data31 };
                                    if (vErrors === null) {
                                        vErrors = [err43];
                                    }
                                    else {
                                        vErrors.push(err43);
                                    }
                                    errors++;
                                }
                            }
                            if (data30.entry_point !== undefined) {
                                let data32 = data30.entry_point;
                                if (typeof data32 === "string") {
                                    if (func2(data32) < 1) {
                                        const err44 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1") + "/entry_point", schemaPath: "#/properties/testing/properties/runners/additionalProperties/properties/entry_point/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema11.properties.testing.properties.runners.additionalProperties.properties.entry_point, data: data32 };
                                        if (vErrors === null) {
                                            vErrors = [err44];
                                        }
                                        else {
                                            vErrors.push(err44);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err45 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1") + "/entry_point", schemaPath: "#/properties/testing/properties/runners/additionalProperties/properties/entry_point/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties.testing.properties.runners.additionalProperties.properties.entry_point.type, parentSchema: schema11.properties.testing.properties.runners.additionalProperties.properties.entry_point, data: data32 };
                                    if (vErrors === null) {
                                        vErrors = [err45];
                                    }
                                    else {
                                        vErrors.push(err45);
                                    }
                                    errors++;
                                }
                            }
                            if (data30.timeout !== undefined) {
                                let data33 = data30.timeout;
                                if (!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))) {
                                    const err46 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1") + "/timeout", schemaPath: "#/properties/testing/properties/runners/additionalProperties/properties/timeout/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema11.properties.testing.properties.runners.additionalProperties.properties.timeout.type, parentSchema: schema11.properties.testing.properties.runners.additionalProperties.properties.timeout, data: data33 };
                                    if (vErrors === null) {
                                        vErrors = [err46];
                                    }
                                    else {
                                        vErrors.push(err46);
                                    }
                                    errors++;
                                }
                                if ((typeof data33 == "number") && (isFinite(data33))) {
                                    if (data33 <= 0 || isNaN(data33)) {
                                        const err47 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1") + "/timeout", schemaPath: "#/properties/testing/properties/runners/additionalProperties/properties/timeout/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0", schema: 0, parentSchema: schema11.properties.testing.properties.runners.additionalProperties.properties.timeout, data: data33 };
                                        if (vErrors === null) {
                                            vErrors = [err47];
                                        }
                                        else {
                                            vErrors.push(err47);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data30.result_format !== undefined) {
                                let data34 = data30.result_format;
                                if (!(data34 === "simple")) {
                                    const err48 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1") + "/result_format", schemaPath: "#/properties/testing/properties/runners/additionalProperties/properties/result_format/enum", keyword: "enum", params: { allowedValues: schema11.properties.testing.properties.runners.additionalProperties.properties.result_format.enum }, message: "must be equal to one of the allowed values", schema: schema11.properties.testing.properties.runners.additionalProperties.properties.result_format.enum, parentSchema: schema11.properties.testing.properties.runners.additionalProperties.properties.result_format, data: data34 };
                                    if (vErrors === null) {
                                        vErrors = [err48];
                                    }
                                    else {
                                        vErrors.push(err48);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err49 = { instancePath: instancePath + "/testing/runners/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/testing/properties/runners/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.testing.properties.runners.additionalProperties.type, parentSchema: schema11.properties.testing.properties.runners.additionalProperties, data: data30 };
                            if (vErrors === null) {
                                vErrors = [err49];
                            }
                            else {
                                vErrors.push(err49);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err50 = { instancePath: instancePath + "/testing/runners", schemaPath: "#/properties/testing/properties/runners/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.testing.properties.runners.type, parentSchema: schema11.properties.testing.properties.runners, data: data29 };
                    if (vErrors === null) {
                        vErrors = [err50];
                    }
                    else {
                        vErrors.push(err50);
                    }
                    errors++;
                }
            }
            if (data24.min_pass_rate !== undefined) {
                let data35 = data24.min_pass_rate;
                if ((typeof data35 == "number") && (isFinite(data35))) {
                    if (data35 > 1 || isNaN(data35)) {
                        const err51 = { instancePath: instancePath + "/testing/min_pass_rate", schemaPath: "#/properties/testing/properties/min_pass_rate/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1 }, message: "must be <= 1", schema: 1, parentSchema: schema11.properties.testing.properties.min_pass_rate, data: data35 };
                        if (vErrors === null) {
                            vErrors = [err51];
                        }
                        else {
                            vErrors.push(err51);
                        }
                        errors++;
                    }
                    if (data35 < 0 || isNaN(data35)) {
                        const err52 = { instancePath: instancePath + "/testing/min_pass_rate", schemaPath: "#/properties/testing/properties/min_pass_rate/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema11.properties.testing.properties.min_pass_rate, data: data35 };
                        if (vErrors === null) {
                            vErrors = [err52];
                        }
                        else {
                            vErrors.push(err52);
                        }
                        errors++;
                    }
                }
                else {
                    const err53 = { instancePath: instancePath + "/testing/min_pass_rate", schemaPath: "#/properties/testing/properties/min_pass_rate/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema11.properties.testing.properties.min_pass_rate.type, parentSchema: schema11.properties.testing.properties.min_pass_rate, data: data35 };
                    if (vErrors === null) {
                        vErrors = [err53];
                    }
                    else {
                        vErrors.push(err53);
                    }
                    errors++;
                }
            }
            if (data24.on_failure !== undefined) {
                let data36 = data24.on_failure;
                if (!((data36 === "block") || (data36 === "warn"))) {
                    const err54 = { instancePath: instancePath + "/testing/on_failure", schemaPath: "#/properties/testing/properties/on_failure/enum", keyword: "enum", params: { allowedValues: schema11.properties.testing.properties.on_failure.enum }, message: "must be equal to one of the allowed values", schema: schema11.properties.testing.properties.on_failure.enum, parentSchema: schema11.properties.testing.properties.on_failure, data: data36 };
                    if (vErrors === null) {
                        vErrors = [err54];
                    }
                    else {
                        vErrors.push(err54);
                    }
                    errors++;
                }
            }
        }
        else {
            const err55 = { instancePath: instancePath + "/testing", schemaPath: "#/properties/testing/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.testing.type, parentSchema: schema11.properties.testing, data: data24 };
            if (vErrors === null) {
                vErrors = [err55];
            }
            else {
                vErrors.push(err55);
            }
            errors++;
        }
    }
}
else {
    const err56 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.type, parentSchema: schema11, data };
    if (vErrors === null) {
        vErrors = [err56];
    }
    else {
        vErrors.push(err56);
    }
    errors++;
} validate10.errors = vErrors; return errors === 0; }

/**
 * The schema validator, generated at build time from manifest-schema.ts
 * (scripts/gen-validators.mjs): allErrors, verbose (the value and schema for messages) and
 * allowUnionTypes (`dependencies` is a list or a mapping, keywords strings or numbers).
 */
const validateManifest = manifest;
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
    const validate = validateManifest;
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

export { analyzeManifest as a, parseManifest as p, readManifestSource as r };
