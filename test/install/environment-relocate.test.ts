/** relocateVenv: a copied venv works at its new path, and only the files a venv embeds its path in change. */
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { relocateVenv } from '../../src/core/install/environment.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** Every file's bytes and mode below `dir` (links as their target), to show what changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    const info = lstatSync(path);
    if (info.isSymbolicLink()) out[name] = `link ${execFileSync('readlink', [path], { encoding: 'utf8' }).trim()}`;
    else if (info.isFile()) out[name] = `${(info.mode & 0o777).toString(8)} ${readFileSync(path).toString('latin1')}`;
  }
  return out;
}

describe('relocateVenv', () => {
  test('a real venv copied elsewhere and relocated runs pip from its new place after the original is deleted', async () => {
    const root = temp.make('packreg-relocate-');
    const from = join(root, 'first', '.venv');
    const to = join(root, 'second', 'moved.venv');
    execFileSync('python3', ['-m', 'venv', from]);
    mkdirSync(join(root, 'second'));
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });

    await relocateVenv(to, from, to);
    rmSync(join(root, 'first'), { recursive: true });

    const pip = execFileSync(join(to, 'bin', 'pip'), ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    expect(pip).toMatch(new RegExp(`^pip \\S+ from ${to}/lib/python3\\.\\d+/site-packages/pip \\(python 3\\.\\d+\\)`));
    for (const name of readdirSync(join(to, 'bin'))) {
      if (lstatSync(join(to, 'bin', name)).isFile()) expect(readFileSync(join(to, 'bin', name), 'utf8')).not.toContain(from);
    }
    expect(readFileSync(join(to, 'pyvenv.cfg'), 'utf8')).toMatch(new RegExp(`^command = .* -m venv ${to}$`, 'm'));
    expect(statSync(join(to, 'bin', 'pip')).mode & 0o777).toBe(0o755);
  });

  test('only whole occurrences of the old path in pyvenv.cfg and regular files directly in bin/ change; links, subfolders, binaries and big files stay', async () => {
    const root = temp.make('packreg-relocate-');
    const old = '/old/place/.venv';
    const moved = '/new/longer place/.venv';
    const big = `#!${old}/bin/python\n${'x'.repeat(1024 * 1024)}`;
    const outside = writeTree(join(root, 'outside'), { 'target.sh': `#!${old}/bin/python\n` });
    const venv = writeTree(join(root, 'venv'), {
      'pyvenv.cfg': `home = /usr/bin\ncommand = /usr/bin/python3 -m venv ${old}\n`,
      'bin/pip': { content: `#!${old}/bin/python\n# -*- coding: utf-8 -*-\nprint("é")\n`, executable: true },
      'bin/activate': `VIRTUAL_ENV="${old}"\nother="${old}2" "/x${old}" "${old}/bin"\n`,
      'bin/compiled': Buffer.concat([Buffer.from(`${old}\0`), Buffer.from([0xff, 0xfe])]),
      'bin/big': big,
      'bin/link': { symlink: join(outside, 'target.sh') },
      'bin/sub/nested': `#!${old}/bin/python\n`,
      'lib/site.py': `${old}\n`,
      'packreg-venv.json': JSON.stringify({ requirements_sha256: null, python: 'Python 3.11.7', key: 'py3.11.7-0000000000000000', path: old }),
    });
    const before = snapshot(venv);

    await relocateVenv(venv, old, moved);

    const after = snapshot(venv);
    expect(after['pyvenv.cfg']).toBe(`644 home = /usr/bin\ncommand = /usr/bin/python3 -m venv ${moved}\n`);
    expect(after['bin/pip']).toBe(`755 ${Buffer.from(`#!${moved}/bin/python\n# -*- coding: utf-8 -*-\nprint("é")\n`).toString('latin1')}`);
    expect(after['bin/activate']).toBe(`644 VIRTUAL_ENV="${moved}"\nother="${old}2" "/x${old}" "${moved}/bin"\n`);
    expect(JSON.parse(readFileSync(join(venv, 'packreg-venv.json'), 'utf8'))).toEqual({ requirements_sha256: null, python: 'Python 3.11.7', key: 'py3.11.7-0000000000000000', path: moved });
    const unchanged = ['bin/compiled', 'bin/big', 'bin/link', 'bin/sub/nested', 'lib/site.py'];
    for (const name of unchanged) expect([name, after[name]]).toEqual([name, before[name]]);
    expect(readFileSync(join(outside, 'target.sh'), 'utf8')).toBe(`#!${old}/bin/python\n`);
  });

  test.each([
    ['a folder without pyvenv.cfg', (root: string) => [join(root, 'notvenv'), '/a/.venv', '/b/.venv'], (root: string) => `${join(root, 'notvenv')} is not a Python venv: ${join(root, 'notvenv', 'pyvenv.cfg')} is missing; pass the folder python3 -m venv created`],
    ['a relative old path', (root: string) => [join(root, 'venv'), 'a/.venv', '/b/.venv'], (root: string) => `relocating a venv needs absolute paths, got venv ${join(root, 'venv')}, from a/.venv, to /b/.venv; resolve them first`],
  ])('%s is refused and nothing changes', async (_name, args, message) => {
    const root = temp.make('packreg-relocate-');
    writeTree(root, {
      'notvenv/bin/pip': { content: '#!/a/.venv/bin/python\n', executable: true },
      'venv/pyvenv.cfg': 'command = python3 -m venv /a/.venv\n',
      'venv/bin/pip': { content: '#!/a/.venv/bin/python\n', executable: true },
    });
    const before = snapshot(root);
    const [venvDir, from, to] = args(root) as [string, string, string];
    await expect(relocateVenv(venvDir, from, to)).rejects.toThrow(new InputError(message(root)));
    expect(snapshot(root)).toEqual(before);
  });

  test('relocating to the same path changes nothing', async () => {
    const venv = writeTree(temp.make('packreg-relocate-'), { 'pyvenv.cfg': 'command = python3 -m venv /a/.venv\n', 'bin/pip': '#!/a/.venv/bin/python\n' });
    const before = snapshot(venv);
    await relocateVenv(venv, '/a/.venv', '/a/.venv/');
    expect(snapshot(venv)).toEqual(before);
  });
});
