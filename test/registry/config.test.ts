import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import { DEFAULT_REGISTRY_CONFIG, parseRegistryConfig, registryConfigWarnings } from '../../src/core/registry/config.js';
import { tempDirs, tempTree } from '../helpers/temp.js';
import { SPEC_EXAMPLE, configError, section } from './config-fixtures.js';

const FILE = '/etc/attune/config.yaml';
const ENV = { REGISTRY_TOKEN: 'tok-123' };
const parse = (text: string, env: Record<string, string | undefined> = ENV) => parseRegistryConfig(text, FILE, env);

describe('parseRegistryConfig: the specification example', () => {
  it('parses to the expected configuration, other sections left alone', () => {
    expect(parse(SPEC_EXAMPLE)).toEqual({
      enabled: true,
      indices: [
        { name: 'Official Attune Registry', url: 'https://registry.attune.io/index.json', priority: 1, enabled: true, headers: {} },
        {
          name: 'Company Internal Registry',
          url: 'https://company-internal.example.com/attune-registry.json',
          priority: 2,
          enabled: true,
          headers: { Authorization: 'Bearer tok-123' },
        },
        { name: 'Local Filesystem Registry', url: 'file:///opt/attune/local-registry.json', priority: 3, enabled: true, headers: {} },
      ],
      cacheTtlSeconds: 3600,
      cacheEnabled: true,
      timeoutSeconds: 120,
      verifyChecksums: true,
      allowHttp: false,
    });
  });
});

describe('parseRegistryConfig: defaults', () => {
  it('gives the defaults for an empty file, a file without pack_registry, and an empty section', () => {
    for (const text of ['', '# nothing yet\n', 'database:\n  url: x\n', 'pack_registry:\n']) expect(parse(text)).toEqual(DEFAULT_REGISTRY_CONFIG);
    expect(DEFAULT_REGISTRY_CONFIG).toEqual({ enabled: true, indices: [], cacheTtlSeconds: 3600, cacheEnabled: true, timeoutSeconds: 120, verifyChecksums: true, allowHttp: false });
  });

  it('fills in every setting left out, and an index needs only its url', () => {
    const config = parse(section('cache_ttl: 0\nindices:\n  - url: https://r.example.com/index.json'));
    expect(config).toEqual({ ...DEFAULT_REGISTRY_CONFIG, cacheTtlSeconds: 0, indices: [{ name: 'r.example.com', url: 'https://r.example.com/index.json', priority: 1, enabled: true, headers: {} }] });
  });

  it('derives names from the host, then host and path, then a suffix; the file name for file URLs', () => {
    const config = parse(
      section(
        [
          'indices:',
          '  - url: https://r.example.com/a/index.json',
          '  - url: https://r.example.com/b/index.json',
          '  - url: https://r.example.com/b/index.json?v=2',
          '  - url: file:///srv/local.json',
        ].join('\n'),
      ),
    );
    expect(config.indices.map((i) => i.name)).toEqual(['r.example.com', 'r.example.com/b/index.json', 'r.example.com-2', 'local.json']);
  });

  it('keeps a query on an https URL', () => {
    expect(parse(section('indices:\n  - url: https://r.example.com/index.json?sig=abc')).indices[0].url).toBe('https://r.example.com/index.json?sig=abc');
  });
});

describe('parseRegistryConfig: priorities', () => {
  it('sorts by priority, lowest first, ties in written order, unnumbered ones last', () => {
    const config = parse(
      section(
        [
          'indices:',
          '  - {url: https://a.example.com/i.json, priority: 5}',
          '  - {url: https://b.example.com/i.json}',
          '  - {url: https://c.example.com/i.json, priority: 0}',
          '  - {url: https://d.example.com/i.json, priority: 5}',
          '  - {url: https://e.example.com/i.json}',
        ].join('\n'),
      ),
    );
    expect(config.indices.map((i) => [i.name, i.priority])).toEqual([
      ['c.example.com', 0],
      ['a.example.com', 5],
      ['d.example.com', 5],
      ['b.example.com', 6],
      ['e.example.com', 7],
    ]);
  });

  it('keeps a disabled index, so it can still be named', () => {
    const config = parse(section('indices:\n  - {url: https://a.example.com/i.json, enabled: false}'));
    expect(config.indices[0]).toMatchObject({ name: 'a.example.com', enabled: false });
  });
});

