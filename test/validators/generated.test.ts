import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { attuneIndexSchema } from '../../src/core/index/attune-index-schema.js';
import { localIndexSchema } from '../../src/core/index/local-index-schema.js';
import { packManifestSchema } from '../../src/core/pack/manifest-schema.js';
import { isStrictSemver } from '../../src/core/pack/strict-semver.js';
import * as https from '../../src/core/validators/index-https.generated.js';
import * as local from '../../src/core/validators/index-local.generated.js';
import * as manifest from '../../src/core/validators/manifest.generated.js';
// @ts-expect-error: a plain JavaScript build script, without type declarations
import { generateValidators, OPTIONS, VALIDATORS_DIR } from '../../scripts/gen-validators.mjs';
import { REPO_ROOT } from '../helpers/archive-read.js';

/**
 * The validators commands run are generated at build time (scripts/gen-validators.mjs). They
 * must be current with the schemas, and report exactly what ajv compiling the same schemas at
 * run time reports: the same verdict and the same errors, for valid documents and broken ones.
 */
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

function compiledIndex(schema: typeof attuneIndexSchema): { index: ValidateFunction; entry: ValidateFunction } {
  const ajv = new Ajv2020(OPTIONS.index);
  addFormats(ajv);
  ajv.addSchema(schema);
  return { index: ajv.getSchema(schema.$id)!, entry: ajv.getSchema(`${schema.$id}#/$defs/pack`)! };
}

function compiledManifest(): ValidateFunction {
  const ajv = new Ajv(OPTIONS.manifest);
  ajv.addFormat('semver', { type: 'string', validate: isStrictSemver });
  return ajv.compile(packManifestSchema);
}

/** The verdict and errors of `validate` for `value` (errors copied: ajv reuses the array). */
function verdict(validate: unknown, value: unknown): { valid: boolean; errors: unknown } {
  const fn = validate as ValidateFunction;
  const valid = fn(value);
  return { valid, errors: structuredClone(fn.errors ?? null) };
}

const realIndex = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/compat/attune-standard-index.json'), 'utf8')) as { packs: Record<string, unknown>[] } & Record<string, unknown>;
const entry = realIndex.packs[0];

/** A valid index and ways of breaking it, each a different keyword of the schema. */
const INDICES: [string, unknown][] = [
  ['the real Attune index', realIndex],
  ['no packs field', { ...realIndex, packs: undefined }],
  ['an extra top-level field', { ...realIndex, extra: 1 }],
  ['an http registry URL', { ...realIndex, registry_url: 'http://example.com/' }],
  ['a file:// registry URL', { ...realIndex, registry_url: 'file:///srv/registry/' }],
  ['a bad last_updated date-time', { ...realIndex, last_updated: 'yesterday' }],
  ['the wrong version const', { ...realIndex, version: '2.0' }],
  ['an empty registry name', { ...realIndex, registry_name: '' }],
  ['an entry of the wrong type', { ...realIndex, packs: [42] }],
  ['an entry missing fields', { ...realIndex, packs: [{ ref: 'x' }] }],
  ['duplicate keywords and no install source', { ...realIndex, packs: [{ ...entry, keywords: ['a', 'a'], install_sources: [] }] }],
  ['a git source without a ref', { ...realIndex, packs: [{ ...entry, install_sources: [{ type: 'git', url: 'https://example.com/x.git' }] }] }],
  ['an archive source with an http URL', { ...realIndex, packs: [{ ...entry, install_sources: [{ type: 'archive', url: 'http://example.com/x.tar.gz', checksum: 'sha256:00' }] }] }],
  ['a file:// archive source', { ...realIndex, packs: [{ ...entry, install_sources: [{ type: 'archive', url: 'file:///srv/x.tar.gz', checksum: 'sha256:00' }] }] }],
  ['an unknown source type', { ...realIndex, packs: [{ ...entry, install_sources: [{ type: 'svn', url: 'https://example.com/' }] }] }],
  ['not an object at all', 'index'],
];

/** pack.yaml documents: the examples, and broken ones touching every kind of keyword. */
const example = (name: string) => parse(readFileSync(join(REPO_ROOT, 'examples/packs', name, 'pack.yaml'), 'utf8')) as Record<string, unknown>;
const MANIFESTS: [string, unknown][] = [
  ['examples/packs/hello', example('hello')],
  ['examples/packs/hello_python', example('hello_python')],
  ['a version that is not strict semver', { ...example('hello'), version: 'v1.0' }],
  ['a ref with capitals', { ...example('hello'), ref: 'Hello' }],
  ['no label or description', { ref: 'x', version: '1.0.0' }],
  ['wrong types everywhere', { ref: 1, version: true, label: [], description: {}, keywords: 'k', dependencies: 3 }],
  ['an empty label of astral characters', { ...example('hello'), label: '' }],
  ['astral characters', { ...example('hello'), label: '😀', description: '𝒜' }],
  ['a list where a mapping goes', []],
  [
    'bad test runners, pass rate and failure policy',
    { ...example('hello'), testing: { runners: { shell: { type: 'bash', entry_point: '', timeout: 0, result_format: 'xml' } }, min_pass_rate: 2, on_failure: 'ignore' } },
  ],
];

describe('generated validators', () => {
  it('are what scripts/gen-validators.mjs writes from the current schemas (else: npm run validators)', () => {
    const files = generateValidators({ index: attuneIndexSchema, localIndex: localIndexSchema, manifest: packManifestSchema }) as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(['index-https.generated.ts', 'index-local.generated.ts', 'manifest.generated.ts']);
    for (const [name, text] of Object.entries(files)) expect([name, readFileSync(join(REPO_ROOT, VALIDATORS_DIR, name), 'utf8') === text]).toEqual([name, true]);
  });

  const runtime = { https: compiledIndex(attuneIndexSchema), local: compiledIndex(localIndexSchema) };
  const generated = { https, local };

  describe.each(['https', 'local'] as const)('the %s index schema', (scope) => {
    it.each(INDICES)('%s: same verdict and errors as the schema compiled at run time', (_what, value) => {
      expect(verdict(generated[scope].index, value)).toEqual(verdict(runtime[scope].index, value));
    });

    it.each(INDICES.filter(([, value]) => Array.isArray((value as { packs?: unknown }).packs)))('%s (each entry alone): same verdict and errors', (_what, value) => {
      for (const pack of (value as { packs: unknown[] }).packs) expect(verdict(generated[scope].entry, pack)).toEqual(verdict(runtime[scope].entry, pack));
    });
  });

  it('the real index is valid and the broken ones are not (the corpus tests something)', () => {
    const valid = INDICES.filter(([, value]) => https.index(value)).map(([what]) => what);
    expect(valid).toEqual(['the real Attune index']);
    expect(local.index(INDICES[4][1])).toBe(true);
  });

  const runtimeManifest = compiledManifest();
  it.each(MANIFESTS)('pack.yaml, %s: same verdict and errors (verbose: values and schemas too)', (_what, value) => {
    expect(verdict(manifest.manifest, value)).toEqual(verdict(runtimeManifest, value));
  });

  it('the example manifests are valid and the broken ones are not', () => {
    expect(MANIFESTS.filter(([, value]) => manifest.manifest(value)).map(([what]) => what)).toEqual(['examples/packs/hello', 'examples/packs/hello_python', 'astral characters']);
  });
});
