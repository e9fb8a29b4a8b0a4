import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { loadManifest } from '../../src/core/pack/index.js';
import { STACKSTORM_PACK, writePack } from './pack-fixture.js';

describe('loadManifest', () => {
  const packs = {
    yaml: writePack(STACKSTORM_PACK),
    yml: writePack({ 'pack.yml': 'ref: short\nversion: 1.0.0\nlabel: Short\ndescription: Uses .yml\nauthor: A\nlicense: MIT\n' }),
    both: writePack({ 'pack.yaml': 'ref: wins\n', 'pack.yml': 'ref: loses\n' }),
    empty: writePack({ 'README.md': '# not a pack\n' }),
    dirManifest: writePack({ 'pack.yaml/inner.txt': 'a directory named pack.yaml\n' }),
  };
  afterAll(() => Object.values(packs).forEach((p) => p.remove()));

  it('reads pack.yaml and says which file it read', async () => {
    const r = await loadManifest(packs.yaml.dir);
    expect(r.file).toBe(join(packs.yaml.dir, 'pack.yaml'));
    expect(r.errors).toEqual([]);
    expect(r.manifest?.ref).toBe('legacy_pack');
    expect(r.warnings.every((w) => w.file === 'pack.yaml')).toBe(true);
  });

  it('falls back to pack.yml', async () => {
    const r = await loadManifest(packs.yml.dir);
    expect(r.file).toBe(join(packs.yml.dir, 'pack.yml'));
    expect(r.manifest?.ref).toBe('short');
  });

  it('prefers pack.yaml over pack.yml', async () => {
    const r = await loadManifest(packs.both.dir);
    expect(r.file).toBe(join(packs.both.dir, 'pack.yaml'));
    expect(r.errors.every((e) => e.file === 'pack.yaml')).toBe(true);
  });

  it('throws an InputError when there is no pack.yaml', async () => {
    const error = await loadManifest(packs.empty.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `pack.yaml not found in ${packs.empty.dir}: a pack directory must contain pack.yaml`,
    );
  });

  it('does not take a directory named pack.yaml for the manifest', async () => {
    await expect(loadManifest(packs.dirManifest.dir)).rejects.toThrow(/pack\.yaml not found/);
  });

  it('throws an InputError when the pack directory is a file', async () => {
    const file = join(packs.yaml.dir, 'pack.yaml');
    const error = await loadManifest(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `pack directory ${file} is a file, not a directory; pass the directory that contains pack.yaml`,
    );
  });

  it('throws an InputError when the pack directory does not exist', async () => {
    const missing = join(packs.yaml.dir, 'nope');
    const error = await loadManifest(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`pack directory ${missing} does not exist; check the path`);
  });
});
