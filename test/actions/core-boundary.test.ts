import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * src/core is shared by the CLI and the actions, so it must not depend on the runner: no
 * @actions/* import, no process exit, no configuration read from the environment. The
 * actions and the CLI read inputs, flags and variables and hand core plain values.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORE = join(ROOT, 'src', 'core');

/**
 * The one file allowed to mention process.env, and only as a whole object: the process
 * runner forwards the parent environment to child processes (git needs PATH and HOME) and
 * merges the caller's extra variables over it. It reads no variable.
 */
const ENV_FORWARDERS = ['src/core/process/runner.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Source without comments (block comments and `//` comments that start a line or follow a space). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

const files = sourceFiles(CORE).map((path) => ({ name: relative(ROOT, path).split('\\').join('/'), source: code(readFileSync(path, 'utf8')) }));

/** Every `file: line` where `pattern` matches. */
function offenders(pattern: RegExp, only = files): string[] {
  return only.flatMap(({ name, source }) => source.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : [])));
}

describe('src/core stays independent of the runner', () => {
  it('has sources to scan', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports nothing from @actions/*', () => {
    expect(offenders(/['"`]@actions\//)).toEqual([]);
  });

  it('never ends the process', () => {
    expect(offenders(/\bprocess\s*(\.\s*(exit|exitCode|abort)\b|\[\s*['"`](exit|exitCode|abort)['"`])/)).toEqual([]);
  });

  it('reads no environment variable', () => {
    const forwarders = files.filter((f) => ENV_FORWARDERS.includes(f.name));
    const others = files.filter((f) => !ENV_FORWARDERS.includes(f.name));
    // anywhere but the forwarder: no process.env at all, nor `const { env } = process`, nor process['env']
    expect(offenders(/\bprocess\s*(\.\s*env\b|\[\s*['"`]env['"`])|\{[^}]*\benv\b[^}]*\}\s*=\s*process\b/, others)).toEqual([]);
    // in the forwarder: process.env only as a whole object, never one variable
    expect(forwarders.map((f) => f.name)).toEqual(ENV_FORWARDERS);
    expect(offenders(/\bprocess\s*\.\s*env\s*(\.|\[|\?\.)|\{[^}]*\}\s*=\s*process\s*\.\s*env\b/, forwarders)).toEqual([]);
  });

  it('has no dynamic import (an action bundle inlines it after its top-level await, uninitialised)', () => {
    expect(offenders(/\bimport\s*\(/)).toEqual([]);
  });
});
