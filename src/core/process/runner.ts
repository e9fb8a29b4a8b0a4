import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { RemoteError } from '../errors.js';

/** Options for one child process. Arguments always travel as an array: never a shell string. */
export interface RunOptions {
  readonly cwd?: string;
  /** Extra variables, merged over the parent's environment. */
  readonly env?: Record<string, string | undefined>;
}

/** A finished process. */
export interface RunResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** A running process with streamed standard input and output. */
export interface StreamingProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** Resolves when the process ends; never rejects for a non-zero exit. */
  readonly done: Promise<{ code: number; stderr: string }>;
  kill(): void;
}

/** The edge through which core code starts external tools (git, openssl...). */
export interface ProcessRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  start(command: string, args: readonly string[], options?: RunOptions): StreamingProcess;
}

/** {@link ProcessRunner} on node:child_process. */
export const nodeProcessRunner: ProcessRunner = {
  async run(command, args, options) {
    const child = this.start(command, args, options);
    child.stdin.end();
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const { code, stderr } = await child.done;
    return { code, stdout: Buffer.concat(chunks), stderr };
  },

  start(command, args, options) {
    const child = spawn(command, [...args], {
      cwd: options?.cwd,
      env: options?.env ? { ...process.env, ...options.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A child that exits early closes its stdin; that is reported through `done`, not as a crash.
    child.stdin.on('error', () => undefined);
    const done = new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) => {
        const hint = error.code === 'ENOENT' ? `${command} is not installed or not on PATH` : error.message;
        reject(new RemoteError(`cannot run ${command}: ${hint}`, { cause: error }));
      });
      child.on('close', (code, signal) => {
        resolve({ code: code ?? (signal ? 128 : 1), stderr: Buffer.concat(stderr).toString('utf8').trim() });
      });
    });
    return { stdin: child.stdin, stdout: child.stdout, done, kill: () => child.kill('SIGTERM') };
  },
};
