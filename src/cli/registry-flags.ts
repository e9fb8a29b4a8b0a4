import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fsInputError } from '../core/errors.js';
import { boolFlag, stringFlag } from './args.js';
import type { CommandContext, OptionSpec, ParsedArgs } from './command.js';
import type { IndexSource } from '../core/client/resolve.js';
import type { RegistryClientSettings } from '../core/client/registry-sources.js';
import type { HttpClient } from '../core/http/http-client.js';

/** The flags every registry-reading command shares. */
export const REGISTRY_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', value: 'FILE', help: 'registry config (pack_registry: indices, cache_ttl, ...); also ATTUNE__PACK_REGISTRY__* variables' },
  'cache-dir': { type: 'string', value: 'DIR', help: 'where fetched indices are cached (default $XDG_CACHE_HOME/packreg or ~/.cache/packreg)' },
  'no-cache': { type: 'boolean', help: 'neither read nor write the index cache' },
  'ca-file': { type: 'string', value: 'FILE', help: "CA certificates (PEM) for private registries, trusted besides the system's" },
};

/** The registry client settings and HTTP client the flags and environment describe. */
export async function registryClientFromFlags(args: ParsedArgs, ctx: CommandContext): Promise<{ settings: RegistryClientSettings; http: HttpClient }> {
  const { loadRegistryConfig } = await import('../core/client/registry-commands.js');
  const { nodeHttpClient } = await import('../core/http/node-http-client.js');
  const config = await loadRegistryConfig(stringFlag(args, 'config'), ctx.env, ctx.cwd, ctx.deps.logger);
  const caFile = stringFlag(args, 'ca-file');
  let ca: string | undefined;
  if (caFile !== undefined) {
    const path = resolve(ctx.cwd, caFile);
    try {
      ca = readFileSync(path, 'utf8');
    } catch (error) {
      throw fsInputError(error, '--ca-file', path);
    }
    const { checkCaBundle } = await import('../core/http/ca-bundle.js');
    checkCaBundle(ca, `--ca-file ${path}`);
    ca += extraCaCerts(ctx.env);
  }
  const cacheDir = boolFlag(args, 'no-cache') ? undefined : resolve(ctx.cwd, stringFlag(args, 'cache-dir') ?? defaultCacheDir(ctx.env));
  return { settings: { config, cacheDir, ca }, http: nodeHttpClient(ctx.deps.logger) };
}

/** The configured registries, read through the real HTTP client and the on-disk cache. */
export async function registrySourcesFromFlags(args: ParsedArgs, ctx: CommandContext): Promise<IndexSource[]> {
  const { registrySources } = await import('../core/client/registry-sources.js');
  const client = await registryClientFromFlags(args, ctx);
  return registrySources(client.settings, { http: client.http, logger: ctx.deps.logger });
}

function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'packreg');
}

/**
 * The certificates of NODE_EXTRA_CA_CERTS, which Node trusts by default but leaves out of a
 * context that adds a CA of its own (it copies only the bundled or system roots): with
 * --ca-file they are added too, so the flag only ever adds trust. An unreadable file is
 * skipped, as Node skips it (Node warns about it as it starts).
 */
function extraCaCerts(env: NodeJS.ProcessEnv): string {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (file === undefined || file === '') return '';
  try {
    return `\n${readFileSync(file, 'utf8')}`;
  } catch {
    return '';
  }
}
