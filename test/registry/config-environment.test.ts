import { describe, expect, it } from '@jest/globals';
import { ExitCode, UsageError } from '../../src/core/errors.js';
import { DEFAULT_REGISTRY_CONFIG, applyRegistryEnvironment, parseRegistryConfig } from '../../src/core/registry/config.js';
import { SPEC_EXAMPLE, thrown } from './config-fixtures.js';

const P = 'ATTUNE__PACK_REGISTRY__';
const CWD = '/work/checkout';

describe('applyRegistryEnvironment: environment only', () => {
  it('builds a configuration from the specification variables', () => {
    const env = {
      [`${P}ENABLED`]: 'true',
      [`${P}INDICES`]: 'https://registry.attune.io/index.json,https://internal.example.com/registry.json',
      [`${P}CACHE_TTL`]: '600',
      [`${P}CACHE_ENABLED`]: 'false',
      [`${P}TIMEOUT`]: '30',
      [`${P}VERIFY_CHECKSUMS`]: 'TRUE',
      [`${P}ALLOW_HTTP`]: 'yes',
    };
    expect(applyRegistryEnvironment(DEFAULT_REGISTRY_CONFIG, env, CWD)).toEqual({
      enabled: true,
      indices: [
        { name: 'registry.attune.io', url: 'https://registry.attune.io/index.json', priority: 1, enabled: true, headers: {} },
        { name: 'internal.example.com', url: 'https://internal.example.com/registry.json', priority: 2, enabled: true, headers: {} },
      ],
      cacheTtlSeconds: 600,
      cacheEnabled: false,
      timeoutSeconds: 30,
      verifyChecksums: true,
      allowHttp: true,
    });
  });

  it('changes nothing without variables, and treats blank ones as unset', () => {
    expect(applyRegistryEnvironment(DEFAULT_REGISTRY_CONFIG, { PATH: '/bin' }, CWD)).toEqual(DEFAULT_REGISTRY_CONFIG);
    expect(applyRegistryEnvironment(DEFAULT_REGISTRY_CONFIG, { [`${P}TIMEOUT`]: '', [`${P}INDICES`]: '  ', [`${P}TYPO`]: '' }, CWD)).toEqual(DEFAULT_REGISTRY_CONFIG);
  });

  it('names indices on one host by path, resolves paths against cwd, and skips empty items', () => {
    const env = { [`${P}INDICES`]: ' https://r.example.com/a.json , https://r.example.com/b.json,,local/index.json,' };
    const config = applyRegistryEnvironment(DEFAULT_REGISTRY_CONFIG, env, CWD);
    expect(config.indices.map((i) => [i.name, i.url, i.priority])).toEqual([
      ['r.example.com', 'https://r.example.com/a.json', 1],
      ['r.example.com/b.json', 'https://r.example.com/b.json', 2],
      ['local', '/work/checkout/local/index.json', 3],
    ]);
  });
});

describe('applyRegistryEnvironment: over a config file (the environment wins)', () => {
  const file = parseRegistryConfig(SPEC_EXAMPLE, '/etc/attune/config.yaml', { REGISTRY_TOKEN: 'tok-123' });

  it('overrides settings and leaves the others as the file has them', () => {
    const config = applyRegistryEnvironment(file, { [`${P}CACHE_TTL`]: '0', [`${P}ENABLED`]: 'off' }, CWD);
    expect(config).toEqual({ ...file, cacheTtlSeconds: 0, enabled: false });
  });

  it('replaces the indices, keeping the name and headers of an index the file also lists', () => {
    const env = { [`${P}INDICES`]: 'https://company-internal.example.com/attune-registry.json,https://registry.attune.io/index.json,https://new.example.com/i.json' };
    const config = applyRegistryEnvironment(file, env, CWD);
    expect(config.indices).toEqual([
      { name: 'Company Internal Registry', url: 'https://company-internal.example.com/attune-registry.json', priority: 1, enabled: true, headers: { Authorization: 'Bearer tok-123' } },
      { name: 'Official Attune Registry', url: 'https://registry.attune.io/index.json', priority: 2, enabled: true, headers: {} },
      { name: 'new.example.com', url: 'https://new.example.com/i.json', priority: 3, enabled: true, headers: {} },
    ]);
  });
});

describe('applyRegistryEnvironment: malformed values', () => {
  const failure = (env: Record<string, string>) => thrown(() => applyRegistryEnvironment(DEFAULT_REGISTRY_CONFIG, env, CWD));

  it('is a usage error naming every bad variable', () => {
    const error = failure({ [`${P}ENABLED`]: 'maybe', [`${P}CACHE_TTL`]: '1h', [`${P}TIMEOUT`]: '0', [`${P}ALLOW_HTTP`]: '2' });
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.Usage);
    expect(error.message.split('\n')).toEqual([
      'the pack registry environment variables are invalid:',
      `  ${P}ENABLED is "maybe"; set it to true or false`,
      `  ${P}ALLOW_HTTP is "2"; set it to true or false`,
      `  ${P}CACHE_TTL is "1h"; set it to a whole number of seconds, 0 or more`,
      `  ${P}TIMEOUT is "0"; set it to a whole number of seconds, 1 or more`,
    ]);
  });

  it('suggests the variable meant for a misspelt one', () => {
    expect(failure({ [`${P}CACHE_TTLS`]: '5' }).message).toContain(`${P}CACHE_TTLS is not a pack registry setting; did you mean ${P}CACHE_TTL?`);
    expect(failure({ [`${P}INDEXES`]: 'https://a.example.com/i.json' }).message).toContain(`did you mean ${P}INDICES?`);
  });

  it('refuses bad index URLs by position, hiding credentials', () => {
    const error = failure({ [`${P}INDICES`]: 'https://a.example.com/i.json,https://bob:hunter2@b.example.com/i.json,ftp://c.example.com/i.json,https://a.example.com/i.json' });
    expect(error.message).toContain(`${P}INDICES item 2: "https://b.example.com/i.json" contains credentials`);
    expect(error.message).toContain(`${P}INDICES item 3: "ftp://c.example.com/i.json" uses the unsupported scheme ftp:`);
    expect(error.message).toContain(`${P}INDICES item 4: "https://a.example.com/i.json" is listed twice`);
    expect(error.message).not.toMatch(/bob|hunter2/);
    expect(failure({ [`${P}INDICES`]: ',,' }).message).toContain('lists no URL');
  });
});
