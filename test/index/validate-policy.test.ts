import { describe, expect, it } from '@jest/globals';
import { entryProblems, indexProblems } from '../../src/core/index/validate-index.js';
import type { LooseJson } from './index-fixtures.js';
import { mutatedIndex, standardIndex } from './index-fixtures.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const CHECKSUM = `sha256:${'b'.repeat(64)}`;

describe('index rules (both policies)', () => {
  it.each(['standard', 'custom'] as const)('a duplicate ref is reported at the second one, naming the first (%s)', (policy) => {
    const index = mutatedIndex((i) => (i.packs[1].ref = i.packs[0].ref));
    expect(indexProblems(index, policy)).toEqual([
      { path: '/packs/1/ref', message: 'ref "activedirectory" is listed twice (also at /packs/0); an index has one entry per ref: keep only the entry of its highest version' },
    ]);
  });

  it('a duplicate ref far apart is also out of order: both are said', () => {
    const index = mutatedIndex((i) => (i.packs[10].ref = i.packs[2].ref));
    expect(indexProblems(index, 'custom')).toEqual([
      { path: '/packs/10/ref', message: 'ref "attune" is listed twice (also at /packs/2); an index has one entry per ref: keep only the entry of its highest version' },
      { path: '/packs/10/ref', message: 'packs are not sorted by ref: "attune" comes after "elasticsearch"; sort them by ref in byte order (index-update and index-merge write them sorted)' },
    ]);
  });

  it('unsorted refs are reported where the order breaks', () => {
    const index = mutatedIndex((i) => ([i.packs[0], i.packs[1]] = [i.packs[1], i.packs[0]]));
    expect(indexProblems(index, 'custom')).toEqual([{ path: '/packs/1/ref', message: 'packs are not sorted by ref: "activedirectory" comes after "ansible"; sort them by ref in byte order (index-update and index-merge write them sorted)' }]);
  });

  it('refs sort by bytes: "-" (0x2d) before "_" (0x5f) before letters', () => {
    const index = mutatedIndex((i) => {
      const base = i.packs[0];
      i.packs = ['a_b', 'a-b', 'ab'].map((ref) => ({ ...base, ref }));
    });
    expect(indexProblems(index, 'custom')).toEqual([{ path: '/packs/1/ref', message: 'packs are not sorted by ref: "a-b" comes after "a_b"; sort them by ref in byte order (index-update and index-merge write them sorted)' }]);
    index.packs = [index.packs[1], index.packs[0], index.packs[2]];
    expect(indexProblems(index, 'custom')).toEqual([]);
  });

  it('a component name listed twice in one kind is reported at the second one', () => {
    const index = mutatedIndex((i) => (i.packs[0].contents.actions[3].name = i.packs[0].contents.actions[1].name));
    expect(indexProblems(index, 'custom')).toEqual([
      {
        path: '/packs/0/contents/actions/3/name',
        message: 'actions name "computer_delete" is listed twice; component names are unique within each kind',
      },
    ]);
  });

  it('the same name in two different kinds is fine', () => {
    const index = mutatedIndex((i) => i.packs[0].contents.sensors.push({ name: i.packs[0].contents.actions[0].name, description: '' }));
    expect(indexProblems(index, 'standard')).toEqual([]);
  });

  it('an empty packs list is a valid index', () => {
    expect(indexProblems(mutatedIndex((i) => (i.packs = [])), 'standard')).toEqual([]);
  });
});

describe('the standard policy: exactly one git source, pinned to a commit SHA', () => {
  it.each([
    ['the branch "main"', 'main'],
    ['a tag', 'v1.2.0'],
    ['a short SHA', SHA.slice(0, 12)],
    ['an upper-case SHA', SHA.toUpperCase()],
  ])('a git ref that is %s is refused under standard, fine under custom', (_what, ref) => {
    const index = mutatedIndex((i) => (i.packs[0].install_sources[0].ref = ref));
    expect(indexProblems(index, 'standard')).toEqual([
      {
        path: '/packs/0/install_sources/0/ref',
        message: `git source ref "${ref}" must be a full 40-character lower-case commit SHA (a tag or branch can move)`,
      },
    ]);
    expect(indexProblems(index, 'custom')).toEqual([]);
  });

  it('two git sources are refused under standard, fine under custom', () => {
    const index = mutatedIndex((i) => i.packs[5].install_sources.push({ type: 'git', url: 'https://gitlab.com/mirror/x.git', ref: SHA, checksum: CHECKSUM }));
    expect(indexProblems(index, 'standard')).toEqual([{ path: '/packs/5/install_sources', message: 'the standard index needs exactly one git source per pack, found 2' }]);
    expect(indexProblems(index, 'custom')).toEqual([]);
  });

  it('an archive-only pack is refused under standard, fine under custom', () => {
    const index = mutatedIndex((i) => i.packs[5].install_sources.shift());
    expect(indexProblems(index, 'standard')).toEqual([{ path: '/packs/5/install_sources', message: 'the standard index needs exactly one git source per pack, found 0' }]);
    expect(indexProblems(index, 'custom')).toEqual([]);
  });

  it('the git source is found wherever it sits in the list', () => {
    const index = mutatedIndex((i) => {
      i.packs[5].install_sources.reverse();
      i.packs[5].install_sources[1].ref = 'main';
    });
    expect(indexProblems(index, 'standard')).toEqual([
      { path: '/packs/5/install_sources/1/ref', message: 'git source ref "main" must be a full 40-character lower-case commit SHA (a tag or branch can move)' },
    ]);
  });

  it('entryProblems applies the same per-entry rules to a single entry', () => {
    const entry = standardIndex().packs[0] as LooseJson;
    entry.install_sources[0].ref = 'main';
    entry.version = '1.0';
    expect(entryProblems(entry, 'standard', '/packs/7')).toEqual([
      { path: '/packs/7/version', message: 'does not match ^[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.-]+)?$' },
      { path: '/packs/7/version', message: '"1.0" is not a semantic version (MAJOR.MINOR.PATCH)' },
      { path: '/packs/7/install_sources/0/ref', message: 'git source ref "main" must be a full 40-character lower-case commit SHA (a tag or branch can move)' },
    ]);
    expect(entryProblems(entry, 'custom')).toHaveLength(2);
  });
});
