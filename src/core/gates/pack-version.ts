import { hasMappingRoot, parseYamlSource, toPlainData } from '../pack/yaml-source.js';

/** What the version gate needs from a pack.yaml: its name and version, and where the version is. */
export interface PackVersion {
  /** `ref`, else `name`, when it is a string. */
  readonly ref?: string;
  /** The version as written, when it is a string. */
  readonly version?: string;
  /** Line of the version (or of the document), for annotations. */
  readonly line?: number;
  /** Why no version could be read. */
  readonly problem?: string;
}

/**
 * Read the version from a pack.yaml's text. Only `ref`/`name` and `version` matter here: the
 * rest of the manifest is validate's business, and a manifest broken elsewhere must not
 * hide whether its version went up.
 */
export function packVersionOf(text: string): PackVersion {
  const source = parseYamlSource(text);
  if (source.errors.length > 0) {
    const first = source.errors[0];
    return { line: first.line, problem: `is not valid YAML (line ${first.line}: ${first.message})` };
  }
  if (!hasMappingRoot(source)) return { line: 1, problem: 'is not a mapping of keys to values' };
  const { data, problem } = toPlainData(source);
  if (problem) return { line: 1, problem: problem.message };
  const raw = data as Record<string, unknown>;
  const named = typeof raw.ref === 'string' ? raw.ref : typeof raw.name === 'string' ? raw.name : undefined;
  const ref = named === undefined ? {} : { ref: named };
  const line = source.locate(['version']).line;
  if (typeof raw.version === 'string') return { ...ref, version: raw.version, line };
  if (raw.version === undefined || raw.version === null) return { ...ref, line: 1, problem: 'has no version; add version: MAJOR.MINOR.PATCH (e.g. version: 1.0.0)' };
  return { ...ref, line, problem: `has version ${JSON.stringify(raw.version)}, which is not a string; write it quoted as MAJOR.MINOR.PATCH (e.g. version: "1.0.0")` };
}
