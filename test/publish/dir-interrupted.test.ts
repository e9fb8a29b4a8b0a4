import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDeps } from '../../src/core/deps.js';
import type { RegistryIndex } from '../../src/core/index/model.js';
import { silentLogger } from '../../src/core/logger.js';
import { publish } from '../../src/core/publish/publish.js';
import { DirectoryStore } from '../../src/core/store/dir-store.js';
import type { ObjectStore, PutBody, PutOptions } from '../../src/core/store/object-store.js';
import type { RegistryLocation } from '../../src/core/store/registry-location.js';
import { tempDirs } from '../helpers/temp.js';
import { folderState, publishJson, readJsonFile, registryKeys, writePack } from './publish-fixtures.js';

/**
 * A publisher that dies part way (a killed job, a lost runner) leaves only immutable
 * objects behind, never an index pointing at a missing archive; the next run completes it.
 */
const temp = tempDirs();
afterAll(() => temp.cleanup());

const KEYS = registryKeys('alpha', '1.0.0');

/** The real folder store, except that writes of the keys `dies` accepts throw, as a crash would. */
class DyingStore implements ObjectStore {
  private readonly inner: DirectoryStore;
  readonly location: string;

  constructor(
    path: string,
    private readonly dies: (key: string) => boolean,
  ) {
    this.inner = new DirectoryStore(path);
    this.location = this.inner.location;
  }

  check = () => this.inner.check();
  get = (key: string) => this.inner.get(key);
  head = (key: string) => this.inner.head(key);
  list = (prefix: string) => this.inner.list(prefix);

  create(key: string, body: PutBody, options: PutOptions) {
    this.die(key);
    return this.inner.create(key, body, options);
  }

  replace(key: string, bytes: Buffer, tag: string | undefined, options: PutOptions) {
    this.die(key);
    return this.inner.replace(key, bytes, tag, options);
  }

  private die(key: string): void {
    if (this.dies(key)) throw new Error(`simulated crash writing ${key}`);
  }
}

/** Run the core publish of `pack` to `registry` through a store that dies writing `dies` keys. */
function publishDying(pack: string, registry: string, dies: (key: string) => boolean) {
  const settings = { packDir: pack, registry, format: 'tar.gz' as const, noGit: true, connection: {}, skipExisting: false, dryRun: false, now: new Date(), cwd: '/' };
  const openStore = async (location: RegistryLocation) => new DyingStore(location.kind === 'directory' ? location.path : '', dies);
  return publish(settings, { ...defaultDeps(silentLogger), openStore });
}

function setup() {
  const root = temp.make('packreg-dir-interrupted-');
  return { pack: writePack(join(root, 'pack'), { ref: 'alpha', version: '1.0.0' }), registry: join(root, 'reg') };
}

const indexed = (registry: string) => readJsonFile<RegistryIndex>(join(registry, KEYS.index)).packs.map((p) => `${p.ref}@${p.version}`);

describe('a publisher that dies between the archive upload and the index write', () => {
  const indexWrites = (key: string) => key.endsWith('index.json');

  it('leaves the archive and the entry, but no index file', async () => {
    const { pack, registry } = setup();
    await expect(publishDying(pack, registry, indexWrites)).rejects.toThrow('simulated crash writing');
    expect(Object.keys(folderState(registry)!).sort()).toEqual([KEYS.archive, KEYS.entry].sort());
    expect(existsSync(join(registry, KEYS.index))).toBe(false);
  });

  it('is completed by a normal re-run: exit 0, the objects kept as they are, the index lists the pack', async () => {
    const { pack, registry } = setup();
    await expect(publishDying(pack, registry, indexWrites)).rejects.toThrow();
    const left = folderState(registry)!;
    const result = await publishJson(pack, registry);
    expect(result).toMatchObject({ archive: 'unchanged', entry: 'unchanged', alreadyPublished: true, index: { changed: true, packs: 1 } });
    expect(indexed(registry)).toEqual(['alpha@1.0.0']);
    expect(readJsonFile<{ versions: unknown[] }>(join(registry, KEYS.history)).versions).toHaveLength(1);
    const now = folderState(registry)!;
    for (const key of [KEYS.archive, KEYS.entry]) expect(now[key]).toEqual(left[key]);
  });

  it('that wrote the history but not index.json is completed too', async () => {
    const { pack, registry } = setup();
    await expect(publishDying(pack, registry, (key) => key === KEYS.index)).rejects.toThrow();
    expect(folderState(registry)).toHaveProperty([KEYS.history]);
    const result = await publishJson(pack, registry);
    expect(result).toMatchObject({ entry: 'unchanged', index: { changed: true } });
    expect(indexed(registry)).toEqual(['alpha@1.0.0']);
  });
});

describe('a publisher that dies between the archive upload and the entry write', () => {
  it('leaves only the archive; a re-run keeps it and writes the entry and index', async () => {
    const { pack, registry } = setup();
    await expect(publishDying(pack, registry, (key) => key === KEYS.entry)).rejects.toThrow();
    const left = folderState(registry)!;
    expect(Object.keys(left)).toEqual([KEYS.archive]);
    const result = await publishJson(pack, registry);
    expect(result).toMatchObject({ archive: 'unchanged', entry: 'uploaded', alreadyPublished: false });
    expect(folderState(registry)![KEYS.archive]).toEqual(left[KEYS.archive]);
    expect(indexed(registry)).toEqual(['alpha@1.0.0']);
  });
});
