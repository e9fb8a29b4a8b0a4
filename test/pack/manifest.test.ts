import { describe, expect, it } from '@jest/globals';
import { formatProblem, parseManifest } from '../../src/core/pack/index.js';
import type { Problem } from '../../src/core/pack/index.js';
import { ATTUNE_PACK, STACKSTORM_PACK } from './pack-fixture.js';

const paths = (problems: Problem[]): string[] => problems.map((p) => p.path);
const byPath = (problems: Problem[], path: string): Problem => {
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; got ${paths(problems).join(', ')}`);
  return found;
};

const MINIMAL = 'ref: demo\nversion: 1.0.0\nlabel: Demo\ndescription: A demo\nauthor: Me\nlicense: MIT\n';

describe('parseManifest: a complete Attune manifest', () => {
  const result = parseManifest(ATTUNE_PACK['pack.yaml'], 'pack.yaml');

  it('has no errors or warnings', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('normalizes it as the index builder does', () => {
    const m = result.manifest;
    expect(m).toMatchObject({
      ref: 'demo_pack',
      version: '1.2.0',
      label: 'Demo Pack',
      description: 'Demonstrates every kind of component',
      author: 'Example Team',
      email: 'team@example.com',
      license: 'Apache-2.0',
      // numbers become strings, duplicates go, and byte order puts "A" before "a"
      keywords: ['2024', 'Alerts', 'alerts', 'monitoring'],
      runtimeDeps: ['python3', 'shell'],
      dependencies: { attune_version: '>=1.0.0', packs: ['core@^1.0.0'] },
    });
    expect(m?.raw.ref).toBe('demo_pack');
  });

  it('types the testing section', () => {
    expect(result.manifest?.testing).toEqual({
      enabled: true,
      discovery: { method: 'directory', path: 'tests' },
      runners: {
        python: { type: 'unittest', entryPoint: 'tests/test_pack.py', timeout: 120, resultFormat: 'simple' },
        shell: { type: 'script', entryPoint: 'tests/run_tests.sh', timeout: 60, resultFormat: 'simple' },
      },
      minPassRate: 1,
      onFailure: 'block',
    });
  });
});

describe('parseManifest: a StackStorm-style manifest', () => {
  const result = parseManifest(STACKSTORM_PACK['pack.yaml'], 'pack.yaml');

  it('loads with no errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.manifest).toMatchObject({ ref: 'legacy_pack', label: 'legacy_pack', version: '0.3.1' });
  });

  it('takes keywords from tags when keywords is empty', () => {
    expect(result.manifest?.keywords).toEqual(['2', 'chatops']);
  });

  it('warns about each fallback and ignored key, pointing at the line', () => {
    expect(paths(result.warnings).sort()).toEqual(['label', 'license', 'python_versions', 'ref', 'stackstorm_version']);
    expect(byPath(result.warnings, 'ref')).toMatchObject({ line: 2, message: 'ref missing; using name "legacy_pack"' });
    expect(byPath(result.warnings, 'label').message).toBe('label missing; using name "legacy_pack"');
    expect(byPath(result.warnings, 'license').message).toMatch(/repository's LICENSE file or NOASSERTION/);
    expect(byPath(result.warnings, 'python_versions')).toMatchObject({ line: 10, fix: expect.stringContaining('runtime_deps: [python3]') });
    expect(byPath(result.warnings, 'stackstorm_version').fix).toMatch(/dependencies\.attune_version/);
  });

  it('warns when author is missing', () => {
    const noAuthor = parseManifest('ref: demo\nversion: 1.0.0\nlabel: Demo\ndescription: A demo\nlicense: MIT\n', 'pack.yaml');
    expect(paths(noAuthor.warnings)).toEqual(['author']);
    expect(noAuthor.warnings[0].message).toBe('author missing; an index entry needs an author');
  });

  it('labels a pack without name by its ref', () => {
    const r = parseManifest('ref: demo\nversion: 1.0.0\ndescription: A demo\nauthor: Me\nlicense: MIT\n', 'pack.yaml');
    expect(r.manifest?.label).toBe('demo');
    expect(byPath(r.warnings, 'label').message).toBe('label missing; using ref "demo"');
  });

  it('rejects a name that cannot serve as a ref, once', () => {
    const r = parseManifest('name: My Pack\nversion: 1.0.0\ndescription: A demo\n', 'pack.yaml');
    expect(r.manifest).toBeUndefined();
    expect(paths(r.errors)).toEqual(['ref']);
    expect(r.errors[0].message).toBe('ref missing, and name "My Pack" cannot be used as a ref');
    expect(r.errors[0].fix).toMatch(/e\.g\. "my_pack"/);
  });
});

describe('parseManifest: fallbacks to meta', () => {
  it('takes license, homepage, use_case and keywords from meta', () => {
    const r = parseManifest(
      `${MINIMAL.replace('license: MIT\n', '')}meta:\n  license: BSD-3-Clause\n  documentation_url: https://docs.example.com\n  use_case: Demos\n  keywords: [b, a]\ntags: [ignored]\n`,
      'pack.yaml',
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.manifest).toMatchObject({
      license: 'BSD-3-Clause',
      homepage: 'https://docs.example.com',
      useCase: 'Demos',
      keywords: ['a', 'b'],
    });
  });

  it('prefers the top-level fields', () => {
    const r = parseManifest(`${MINIMAL}homepage: https://home\nuse_case: Top\nmeta: {license: X, documentation_url: https://meta, use_case: Meta}\n`, 'pack.yaml');
    expect(r.manifest).toMatchObject({ license: 'MIT', homepage: 'https://home', useCase: 'Top' });
  });
});

