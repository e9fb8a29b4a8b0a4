import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalEntry, canonicalIndex, stringifyCanonical } from '../../src/core/index/canonical-json.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';

const INDEX_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'compat', 'attune-standard-index.json');
const INDEX_TEXT = readFileSync(INDEX_FILE, 'utf8');

/** What Attune's builder writes: Python's json.dumps(value, indent=2) plus print's newline. */
function pythonDumps(value: unknown): string {
  const script = 'import json,sys; print(json.dumps(json.loads(sys.stdin.buffer.read().decode("utf-8")), indent=2))';
  return execFileSync('python3', ['-c', script], { input: Buffer.from(JSON.stringify(value), 'utf8') }).toString('utf8');
}

/**
 * A copy of `value` with the keys of every object in reverse order, except inside `meta`:
 * meta is free-form, so canonical order keeps its keys as they come.
 */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, k === 'meta' ? v : reverseKeys(v)]),
    );
  }
  return value;
}

describe('canonical JSON: the bytes Attune writes', () => {
  it('the real standard index round-trips byte for byte through parse, canonicalIndex and stringifyCanonical', () => {
    const text = stringifyCanonical(canonicalIndex(JSON.parse(INDEX_TEXT) as RegistryIndex));
    expect(text).toBe(INDEX_TEXT);
    // The fixture exercises what the round trip must preserve: escaped U+2014, 2-space indent, final newline.
    expect(INDEX_TEXT).toContain('\\u2014');
    expect(INDEX_TEXT).toMatch(/^\{\n {2}"registry_name": /);
    expect(INDEX_TEXT.endsWith('}\n')).toBe(true);
  });

  it('an index with every key order scrambled comes back in the builder order, byte for byte', () => {
    const scrambled = reverseKeys(JSON.parse(INDEX_TEXT)) as RegistryIndex;
    expect(Object.keys(scrambled)[0]).toBe('packs');
    expect(stringifyCanonical(canonicalIndex(scrambled))).toBe(INDEX_TEXT);
  });

  it('each real entry is already canonical, and a scrambled one is put back in order', () => {
    const index = JSON.parse(INDEX_TEXT) as RegistryIndex;
    for (const entry of index.packs) {
      const scrambled = reverseKeys(entry) as IndexEntry;
      expect(JSON.stringify(canonicalEntry(scrambled))).toBe(JSON.stringify(entry));
    }
  });

  it('matches python3 json.dumps(indent=2) on non-ASCII, astral, DEL and control characters', () => {
    const sample = {
      'clé': 'é — 😀 \u007f \u0001 \t\n\r\b\f "q" \\ / \u2028 \u00a0 ~',
      list: [1, 2.5, -3, 'x', true, false, null, [], {}],
      nested: { empty: {}, deep: { 'ж': ['😀😀', ''] } },
    };
    const text = stringifyCanonical(sample);
    expect(text).toBe(pythonDumps(sample));
    // What the comparison proves, spelled out: surrogate pairs, lower-case hex, DEL escaped, ASCII only.
    expect(text).toContain('"\\u00e9 \\u2014 \\ud83d\\ude00 \\u007f \\u0001 \\t\\n\\r\\b\\f \\"q\\" \\\\ / \\u2028 \\u00a0 ~"');
    expect(text).toContain('"cl\\u00e9": ');
    expect(/^[\x20-\x7e\n]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual(sample);
  });
});
