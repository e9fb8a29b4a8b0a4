import { afterAll, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDeps } from '../../src/core/deps.js';
import { silentLogger } from '../../src/core/logger.js';
import { publish } from '../../src/core/publish/publish.js';
import { DirectoryStore } from '../../src/core/store/dir-store.js';
import type { ObjectStore, PutBody, PutOptions } from '../../src/core/store/object-store.js';
import { tempDirs, writeTree } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A folder store that ignores the caller's tag, as s3rver and some S3-compatible stores ignore If-Match. */
class TaglessStore implements ObjectStore {
  constructor(
    private readonly inner: DirectoryStore,
    private readonly beforeReplace: (key: string) => Promise<void> = async () => undefined,
    private readonly crash = false,
  ) {}
  get location() {
    return this.inner.location;
  }
  check() {
    return this.inner.check();
  }
  get(key: string) {
    return this.inner.get(key);
  }
  head(key: string) {
    return this.inner.head(key);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
  create(key: string, body: PutBody, options: PutOptions) {
    return this.inner.create(key, body, options);
  }
  async replace(key: string, bytes: Buffer, _tag: string | undefined, options: PutOptions) {
    if (this.crash) throw new Error('crash before the index files');
    await this.beforeReplace(key);
    return this.inner.replace(key, bytes, (await this.inner.get(key))?.tag, options);
  }
}

const pack = (root: string, ref: string, version: string) =>
  writeTree(join(root, `${ref}-${version}`), { 'pack.yaml': `ref: ${ref}\nlabel: L\ndescription: d\nversion: ${version}\nauthor: a\nlicense: Apache-2.0\n` });

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

test("a publisher's stale write of another ref's history is repaired by that publisher", async () => {
  const root = temp.make();
  const registry = join(root, 'reg');
  const run = (packDir: string, store: (inner: DirectoryStore) => ObjectStore) =>
    publish(
      { packDir, registry, format: 'tar.gz', noGit: true, connection: {}, skipExisting: false, dryRun: false, now: new Date(), cwd: '/' },
      { ...defaultDeps(silentLogger), openStore: async () => store(new DirectoryStore(registry)) },
    );
  // multi@1.0.0 gets its entry, then its publisher dies before writing any history.
  await expect(run(pack(root, 'multi', '1.0.0'), (s) => new TaglessStore(s, undefined, true))).rejects.toThrow();
  // The publisher of alpha repairs multi's missing history, but its write (from [1.0.0]) stalls...
  const reached = signal();
  const release = signal();
  let stalled = false;
  const alpha = run(pack(root, 'alpha', '1.0.0'), (s) =>
    new TaglessStore(s, async (key) => {
      if (key !== 'packs/multi/index.json' || stalled) return;
      stalled = true;
      reached.fire();
      await release.promise;
    }),
  );
  await reached.promise;
  // ...while multi@2.0.0 is published completely; then the stale write lands on top of it.
  await run(pack(root, 'multi', '2.0.0'), (s) => new TaglessStore(s));
  release.fire();
  await alpha;
  const read = (key: string) => JSON.parse(readFileSync(join(registry, key), 'utf8'));
  expect(read('index.json').packs.map((p: { ref: string; version: string }) => `${p.ref}@${p.version}`)).toEqual(['alpha@1.0.0', 'multi@2.0.0']);
  expect(read('packs/multi/index.json').versions.map((e: { version: string }) => e.version)).toEqual(['2.0.0', '1.0.0']);
});
