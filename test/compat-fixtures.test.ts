import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attuneIndexSchema } from '../src/core/index/attune-index-schema.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'compat');
/** The shared originals beside the project (present in the development workspace, not in a plain clone). */
const SHARED = resolve(ROOT, '..', 'shared', 'compat');
const DATA_FILES = ['attune-index.schema.json', 'attune-standard-index.json', 'checksum-vectors.json'];

describe('test/fixtures/compat: copies of the real Attune formats', () => {
  const shared = existsSync(SHARED) ? it : it.skip;

  shared.each(DATA_FILES)('%s is byte-identical to the shared original', (name) => {
    const copy = readFileSync(join(FIXTURES, name));
    const original = readFileSync(join(SHARED, name));
    expect(copy.length).toBe(original.length);
    expect(copy.equals(original)).toBe(true);
  });

  it('the standard index copy holds the 44 real packs', () => {
    const index = JSON.parse(readFileSync(join(FIXTURES, 'attune-standard-index.json'), 'utf8')) as { packs: unknown[] };
    expect(index.packs).toHaveLength(44);
  });

  it('src/core/index/attune-index-schema.ts is the fixture schema, deep-equal', () => {
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'attune-index.schema.json'), 'utf8')) as unknown;
    expect(attuneIndexSchema).toStrictEqual(schema);
    // Key order matters too when the schema is printed or hashed: same serialization.
    expect(JSON.stringify(attuneIndexSchema)).toBe(JSON.stringify(schema));
  });
});
