/** Which packs need a Python environment, read from real pack.yaml files. */
import { afterAll, describe, expect, test } from '@jest/globals';
import { isPythonPack, venvKey } from '../../src/core/install/environment.js';
import { tempDirs } from '../helpers/temp.js';
import { packYaml, writePack } from './environment-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const RUNNER = (type: string): string => `testing:\n  runners:\n    t: {type: ${type}, entry_point: tests/t, timeout: 10}\n`;

describe('isPythonPack', () => {
  test.each([
    ['runtime_deps python3', 'runtime_deps: [shell, python3]\n', false, true],
    ['runtime_deps python', 'runtime_deps: [python]\n', false, true],
    ['dependencies.python_version', 'dependencies: {python_version: ">=3.9"}\n', false, true],
    ['a unittest runner', RUNNER('unittest'), false, true],
    ['a pytest runner', RUNNER('pytest'), false, true],
    ['requirements.txt alone', '', true, true],
    ['shell and nodejs only', 'runtime_deps: [shell, nodejs]\ndependencies: {nodejs_version: ">=20"}\n', false, false],
    ['a script runner only', RUNNER('script'), false, false],
    ['a runtime named like python', 'runtime_deps: [python2, pythonic]\n', false, false],
  ])('%s', async (_name, extra, hasRequirements, expected) => {
    const { manifest } = await writePack(temp, { 'pack.yaml': packYaml(extra) });
    expect(isPythonPack(manifest, hasRequirements)).toBe(expected);
  });
});

describe('venvKey', () => {
  test('names the Python version and changes with either input', () => {
    const key = venvKey('a'.repeat(64), 'Python 3.11.7');
    expect(key).toMatch(/^py3\.11\.7-[0-9a-f]{16}$/);
    expect(venvKey('a'.repeat(64), 'Python 3.11.7')).toBe(key);
    expect(new Set([key, venvKey('b'.repeat(64), 'Python 3.11.7'), venvKey(null, 'Python 3.11.7'), venvKey('a'.repeat(64), 'Python 3.11.8')]).size).toBe(4);
    expect(venvKey(null, 'odd output')).toMatch(/^pyunknown-[0-9a-f]{16}$/);
  });
});
