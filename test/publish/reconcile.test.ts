import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import { canonicalEntry, stringifyCanonical } from '../../src/core/index/canonical-json.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { silentLogger } from '../../src/core/logger.js';
import { reconcileIndex } from '../../src/core/publish/reconcile.js';
import { RegistryObjects } from '../../src/core/publish/registry-objects.js';
import { DirectoryStore } from '../../src/core/store/dir-store.js';
import type { ObjectStore } from '../../src/core/store/object-store.js';
import { realEntry } from '../index/index-fixtures.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A real entry of the standard index, as `ref@version`. */
function entry(ref: string, version: string): IndexEntry {
  return { ...realEntry(), ref, version };
}

/** A registry folder holding these entry objects and nothing else. */
function registry(entries: IndexEntry[]): string {
  const root = temp.make('packreg-reconcile-');
  for (const e of entries) {
    const dir = join(root, 'packs', e.ref, e.version);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'entry.json'), stringifyCanonical(canonicalEntry(e)));
  }
  return root;
}

const settings = { registryUrl: 'https://packs.example.com/', defaultName: 'packs.example.com', now: new Date('2026-11-21T10:00:00Z') };
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('reconcileIndex', () => {
  it('writes the index and every history from the entry objects, then confirms in a round that writes nothing', async () => {
    const root = registry([entry('beta', '1.0.0'), entry('alpha', '1.0.0'), entry('alpha', '2.0.0'), entry('alpha', '1.5.0')]);
    const result = await reconcileIndex(new RegistryObjects(new DirectoryStore(root), 'https'), { ...settings, refs: ['alpha'] }, silentLogger);
    expect(result).toEqual({ changed: true, rounds: 2, packs: 2, unbacked: [] });
    const index = readJson<RegistryIndex>(join(root, 'index.json'));
    expect(index.packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['alpha@2.0.0', 'beta@1.0.0']);
    expect(index).toMatchObject({ registry_name: 'packs.example.com', registry_url: 'https://packs.example.com/', last_updated: '2026-11-21T10:00:00Z' });
    expect(readJson<{ versions: IndexEntry[] }>(join(root, 'packs/alpha/index.json')).versions.map((v) => v.version)).toEqual(['2.0.0', '1.5.0', '1.0.0']);
    // beta is not this publisher's ref, but it had no history: a publisher that died before writing it is repaired.
    expect(readJson<{ versions: IndexEntry[] }>(join(root, 'packs/beta/index.json')).versions.map((v) => v.version)).toEqual(['1.0.0']);
  });

  it('adds a version missing from an existing history, and leaves last_updated alone when index.json does not change', async () => {
    const root = registry([entry('alpha', '2.0.0'), entry('alpha', '1.0.0')]);
    const objects = () => new RegistryObjects(new DirectoryStore(root), 'https');
    await reconcileIndex(objects(), { ...settings, refs: ['alpha'] }, silentLogger);
    mkdirSync(join(root, 'packs/alpha/1.1.0'));
    writeFileSync(join(root, 'packs/alpha/1.1.0/entry.json'), stringifyCanonical(canonicalEntry(entry('alpha', '1.1.0'))));
    const before = readFileSync(join(root, 'index.json'));
    const result = await reconcileIndex(objects(), { ...settings, now: new Date('2027-01-01T00:00:00Z'), refs: ['alpha'] }, silentLogger);
    expect(result.changed).toBe(true);
    expect(readFileSync(join(root, 'index.json'))).toEqual(before);
    expect(readJson<{ versions: IndexEntry[] }>(join(root, 'packs/alpha/index.json')).versions.map((v) => v.version)).toEqual(['2.0.0', '1.1.0', '1.0.0']);
  });

  it('keeps index entries that have no entry object behind them, and reports them', async () => {
    const root = registry([entry('beta', '1.0.0')]);
    const imported = { registry_name: 'Imported', registry_url: 'https://packs.example.com/', version: '1.0', last_updated: '2026-01-01T00:00:00Z', packs: [entry('alpha', '3.0.0')] };
    writeFileSync(join(root, 'index.json'), JSON.stringify(imported, null, 2));
    const result = await reconcileIndex(new RegistryObjects(new DirectoryStore(root), 'https'), { ...settings, refs: ['beta'] }, silentLogger);
    expect(result.unbacked).toEqual(['alpha@3.0.0']);
    const index = readJson<RegistryIndex>(join(root, 'index.json'));
    expect(index.registry_name).toBe('Imported');
    expect(index.packs.map((p) => `${p.ref}@${p.version}`)).toEqual(['alpha@3.0.0', 'beta@1.0.0']);
  });

  it('retries after a refused compare-and-swap, with backoff', async () => {
    const root = registry([entry('alpha', '1.0.0')]);
    const store = new DirectoryStore(root);
    let refusals = 2;
    const flaky: ObjectStore = Object.assign(Object.create(store) as ObjectStore, {
      replace: (key: string, bytes: Buffer, tag: string | undefined, options: Parameters<ObjectStore['replace']>[3]) => (refusals-- > 0 ? Promise.resolve(false) : store.replace(key, bytes, tag, options)),
    });
    const result = await reconcileIndex(new RegistryObjects(flaky, 'https'), { ...settings, refs: ['alpha'] }, silentLogger);
    expect(result.rounds).toBeGreaterThanOrEqual(3);
    expect(readJson<RegistryIndex>(join(root, 'index.json')).packs).toHaveLength(1);
  });

  it('gives up after its rounds when writes never stick, saying a re-run completes it (exit 4)', async () => {
    const root = registry([entry('alpha', '1.0.0')]);
    const store = new DirectoryStore(root);
    // A store that acknowledges writes and loses them: what a lost update looks like, forever.
    const lossy: ObjectStore = Object.assign(Object.create(store) as ObjectStore, { replace: () => Promise.resolve(true) });
    const error = await reconcileIndex(new RegistryObjects(lossy, 'https'), { ...settings, refs: ['alpha'], maxRounds: 3 }, silentLogger).catch((e: unknown) => e as { exitCode: number; message: string });
    expect(error).toMatchObject({ exitCode: ExitCode.Remote, message: expect.stringMatching(/did not settle after 3 rounds.*running the publish again completes the index/) });
  });

  it('refuses an entry object whose content names another version, writing nothing', async () => {
    const root = registry([entry('alpha', '1.0.0')]);
    writeFileSync(join(root, 'packs/alpha/1.0.0/entry.json'), stringifyCanonical(canonicalEntry(entry('alpha', '9.9.9'))));
    const error = await reconcileIndex(new RegistryObjects(new DirectoryStore(root), 'https'), { ...settings, refs: ['alpha'] }, silentLogger).catch((e: unknown) => e as { exitCode: number; message: string });
    expect(error).toMatchObject({ exitCode: ExitCode.Input, message: expect.stringContaining('packs/alpha/1.0.0/entry.json is not a valid entry') });
    expect(() => readFileSync(join(root, 'index.json'))).toThrow();
  });
});
