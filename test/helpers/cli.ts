import { expect } from '@jest/globals';
import { runCli } from '../../src/cli/run.js';

/** What one in-process `packreg` run left behind: the exit code and everything it wrote. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `packreg <argv...>` in-process through runCli, as dist/cli.js runs it, with stdout and
 * stderr captured. The working directory defaults to `/` (so a test never depends on where
 * jest runs) and the environment to an empty one.
 */
export async function runPackreg(argv: readonly string[], cwd = '/', env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** A runner of one command: `cliCommand('checksum')(args, cwd)` runs `packreg checksum <args...>` in `cwd` (default `/`). */
export function cliCommand(command: string): (args: readonly string[], cwd?: string) => Promise<CliRun> {
  return (args, cwd) => runPackreg([command, ...args], cwd);
}

/** The checksum `packreg checksum <args...>` prints in `cwd` (default `/`); the run must exit 0 with nothing on stderr. */
export async function checksumOf(args: readonly string[], cwd = '/'): Promise<string> {
  const result = await runPackreg(['checksum', ...args], cwd);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return result.stdout.trim();
}
