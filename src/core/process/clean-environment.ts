import { isAbsolute, resolve } from 'node:path';

/**
 * Environments for code packreg runs but does not trust: a pack's tests and its dependency
 * installers. They start from an allow-list of the caller's variables, so a secret
 * (GITHUB_TOKEN, AWS_*, a registry token, anything else) never reaches them by accident.
 */

/** Variables every child keeps: where programs are, who and where the user is, the locale. */
const BASE_VARIABLES = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TERM'];
/** Locale categories (LC_ALL, LC_CTYPE...). */
const LOCALE_PATTERN = /^LC_[A-Z]+$/;
/**
 * What package installers need beyond the base: their own settings (pip's index and
 * find-links, npm's registry), proxies and CA bundles. Tests do not get these.
 */
const INSTALLER_PATTERN = /^(PIP_[A-Z0-9_]+|npm_config_[a-z0-9_-]+|NPM_CONFIG_[A-Z0-9_-]+|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy|SSL_CERT_(FILE|DIR)|REQUESTS_CA_BUNDLE|NODE_EXTRA_CA_CERTS|PIP_CONFIG_FILE)$/;
/** Installer settings that carry credentials stay behind even for installers. */
const CREDENTIAL_PATTERN = /(TOKEN|PASSWORD|SECRET|_AUTH|AUTHTOKEN)/i;

/**
 * pip runs inside the staged copy of a pack, so a relative `PIP_FIND_LINKS` folder or
 * `PIP_CONFIG_FILE` written for the caller's directory would be looked up there: make them
 * absolute against `cwd` (URLs stay as they are).
 */
export function withAbsolutePipPaths(caller: Readonly<Record<string, string | undefined>>, cwd: string): Record<string, string | undefined> {
  const absolute = (value: string) => (/^[a-z][a-z0-9+.-]*:/i.test(value) || isAbsolute(value) ? value : resolve(cwd, value));
  const out = { ...caller };
  if (caller.PIP_FIND_LINKS) out.PIP_FIND_LINKS = caller.PIP_FIND_LINKS.split(/\s+/).filter(Boolean).map(absolute).join(' ');
  if (caller.PIP_CONFIG_FILE && caller.PIP_CONFIG_FILE !== 'os.devnull') out.PIP_CONFIG_FILE = absolute(caller.PIP_CONFIG_FILE);
  return out;
}

/** Which child the environment is for. */
export type EnvironmentPurpose = 'tests' | 'installer';

/**
 * The environment for a child process: the allow-listed part of `caller`, then `extra`
 * (the pack's own variables, a private TMPDIR), which wins.
 */
export function cleanEnvironment(
  caller: Readonly<Record<string, string | undefined>>,
  purpose: EnvironmentPurpose,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(caller)) {
    if (value === undefined) continue;
    if (BASE_VARIABLES.includes(name) || LOCALE_PATTERN.test(name) || (purpose === 'installer' && INSTALLER_PATTERN.test(name) && !CREDENTIAL_PATTERN.test(name))) {
      env[name] = value;
    }
  }
  return { ...env, ...extra };
}

/** `dir` in front of a PATH value (for a venv's bin/ or node_modules/.bin). */
export function prependPath(env: Readonly<Record<string, string>>, ...dirs: string[]): string {
  return [...dirs, ...(env.PATH ? [env.PATH] : [])].join(':');
}
