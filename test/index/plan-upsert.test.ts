import { describe, expect, it } from '@jest/globals';
import type { IndexEntry } from '../../src/core/index/model.js';
import { describeDifferences, planUpsert } from '../../src/core/index/upsert-plan.js';
import { highest, newestFirst } from '../../src/core/index/versions.js';
import { checksumOf, commitOf, gitSource, makeEntry } from './index-fixtures.js';

/** The upsert plan: what happens to each incoming ref@version, and the histories after it. */

const versionsOf = (entries: readonly IndexEntry[] | undefined) => (entries ?? []).map((e) => e.version);

describe('planUpsert', () => {
  it('new versions are added; the histories come out newest first by semver; "latest" marks the top one', () => {
    const plan = planUpsert(new Map(), [makeEntry({ version: '1.9.0' }), makeEntry({ version: '1.10.0' }), makeEntry({ ref: 'vault', version: '0.1.0' }, 'vault'), makeEntry({ version: '1.10.0-rc.1' })], false);
    expect(plan.items).toEqual([
      { ref: 'consul', version: '1.9.0', action: 'added', reason: 'new version', latest: false },
      { ref: 'consul', version: '1.10.0', action: 'added', reason: 'new version', latest: true },
      { ref: 'vault', version: '0.1.0', action: 'added', reason: 'new version', latest: true },
      { ref: 'consul', version: '1.10.0-rc.1', action: 'added', reason: 'new version', latest: false },
    ]);
    expect(versionsOf(plan.histories.get('consul'))).toEqual(['1.10.0', '1.10.0-rc.1', '1.9.0']);
    expect(versionsOf(plan.histories.get('vault'))).toEqual(['0.1.0']);
    expect(plan.refused).toBe(0);
  });

  it('known versions stay; identical content is "unchanged"; only touched refs appear in the result', () => {
    const known = new Map([
      ['consul', [makeEntry({ version: '2.0.0' }), makeEntry({ version: '1.0.0' })]],
      ['vault', [makeEntry({ ref: 'vault', version: '1.0.0' }, 'vault')]],
    ]);
    const plan = planUpsert(known, [makeEntry({ version: '1.0.0' }), makeEntry({ version: '1.5.0' })], false);
    expect(plan.items.map((i) => [i.version, i.action, i.latest])).toEqual([
      ['1.0.0', 'unchanged', false],
      ['1.5.0', 'added', false],
    ]);
    expect(plan.items[0].reason).toBe('already published with the same content');
    expect(versionsOf(plan.histories.get('consul'))).toEqual(['2.0.0', '1.5.0', '1.0.0']);
    expect(plan.histories.has('vault')).toBe(false);
  });

  it('a different entry for a known version is refused, naming both values; the history keeps the published one', () => {
    const published = makeEntry({ version: '1.0.0' });
    const changed = makeEntry({ version: '1.0.0', gitChecksum: 'other' });
    const plan = planUpsert(new Map([['consul', [published]]]), [changed], false);
    expect(plan.refused).toBe(1);
    expect(plan.items).toEqual([
      {
        ref: 'consul',
        version: '1.0.0',
        action: 'refused',
        reason: `consul@1.0.0 is already published and versions are immutable: git checksum published ${gitSource(published).checksum}, new ${checksumOf('git:other')}. Release a new version, or pass --force to replace it`,
        latest: true,
      },
    ]);
    expect(plan.histories.get('consul')).toEqual([published]);
  });

  it('with force, the different entry replaces the published one and the reason says REPLACED', () => {
    const published = makeEntry({ version: '1.0.0' });
    const known = new Map([['consul', [published, makeEntry({ version: '0.9.0' })]]]);
    const changed = makeEntry({ version: '1.0.0', archiveChecksum: 'other' });
    const plan = planUpsert(known, [changed], true);
    expect(plan.refused).toBe(0);
    expect(plan.items[0]).toMatchObject({ action: 'replaced', latest: true });
    expect(plan.items[0].reason).toMatch(/^REPLACED a published version \(--force\): archive checksum published sha256:[0-9a-f]{64}, new sha256:[0-9a-f]{64}$/);
    expect(plan.histories.get('consul')).toEqual([changed, makeEntry({ version: '0.9.0' })]);
    // the caller's histories are not modified
    expect(known.get('consul')).toEqual([published, makeEntry({ version: '0.9.0' })]);
  });

  it('the same ref@version twice in one run: identical is added then unchanged, different is refused', () => {
    const same = planUpsert(new Map(), [makeEntry({ version: '1.0.0' }), makeEntry({ version: '1.0.0' })], false);
    expect(same.items.map((i) => i.action)).toEqual(['added', 'unchanged']);
    expect(same.histories.get('consul')).toHaveLength(1);
    const different = planUpsert(new Map(), [makeEntry({ version: '1.0.0' }), makeEntry({ version: '1.0.0', gitChecksum: 'x' })], false);
    expect(different.items.map((i) => i.action)).toEqual(['added', 'refused']);
    expect(different.refused).toBe(1);
  });

  it('precedence ignores arrival order: the top version and history order are the same both ways', () => {
    const entries = ['0.9.0', '0.10.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta', '1.0.0'].map((version) => makeEntry({ version }));
    const forward = planUpsert(new Map(), entries, false);
    const backward = planUpsert(new Map(), [...entries].reverse(), false);
    expect(versionsOf(forward.histories.get('consul'))).toEqual(['1.0.0', '1.0.0-beta', '1.0.0-alpha.1', '1.0.0-alpha', '0.10.0', '0.9.0']);
    expect(versionsOf(backward.histories.get('consul'))).toEqual(versionsOf(forward.histories.get('consul')));
    expect(forward.items.filter((i) => i.latest).map((i) => i.version)).toEqual(['1.0.0']);
    expect(backward.items.filter((i) => i.latest).map((i) => i.version)).toEqual(['1.0.0']);
  });
});

