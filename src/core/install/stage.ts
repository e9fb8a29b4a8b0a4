import { createWriteStream } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FramedHasher } from '../checksum/framed.js';
import type { FetchResult, FetchSettings } from '../client/fetch.js';
import { fetchPack } from '../client/fetch.js';
import { parseInstallSpec } from '../client/install-spec.js';
import { openPackSource } from '../tree/pack-source.js';
import type { PackTree } from '../tree/tree.js';
import type { InstallDeps } from './settings.js';

/**
 * Environment artifacts a local pack folder may hold: install rebuilds them, so copying them
 * would only be slow (and a venv does not survive a move anyway).
 */
const LOCAL_ONLY = ['.venv/', 'node_modules/'];

/** A staged pack: a fetched one knows its ref and version; a copied folder is read after validation. */
export type StagedPack = Omit<FetchResult, 'ref' | 'version'> & { readonly ref?: string; readonly version?: string };

/**
 * Bring the pack tree to `into` (which must not exist): fetched and verified for registry
 * refs, URLs and archives, copied for a local folder. A folder is copied as it would be
 * published (its `.packignore` applies, `.git` never comes along) and the checksum recorded
 * is the framed checksum of exactly the files copied. Its pack.yaml is not read here, so
 * that validation can report every problem with its line.
 */
export async function stagePack(settings: FetchSettings, into: string, deps: InstallDeps): Promise<StagedPack> {
  const spec = parseInstallSpec(settings.spec, { cwd: settings.cwd, gitRef: settings.gitRef, noRegistry: settings.noRegistry, registryOnly: settings.registryOnly });
  if (spec.kind !== 'directory') return fetchPack({ ...settings, out: into }, deps);
  const source = await openPackSource({ packDir: spec.path, noGit: true }, deps.git, deps.logger);
  const digest = await copyTree(await source.tree({ packignore: true, patterns: LOCAL_ONLY }), into);
  deps.logger.info(`copied ${digest.files} files of ${spec.path} to the staging folder`);
  return { dir: into, from: 'directory', shadowed: [], source: { type: 'directory', url: spec.path }, checksum: `sha256:${digest.hex}`, fallbacks: [] };
}

/** Write every file of `tree` under `into`, keeping the executable bit; hash as it goes. */
async function copyTree(tree: PackTree, into: string): Promise<{ hex: string; files: number }> {
  const hasher = new FramedHasher();
  await mkdir(into, { recursive: false });
  for await (const file of tree.files()) {
    const target = join(into, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    hasher.begin(file);
    await pipeline(
      async function* () {
        for await (const chunk of file.content()) {
          hasher.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(target, { flags: 'wx' }),
    );
    if (file.executable) await chmod(target, 0o755);
  }
  const digest = hasher.digest();
  return { hex: digest.hex, files: digest.files };
}
