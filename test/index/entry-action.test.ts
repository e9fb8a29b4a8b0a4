import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexEntry as IndexEntryAction } from '../../src/contract/actions.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { errorLines, ROOT, runBuiltAction, warningLines } from '../helpers/action-runner.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';

/** The built index-entry action (dist/index-entry.js), run as the GitHub runner runs it. */
const temp = tempDirs();
afterAll(() => temp.cleanup());
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'index-entry.js'))) throw new Error('build first: npx rollup -c rollup.config.js --silent');
});

const PACK = {
  'pack.yaml': 'ref: entry_demo\nlabel: Entry Demo\ndescription: A pack for the index-entry action\nversion: 1.4.0\nauthor: Example Team\nlicense: MIT\nkeywords: [demo, b, a]\n',
  'actions/run.yaml': 'ref: entry_demo.run\ndescription: Runs\nrunner_type: shell\nentry_point: run.sh\n',
  'actions/run.sh': { content: '#!/bin/sh\necho run\n', executable: true },
};

function workspace(): { repo: TestRepo; commit: string } {
  const repo = createRepo(temp);
  const commit = repo.commit(PACK, 'release 1.4.0');
  return { repo, commit };
}

const run = (dir: string, inputs: Record<string, string>) => runBuiltAction(temp, IndexEntryAction.name, dir, inputs);
const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8' }).trim();

describe('the index-entry action as the runner runs it', () => {
  it('writes the entry, sets entry/path/ref/version and a summary; equals the CLI entry', () => {
    const { repo, commit } = workspace();
    writeFileSync(join(repo.dir, 'pack.tar.gz'), 'archive bytes');
    const r = run(repo.dir, {
      'git-url': 'https://github.com/example/entry-demo.git',
      'git-ref': commit,
      'archive-url': 'https://example.com/entry_demo-1.4.0.tar.gz',
      'archive-file': 'pack.tar.gz',
      meta: 'stars=7\n# a comment\n\ntier=gold\n',
      output: 'out/entry.json',
    });
    expect(errorLines(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    expect(Object.keys(r.outputs).sort()).toEqual(Object.values(IndexEntryAction.outputs).sort());
    expect(r.outputs.path).toBe(join(repo.dir, 'out', 'entry.json'));
    const entry = JSON.parse(readFileSync(r.outputs.path, 'utf8')) as IndexEntry;
    expect(JSON.parse(r.outputs.entry)).toEqual(entry);
    expect([r.outputs.ref, r.outputs.version]).toEqual(['entry_demo', '1.4.0']);
    expect(entry.install_sources).toEqual([
      { type: 'git', url: 'https://github.com/example/entry-demo.git', ref: commit, checksum: cli('checksum', repo.dir, '--git-ref', commit) },
      { type: 'archive', url: 'https://example.com/entry_demo-1.4.0.tar.gz', checksum: `sha256:${createHash('sha256').update('archive bytes').digest('hex')}` },
    ]);
    expect(entry.meta).toEqual({ category: 'uncategorized', commit, stars: '7', tier: 'gold' });
    expect(entry.keywords).toEqual(['a', 'b', 'demo']);
    const fromCli = cli('index-entry', repo.dir, '--git-url', 'https://github.com/example/entry-demo.git', '--git-ref', commit, '--archive-url', 'https://example.com/entry_demo-1.4.0.tar.gz', '--archive-file', join(repo.dir, 'pack.tar.gz'), '--meta', 'stars=7', '--meta', 'tier=gold');
    expect(`${fromCli}\n`).toBe(readFileSync(r.outputs.path, 'utf8'));
    expect(r.summary).toContain('entry_demo 1.4.0 index entry');
    expect(r.summary).toContain(commit);
  });

  it('defaults the output to entry.json in the runner temp directory', () => {
    const { repo, commit } = workspace();
    const r = run(repo.dir, { 'git-url': 'https://github.com/example/entry-demo.git', 'git-ref': commit });
    expect(r.code).toBe(0);
    expect(r.outputs.path).toMatch(/packreg-runner-[^/]+\/entry\.json$/);
    expect(existsSync(r.outputs.path)).toBe(true);
  });

  it('refuses a tag unless allow-mutable-ref, then warns and records the tag', () => {
    const { repo } = workspace();
    repo.tag('v1.4.0');
    const refused = run(repo.dir, { 'git-url': 'https://github.com/example/entry-demo.git', 'git-ref': 'v1.4.0' });
    expect(refused.code).toBe(1);
    expect(errorLines(refused.stdout).join('\n')).toMatch(/v1\.4\.0.*not a full commit SHA/);
    expect(refused.outputs).toEqual({});
    const allowed = run(repo.dir, { 'git-url': 'https://github.com/example/entry-demo.git', 'git-ref': 'v1.4.0', 'allow-mutable-ref': 'true' });
    expect(allowed.code).toBe(0);
    expect(warningLines(allowed.stdout).join('\n')).toMatch(/must pin a 40-character commit SHA/);
    expect((JSON.parse(allowed.outputs.entry) as IndexEntry).install_sources[0]).toMatchObject({ ref: 'v1.4.0' });
  });

  it('fails clearly on bad input and sets no outputs', () => {
    const { repo, commit } = workspace();
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /at least one install source/],
      [{ 'git-url': 'http://github.com/example/x.git', 'git-ref': commit }, /git-url.*https/],
      [{ 'archive-url': 'https://example.com/x.tgz', 'archive-checksum': 'sha256:ABC' }, /archive-checksum/],
      [{ 'git-url': 'https://github.com/example/x.git', 'git-ref': commit, meta: 'no-equals-sign' }, /meta.*KEY=VALUE/],
      [{ 'git-url': 'https://github.com/example/x.git', 'git-ref': commit, 'allow-mutable-ref': 'maybe' }, /allow-mutable-ref.*not a boolean/],
    ];
    for (const [inputs, message] of cases) {
      const r = run(repo.dir, inputs);
      expect(r.code).toBe(1);
      expect(errorLines(r.stdout).join('\n')).toMatch(message);
      expect(r.outputs).toEqual({});
      expect(existsSync(join(repo.dir, 'entry.json'))).toBe(false);
    }
  });
});
