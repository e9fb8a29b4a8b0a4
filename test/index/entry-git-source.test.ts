import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPackreg } from '../helpers/cli.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { cloneRepo, createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';

interface Entry {
  version: string;
  description: string;
  install_sources: { type: string; url: string; ref?: string; checksum: string }[];
  contents: { actions: { name: string }[] };
  meta: Record<string, unknown>;
}

/** `packreg index-entry` that must succeed; the parsed entry. */
async function entryOf(args: string[], cwd: string): Promise<Entry> {
  const result = await runPackreg(['index-entry', ...args], cwd);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Entry;
}

const URL = 'https://github.com/example/gitpack.git';

const V1: Record<string, string> = {
  'pack.yaml': 'ref: gitpack\nlabel: Git Pack\nversion: 1.0.0\ndescription: Version one\nauthor: Example Team\nlicense: Apache-2.0\n',
  'actions/run.yaml': 'ref: gitpack.run\ndescription: Run\nentry_point: run.sh\n',
  'actions/run.sh': '#!/bin/sh\necho one\n',
  'docs/caf\u00e9.md': 'unicode path\n',
};

function under(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [prefix === '' ? path : `${prefix}/${path}`, text]));
}

describe.each([
  ['at the repository top', ''],
  ['in a subdirectory', 'packs/gitpack'],
  ['in a subdirectory whose name has a space and non-ASCII', 'packs/my pack \u00e9'],
])('index-entry: the git source of a pack %s', (_where, prefix) => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  let repo: TestRepo;
  let v1: string;
  let v2: string;
  const packDir = (): string => (prefix === '' ? repo.dir : join(repo.dir, prefix));

  beforeAll(() => {
    repo = createRepo(temp);
    v1 = repo.commit({ ...under(prefix, V1), 'outside.txt': prefix === '' ? 'part of the pack\n' : 'outside the pack\n' });
    v2 = repo.commit(under(prefix, { 'pack.yaml': V1['pack.yaml'].replace('1.0.0', '2.0.0').replace('Version one', 'Version two'), 'actions/extra.yaml': 'name: extra\n' }));
  });

  it('the checksum is the framed checksum of the files tracked at --git-ref', async () => {
    const entry = await entryOf([packDir(), '--git-url', URL, '--git-ref', v1], '/');
    const files = prefix === '' ? { ...V1, 'outside.txt': 'part of the pack\n' } : V1;
    expect(entry.install_sources).toEqual([{ type: 'git', url: URL, ref: v1, checksum: framedChecksum(files) }]);
    expect(entry.meta.commit).toBe(v1);
  });

  it('equals `packreg checksum <dir> --git-ref SHA` and the checksum of a fresh clone checked out at it', async () => {
    const entry = await entryOf([packDir(), '--git-url', URL, '--git-ref', v1], '/');
    const viaChecksum = await runPackreg(['checksum', packDir(), '--git-ref', v1], '/');
    expect(viaChecksum.code).toBe(0);
    expect(entry.install_sources[0].checksum).toBe(viaChecksum.stdout.trim());
    if (prefix !== '') {
      const clone = cloneRepo(temp, repo.dir, v1);
      const ofClone = await runPackreg(['checksum', join(clone, prefix)], '/');
      expect(ofClone.code).toBe(0);
      expect(entry.install_sources[0].checksum).toBe(ofClone.stdout.trim());
    }
  });

  it('manifest, contents and checksum all come from the pinned commit, not from HEAD', async () => {
    const one = await entryOf([packDir(), '--git-url', URL, '--git-ref', v1], '/');
    const two = await entryOf([packDir(), '--git-url', URL, '--git-ref', v2], '/');
    expect([one.version, one.description, one.contents.actions.map((a) => a.name)]).toEqual(['1.0.0', 'Version one', ['run']]);
    expect([two.version, two.description, two.contents.actions.map((a) => a.name)]).toEqual(['2.0.0', 'Version two', ['extra', 'run']]);
    expect(one.install_sources[0].checksum).not.toBe(two.install_sources[0].checksum);
    expect(two.meta.commit).toBe(v2);
  });

  it('untracked and modified files in the work tree change nothing', async () => {
    const clean = await runPackreg(['index-entry', packDir(), '--git-url', URL, '--git-ref', v1], '/');
    expect(clean.code).toBe(0);
    mkdirSync(join(packDir(), 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(packDir(), 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
    writeFileSync(join(packDir(), 'actions', 'untracked.yaml'), 'name: untracked\ndescription: not committed\n');
    writeFileSync(join(packDir(), 'pack.yaml'), V1['pack.yaml'].replace('1.0.0', '9.9.9'));
    writeFileSync(join(packDir(), 'actions', 'run.sh'), '#!/bin/sh\necho changed\n');
    try {
      const dirty = await runPackreg(['index-entry', packDir(), '--git-url', URL, '--git-ref', v1], '/');
      expect(dirty).toEqual(clean);
      expect((JSON.parse(dirty.stdout) as Entry).version).toBe('1.0.0');
    } finally {
      rmSync(join(packDir(), 'node_modules'), { recursive: true, force: true });
      rmSync(join(packDir(), 'actions', 'untracked.yaml'));
      repo.git('checkout', '--', '.');
    }
  });

  it('the manifest is read at the commit: commit v1, edit the version in the work tree, the entry still says v1', async () => {
    const third = repo.commit(under(prefix, { 'pack.yaml': V1['pack.yaml'].replace('1.0.0', '3.0.0') }));
    writeFileSync(join(packDir(), 'pack.yaml'), V1['pack.yaml'].replace('1.0.0', '4.0.0'));
    try {
      expect((await entryOf([packDir(), '--git-url', URL, '--git-ref', third], '/')).version).toBe('3.0.0');
    } finally {
      repo.git('checkout', '--', '.');
    }
  });

  it('a path relative to the working directory works the same', async () => {
    const absolute = await runPackreg(['index-entry', packDir(), '--git-url', URL, '--git-ref', v1], '/');
    const relative = await runPackreg(['index-entry', prefix === '' ? '.' : prefix, '--git-url', URL, '--git-ref', v1], repo.dir);
    expect(relative).toEqual(absolute);
  });
});

describe('index-entry: export-ignore and symlinks at the commit', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  it('paths marked export-ignore are left out of the checksum, as from a host\'s source archive', async () => {
    const repo = createRepo(temp);
    const sha = repo.commit({ ...V1, '.gitattributes': 'tests/ export-ignore\n', 'tests/t.sh': 'echo test\n' });
    const entry = await entryOf(['.', '--git-url', URL, '--git-ref', sha], repo.dir);
    expect(entry.install_sources[0].checksum).toBe(framedChecksum({ ...V1, '.gitattributes': 'tests/ export-ignore\n' }));
  });

  it('a tracked symlink in the pack is refused with exit 3', async () => {
    const repo = createRepo(temp);
    const sha = repo.commit({ ...V1, 'link.md': { symlink: 'docs/caf\u00e9.md' } });
    const result = await runPackreg(['index-entry', '.', '--git-url', URL, '--git-ref', sha], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/link\.md is a symbolic link tracked at commit/);
  });
});
