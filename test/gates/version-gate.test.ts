import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { git } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { check, gitDeps, lines, packTree, packYaml, pullRequest, status } from './gate-fixtures.js';

/** The version and changelog gates on real pull requests: main is the base, feature the head. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

describe('the version gate', () => {
  it('fails a pack changed without a version bump, naming both versions, the file and the fix', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'actions/greet.sh': 'echo hi\n' });
    const result = await check(repo.dir, base);
    expect(result.report).toMatchObject({ passed: false, failures: 1 });
    expect(result.report.checks[0].details).toEqual([
      {
        pack: 'hello',
        file: 'pack.yaml',
        line: 5,
        message: "version 1.2.0 is not above the base branch's 1.2.0; a changed pack needs a new version: raise version in pack.yaml above 1.2.0, e.g. 1.2.1",
        level: 'error',
      },
    ]);
  });

  it('passes a pack whose version went up', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'actions/greet.sh': 'echo hi\n', 'pack.yaml': packYaml('hello', '1.3.0-rc.1') });
    const result = await check(repo.dir, base);
    expect(result.report).toMatchObject({ passed: true, failures: 0 });
    expect(lines(result, 'version')).toEqual(['info hello: 1.2.0 → 1.3.0-rc.1']);
    expect(status(result, 'changelog')).toBe('skipped');
  });

  it('fails a lower version', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.1.9') });
    const result = await check(repo.dir, base);
    expect(lines(result, 'version')).toEqual(["error hello: version 1.1.9 is below the base branch's 1.2.0; raise version in pack.yaml above 1.2.0, e.g. 1.2.1"]);
  });

  it('does not count build metadata as a raise', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0+build.1'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.2.0+build.2') });
    const [line] = lines(await check(repo.dir, base), 'version');
    expect(line).toMatch(/^error hello: version 1\.2\.0\+build\.2 is not above the base branch's 1\.2\.0\+build\.1 \(build metadata does not count\)/);
  });

  it('fails a version that is not semver, and a manifest without one', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/a', 'a', '1.0.0'), ...packTree('packs/b', 'b', '1.0.0') });
    repo.commit({ 'packs/a/pack.yaml': packYaml('a', 'v1.1'), 'packs/b/pack.yaml': 'ref: b\nname: b\n' });
    const result = await check(repo.dir, base);
    expect(lines(result, 'version')).toEqual([
      'error a: version "v1.1" in packs/a/pack.yaml is not a semantic version; write MAJOR.MINOR.PATCH (e.g. 1.0.0)',
      'error b: packs/b/pack.yaml has no version; add version: MAJOR.MINOR.PATCH (e.g. version: 1.0.0)',
    ]);
    expect(result.report.failures).toBe(2);
  });

  it('passes a new pack, and notes a deleted one without failing', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/old', 'old', '2.0.0'), 'README.md': '# packs\n' });
    repo.commit(packTree('packs/new', 'new', '0.1.0'), 'add new, delete old', ['packs/old']);
    const result = await check(repo.dir, base);
    expect(result.report.passed).toBe(true);
    expect(lines(result, 'version')).toEqual(['info new: new pack at 0.1.0', 'info old: the pack in packs/old is deleted; nothing to check']);
  });

  it('in a monorepo, fails exactly the pack that was not bumped', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/a', 'a', '1.0.0'), ...packTree('packs/b', 'b', '2.5.0'), ...packTree('packs/c', 'c', '3.0.0') });
    repo.commit({ 'packs/a/pack.yaml': packYaml('a', '1.1.0'), 'packs/a/README.md': 'a\n', 'packs/b/README.md': 'b\n' });
    const result = await check(repo.dir, base);
    expect(result.report).toMatchObject({ passed: false, failures: 1 });
    expect(lines(result, 'version')).toEqual([
      'info a: 1.0.0 → 1.1.0',
      "error b: version 2.5.0 is not above the base branch's 2.5.0; a changed pack needs a new version: raise version in packs/b/pack.yaml above 2.5.0, e.g. 2.5.1",
    ]);
  });

  it('compares with the base branch as it is now, not as it was when the branch forked', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1'), 'actions/greet.sh': 'echo feature\n' });
    repo.git('checkout', '-q', 'main');
    const moved = repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1'), 'actions/greet.sh': 'echo main\n' });
    repo.git('checkout', '-q', 'feature');
    expect((await check(repo.dir, base)).report.passed).toBe(true);
    expect(lines(await check(repo.dir, moved), 'version')).toEqual([
      "error hello: version 1.2.1 is not above the base branch's 1.2.1; a changed pack needs a new version: raise version in pack.yaml above 1.2.1, e.g. 1.2.2",
    ]);
  });

  it('checks only the packs in the checked folder, named relative to it', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/a', 'a', '1.0.0'), ...packTree('other/b', 'b', '1.0.0') });
    repo.commit({ 'packs/a/x.txt': 'x\n', 'other/b/x.txt': 'x\n' });
    const result = await check(join(repo.dir, 'packs'), base);
    expect(result.report.checks[0].details.map((d) => [d.pack, d.file])).toEqual([['a', 'a/pack.yaml']]);
  });

  it('is skipped when no pack changed, and when turned off', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/a', 'a', '1.0.0'), 'README.md': 'x\n' });
    repo.commit({ 'README.md': 'y\n' });
    expect(lines(await check(repo.dir, base), 'version')).toEqual(['info -: no pack changed']);
    repo.commit({ 'packs/a/x.txt': 'x\n' });
    const off = await check(repo.dir, base, { versionGate: false });
    expect(off.report).toMatchObject({ passed: true, failures: 0 });
    expect(status(off, 'version')).toBe('skipped');
  });

  it('says to fetch the history when the base commit is missing (a shallow checkout)', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1') });
    const shallow = join(temp.make('packreg-shallow-'), 'work');
    git(repo.dir, ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, shallow]);
    const deps = gitDeps();
    const error = await check(shallow, base, {}, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `base-ref "${base}" names no commit in ${shallow}; a shallow checkout lacks the base branch: use actions/checkout with fetch-depth: 0 (or fetch the commit) and run again`,
    );
  });

  it('warns when head is not the checked-out commit', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.2.0'));
    const head = repo.commit({ 'pack.yaml': packYaml('hello', '1.2.1') });
    repo.commit({ 'x.txt': 'x\n' });
    const deps = gitDeps();
    const result = await check(repo.dir, base, { head }, deps);
    expect(result.head).toBe(head);
    expect(deps.logger.at('warning')).toEqual([`head ${head} is not the checked-out commit; pack folders are found in the checked-out files, so check out head for exact results`]);
  });
});

describe('the changelog gate', () => {
  it('fails a changed pack whose CHANGES.md and CHANGELOG.md did not change, naming both', async () => {
    const { repo, base } = pullRequest(temp, packTree('packs/a', 'a', '1.0.0', { 'CHANGES.md': '# 1.0.0\n' }));
    repo.commit({ 'packs/a/pack.yaml': packYaml('a', '1.0.1') });
    const result = await check(repo.dir, base, { changelog: true });
    expect(result.report).toMatchObject({ passed: false, failures: 1 });
    expect(lines(result, 'changelog')).toEqual([
      'error a: the pack changed but neither packs/a/CHANGES.md nor packs/a/CHANGELOG.md did; describe the change in one of them (create packs/a/CHANGES.md if the pack has no changelog)',
    ]);
    expect(status(result, 'version')).toBe('passed');
  });

  it('passes when CHANGES.md or CHANGELOG.md in the pack folder changed', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/a', 'a', '1.0.0', { 'CHANGES.md': '# 1.0.0\n' }), ...packTree('packs/b', 'b', '1.0.0') });
    repo.commit({ 'packs/a/pack.yaml': packYaml('a', '1.0.1'), 'packs/a/CHANGES.md': '# 1.0.1\n# 1.0.0\n', 'packs/b/pack.yaml': packYaml('b', '1.0.1'), 'packs/b/CHANGELOG.md': '# 1.0.1\n' });
    const result = await check(repo.dir, base, { changelog: true });
    expect(result.report.passed).toBe(true);
    expect(lines(result, 'changelog')).toEqual(['info a: packs/a/CHANGES.md changed', 'info b: packs/b/CHANGELOG.md changed']);
  });

  it('does not accept a changelog elsewhere: a pack at the top needs the top file', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.0.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.0.1'), 'docs/CHANGES.md': 'x\n' });
    expect(lines(await check(repo.dir, base, { changelog: true }), 'changelog')).toEqual([
      'error hello: the pack changed but neither CHANGES.md nor CHANGELOG.md did; describe the change in one of them (create CHANGES.md if the pack has no changelog)',
    ]);
    repo.commit({ 'CHANGELOG.md': '# 1.0.1\n' });
    expect((await check(repo.dir, base, { changelog: true })).report.passed).toBe(true);
  });

  it('is off by default: the same pull request passes without it', async () => {
    const { repo, base } = pullRequest(temp, packTree('', 'hello', '1.0.0'));
    repo.commit({ 'pack.yaml': packYaml('hello', '1.0.1') });
    const result = await check(repo.dir, base);
    expect(result.report.passed).toBe(true);
    expect(lines(result, 'changelog')).toEqual(['info -: turned off']);
  });

  it('does not ask a deleted pack for a changelog', async () => {
    const { repo, base } = pullRequest(temp, { ...packTree('packs/a', 'a', '1.0.0'), 'README.md': 'x\n' });
    repo.commit({}, 'delete a', ['packs/a']);
    const result = await check(repo.dir, base, { changelog: true });
    expect(result.report.passed).toBe(true);
    expect(status(result, 'changelog')).toBe('skipped');
  });
});
