import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BuildArchive } from '../../src/contract/actions.js';
import { InputError } from '../../src/core/errors.js';
import { checkReleaseTag, RELEASE_TAG_FORMS, releaseTagNames } from '../../src/core/release/tag-check.js';
import { errorLines, runBuiltAction } from '../helpers/action-runner.js';
import { runPackreg } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const PACK = { ref: 'tag_demo', version: '1.2.3' };
const MANIFEST = 'ref: tag_demo\nlabel: Tag Demo\ndescription: Checks release tags\nversion: 1.2.3\nauthor: Example Team\nlicense: MIT\n';

/** The error checkReleaseTag raises for `tag`, or undefined when it accepts it. */
function refusal(tag: string): Error | undefined {
  try {
    checkReleaseTag(tag, PACK, 'packs/tag_demo/pack.yaml');
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** A workspace as actions/checkout leaves it on a tag push: the pack committed at the top. */
function workspace(): string {
  const repo = createRepo(temp);
  repo.commit({ 'pack.yaml': MANIFEST, 'actions/run.sh': { content: '#!/bin/sh\necho run\n', executable: true } });
  return repo.dir;
}

const listing = (dir: string) => readdirSync(dir).sort();

describe('checkReleaseTag', () => {
  it('lists the accepted forms for the docs', () => {
    expect(RELEASE_TAG_FORMS).toEqual(['v<version>', '<version>', '<ref>-v<version>', '<ref>/v<version>']);
    expect(releaseTagNames(PACK)).toEqual(['v1.2.3', '1.2.3', 'tag_demo-v1.2.3', 'tag_demo/v1.2.3']);
  });

  it.each(['v1.2.3', '1.2.3', 'tag_demo-v1.2.3', 'tag_demo/v1.2.3', 'refs/tags/v1.2.3', 'refs/tags/tag_demo/v1.2.3'])('accepts %s', (tag) => {
    expect(refusal(tag)).toBeUndefined();
  });

  it.each(['v1.2.4', '1.2', 'V1.2.3', 'v1.2.3-rc.1', 'other-v1.2.3', 'tag_demo-1.2.3', 'tag_demo_v1.2.3', 'refs/heads/v1.2.3', 'main', ''])('refuses %j with one message naming the tag, the version, the file and both fixes', (tag) => {
    const error = refusal(tag);
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain(`tag ${JSON.stringify(tag)}`);
    expect(message).toContain('version 1.2.3');
    expect(message).toContain('packs/tag_demo/pack.yaml');
    expect(message).toContain('v1.2.3, 1.2.3, tag_demo-v1.2.3 or tag_demo/v1.2.3');
    expect(message).toMatch(/tag the commit whose pack\.yaml says the version/);
    expect(message).toMatch(/correct the version in packs\/tag_demo\/pack\.yaml, commit, and tag that commit again/);
  });
});

describe('packreg archive --tag', () => {
  it('builds when the tag names the version', async () => {
    const ws = workspace();
    const out = join(temp.make('packreg-out-'), 'a.tar.gz');
    const run = await runPackreg(['archive', '.', '--tag', 'refs/tags/v1.2.3', '--out', out], ws);
    expect(run).toMatchObject({ code: 0 });
    expect(existsSync(out)).toBe(true);
  });

  it('fails with exit 3 and one clear error before writing anything', async () => {
    const ws = workspace();
    const outDir = temp.make('packreg-out-');
    const before = listing(ws);
    const run = await runPackreg(['archive', '.', '--tag', 'v1.2.4', '--out', join(outDir, 'a.tar.gz')], ws);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const errors = run.stderr.split('\n').filter((l) => /error/i.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('tag "v1.2.4" does not name version 1.2.3');
    expect(errors[0]).toContain(join(ws, 'pack.yaml'));
    // Nothing written: no archive, no temporary file, next to the output or in the pack.
    expect(listing(outDir)).toEqual([]);
    expect(listing(ws)).toEqual(before);
  });

  it('checks the pack.yaml of the tree it archives (--git-ref), not the one on disk', async () => {
    const repo = createRepo(temp);
    const first = repo.commit({ 'pack.yaml': MANIFEST });
    repo.commit({ 'pack.yaml': MANIFEST.replace('1.2.3', '1.3.0') });
    const outDir = temp.make('packreg-out-');
    const old = await runPackreg(['archive', '.', '--git-ref', first, '--tag', 'v1.3.0', '--out', join(outDir, 'a.tar.gz')], repo.dir);
    expect(old.code).toBe(3);
    expect(old.stderr).toContain('does not name version 1.2.3');
    expect(listing(outDir)).toEqual([]);
    expect((await runPackreg(['archive', '.', '--git-ref', first, '--tag', 'v1.2.3', '--out', join(outDir, 'a.tar.gz')], repo.dir)).code).toBe(0);
  });
});

/**
 * dist/build-archive.js as the runner runs it (build first:
 * PACKREG_ONLY=build-archive,cli npx rollup -c rollup.config.js). The root action's own
 * tests cover its use of the same check.
 */
describe('build-archive action with input tag', () => {
  const { tag: tagInput } = BuildArchive.inputs;
  const { path: pathOutput } = BuildArchive.outputs;

  it('fails the step with one error, sets no output and writes nothing when the tag disagrees', () => {
    const ws = workspace();
    const before = listing(ws);
    const run = runBuiltAction(temp, 'build-archive', ws, { [tagInput]: 'v2.0.0', out: 'out.tar.gz' });
    expect(run.code).toBe(1);
    const errors = errorLines(run.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('tag "v2.0.0" does not name version 1.2.3');
    expect(errors[0]).toContain('pack.yaml');
    expect(run.outputs).toEqual({});
    expect(listing(ws)).toEqual(before);
    expect(existsSync(join(ws, 'out.tar.gz'))).toBe(false);
  });

  it('builds as before when the tag agrees (the runner passes github.ref_name)', () => {
    const ws = workspace();
    const run = runBuiltAction(temp, 'build-archive', ws, { [tagInput]: 'tag_demo-v1.2.3', out: 'out.tar.gz' });
    expect(errorLines(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs[pathOutput]).toBe(join(ws, 'out.tar.gz'));
    expect(existsSync(join(ws, 'out.tar.gz'))).toBe(true);
  });
});
