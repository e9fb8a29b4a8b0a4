import { describe, expect, it } from '@jest/globals';
import { cleanEnvironment, prependPath, withAbsolutePipPaths } from '../../src/core/process/clean-environment.js';

/** A caller environment with the usual variables, installer settings and secrets. */
const CALLER: Record<string, string | undefined> = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/ci',
  USER: 'ci',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  TZ: 'UTC',
  PIP_INDEX_URL: 'https://pypi.example.com/simple',
  PIP_FIND_LINKS: '/wheels',
  npm_config_registry: 'https://npm.example.com/',
  NPM_CONFIG_CACHE: '/cache/npm',
  HTTPS_PROXY: 'http://proxy:3128',
  no_proxy: 'localhost',
  SSL_CERT_FILE: '/etc/ssl/ca.pem',
  NPM_TOKEN: 'npm_secret',
  npm_config__auth: 'dXNlcjpwYXNz',
  npm_config__authtoken: 'tok',
  PIP_PASSWORD: 'pw',
  NPM_CONFIG_AUTH_TOKEN: 'tok2',
  GITHUB_TOKEN: 'ghp_secret',
  AWS_SECRET_ACCESS_KEY: 'aws',
  AWS_ACCESS_KEY_ID: 'AKIA',
  REGISTRY_TOKEN: 'reg',
  NODE_OPTIONS: '--require /evil.js',
  PYTHONPATH: '/elsewhere',
  LC_lower: 'not a locale category',
  UNSET: undefined,
};

describe('cleanEnvironment', () => {
  it('gives tests only the base variables and locale, no installer settings or secrets', () => {
    expect(cleanEnvironment(CALLER, 'tests')).toEqual({ PATH: '/usr/bin:/bin', HOME: '/home/ci', USER: 'ci', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' });
  });

  it('gives installers their settings, proxies and CA bundles, but no credential', () => {
    const env = cleanEnvironment(CALLER, 'installer');
    expect(env).toMatchObject({
      PIP_INDEX_URL: 'https://pypi.example.com/simple',
      PIP_FIND_LINKS: '/wheels',
      npm_config_registry: 'https://npm.example.com/',
      NPM_CONFIG_CACHE: '/cache/npm',
      HTTPS_PROXY: 'http://proxy:3128',
      no_proxy: 'localhost',
      SSL_CERT_FILE: '/etc/ssl/ca.pem',
      PATH: '/usr/bin:/bin',
    });
    for (const secret of ['NPM_TOKEN', 'npm_config__auth', 'npm_config__authtoken', 'PIP_PASSWORD', 'NPM_CONFIG_AUTH_TOKEN', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'REGISTRY_TOKEN']) {
      expect(env).not.toHaveProperty(secret);
    }
    // nothing that changes how node or python load code comes along either
    expect(env).not.toHaveProperty('NODE_OPTIONS');
    expect(env).not.toHaveProperty('PYTHONPATH');
    expect(env).not.toHaveProperty('UNSET');
  });

  it('adds the extra variables last, so they win', () => {
    const env = cleanEnvironment(CALLER, 'tests', { HOME: '/tmp/pack-home', TMPDIR: '/tmp/pack-tmp' });
    expect(env.HOME).toBe('/tmp/pack-home');
    expect(env.TMPDIR).toBe('/tmp/pack-tmp');
  });

  it('leaves the caller object as it was', () => {
    const before = { ...CALLER };
    cleanEnvironment(CALLER, 'installer', { PATH: '/x' });
    expect(CALLER).toEqual(before);
  });
});

describe('prependPath', () => {
  it('puts the directories first, in order', () => {
    expect(prependPath({ PATH: '/usr/bin:/bin' }, '/venv/bin', '/pack/node_modules/.bin')).toBe('/venv/bin:/pack/node_modules/.bin:/usr/bin:/bin');
  });

  it('makes a PATH of the directories alone when there was none', () => {
    expect(prependPath({}, '/venv/bin')).toBe('/venv/bin');
    expect(prependPath({ PATH: '' }, '/venv/bin')).toBe('/venv/bin');
  });
});

describe('withAbsolutePipPaths', () => {
  it('makes relative find-links folders and the config file absolute against the working folder, keeping URLs', () => {
    const env = withAbsolutePipPaths({ PIP_FIND_LINKS: 'wheels  /abs/w https://pkgs.example.com/simple file:///srv/w', PIP_CONFIG_FILE: 'ci/pip.conf', PATH: 'bin' }, '/work');
    expect(env).toEqual({ PIP_FIND_LINKS: '/work/wheels /abs/w https://pkgs.example.com/simple file:///srv/w', PIP_CONFIG_FILE: '/work/ci/pip.conf', PATH: 'bin' });
  });

  it("leaves pip's 'no config' spelling and absent variables alone", () => {
    expect(withAbsolutePipPaths({ PIP_CONFIG_FILE: 'os.devnull' }, '/work')).toEqual({ PIP_CONFIG_FILE: 'os.devnull' });
    expect(withAbsolutePipPaths({}, '/work')).toEqual({});
  });
});
