import type { ErrorObject } from 'ajv';
import semver from 'semver';
import type { Problem } from './problem.js';
import type { YamlSource } from './yaml-source.js';
import { sourceText } from './yaml-source.js';

/**
 * Turns ajv's schema errors into {@link Problem}s a pack maintainer can act on: a dotted
 * path, a located line, a plain message and a concrete value to write instead. Raw ajv
 * wording never reaches the user. Expects errors produced with `verbose: true`, which
 * carries the offending value (`data`) and the schema around it (`parentSchema`).
 */
export function schemaProblems(errors: readonly ErrorObject[], source: YamlSource): Problem[] {
  return errors.map((error) => schemaProblem(error, source));
}

/** The subset of a property schema the messages read; see manifest-schema.ts. */
interface SchemaHints {
  description?: string;
  examples?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaHints>;
}

/** The context every keyword's message is built from. */
interface Context {
  error: ErrorObject;
  segments: string[];
  schema: SchemaHints;
  /** The value as written in the file, e.g. "1.0" where YAML read the number 1. */
  shown: string;
  source: YamlSource;
}

function schemaProblem(error: ErrorObject, source: YamlSource): Problem {
  const segments = pointerSegments(error.instancePath);
  const schema = (error.parentSchema ?? {}) as SchemaHints;
  const context: Context = { error, segments, schema, shown: show(error.data, source, segments), source };
  const { path, message, fix } =
    error.keyword === 'required' ? required(context) : { path: segments, ...describe(context) };
  return { path: path.join('.'), ...source.locate(error.keyword === 'required' ? segments : path), message, fix };
}

/** Message and fix for every keyword except `required`. */
function describe(c: Context): { message: string; fix: string } {
  const params = c.error.params as Record<string, unknown>;
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
        fix: `write one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    case 'minimum':
    case 'maximum':
      return outOfRange(c, params.limit as number);
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

function required(c: Context): { path: string[]; message: string; fix: string } {
  const missing = String((c.error.params as { missingProperty: string }).missingProperty);
  const child = c.schema.properties?.[missing] ?? {};
  const example = child.examples?.[0];
  const add = example === undefined ? `add ${missing}` : `add ${missing}: ${render(example)}`;
  return {
    path: [...c.segments, missing],
    message: `"${missing}" is required but missing`,
    fix: child.description ? `${add} (${child.description})` : add,
  };
}

function typeMismatch(c: Context, expected: string[]): { message: string; fix: string } {
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

function badFormat(c: Context, format: string): { message: string; fix: string } {
  if (format === 'semver') {
    const guess = semver.coerce(String(c.error.data))?.version ?? String(c.schema.examples?.[0] ?? '1.0.0');
    return {
      message: `${c.shown} is not a semantic version`,
      fix: `write MAJOR.MINOR.PATCH, e.g. ${JSON.stringify(guess)}`,
    };
  }
  return { message: `${c.shown} is not in the expected format`, fix: withExample('use the documented format', c.schema) };
}

function outOfRange(c: Context, limit: number): { message: string; fix: string } {
  const { minimum, maximum } = c.schema;
  const side = c.error.keyword === 'minimum' ? 'below the minimum' : 'above the maximum';
  const range =
    minimum !== undefined && maximum !== undefined
      ? `a number from ${minimum} to ${maximum}`
      : `a number ${c.error.keyword === 'minimum' ? 'of at least' : 'of at most'} ${limit}`;
  return { message: `${c.shown} is ${side} ${limit}`, fix: withExample(`use ${range}`, c.schema) };
}

/** "use X" plus ", e.g. <example>" when the schema has one. */
function withExample(advice: string, schema: SchemaHints): string {
  const example = schema.examples?.[0];
  return example === undefined ? advice : `${advice}, e.g. ${render(example)}`;
}

/** JSON Pointer (ajv's instancePath) to path segments. */
function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lastKey(segments: string[]): string {
  return segments[segments.length - 1] ?? 'value';
}

function expectedTypes(type: unknown): string[] {
  if (Array.isArray(type)) return type.map(String);
  return String(type).split(',');
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'nothing',
};

function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type;
}

/** What a parsed value is, in YAML words. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return 'a boolean';
  return typeName(typeof value);
}

/** The offending value as the maintainer wrote it, short enough for one line. */
function show(value: unknown, source: YamlSource, segments: string[]): string {
  if (Array.isArray(value)) return 'the list';
  if (value !== null && typeof value === 'object') return 'the mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return sourceText(source, segments) ?? String(value);
}

/** An example value in YAML flow style, as it would be typed into pack.yaml. */
function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${render(v)}`).join(', ')}}`;
  }
  return String(value);
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