describe('parseRegistryConfig: header references', () => {
  const headers = (value: string, env: Record<string, string | undefined> = ENV) =>
    parse(section(`indices:\n  - url: https://a.example.com/i.json\n    headers:\n      X-Token: ${value}`), env).indices[0].headers;

  it('expands ${NAME} from the environment given, never from process.env', () => {
    expect(headers('"Bearer ${REGISTRY_TOKEN}"')).toEqual({ 'X-Token': 'Bearer tok-123' });
    expect(headers('"${A}:${B}"', { A: 'x', B: 'y' })).toEqual({ 'X-Token': 'x:y' });
    process.env.PACKREG_TEST_ONLY_IN_PROCESS = 'leak';
    try {
      expect(configError(() => headers('"${PACKREG_TEST_ONLY_IN_PROCESS}"', {})).problems).toHaveLength(1);
    } finally {
      delete process.env.PACKREG_TEST_ONLY_IN_PROCESS;
    }
  });

  it('writes $$ as a literal $, and keeps any other $', () => {
    expect(headers('"a$${REGISTRY_TOKEN}b"')).toEqual({ 'X-Token': 'a${REGISTRY_TOKEN}b' });
    expect(headers('"p$ss$"')).toEqual({ 'X-Token': 'p$ss$' });
    expect(headers('"$$${REGISTRY_TOKEN}"')).toEqual({ 'X-Token': '$tok-123' });
    expect(headers('"$$$${REGISTRY_TOKEN}"')).toEqual({ 'X-Token': '$${REGISTRY_TOKEN}' });
  });

  it('refuses an unset or empty variable, naming header, index and variable but no header value', () => {
    const text = section(
      [
        'indices:',
        '  - url: https://a.example.com/i.json',
        '    name: Private',
        '    headers:',
        '      X-Static: "static-secret-value"',
        '      X-Other: "Bearer ${REGISTRY_TOKEN}"',
        '      Authorization: "Bearer ${MISSING_TOKEN}"',
        '      X-Empty: "${EMPTY_TOKEN}"',
      ].join('\n'),
    );
    const error = configError(() => parse(text, { REGISTRY_TOKEN: 'expanded-secret', EMPTY_TOKEN: '' }));
    expect(error.exitCode).toBe(ExitCode.Input);
    expect(error.message).toContain(`${FILE}:8:24 pack_registry.indices[0].headers.Authorization: header Authorization of index "Private" uses \${MISSING_TOKEN}, but MISSING_TOKEN is not set`);
    expect(error.message).toContain('header X-Empty of index "Private" uses ${EMPTY_TOKEN}, but EMPTY_TOKEN is not set or is empty');
    for (const secret of ['static-secret-value', 'expanded-secret', 'Bearer']) expect(error.message).not.toContain(secret);
  });

  it('never echoes a value in any header error', () => {
    const cases = ['"tokA${"', '"tokB${1BAD}"', '42', '"tokC${NL}"', '', '[tokD]'];
    for (const value of cases) {
      const error = configError(() => headers(value, { NL: 'x\r\nInjected: 1' }));
      expect(error.problems).toHaveLength(1);
      expect(error.message).not.toMatch(/tok[A-D]|Injected|42/);
    }
    const scalarHeaders = configError(() => parse(section('indices:\n  - url: https://a.example.com/i.json\n    headers: "Bearer tokE"')));
    expect(scalarHeaders.message).not.toContain('tokE');
  });

  it('refuses invalid and repeated header names', () => {
    const error = configError(() => parse(section('indices:\n  - url: https://a.example.com/i.json\n    headers:\n      "Bad Name": x\n      X-A: "1"\n      x-a: "2"')));
    expect(error.problems.map((p) => p.message)).toEqual([
      '"Bad Name" is not a valid HTTP header name',
      'header x-a of index "a.example.com" is given twice (header names ignore case)',
    ]);
  });
});

