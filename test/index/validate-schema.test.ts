import { describe, expect, it } from '@jest/globals';
import { entrySchemaProblems, indexSchemaProblems } from '../../src/core/index/index-schema-validator.js';
import { entryProblems, formatIndexProblems, indexProblems } from '../../src/core/index/validate-index.js';
import type { IndexPolicy, IndexProblem } from '../../src/core/index/validate-index.js';
import type { LooseJson } from './index-fixtures.js';
import { mutatedIndex, standardIndex } from './index-fixtures.js';

const POLICIES: IndexPolicy[] = ['standard', 'custom'];

describe('the real standard index', () => {
  it.each(POLICIES)('is valid under the %s policy', (policy) => {
    expect(indexProblems(standardIndex(), policy)).toEqual([]);
  });

  it('each of its 44 entries is valid on its own', () => {
    const index = standardIndex() as LooseJson;
    expect(index.packs).toHaveLength(44);
    for (const entry of index.packs) expect(entryProblems(entry, 'standard')).toEqual([]);
  });
});

describe('schema errors carry the JSON path of the offending value and a clear message', () => {
  const HEX = 'a'.repeat(64);
  const cases: [string, (index: LooseJson) => void, IndexProblem[]][] = [
    ['a pack without author', (i) => delete i.packs[3].author, [{ path: '/packs/3', message: 'missing required field "author"' }]],
    ['a pack without install_sources', (i) => delete i.packs[5].install_sources, [{ path: '/packs/5', message: 'missing required field "install_sources"' }]],
    [
      'an extra field in a pack',
      (i) => (i.packs[0].stars = 3),
      [{ path: '/packs/0', message: 'field "stars" is not allowed by the Attune index schema; remove it (extra data belongs in meta)' }],
    ],
    [
      'an extra field at the top',
      (i) => (i.generator = 'packreg'),
      [{ path: '', message: 'field "generator" is not allowed by the Attune index schema; remove it (extra data belongs in meta)' }],
    ],
    [
      'an extra field in a component',
      (i) => (i.packs[0].contents.actions[2].runner = 'python'),
      [{ path: '/packs/0/contents/actions/2', message: 'field "runner" is not allowed by the Attune index schema; remove it (extra data belongs in meta)' }],
    ],
    [
      'a git checksum in upper-case hex',
      (i) => (i.packs[2].install_sources[0].checksum = `sha256:${'A'.repeat(64)}`),
      [{ path: '/packs/2/install_sources/0/checksum', message: 'does not match ^sha256:[0-9a-f]{64}$' }],
    ],
    [
      'an archive checksum that is sha512',
      (i) => (i.packs[2].install_sources[1].checksum = `sha512:${HEX}${HEX}`),
      [{ path: '/packs/2/install_sources/1/checksum', message: 'does not match ^sha256:[0-9a-f]{64}$' }],
    ],
    [
      'a git source without ref (reported once, against the git branch only)',
      (i) => delete i.packs[4].install_sources[0].ref,
      [{ path: '/packs/4/install_sources/0', message: 'missing required field "ref"' }],
    ],
    [
      'an archive source with a ref',
      (i) => (i.packs[4].install_sources[1].ref = 'v1'),
      [{ path: '/packs/4/install_sources/1', message: 'field "ref" is not allowed by the Attune index schema; remove it (extra data belongs in meta)' }],
    ],
    [
      'a pack version "1.0" (schema pattern and semver rule)',
      (i) => (i.packs[1].version = '1.0'),
      [
        { path: '/packs/1/version', message: 'does not match ^[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.-]+)?$' },
        { path: '/packs/1/version', message: '"1.0" is not a semantic version (MAJOR.MINOR.PATCH)' },
      ],
    ],
    [
      'a pack version the pattern allows but semver does not (leading zero)',
      (i) => (i.packs[1].version = '01.2.3'),
      [{ path: '/packs/1/version', message: '"01.2.3" is not a semantic version (MAJOR.MINOR.PATCH)' }],
    ],
    [
      'an http git URL',
      (i) => (i.packs[0].install_sources[0].url = 'http://github.com/attune-packs/activedirectory.git'),
      [{ path: '/packs/0/install_sources/0/url', message: 'does not match ^https://' }],
    ],
    ['a registry_url that is not https', (i) => (i.registry_url = 'http://github.com/attune-system/index'), [{ path: '/registry_url', message: 'does not match ^https://' }]],
    ['index format version "2.0"', (i) => (i.version = '2.0'), [{ path: '/version', message: 'must be "1.0"' }]],
    ['a last_updated that is not a date-time', (i) => (i.last_updated = 'yesterday'), [{ path: '/last_updated', message: 'is not a valid date-time' }]],
    [
      'an upper-case ref (which also sorts before every lower-case one)',
      (i) => (i.packs[43].ref = 'Zabbix'),
      [
        { path: '/packs/43/ref', message: 'does not match ^[a-z][a-z0-9_-]*$' },
        { path: '/packs/43/ref', message: 'packs are not sorted by ref: "Zabbix" comes after "vsphere"; sort them by ref in byte order (index-update and index-merge write them sorted)' },
      ],
    ],
    ['a repeated keyword', (i) => i.packs[0].keywords.push('identity'), [{ path: '/packs/0/keywords', message: 'has duplicate items (positions 1 and 5)' }]],
    ['a missing contents kind', (i) => delete i.packs[6].contents.rules, [{ path: '/packs/6/contents', message: 'missing required field "rules"' }]],
    ['an empty install_sources list', (i) => (i.packs[7].install_sources = []), [
      { path: '/packs/7/install_sources', message: 'must have at least 1 item(s)' },
      { path: '/packs/7/install_sources', message: 'the standard index needs exactly one git source per pack, found 0' },
    ]],
    ['a label that is not a string', (i) => (i.packs[8].label = 7), [{ path: '/packs/8/label', message: 'must be of type string' }]],
    ['an empty author', (i) => (i.packs[9].author = ''), [{ path: '/packs/9/author', message: 'must not be empty' }]],
    ['meta that is a list', (i) => (i.packs[10].meta = []), [{ path: '/packs/10/meta', message: 'must be of type object' }]],
    ['packs that is not a list', (i) => (i.packs = {}), [{ path: '/packs', message: 'must be of type array' }]],
  ];

  it.each(cases)('%s', (_what, mutate, expected) => {
    expect(indexProblems(mutatedIndex(mutate), 'standard')).toEqual(expected);
  });

  it('an extra key with "/" and "~" in it is named whole in the message', () => {
    const problems = indexSchemaProblems(mutatedIndex((i) => (i.packs[0]['a/b~c'] = 1)));
    expect(problems).toEqual([{ path: '/packs/0', message: 'field "a/b~c" is not allowed by the Attune index schema; remove it (extra data belongs in meta)' }]);
  });

  it('every problem is reported at once, not only the first', () => {
    const problems = indexProblems(
      mutatedIndex((i) => {
        delete i.packs[3].author;
        i.packs[20].version = 'x';
        i.registry_url = 'ftp://example.com';
      }),
      'custom',
    );
    expect(problems.map((p) => p.path).sort()).toEqual(['/packs/20/version', '/packs/20/version', '/packs/3', '/registry_url']);
  });

  it('a source of unknown type is reported against one branch only, its type named', () => {
    const problems = indexSchemaProblems(mutatedIndex((i) => (i.packs[0].install_sources[1].type = 'svn')));
    expect(problems).toContainEqual({ path: '/packs/0/install_sources/1/type', message: 'must be "git"' });
    expect(problems.every((p) => p.path.startsWith('/packs/0/install_sources/1'))).toBe(true);
    expect(problems.filter((p) => p.path.endsWith('/type'))).toHaveLength(1);
  });

  it('entrySchemaProblems prefixes the paths with the base it is given', () => {
    const entry = standardIndex().packs[0] as LooseJson;
    delete entry.license;
    expect(entrySchemaProblems(entry, '/packs/12')).toEqual([{ path: '/packs/12', message: 'missing required field "license"' }]);
    expect(entrySchemaProblems(entry)).toEqual([{ path: '', message: 'missing required field "license"' }]);
  });

  it('formatIndexProblems prints one line per problem, "/" for the root, and caps the list', () => {
    const problems: IndexProblem[] = [{ path: '', message: 'm0' }, ...Array.from({ length: 4 }, (_, n) => ({ path: `/packs/${n}`, message: `m${n + 1}` }))];
    expect(formatIndexProblems(problems, 3)).toBe('  /: m0\n  /packs/0: m1\n  /packs/1: m2\n  ... and 2 more');
  });
});
