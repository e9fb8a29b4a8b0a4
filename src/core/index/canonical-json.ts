import type { IndexEntry, RegistryIndex } from './model.js';

/** Key order of an index, as Attune's builder writes it. */
const INDEX_KEYS = ['registry_name', 'registry_url', 'version', 'last_updated', 'packs'];
/** Key order of an entry, as Attune's builder writes it (read off the standard index). */
export const ENTRY_KEYS = [
  'ref',
  'label',
  'description',
  'version',
  'author',
  'license',
  'keywords',
  'runtime_deps',
  'install_sources',
  'contents',
  'meta',
  'repository',
  'email',
  'homepage',
  'use_case',
  'dependencies',
];
const SOURCE_KEYS = ['type', 'url', 'ref', 'checksum'];
const CONTENTS_KEYS = ['actions', 'sensors', 'triggers', 'rules', 'workflows'];
const COMPONENT_KEYS = ['name', 'description'];
const DEPENDENCY_KEYS = ['attune_version', 'python_version', 'nodejs_version', 'packs'];

/** `value` with its keys in `order` first, then any others sorted; undefined values dropped. */
function ordered(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  for (const key of Object.keys(value).sort()) if (!(key in out) && value[key] !== undefined) out[key] = value[key];
  return out;
}

/** An entry in canonical key order (meta keeps its own order: it is free-form). */
export function canonicalEntry(entry: IndexEntry): IndexEntry {
  const e = entry as unknown as Record<string, unknown>;
  const contents = e.contents as Record<string, { name: string; description: string }[]> | undefined;
  return ordered(
    {
      ...e,
      install_sources: (entry.install_sources ?? []).map((s) => ordered(s as unknown as Record<string, unknown>, SOURCE_KEYS)),
      contents: contents && ordered(Object.fromEntries(Object.entries(contents).map(([k, list]) => [k, list.map((c) => ordered(c, COMPONENT_KEYS))])), CONTENTS_KEYS),
      dependencies: e.dependencies && ordered(e.dependencies as Record<string, unknown>, DEPENDENCY_KEYS),
    },
    ENTRY_KEYS,
  ) as unknown as IndexEntry;
}

/** An index in canonical key order, entries included. */
export function canonicalIndex(index: RegistryIndex): RegistryIndex {
  return ordered({ ...index, packs: index.packs.map(canonicalEntry) }, INDEX_KEYS) as unknown as RegistryIndex;
}

/**
 * JSON text exactly as Attune's builder writes it (Python's json.dumps with indent=2 and
 * ensure_ascii): two-space indent, `": "` separators, every character outside printable
 * ASCII escaped as lower-case `\uXXXX`, and a final newline. The real standard index
 * round-trips through this byte for byte, so rewriting an unchanged index shows no diff.
 */
export function stringifyCanonical(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, escapeUnicode)}\n`;
}

function escapeUnicode(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
