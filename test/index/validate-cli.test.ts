import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import { cliCommand } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import type { LooseJson } from './index-fixtures.js';
import { mutatedIndex, STANDARD_INDEX } from './index-fixtures.js';

const INDEX_TEXT = readFileSync(STANDARD_INDEX, 'utf8');

const packreg = cliCommand('index-validate');

describe('packreg index-validate', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  const dir = temp.make();
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const withIndex = (name: string, mutate: (index: LooseJson) => void): string => write(name, `${JSON.stringify(mutatedIndex(mutate), null, 2)}\n`);
  const valid = write('index.json', INDEX_TEXT);
  const mainRef = withIndex('main-ref.json', (i) => (i.packs[0].install_sources[0].ref = 'main'));
  const broken = withIndex('broken.json', (i) => {
    delete i.packs[3].author;
    [i.packs[10], i.packs[11]] = [i.packs[11], i.packs[10]];
  });

  it.each(['standard', 'custom'])('the real standard index is valid under --policy %s: exit 0', async (policy) => {
    expect(await packreg(['index.json', '--policy', policy], dir)).toEqual({
      code: ExitCode.Ok,
      stdout: `valid: ${valid} (44 packs, policy ${policy})\n`,
      stderr: '',
    });
  });

  it('the default policy is custom', async () => {
    expect((await packreg([mainRef], '/')).stdout).toBe(`valid: ${mainRef} (44 packs, policy custom)\n`);
  });

  it('an invalid index exits 1 and lists every problem with its JSON path', async () => {
    const result = await packreg([broken, '--policy', 'standard'], '/');
    expect(result).toEqual({
      code: ExitCode.CheckFailed,
      stdout: [
        `INVALID: ${broken} (44 packs, policy standard)`,
        '  /packs/3: missing required field "author"',
        '  /packs/11/ref: packs are not sorted by ref: "foreman" comes after "freeipa"; sort them by ref in byte order (index-update and index-merge write them sorted)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('a mutable git ref is invalid under standard only', async () => {
    const result = await packreg([mainRef, '--policy', 'standard'], '/');
    expect(result.code).toBe(ExitCode.CheckFailed);
    expect(result.stdout).toContain('  /packs/0/install_sources/0/ref: git source ref "main" must be a full 40-character lower-case commit SHA');
    expect((await packreg([mainRef, '--policy', 'custom'], '/')).code).toBe(ExitCode.Ok);
  });

  it('malformed JSON exits 1 with file:line:column', async () => {
    const file = write('malformed.json', '{\n  "registry_name": "x",\n  "packs": [\n    {"ref": "a",},\n  ]\n}\n');
    const result = await packreg([file], '/');
    expect(result.code).toBe(ExitCode.CheckFailed);
    const [head, problem, end] = result.stdout.split('\n');
    expect(head).toBe(`INVALID: ${file} (0 packs, policy custom)`);
    expect(problem.startsWith(`  /: ${file}:4:17: not valid JSON (`)).toBe(true);
    expect(problem).toMatch(/ \(Expected double-quoted property name\); fix the syntax at that point$/);
    expect(end).toBe('');
  });

  it.each([0, 20, 43])('malformed JSON inside pack %i of the real index: the exact line and column', async (n) => {
    // A trailing comma after the n-th "stars" member: the error is at the "}" that follows.
    let at = -1;
    for (let k = 0; k <= n; k++) at = INDEX_TEXT.indexOf('"stars": 0\n', at + 1);
    const text = `${INDEX_TEXT.slice(0, at)}"stars": 0,${INDEX_TEXT.slice(at + '"stars": 0'.length)}`;
    const offset = text.indexOf('}', at);
    const line = text.slice(0, offset).split('\n').length;
    const column = offset - text.lastIndexOf('\n', offset - 1);
    const file = write(`malformed-${n}.json`, text);
    const result = await packreg([file, '--json'], '/');
    expect(result.code).toBe(ExitCode.CheckFailed);
    const parsed = JSON.parse(result.stdout) as { problems: { path: string; message: string }[] };
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].message.startsWith(`${file}:${line}:${column}: not valid JSON (`)).toBe(true);
  });

  it('--json prints the result object: file, policy, valid, packs, problems, local', async () => {
    const ok = await packreg([valid, '--json', '--policy', 'standard'], '/');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ file: valid, policy: 'standard', valid: true, packs: 44, problems: [], local: false });
    const bad = await packreg([broken, '--json'], '/');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({
      file: broken,
      policy: 'custom',
      valid: false,
      packs: 44,
      problems: [
        { path: '/packs/3', message: 'missing required field "author"' },
        { path: '/packs/11/ref', message: 'packs are not sorted by ref: "foreman" comes after "freeipa"; sort them by ref in byte order (index-update and index-merge write them sorted)' },
      ],
      local: false,
    });
  });

  it.each([
    ['index format version "2.0"', (i: LooseJson) => (i.version = '2.0'), ['  /version: must be "1.0"']],
    [
      'a duplicate ref',
      (i: LooseJson) => (i.packs[1].ref = i.packs[0].ref),
      ['  /packs/1/ref: ref "activedirectory" is listed twice (also at /packs/0); an index has one entry per ref: keep only the entry of its highest version'],
    ],
    ['a non-semver version', (i: LooseJson) => (i.packs[4].version = '01.0.0'), ['  /packs/4/version: "01.0.0" is not a semantic version (MAJOR.MINOR.PATCH)']],
  ])('%s: exit 1, one clear line, the file untouched', async (_what, mutate, lines) => {
    const file = withIndex('bad-input.json', mutate);
    const before = readFileSync(file);
    const result = await packreg([file, '--policy', 'standard'], '/');
    expect(result).toEqual({ code: ExitCode.CheckFailed, stdout: [`INVALID: ${file} (44 packs, policy standard)`, ...lines, ''].join('\n'), stderr: '' });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a missing file exits 3 and names it', async () => {
    const result = await packreg(['nope.json'], dir);
    expect(result.code).toBe(ExitCode.Input);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`packreg index-validate: error: index ${join(dir, 'nope.json')} does not exist; check the path\n`);
  });

  it('a directory instead of a file exits 3', async () => {
    const result = await packreg([dir], '/');
    expect(result.code).toBe(ExitCode.Input);
    expect(result.stderr).toMatch(/is a directory where a file was expected/);
  });

  it('an unknown --policy exits 2', async () => {
    const result = await packreg([valid, '--policy', 'strict'], '/');
    expect(result).toEqual({ code: ExitCode.Usage, stdout: '', stderr: 'packreg index-validate: error: --policy: "strict" is not a policy; use standard or custom\n' });
  });

  it('no file, or two, exits 2', async () => {
    expect((await packreg([], dir)).code).toBe(ExitCode.Usage);
    expect((await packreg([valid, valid], dir)).code).toBe(ExitCode.Usage);
  });
});
