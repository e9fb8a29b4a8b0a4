import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runPackreg } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { writeTree } from '../helpers/temp.js';
import type { TreeSpec } from '../helpers/temp.js';

/** What a test pack declares beyond the required fields. */
export interface InstallPackSpec {
  readonly ref: string;
  readonly version?: string;
  /** Entries of dependencies.packs ("lib@^1.0.0"). */
  readonly packs?: readonly string[];
  /** Extra pack.yaml lines (dependencies other than packs, runtime_deps...). */
  readonly manifest?: string;
  /** The body of tests/run_tests.sh (a script runner with the simple result format); none when absent. */
  readonly testScript?: string;
  /** Seconds before the script runner is stopped. */
  readonly timeout?: number;
  readonly files?: TreeSpec;
}

/** A small pack with a shell action and, optionally, a script test runner. */
export function writeInstallPack(dir: string, spec: InstallPackSpec): string {
  const lines = [
    `ref: ${spec.ref}`,
    `label: ${spec.ref} pack`,
    `description: The ${spec.ref} pack for install tests`,
    `version: ${spec.version ?? '1.0.0'}`,
    'author: Install Tests',
    'email: tests@example.com',
    'license: Apache-2.0',
    'runtime_deps: [shell]',
  ];
  if (spec.packs) lines.push('dependencies:', '  packs:', ...spec.packs.map((p) => `    - "${p}"`));
  if (spec.manifest) lines.push(spec.manifest);
  if (spec.testScript !== undefined) {
    lines.push(
      'testing:',
      '  enabled: true',
      '  runners:',
      '    shell:',
      '      type: script',
      '      entry_point: tests/run_tests.sh',
      `      timeout: ${spec.timeout ?? 30}`,
      '      result_format: simple',
      '  min_pass_rate: 1.0',
      '  on_failure: block',
    );
  }
  return writeTree(dir, {
    'pack.yaml': `${lines.join('\n')}\n`,
    'actions/greet.yaml': `ref: ${spec.ref}.greet\ndescription: Says hello\nrunner_type: shell\nentry_point: greet.sh\n`,
    'actions/greet.sh': { content: '#!/bin/sh\necho hello\n', executable: true },
    ...(spec.testScript !== undefined ? { 'tests/run_tests.sh': { content: `#!/bin/sh\n${spec.testScript}\n`, executable: true } } : {}),
    ...spec.files,
  });
}

/** A test script that passes `n` tests in the simple format. */
export function passingTests(n = 2): string {
  return [`echo "Total Tests: ${n}"`, `echo "Passed: ${n}"`, 'echo "Failed: 0"', 'echo "Skipped: 0"'].join('\n');
}

/** The environment a CLI run gets: a real PATH and HOME, and a private TMPDIR. */
export function baseEnv(tmp: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, TMPDIR: tmp, ...extra };
}

/** `packreg <command> <args...>` in `cwd`. */
export function packreg(args: readonly string[], cwd: string, env: Record<string, string>): Promise<CliRun> {
  return runPackreg(args, cwd, env);
}

/** The entries of a folder, sorted; [] when it does not exist. */
export function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Where `ref` lands in a packs folder. */
export function installed(packsDir: string, ref: string, file = ''): string {
  return join(packsDir, ref, file);
}
