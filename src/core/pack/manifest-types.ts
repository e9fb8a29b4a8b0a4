/** One test runner from pack.yaml `testing.runners`, as Attune runs it. */
export interface PackTestRunner {
  /** `script` runs the entry point with a shell, `unittest` with `python3 -m unittest`, `pytest` with `pytest -v`. */
  type: 'script' | 'unittest' | 'pytest';
  /** Path of the test file (or test directory for pytest/unittest), relative to the pack root. */
  entryPoint: string;
  /** Seconds before Attune stops the run. */
  timeout: number;
  /** `simple`: read "Total Tests/Passed/Failed/Skipped" lines from the output. */
  resultFormat?: 'simple';
}

/** The `testing` section of pack.yaml. Fields absent from the file stay absent. */
export interface PackTesting {
  enabled?: boolean;
  discovery?: { method: string; path: string };
  /** Runners by name, in file order; empty when none are declared. */
  runners: Record<string, PackTestRunner>;
  /** Share of tests (0..1) that must pass. */
  minPassRate?: number;
  /** Whether a failing run blocks the install or only warns. */
  onFailure?: 'block' | 'warn';
}

/** What a pack depends on, in the shape of an Attune index entry's `dependencies`. */
export interface PackDependencies {
  attune_version?: string;
  python_version?: string;
  nodejs_version?: string;
  /** Pack refs, optionally with a version range, e.g. "core@^1.0.0". */
  packs?: string[];
}

/**
 * A validated pack.yaml, normalized the way Attune's index builder reads it
 * (fallbacks from `name`, `meta` and `tags` already applied).
 */
export interface PackManifest {
  ref: string;
  version: string;
  label: string;
  description: string;
  author?: string;
  email?: string;
  /** `license`, else `meta.license`; absent means the index uses the repository LICENSE or NOASSERTION. */
  license?: string;
  /** `homepage`, else `meta.documentation_url`. */
  homepage?: string;
  repository?: string;
  /** `use_case`, else `meta.use_case`. */
  useCase?: string;
  /** `keywords`, else `meta.keywords`, else `tags`: as strings, de-duplicated, in byte order. */
  keywords: string[];
  /** `runtime_deps` as strings, de-duplicated, in byte order. */
  runtimeDeps: string[];
  dependencies?: PackDependencies;
  testing?: PackTesting;
  meta?: Record<string, unknown>;
  /** The parsed pack.yaml as written, before fallbacks. */
  raw: Record<string, unknown>;
}
