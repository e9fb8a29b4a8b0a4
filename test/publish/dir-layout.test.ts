import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExitCode } from '../../src/core/errors.js';
import type { PackHistory } from '../../src/core/index/history.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { checksumOf, runPackreg } from '../helpers/cli.js';
import { tempDirs } from '../helpers/temp.js';
import { schemaErrors } from '../index/index-fixtures.js';
import { folderState, publishJson, readJsonFile, registryKeys, sha256Hex, writePack } from './publish-fixtures.js';

/**
 * What one publish leaves in a folder registry: the four objects at the documented keys,
 * an index and history naming the archive by a URL that reaches it, and a report saying so.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const KEYS = registryKeys('alpha', '1.0.0');

/** A fresh pack alpha@1.0.0 and a registry path inside a new temp folder (not created yet). */
function setup(): { root: string; pack: string; registry: string } {
  const root = temp.make('packreg-dir-layout-');
  return { root, pack: writePack(join(root, 'pack'), { ref: 'alpha', version: '1.0.0' }), registry: join(root, 'reg') };
}

const archiveSource = (entry: IndexEntry) => entry.install_sources.find((s) => s.type === 'archive')!;

describe('a folder registry without --base-url (local development registry)', () => {
  it('holds exactly the four documented objects, no work files left behind', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry);
    expect(Object.keys(folderState(registry)!).sort()).toEqual([KEYS.index, KEYS.history, KEYS.entry, KEYS.archive].sort());
  });

  it('lists the pack once in both index files, with a file:// archive URL that reaches the archive and its sha256', async () => {
    const { pack, registry } = setup();
    const result = await publishJson(pack, registry);
    const index = readJsonFile<RegistryIndex>(join(registry, KEYS.index));
    const history = readJsonFile<PackHistory>(join(registry, KEYS.history));
    expect(index.registry_url).toBe(`${pathToFileURL(registry).href}/`);
    expect(index.packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['alpha@1.0.0']);
    expect(history.ref).toBe('alpha');
    expect(history.versions).toEqual(index.packs);
    const source = archiveSource(index.packs[0]);
    expect(source.url).toBe(pathToFileURL(join(registry, KEYS.archive)).href);
    const archivePath = fileURLToPath(source.url);
    expect(existsSync(archivePath)).toBe(true);
    expect(source.checksum).toBe(`sha256:${sha256Hex(readFileSync(archivePath))}`);
    // The entry object is the source of truth the index entry was copied from.
    expect(readJsonFile(join(registry, KEYS.entry))).toEqual(index.packs[0]);
    // meta.tree_checksum is the framed checksum of the pack's files, as `packreg checksum` computes it.
    expect(index.packs[0].meta?.tree_checksum).toBe(result.treeChecksum);
    expect(result.treeChecksum).toBe(await checksumOf([pack]));
  });

  it('validates as a local development registry', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry);
    const run = await runPackreg(['index-validate', join(registry, KEYS.index)]);
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(run.stdout).toMatch(/^valid: .*\(1 packs, .*local development registry/);
  });

  it('reports every object and URL with --json', async () => {
    const { pack, registry } = setup();
    const result = await publishJson(pack, registry);
    const archive = readFileSync(join(registry, KEYS.archive));
    expect(result).toMatchObject({
      ref: 'alpha',
      version: '1.0.0',
      local: true,
      dryRun: false,
      archiveUrl: pathToFileURL(join(registry, KEYS.archive)).href,
      checksum: `sha256:${sha256Hex(archive)}`,
      treeChecksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      indexUrl: pathToFileURL(join(registry, KEYS.index)).href,
      alreadyPublished: false,
      archive: 'uploaded',
      entry: 'uploaded',
      index: { changed: true, packs: 1, unbacked: [] },
    });
  });

  it('accepts the registry as a file:/// URL', async () => {
    const { pack, registry } = setup();
    const result = await publishJson(pack, pathToFileURL(registry).href);
    expect(result.archiveUrl).toBe(pathToFileURL(join(registry, KEYS.archive)).href);
    expect(Object.keys(folderState(registry)!)).toHaveLength(4);
  });

  it('resolves a relative registry path (and pack path) against the working directory', async () => {
    const { root, registry } = setup();
    const result = await publishJson('pack', './reg', [], { cwd: root });
    expect(result.indexUrl).toBe(pathToFileURL(join(registry, KEYS.index)).href);
    expect(Object.keys(folderState(registry)!)).toHaveLength(4);
  });
});

describe('a folder registry with an https --base-url', () => {
  const BASE = 'https://packs.example.com/reg';

  it('records https URLs built from the base URL and the key, and validates against the Attune schema', async () => {
    const { pack, registry } = setup();
    const result = await publishJson(pack, registry, ['--base-url', BASE]);
    expect(result).toMatchObject({ local: false, archiveUrl: `${BASE}/${KEYS.archive}`, indexUrl: `${BASE}/index.json` });
    const index = readJsonFile<RegistryIndex>(join(registry, KEYS.index));
    expect(index.registry_url).toBe(`${BASE}/`);
    expect(archiveSource(index.packs[0])).toEqual({ type: 'archive', url: `${BASE}/${KEYS.archive}`, checksum: result.checksum });
    expect(schemaErrors(index)).toEqual([]);
    const run = await runPackreg(['index-validate', join(registry, KEYS.index)]);
    expect(run).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    expect(run.stdout).toMatch(/^valid: /);
    expect(run.stdout).not.toContain('local');
  });
});
