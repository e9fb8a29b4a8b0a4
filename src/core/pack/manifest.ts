import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { InputError } from '../errors.js';
import { applyFallbacks } from './manifest-fallbacks.js';
import { normalizeManifest } from './manifest-normalize.js';
import type { PackManifest } from './manifest-types.js';
import { assertPackDirectory, directoryPackFiles, type PackFiles } from './pack-files.js';
import { inFile, type Problem } from './problem.js';
import { schemaProblems } from './schema-messages.js';
import * as generated from '../validators/manifest.generated.js';
import { hasMappingRoot, parseYamlSource, sourceText, toPlainData, type YamlSource } from './yaml-source.js';

// Problems are part of what this module returns, so callers can import their formatter from here too.
export { formatProblem, type Problem } from './problem.js';

/** The outcome of reading a pack.yaml: the typed manifest when there are no errors. */
export interface ManifestResult {
  /** Present exactly when `errors` is empty. */
  manifest?: PackManifest;
  /** Every violation found, each with path, location and fix; ordered by line. */
  errors: Problem[];
  /** Things that load but deserve attention (fallbacks used, fields an index entry will miss). */
  warnings: Problem[];
}

/** A {@link ManifestResult} read from a pack, with the file it came from. */
export interface LoadedManifest extends ManifestResult {
  /** The manifest file that was read: `<packDir>/pack.yaml` (or `pack.yml`). */
  file: string;
}

/** A {@link ManifestResult} that can also locate values, for checks that run after parsing. */
export interface ManifestAnalysis extends ManifestResult {
  /** Line and column of the value at a path, when the file parsed. */
  locate(path: string[]): { line?: number; column?: number };
}

export { isStrictSemver } from './strict-semver.js';

/**
 * The schema validator, generated at build time from manifest-schema.ts
 * (scripts/gen-validators.mjs): allErrors, verbose (the value and schema for messages) and
 * allowUnionTypes (`dependencies` is a list or a mapping, keywords strings or numbers).
 */
const validateManifest = generated.manifest as unknown as ValidateFunction;

/**
 * Parse and validate the text of a pack.yaml. `file` names it in problems ("pack.yaml").
 * Never throws for bad content: every problem is returned.
 */
export function parseManifest(text: string, file: string): ManifestResult {
  const { manifest, errors, warnings } = analyzeManifest(text, file);
  return manifest ? { manifest, errors, warnings } : { errors, warnings };
}

/** {@link parseManifest}, also returning a way to locate values for later checks. */
export function analyzeManifest(text: string, file: string): ManifestAnalysis {
  const source = parseYamlSource(text);
  const locate = (path: string[]): { line?: number; column?: number } => source.locate(path);
  const done = (errors: Problem[], warnings: Problem[], manifest?: PackManifest): ManifestAnalysis => ({
    ...(manifest ? { manifest } : {}),
    errors: inFile(file, byLocation(errors)),
    warnings: inFile(file, byLocation(warnings)),
    locate,
  });
  if (source.errors.length > 0) return done(source.errors, source.warnings);
  const rootProblem = checkRoot(source, file);
  if (rootProblem) return done([rootProblem], source.warnings);
  const { data, problem } = toPlainData(source);
  if (problem) return done([problem], source.warnings);

  const raw = data as Record<string, unknown>;
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
function numericVersionRanges(effective: Record<string, unknown>, source: YamlSource, locate: (path: string[]) => { line?: number; column?: number }): Problem[] {
  const deps = effective.dependencies;
  if (typeof deps !== 'object' || deps === null || Array.isArray(deps)) return [];
  const fixed: Record<string, unknown> = { ...(deps as Record<string, unknown>) };
  const warnings: Problem[] = [];
  for (const key of ['attune_version', 'python_version', 'nodejs_version']) {
    const value = fixed[key];
    if (typeof value !== 'number' || sourceText(source, ['dependencies', key]) !== String(value)) continue;
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
function checkRoot(source: YamlSource, file: string): Problem | undefined {
  if (hasMappingRoot(source)) return undefined;
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
function testingWarnings(
  effective: Record<string, unknown>,
  locate: (path: string[]) => { line?: number; column?: number },
): Problem[] {
  const testing = effective.testing as { enabled?: unknown; runners?: unknown } | undefined;
  const runners = testing?.runners;
  const empty = runners === undefined || (typeof runners === 'object' && runners !== null && Object.keys(runners).length === 0);
  if (testing?.enabled !== true || !empty) return [];
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
function byLocation(problems: Problem[]): Problem[] {
  const key = (p: Problem): number => (p.line ?? 0) * 1e6 + (p.column ?? 0);
  return [...problems].sort((a, b) => key(a) - key(b));
}

/**
 * Find and read a pack's manifest through {@link PackFiles}: `pack.yaml`, else `pack.yml`.
 * `where` names the pack in the error when neither exists. Returns the file name and text.
 */
export async function readManifestSource(files: PackFiles, where: string): Promise<{ file: string; text: string }> {
  const names = await files.listFiles('');
  const file = ['pack.yaml', 'pack.yml'].find((name) => names.includes(name));
  if (!file) throw new InputError(`pack.yaml not found in ${where}: a pack directory must contain pack.yaml`);
  return { file, text: await files.readText(file) };
}

/**
 * Read and validate `<packDir>/pack.yaml` (or `pack.yml`). Throws an InputError when the
 * directory is missing, is a file, has no manifest, or cannot be read; bad content is
 * returned as problems, never thrown.
 */
export async function loadManifest(packDir: string): Promise<LoadedManifest> {
  await assertPackDirectory(packDir);
  const { file, text } = await readManifestSource(directoryPackFiles(packDir), packDir);
  return { ...parseManifest(text, file), file: join(packDir, file) };
}