describe('parseRegistryConfig: names', () => {
  it('refuses names that repeat, ignoring case, including a derived name', () => {
    const text = section(
      ['indices:', '  - {url: https://a.example.com/i.json, name: Main}', '  - {url: https://b.example.com/i.json, name: MAIN}', '  - {url: https://c.example.com/i.json, name: main}'].join('\n'),
    );
    const error = configError(() => parse(text));
    expect(error.problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [4, 'pack_registry.indices[1].name', 'the name "MAIN" is already used by pack_registry.indices[0] (names are compared ignoring case)'],
      [5, 'pack_registry.indices[2].name', 'the name "main" is already used by pack_registry.indices[0] (names are compared ignoring case)'],
    ]);
  });

  it('lets a given name win over a host that derives the same name', () => {
    const config = parse(section('indices:\n  - url: https://a.example.com/i.json\n  - {url: https://b.example.com/i.json, name: a.example.com}'));
    expect(config.indices.map((i) => i.name)).toEqual(['a.example.com/i.json', 'a.example.com']);
  });

  it('refuses an empty name', () => {
    expect(configError(() => parse(section('indices:\n  - {url: https://a.example.com/i.json, name: "  "}'))).problems[0].path).toBe('pack_registry.indices[0].name');
  });
});

describe('parseRegistryConfig: unknown keys and types', () => {
  it('reports an unknown key at its line and column with the key meant', () => {
    const error = configError(() => parse(section('enabled: true\ncache-ttl: 60\nindices:\n  - url: https://a.example.com/i.json\n    priorty: 2\n  - uri: https://b.example.com/i.json')));
    expect(error.message).toContain(`${FILE}:3:3 pack_registry.cache-ttl: unknown key "cache-ttl" (did you mean cache_ttl?). Fix: rename it to cache_ttl.`);
    expect(error.message).toContain(`${FILE}:6:7 pack_registry.indices[0].priorty: unknown key "priorty" (did you mean priority?)`);
    // The misspelt url is both unknown and missing; uri is suggested as url by its alias.
    expect(error.problems.map((p) => p.path)).toEqual(['pack_registry.cache-ttl', 'pack_registry.indices[0].priorty', 'pack_registry.indices[1].uri', 'pack_registry.indices[1].url']);
    expect(error.message).toMatch(/^\/etc\/attune\/config.yaml: the pack_registry configuration has 4 problems:\n/);
  });

  it('lists the known keys when nothing is close, and catches a misspelt section', () => {
    expect(configError(() => parse(section('colour: blue'))).problems[0].fix).toBe('remove it; the keys here are enabled, indices, cache_ttl, cache_enabled, timeout, verify_checksums, allow_http');
    expect(configError(() => parse('pack-registry:\n  enabled: false\n')).problems[0]).toMatchObject({ line: 1, column: 1, message: 'unknown key "pack-registry" (did you mean pack_registry?)' });
  });

  it('reports every bad type at once', () => {
    const text = section(
      [
        'enabled: yes',
        'cache_ttl: -1',
        'cache_enabled: "true"',
        'timeout: 0',
        'verify_checksums: 1',
        'allow_http:',
        'indices:',
        '  - {url: https://a.example.com/i.json, priority: 1.5, enabled: no}',
        '  - {url: 42, name: 7, priority: "2"}',
        '  - just-a-string',
      ].join('\n'),
    );
    const error = configError(() => parse(text));
    expect(error.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual([
      '2:12 pack_registry.enabled: must be true or false, not "yes"',
      '3:14 pack_registry.cache_ttl: must be a whole number, 0 or more, not -1',
      '4:18 pack_registry.cache_enabled: must be true or false, not "true"',
      '5:12 pack_registry.timeout: must be a whole number, 1 or more, not 0',
      '6:21 pack_registry.verify_checksums: must be true or false, not 1',
      '7:14 pack_registry.allow_http: must be true or false, not empty',
      '9:53 pack_registry.indices[0].priority: must be a whole number, 0 or more, not 1.5',
      '9:67 pack_registry.indices[0].enabled: must be true or false, not "no"',
      '10:13 pack_registry.indices[1].url: must be a string, not 42',
      '10:23 pack_registry.indices[1].name: must be a string, not 7',
      '10:36 pack_registry.indices[1].priority: must be a whole number, 0 or more, not "2"',
      '11:7 pack_registry.indices[2]: must be a mapping with url (and optionally name, priority, enabled, headers), not "just-a-string"',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const error = configError(() => parse('pack_registry:\n  enabled: true\n  enabled: false\n'));
    expect(error.problems[0]).toMatchObject({ line: 3, column: 3 });
    expect(configError(() => parse('- a\n- b\n')).problems[0].message).toBe('the top level is not a mapping of keys');
    expect(configError(() => parse('pack_registry: [1]\n')).problems[0].message).toBe('must be a mapping of settings, not a list');
  });
});

describe('parseRegistryConfig: index URLs', () => {
  const urlProblem = (url: string) => configError(() => parse(section(`indices:\n  - url: "${url}"`))).problems[0];

  it('refuses credentials in the URL without showing them', () => {
    const problem = urlProblem('https://user:s3cret@r.example.com/index.json');
    expect(problem.message).toBe('"https://r.example.com/index.json" contains credentials (user:password@)');
    expect(problem.fix).toContain('headers');
    expect(urlProblem('https://only-token@r.example.com/index.json').message).not.toContain('only-token');
  });

  it('refuses a fragment, other schemes, remote file hosts and ~ paths', () => {
    expect(urlProblem('https://r.example.com/index.json#top').message).toContain('#fragment');
    expect(urlProblem('s3://bucket/index.json').message).toContain('unsupported scheme s3:');
    expect(urlProblem('file://opt/attune/index.json').fix).toBe('write three slashes for an absolute path, e.g. file:///opt/attune/index.json');
    expect(urlProblem('~/registry/index.json').message).toContain('~');
    expect(urlProblem('').message).toBe('is empty');
  });

  it('accepts http in the file but warns that the client will refuse it without allow_http', () => {
    const text = section('indices:\n  - url: http://r.example.com/index.json?sig=secret');
    const config = parse(text);
    expect(config.indices[0].url).toBe('http://r.example.com/index.json?sig=secret');
    const [warning] = registryConfigWarnings(config);
    expect(warning).toContain('index "r.example.com" ("http://r.example.com/index.json?…") uses plain http');
    expect(warning).not.toContain('secret');
    expect(registryConfigWarnings({ ...config, allowHttp: true })).toEqual([]);
  });

  describe('paths, with a real config file', () => {
    const temp = tempDirs();
    afterAll(() => temp.cleanup());

    it('resolves a relative path against the config file folder, not the working directory', () => {
      const dir = tempTree(temp, { 'conf/config.yaml': section('indices:\n  - url: ../registry/index.json\n  - url: /srv/abs.json'), 'registry/index.json': '{}' });
      const file = join(dir, 'conf', 'config.yaml');
      const config = parseRegistryConfig(readFileSync(file, 'utf8'), file, {});
      expect(config.indices.map((i) => [i.name, i.url])).toEqual([
        ['registry', join(dir, 'registry', 'index.json')],
        ['abs.json', '/srv/abs.json'],
      ]);
      expect(readFileSync(config.indices[0].url, 'utf8')).toBe('{}');
    });
  });
});
