import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanEnvironment } from '../process/clean-environment.js';
import { runEnvironmentCommand, type EnvironmentContext } from './environment-command.js';

/** Lock files `npm ci` installs from exactly; either makes the install reproducible. */
const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** True when `path` is a regular file (links followed). */
export async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** True when the pack has a package.json, so its Node.js dependencies must be installed. */
export async function isNodePack(packDir: string): Promise<boolean> {
  return isRegularFile(join(packDir, 'package.json'));
}

/**
 * Install the pack's node_modules: `npm ci` when a lock file pins them, else `npm install`,
 * both without audit and funding requests. A failure is an error detail.
 */
export async function installNodeModules(context: EnvironmentContext, callerEnv: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  const lockFile = (await Promise.all(LOCK_FILES.map(async (name) => ((await isRegularFile(join(context.packDir, name))) ? name : undefined)))).find((name) => name !== undefined);
  const command = lockFile ? 'ci' : 'install';
  // npm's own settings and proxies pass; its update check would only slow a CI run down.
  const env = cleanEnvironment(callerEnv, 'installer', { npm_config_update_notifier: 'false' });
  const { ok } = await runEnvironmentCommand(context, {
    command: 'npm',
    args: [command, '--no-audit', '--no-fund'],
    env,
    fix: lockFile
      ? `check that ${lockFile} matches package.json (run npm install and commit the lock file) and that the registry is reachable`
      : 'check the dependencies in package.json and that the registry is reachable',
    file: lockFile ?? 'package.json',
  });
  if (ok) {
    const how = lockFile ? `npm ci installed the versions pinned by ${lockFile}` : 'npm install installed the dependencies of package.json (no lock file: commit package-lock.json for reproducible installs)';
    context.details.push({ level: 'info', message: `${how} into node_modules` });
  }
  return ok;
}