describe('parseManifest: dependencies', () => {
  it('turns a list into {packs}', () => {
    const r = parseManifest(`${MINIMAL}dependencies:\n  - core@^1.0.0\n  - slack\n`, 'pack.yaml');
    expect(r.errors).toEqual([]);
    expect(r.manifest?.dependencies).toEqual({ packs: ['core@^1.0.0', 'slack'] });
  });

  it('keeps the four known keys of an object and drops the rest', () => {
    const r = parseManifest(
      `${MINIMAL}dependencies:\n  attune_version: ">=1.2.0"\n  python_version: "3.10"\n  nodejs_version: ">=20"\n  packs: [core]\n  other: x\n`,
      'pack.yaml',
    );
    expect(r.errors).toEqual([]);
    expect(r.manifest?.dependencies).toEqual({
      attune_version: '>=1.2.0',
      python_version: '3.10',
      nodejs_version: '>=20',
      packs: ['core'],
    });
  });

  it('rejects a python_version YAML read as a number, quoting what was written', () => {
    const r = parseManifest(`${MINIMAL}dependencies:\n  python_version: 3.10\n`, 'pack.yaml');
    expect(r.errors).toEqual([
      expect.objectContaining({
        path: 'dependencies.python_version',
        line: 8,
        column: 19,
        message: '3.10 is a number, not a string',
        fix: 'write it as a quoted string "3.10"',
      }),
    ]);
  });

  it('rejects a dependencies value that is neither form', () => {
    const r = parseManifest(`${MINIMAL}dependencies: core\n`, 'pack.yaml');
    expect(byPath(r.errors, 'dependencies').message).toBe('"core" is a string; expected a list or a mapping');
  });
});

describe('parseManifest: version', () => {
  it('reports a YAML float as a string to quote, with line and column', () => {
    const r = parseManifest('ref: demo\nlabel: Demo\nversion: 1.0\ndescription: A demo\n', 'pack.yaml');
    expect(r.manifest).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'version', line: 3, column: 10, message: '1.0 is a number, not a string' });
    expect(formatProblem('pack.yaml', r.errors[0])).toBe(
      'pack.yaml:3:10 version: 1.0 is a number, not a string. Fix: write it as a quoted string "1.0.0".',
    );
  });

  it('keeps the digits as written (1.10 is not 1.1)', () => {
    const r = parseManifest('ref: demo\nlabel: Demo\nversion: 1.10\ndescription: A demo\n', 'pack.yaml');
    expect(r.errors[0].fix).toBe('write it as a quoted string "1.10.0"');
  });

  it.each(['1.0', 'v1.0.0', '1.0.0 ', '01.0.0', 'latest'])('rejects the string %j', (version) => {
    const r = parseManifest(`ref: demo\nlabel: Demo\nversion: ${JSON.stringify(version)}\ndescription: A demo\n`, 'pack.yaml');
    expect(paths(r.errors)).toEqual(['version']);
    expect(r.errors[0].message).toBe(`${JSON.stringify(version)} is not a semantic version`);
  });

  it('formats a semver problem as documented', () => {
    const r = parseManifest('ref: demo\nlabel: Demo\nversion: "1.0"\ndescription: A demo\n', 'pack.yaml');
    expect(formatProblem('pack.yaml', r.errors[0])).toBe(
      'pack.yaml:3:10 version: "1.0" is not a semantic version. Fix: write MAJOR.MINOR.PATCH, e.g. "1.0.0".',
    );
  });

  it.each(['1.0.0', '2.10.3-rc.1', '1.0.0+build.5'])('accepts %s', (version) => {
    const r = parseManifest(`ref: demo\nlabel: Demo\nversion: ${version}\ndescription: A demo\n`, 'pack.yaml');
    expect(r.errors).toEqual([]);
    expect(r.manifest?.version).toBe(version);
  });
});

