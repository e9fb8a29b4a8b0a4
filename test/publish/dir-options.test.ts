import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { runPackreg } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import { folderState, packYaml, publishJson, readJsonFile, registryKeys, sha256Hex, writePack } from './publish-fixtures.js';

/** The options that shape what publish writes: format, registry name, meta, exclusions, a git source. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

function setup() {
  const root = temp.make('packreg-dir-options-');
  return { root, pack: writePack(join(root, 'pack'), { ref: 'alpha', version: '1.0.0' }), registry: join(root, 'reg') };
}

const onlyPack = (registry: string): IndexEntry => readJsonFile<RegistryIndex>(join(registry, 'index.json')).packs[0];

describe('--format zip', () => {
  it('stores a .zip archive under the version, and the index points at it', async () => {
    const { pack, registry } = setup();
    const keys = registryKeys('alpha', '1.0.0', 'zip');
    const result = await publishJson(pack, registry, ['--format', 'zip']);
    expect(Object.keys(folderState(registry)!).sort()).toEqual([keys.index, keys.history, keys.entry, keys.archive].sort());
    const archive = readFileSync(join(registry, keys.archive));
    expect(archive.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(result.archiveUrl.endsWith(keys.archive)).toBe(true);
    expect(onlyPack(registry).install_sources).toEqual([{ type: 'archive', url: result.archiveUrl, checksum: `sha256:${sha256Hex(archive)}` }]);
  });
});

describe('--registry-name', () => {
  it('names a new index, and renames an existing one', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry, ['--registry-name', 'Team Packs']);
    expect(readJsonFile<RegistryIndex>(join(registry, 'index.json')).registry_name).toBe('Team Packs');
    await publishJson(pack, registry, ['--registry-name', 'Renamed Packs']);
    expect(readJsonFile<RegistryIndex>(join(registry, 'index.json')).registry_name).toBe('Renamed Packs');
  });

  it('defaults to the base URL host and path, then keeps the existing name', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry, ['--base-url', 'https://packs.example.com/reg/']);
    expect(readJsonFile<RegistryIndex>(join(registry, 'index.json')).registry_name).toBe('packs.example.com/reg');
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    await publishJson(pack, registry, ['--base-url', 'https://packs.example.com/reg/', '--registry-name', 'Kept']);
    writePack(pack, { ref: 'alpha', version: '1.2.0' });
    await publishJson(pack, registry, ['--base-url', 'https://packs.example.com/reg/']);
    expect(readJsonFile<RegistryIndex>(join(registry, 'index.json')).registry_name).toBe('Kept');
  });
});

describe('--meta and --exclude', () => {
  it('add meta fields beside tree_checksum, and leave excluded files out of the archived tree', async () => {
    const { pack, registry } = setup();
    const plain = await publishJson(pack, join(temp.make('packreg-dir-scratch-'), 'reg'));
    writeTree(pack, { 'notes/draft.md': 'not for release\n' });
    const result = await publishJson(pack, registry, ['--meta', 'channel=beta', '--exclude', 'notes/']);
    expect(result.treeChecksum).toBe(plain.treeChecksum);
    expect(onlyPack(registry).meta).toMatchObject({ channel: 'beta', tree_checksum: plain.treeChecksum });
  });
});

describe('--git-url with --git-ref', () => {
  it('archives that commit (not the files on disk) and records a git source pinned to it', async () => {
    const repo = createRepo(temp);
    const sha = repo.commit({ 'pack.yaml': packYaml('alpha', '1.0.0'), 'actions/greet.yaml': 'ref: alpha.greet\ndescription: Says hello\n' });
    writeTree(repo.dir, { 'uncommitted.txt': 'left out\n' });
    const registry = join(temp.make('packreg-dir-options-'), 'reg');
    const run = await runPackreg(['publish', repo.dir, '--registry', registry, '--git-url', 'https://github.com/example/alpha.git', '--git-ref', sha, '--json']);
    expect(run.code).toBe(0);
    const entry = onlyPack(registry);
    const git = entry.install_sources.find((s) => s.type === 'git');
    expect(git).toMatchObject({ url: 'https://github.com/example/alpha.git', ref: sha });
    // The git source's tree is the archived tree: the commit's, without the uncommitted file.
    expect(git?.checksum).toBe(entry.meta?.tree_checksum);
    expect(entry.meta?.tree_checksum).toBe((await runPackreg(['checksum', repo.dir, '--git-ref', sha])).stdout.trim());
    const onDisk = await publishJson(repo.dir, join(temp.make('packreg-dir-scratch-'), 'reg'));
    expect(onDisk.treeChecksum).not.toBe(entry.meta?.tree_checksum);
  });
});