describe('describeDifferences', () => {
  const base = makeEntry({ version: '1.0.0' });

  it('is empty for the same content, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(makeEntry({ version: '1.0.0' })).reverse()) as unknown as IndexEntry;
    expect(describeDifferences(base, reordered)).toEqual([]);
  });

  it('names each changed source field with both values', () => {
    const other = makeEntry({ version: '1.0.0', commit: 'c2', gitChecksum: 'g2', archiveChecksum: 'a2', gitUrl: 'https://example.org/consul.git' });
    const git = gitSource(base);
    const archive = base.install_sources[1];
    expect(describeDifferences(base, other)).toEqual([
      `git checksum published ${git.checksum}, new ${checksumOf('git:g2')}`,
      `git url published ${git.url}, new https://example.org/consul.git`,
      `git ref published ${git.ref}, new ${commitOf('c2')}`,
      `archive checksum published ${archive.checksum}, new ${checksumOf('archive:a2')}`,
      `archive url published ${archive.url}, new https://codeload.github.com/attune-packs/consul/tar.gz/${commitOf('c2')}`,
    ]);
  });

  it('names an added or dropped source', () => {
    const gitOnly = { ...base, install_sources: [base.install_sources[0]] };
    expect(describeDifferences(gitOnly, base)).toEqual([`adds an archive source (${base.install_sources[1].checksum})`]);
    expect(describeDifferences(base, gitOnly)).toEqual([`drops the archive source (${base.install_sources[1].checksum})`]);
  });

  it('with the same sources, lists the other fields that differ, sorted', () => {
    const other = { ...makeEntry({ version: '1.0.0', description: 'new words' }), keywords: ['x'], homepage: undefined };
    delete other.homepage;
    expect(describeDifferences(base, other)).toEqual(['same sources but different description, homepage, keywords']);
  });
});

describe('the version order the plan uses', () => {
  const v = (version: string) => ({ version });

  it('highest: semver precedence, whatever the arrival order; build metadata breaks a tie the same way every time', () => {
    for (const list of [['1.9.0', '1.10.0', '1.10.0-rc.1'], ['1.10.0-rc.1', '1.10.0', '1.9.0']]) expect(highest(list.map(v))?.version).toBe('1.10.0');
    expect(highest(['1.0.0+build.1', '1.0.0+build.2'].map(v))?.version).toBe('1.0.0+build.2');
    expect(highest(['1.0.0+build.2', '1.0.0+build.1'].map(v))?.version).toBe('1.0.0+build.2');
    expect(highest([])).toBeUndefined();
  });

  it('newestFirst sorts by precedence, then build metadata', () => {
    const sorted = ['1.0.0+b', '0.9.0', '1.0.0', '1.0.0-rc.1', '1.0.0+a', '10.0.0'].map(v).sort(newestFirst).map((e) => e.version);
    expect(sorted).toEqual(['10.0.0', '1.0.0+b', '1.0.0+a', '1.0.0', '1.0.0-rc.1', '0.9.0']);
  });
});
