import { uniqueSorted } from './byte-order.js';
import type { PackDependencies, PackManifest, PackTestRunner, PackTesting } from './manifest-types.js';

type Raw = Record<string, unknown>;

/**
 * Build the typed manifest from a pack.yaml that passed the schema. `effective` is the raw
 * manifest with the ref/label fallbacks applied; `raw` is kept as written. Each field
 * follows Attune's index builder (compat README, "How Attune's own index builder fills
 * an entry from a pack").
 */
export function normalizeManifest(effective: Raw, raw: Raw): PackManifest {
  const meta = asRecord(effective.meta);
  const manifest: PackManifest = {
    ref: effective.ref as string,
    version: effective.version as string,
    label: effective.label as string,
    description: effective.description as string,
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
function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}

function asRecord(value: unknown): Raw | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** A non-empty string, else undefined: like the builder's `a or b`, an empty value falls through. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first candidate that is a non-empty list (the builder's `keywords or meta.keywords or tags`). */
function firstList(...candidates: unknown[]): unknown[] {
  return (candidates.find((c) => Array.isArray(c) && c.length > 0) as unknown[] | undefined) ?? [];
}

/** Strings and numbers as strings, de-duplicated, in byte order; anything else is dropped. */
function wordList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const words = value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  return uniqueSorted(words);
}

function dependencies(value: unknown): PackDependencies | undefined {
  if (Array.isArray(value)) return { packs: value.map(String) };
  const deps = asRecord(value);
  if (!deps) return undefined;
  const result: PackDependencies = {};
  for (const key of ['attune_version', 'python_version', 'nodejs_version'] as const) {
    if (deps[key] !== undefined && deps[key] !== null) result[key] = String(deps[key]);
  }
  if (Array.isArray(deps.packs)) result.packs = deps.packs.map(String);
  return result;
}

function testing(section: Raw | undefined): PackTesting | undefined {
  if (!section) return undefined;
  const result: PackTesting = { runners: {} };
  for (const [name, runner] of Object.entries(asRecord(section.runners) ?? {})) {
    result.runners[name] = testRunner(runner as Raw);
  }
  const discovery = asRecord(section.discovery);
  assignDefined(result, {
    enabled: section.enabled as boolean | undefined,
    discovery: discovery && { method: discovery.method as string, path: discovery.path as string },
    minPassRate: section.min_pass_rate as number | undefined,
    onFailure: section.on_failure as PackTesting['onFailure'],
  });
  return result;
}

function testRunner(runner: Raw): PackTestRunner {
  const result: PackTestRunner = {
    type: runner.type as PackTestRunner['type'],
    entryPoint: runner.entry_point as string,
    timeout: runner.timeout as number,
  };
  if (runner.result_format !== undefined) result.resultFormat = runner.result_format as 'simple';
  return result;
}
