import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../src/core/hash/algorithms.js';
import { includedBy, requirementsClosure } from '../../src/core/install/requirements-closure.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

/** The venv key covers requirements.txt and every file it pulls in with -r and -c, as pip reads them. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

async function closureOf(files: Record<string, string>) {
  const dir = writeTree(temp.make('packreg-reqs-'), files);
  return { dir, ...(await requirementsClosure(dir, Buffer.from(files['requirements.txt']))) };
}

describe('includedBy', () => {
  it('reads every spelling pip accepts, and nothing else', () => {
    const text = [
      '-r base.txt',
      '-rglued.txt',
      '--requirement spaced.txt',
      '--requirement=equals.txt',
      '-c constraints.txt',
      '--constraint=c2.txt',
      '  -r indented.txt   # with a comment',
      '# -r commented.txt',
      'requests==2.31.0 # -r not-an-option.txt',
      '-e ./local-package',
      '--index-url https://example.com/simple',
      '-r continued\\',
      '.txt',
      'pkg>=1.0',
    ].join('\n');
    expect(includedBy(text)).toEqual(['base.txt', 'glued.txt', 'spaced.txt', 'equals.txt', 'constraints.txt', 'c2.txt', 'indented.txt', 'continued.txt']);
  });
});

describe('requirementsClosure', () => {
  it('without includes, the key is the sha256 of requirements.txt alone (as venvs were always keyed)', async () => {
    const closure = await closureOf({ 'requirements.txt': 'hello-greeting==1.0.0\n' });
    expect(closure).toMatchObject({ sha256: sha256Hex('hello-greeting==1.0.0\n'), included: [] });
  });

  it('follows includes recursively, relative to the file that names them, and changes with any of them', async () => {
    const files = {
      'requirements.txt': '-r reqs/base.txt\n-c constraints.txt\n',
      'reqs/base.txt': '-r common.txt\nhello-greeting\n',
      'reqs/common.txt': 'six\n',
      'constraints.txt': 'hello-greeting==1.0.0\n',
    };
    const first = await closureOf(files);
    expect(first.included).toEqual(['reqs/base.txt', 'constraints.txt', 'reqs/common.txt']);
    expect(first.sha256).not.toBe(sha256Hex(files['requirements.txt']));

    writeFileSync(join(first.dir, 'reqs', 'common.txt'), 'six==1.16.0\n');
    const nested = await requirementsClosure(first.dir, Buffer.from(files['requirements.txt']));
    expect(nested.sha256).not.toBe(first.sha256);

    writeFileSync(join(first.dir, 'constraints.txt'), 'hello-greeting==1.0.1\n');
    const constrained = await requirementsClosure(first.dir, Buffer.from(files['requirements.txt']));
    expect(constrained.sha256).not.toBe(nested.sha256);

    // The same files in another folder: the same key (it depends on content and layout, not place).
    expect((await closureOf({ ...files, 'reqs/common.txt': 'six==1.16.0\n', 'constraints.txt': 'hello-greeting==1.0.1\n' })).sha256).toBe(constrained.sha256);
  });

  it('a missing include, a loop and a remote include are keyed, not fatal (pip reports the missing one)', async () => {
    const missing = await closureOf({ 'requirements.txt': '-r absent.txt\n' });
    expect(missing.included).toEqual(['absent.txt']);
    writeFileSync(join(missing.dir, 'absent.txt'), 'six\n');
    expect((await requirementsClosure(missing.dir, Buffer.from('-r absent.txt\n'))).sha256).not.toBe(missing.sha256);

    const loop = await closureOf({ 'requirements.txt': '-r a.txt\n', 'a.txt': '-r b.txt\n', 'b.txt': '-r a.txt\n-r requirements.txt\n' });
    expect(loop.included).toEqual(['a.txt', 'b.txt']);

    const remote = await closureOf({ 'requirements.txt': '-r https://example.com/base.txt\n' });
    const other = await closureOf({ 'requirements.txt': '-r https://example.com/other.txt\n' });
    expect(remote.included).toEqual(['https://example.com/base.txt']);
    expect(remote.sha256).not.toBe(other.sha256);
  });
});