describe('parseManifest: every violation at once', () => {
  const text = `ref: My Pack
version: "1.0"
label: ""
description: [not, text]
keywords: {a: 1}
testing:
  enabled: "yes"
  runners:
    python: {type: nose, entry_point: "", timeout: 0}
    shell:
      type: script
      timeout: 1.5
  min_pass_rate: 1.5
  on_failure: stop
`;
  const result = parseManifest(text, 'pack.yaml');

  it('reports each one with its path, in file order', () => {
    expect(result.manifest).toBeUndefined();
    expect(paths(result.errors)).toEqual([
      'ref',
      'version',
      'label',
      'description',
      'keywords',
      'testing.enabled',
      'testing.runners.python.type',
      'testing.runners.python.entry_point',
      'testing.runners.python.timeout',
      'testing.runners.shell.entry_point',
      'testing.runners.shell.timeout',
      'testing.min_pass_rate',
      'testing.on_failure',
    ]);
  });

  it('says what to write instead, in plain words', () => {
    const lines = result.errors.map((p) => formatProblem('pack.yaml', p));
    expect(lines).toEqual([
      `pack.yaml:1:6 ref: "My Pack" is not a valid ref. Fix: use lower-case letters, digits, '_' and '-', starting with a letter, e.g. "my_pack".`,
      'pack.yaml:2:10 version: "1.0" is not a semantic version. Fix: write MAJOR.MINOR.PATCH, e.g. "1.0.0".',
      'pack.yaml:3:8 label: is empty. Fix: write a short display name, e.g. "My Pack".',
      'pack.yaml:4:14 description: is a list; expected a string. Fix: write one sentence on what the pack automates, e.g. "Manage widgets through the Widget API".',
      'pack.yaml:5:11 keywords: is a mapping; expected a list. Fix: write a list of words, e.g. ["monitoring", "alerts"].',
      'pack.yaml:7:12 testing.enabled: "yes" is a string; expected true or false. Fix: write true or false, e.g. true.',
      'pack.yaml:9:20 testing.runners.python.type: "nose" is not one of the allowed values. Fix: write one of: script, unittest, pytest.',
      'pack.yaml:9:39 testing.runners.python.entry_point: is empty. Fix: write the test file or directory, relative to the pack root, e.g. "tests/run_tests.sh".',
      'pack.yaml:9:52 testing.runners.python.timeout: 0 is not greater than 0. Fix: use a whole number of seconds greater than 0, e.g. 60.',
      'pack.yaml:11:7 testing.runners.shell.entry_point: "entry_point" is required but missing. Fix: add entry_point: "tests/run_tests.sh" (the test file or directory, relative to the pack root).',
      'pack.yaml:12:16 testing.runners.shell.timeout: 1.5 is not a whole number. Fix: write a whole number of seconds, e.g. 60.',
      'pack.yaml:13:18 testing.min_pass_rate: 1.5 is above the maximum 1. Fix: use a number from 0 to 1, e.g. 1.',
      'pack.yaml:14:15 testing.on_failure: "stop" is not one of the allowed values. Fix: write one of: block, warn.',
    ]);
  });

  it('never leaks ajv wording', () => {
    for (const p of result.errors) expect(p.message).not.toMatch(/must (be|have|match|NOT)|should/);
  });
});

describe('parseManifest: broken YAML', () => {
  it('reports a syntax error with file, line and column', () => {
    const r = parseManifest('ref: demo\nversion: 1.0.0\nlabel: Demo: Pack\ndescription: A demo\n', 'pack.yaml');
    expect(r.manifest).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: '', line: 3, column: 8, file: 'pack.yaml' });
    expect(formatProblem('pack.yaml', r.errors[0])).toMatch(
      /^pack\.yaml:3:8: YAML syntax error: Nested mappings are not allowed in compact mappings\. Fix: .*quote a value that contains ": "\.$/,
    );
  });

  it('reports tabs used for indentation where they are', () => {
    const r = parseManifest('ref: demo\ntesting:\n\tenabled: true\n', 'pack.yml');
    expect(r.errors[0]).toMatchObject({ line: 3, column: 1, file: 'pack.yml', fix: expect.stringMatching(/spaces/) });
  });

  it.each([
    ['an empty file', '', 'pack.yaml is empty'],
    ['a list', '- ref: demo\n', 'the top level of pack.yaml is not a mapping of keys'],
    ['a plain string', 'just text\n', 'the top level of pack.yaml is not a mapping of keys'],
  ])('rejects %s', (_what, text, message) => {
    const r = parseManifest(text, 'pack.yaml');
    expect(r.manifest).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ path: '', message })]);
  });
});

describe('parseManifest: testing section', () => {
  it('warns when testing is enabled without runners', () => {
    const r = parseManifest(`${MINIMAL}testing:\n  enabled: true\n`, 'pack.yaml');
    expect(r.errors).toEqual([]);
    expect(paths(r.warnings)).toEqual(['testing.runners']);
    expect(r.manifest?.testing).toEqual({ enabled: true, runners: {} });
  });
});

describe('formatProblem', () => {
  it('omits what is unknown', () => {
    expect(formatProblem('pack.yaml', { path: '', message: 'whole file', fix: '' })).toBe('pack.yaml: whole file.');
    expect(formatProblem('a.yaml', { path: 'x', message: 'done.', fix: 'ok!' })).toBe('a.yaml x: done. Fix: ok!');
  });
});
