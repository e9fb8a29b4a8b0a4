import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { TempDirs } from './temp.js';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One run of a built action. */
export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Outputs parsed from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** Output names in the order they were written (to see duplicates). */
  written: string[];
  summary: string;
  /** The run's RUNNER_TEMP. */
  runnerTemp: string;
}

/** action.yml of an action (`release` is the root action.yml), as the runner reads it. */
export function actionMetadata(action: string): { inputs?: Record<string, { default?: string } | null> } {
  const file = action === 'release' ? join(ROOT, 'action.yml') : join(ROOT, 'actions', action, 'action.yml');
  return parse(readFileSync(file, 'utf8'));
}

/** Parse a GITHUB_OUTPUT file: `name<<delimiter` heredocs (what @actions/core writes) and `name=value` lines. */
export function parseOutputFile(text: string): { outputs: Record<string, string>; written: string[] } {
  const outputs: Record<string, string> = {};
  const written: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=<]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${delimiter} for ${name}`);
      outputs[name] = lines.slice(i + 1, end).join('\n');
      written.push(name);
      i = end;
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    if (!pair) throw new Error(`GITHUB_OUTPUT: unexpected line ${JSON.stringify(line)}`);
    outputs[pair[1]] = pair[2];
    written.push(pair[1]);
  }
  return { outputs, written };
}

/**
 * Run dist/<action>.js as the GitHub runner does: every declared input gets its `with:`
 * value or its action.yml default in INPUT_<NAME> (upper case, spaces to underscores,
 * hyphens kept); GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE and RUNNER_TEMP are
 * set. An input the action does not declare is a test error. The caller's INPUT_*,
 * GITHUB_*, RUNNER_*, NODE_OPTIONS and SOURCE_DATE_EPOCH do not leak in.
 */
export function runBuiltAction(temp: TempDirs, action: string, workspace: string, withInputs: Record<string, string> = {}, env: Record<string, string> = {}): ActionRun {
  const run = prepareRun(temp, action, workspace, withInputs, env);
  const child = spawnSync(process.execPath, [join(ROOT, 'dist', `${action}.js`)], { cwd: workspace, encoding: 'utf8', env: run.env });
  if (child.error) throw child.error;
  return run.result(child.status, child.stdout, child.stderr);
}

/**
 * {@link runBuiltAction} without blocking the test process: for actions that talk to a
 * server running inside the test (an in-process S3 server would stall under spawnSync).
 */
export async function runBuiltActionAsync(temp: TempDirs, action: string, workspace: string, withInputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  const run = prepareRun(temp, action, workspace, withInputs, env);
  const child = spawn(process.execPath, [join(ROOT, 'dist', `${action}.js`)], { cwd: workspace, env: run.env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  return run.result(code, stdout, stderr);
}

function prepareRun(temp: TempDirs, action: string, workspace: string, withInputs: Record<string, string>, env: Record<string, string>) {
  const declared = actionMetadata(action).inputs ?? {};
  for (const name of Object.keys(withInputs)) if (!(name in declared)) throw new Error(`${action} declares no input ${name}`);
  const runner = temp.make('packreg-runner-');
  const outputFile = join(runner, 'github_output');
  const summaryFile = join(runner, 'step_summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(INPUT_|GITHUB_|RUNNER_)/.test(key) && !['NODE_OPTIONS', 'SOURCE_DATE_EPOCH'].includes(key)),
  );
  const inputs = Object.fromEntries(Object.entries(declared).map(([name, spec]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, withInputs[name] ?? spec?.default ?? '']));
  return {
    env: { ...base, ...inputs, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: runner, ...env },
    result: (code: number | null, stdout: string, stderr: string): ActionRun => ({ code, stdout, stderr, ...parseOutputFile(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8'), runnerTemp: runner }),
  };
}

/** `::error::` lines of a run's standard output. */
export const errorLines = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('::error::'));
/** `::warning::` lines of a run's standard output. */
export const warningLines = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('::warning::'));
