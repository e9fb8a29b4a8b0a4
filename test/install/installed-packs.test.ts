import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../../src/core/errors.js';
import { installedVersion, readInstallMetadata } from '../../src/core/install/installed-packs.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import { rejection } from '../helpers/failure.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const METADATA = {
  pack_ref: 'core',
  version: '1.4.0',
  installed_at: '2024-01-20T12:00:00Z',
  installed_from: { type: 'git', url: 'https://github.com/example/core.git', ref: 'v1.4.0' },
  checksum: 'sha256:abc123',
  registry: 'Official Attune Registry',
};

function packsDir(spec: Parameters<typeof writeTree>[1]): string {
  return writeTree(temp.make('packs-'), spec);
}

describe('installedVersion', () => {
  it('prefers metadata.json over pack.yaml', async () => {
    const dir = packsDir({ 'core/metadata.json': JSON.stringify(METADATA), 'core/pack.yaml': 'ref: core\nversion: 1.0.0\n' });
    expect(await installedVersion(dir, 'core')).toBe('1.4.0');
  });

  it('reads pack.yaml without metadata.json, and pack.yml as a fallback', async () => {
    const dir = packsDir({ 'core/pack.yaml': 'ref: core\nversion: "2.0.1"\n', 'old/pack.yml': 'ref: old\nversion: 0.3.0\n' });
    expect(await installedVersion(dir, 'core')).toBe('2.0.1');
    expect(await installedVersion(dir, 'old')).toBe('0.3.0');
  });

  it('does not validate the rest of the manifest', async () => {
    const dir = packsDir({ 'core/pack.yaml': 'version: 1.2.0\nlabel: [not, a, string]\nunknown_key: true\n' });
    expect(await installedVersion(dir, 'core')).toBe('1.2.0');
  });

  it('is undefined when the pack is absent', async () => {
    const dir = packsDir({ 'other/pack.yaml': 'version: 1.0.0\n', 'notes.txt': 'a file, not a pack\n', 'empty/README.md': 'no manifest\n' });
    expect(await installedVersion(dir, 'core')).toBeUndefined();
    expect(await installedVersion(dir, 'notes.txt')).toBeUndefined();
    expect(await installedVersion(dir, 'empty')).toBeUndefined();
    expect(await installedVersion(join(dir, 'missing-packs-dir'), 'core')).toBeUndefined();
  });

  it.each(['..', '.', '', 'a/b', '../etc', 'a\\b', '.hidden', '-rf', 'a\0b', '/abs'])('rejects the unsafe ref %j with a UsageError', async (ref) => {
    const dir = packsDir({ 'pack.yaml': 'version: 9.9.9\n' });
    const error = await rejection(installedVersion(join(dir, 'packs'), ref));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(`pack ref ${JSON.stringify(ref)} cannot name a directory in the packs directory`);
  });

  it('refuses metadata.json written for another pack', async () => {
    const dir = packsDir({ 'core/metadata.json': JSON.stringify({ ...METADATA, pack_ref: 'other' }) });
    const error = await rejection(installedVersion(dir, 'core'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`installation metadata ${join(dir, 'core', 'metadata.json')} is for pack "other", not "core"; reinstall the pack or rename its directory`);
  });

  it('names a pack.yaml that is not YAML or has no version string', async () => {
    const dir = packsDir({ 'bad/pack.yaml': 'version: [1.0\n', 'nover/pack.yaml': 'ref: nover\n', 'num/pack.yaml': 'version: 1.0\n' });
    const bad = await rejection(installedVersion(dir, 'bad'));
    expect(bad).toBeInstanceOf(InputError);
    expect(bad.message).toMatch(new RegExp(`^installed pack manifest ${join(dir, 'bad', 'pack.yaml')} is not valid YAML \\(.+ at line 2, column 1\\); fix it or reinstall pack bad$`));
    for (const ref of ['nover', 'num']) {
      const error = await rejection(installedVersion(dir, ref));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(`installed pack manifest ${join(dir, ref, 'pack.yaml')} has no version string (expected e.g. version: "1.0.0"); fix it or reinstall pack ${ref}`);
    }
  });

  it('leaves the packs directory as it was', async () => {
    const dir = packsDir({ 'core/metadata.json': '{oops', 'core/pack.yaml': 'version: 1.0.0\n' });
    await rejection(installedVersion(dir, 'core'));
    expect(readdirSync(join(dir, 'core')).sort()).toEqual(['metadata.json', 'pack.yaml']);
  });
});

describe('readInstallMetadata', () => {
  it('reads the specification shape', async () => {
    const dir = packsDir({ 'core/metadata.json': JSON.stringify({ ...METADATA, extra: 'ignored' }) });
    expect(await readInstallMetadata(join(dir, 'core'))).toEqual(METADATA);
  });

  it('takes null or absent checksum and registry as null, and installed_from without ref', async () => {
    const rest = { pack_ref: METADATA.pack_ref, version: METADATA.version, installed_at: METADATA.installed_at };
    const dir = packsDir({
      'a/metadata.json': JSON.stringify({ ...rest, installed_from: { type: 'archive', url: 'https://example.com/a.tar.gz' } }),
      'b/metadata.json': JSON.stringify({ ...METADATA, checksum: null, registry: null }),
    });
    expect(await readInstallMetadata(join(dir, 'a'))).toEqual({ ...rest, installed_from: { type: 'archive', url: 'https://example.com/a.tar.gz' }, checksum: null, registry: null });
    expect(await readInstallMetadata(join(dir, 'b'))).toEqual({ ...METADATA, checksum: null, registry: null });
  });

  it('is undefined without metadata.json', async () => {
    const dir = packsDir({ 'core/pack.yaml': 'version: 1.0.0\n' });
    expect(await readInstallMetadata(join(dir, 'core'))).toBeUndefined();
    expect(await readInstallMetadata(join(dir, 'absent'))).toBeUndefined();
  });

  it('names malformed JSON', async () => {
    const dir = packsDir({ 'core/metadata.json': '{"pack_ref": "core",' });
    const file = join(dir, 'core', 'metadata.json');
    const error = await rejection(readInstallMetadata(join(dir, 'core')));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(new RegExp(`^installation metadata ${file} is not valid JSON \\(.+\\); fix it or reinstall the pack$`));
  });

  it.each([
    ['[]', 'the top level must be a JSON object'],
    [JSON.stringify({ ...METADATA, version: 1.4 }), 'version must be a non-empty string'],
    [JSON.stringify({ ...METADATA, pack_ref: '' }), 'pack_ref must be a non-empty string'],
    [JSON.stringify({ ...METADATA, installed_at: undefined }), 'installed_at must be a non-empty string'],
    [JSON.stringify({ ...METADATA, installed_from: 'git' }), 'installed_from must be an object with type and url'],
    [JSON.stringify({ ...METADATA, installed_from: { type: 'git' } }), 'installed_from.url must be a non-empty string'],
    [JSON.stringify({ ...METADATA, installed_from: { type: 'git', url: 'u', ref: 3 } }), 'installed_from.ref must be a non-empty string'],
    [JSON.stringify({ ...METADATA, checksum: 5 }), 'checksum must be a string or null'],
    [JSON.stringify({ ...METADATA, registry: {} }), 'registry must be a string or null'],
  ])('names the field of %s that is wrong', async (text, reason) => {
    const dir = packsDir({ 'core/metadata.json': text });
    const error = await rejection(readInstallMetadata(join(dir, 'core')));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`installation metadata ${join(dir, 'core', 'metadata.json')}: ${reason}; fix it or reinstall the pack`);
  });

  it('reports a metadata.json that is a directory as an InputError', async () => {
    const dir = packsDir({ 'core/metadata.json/inner.txt': 'x\n' });
    const error = await rejection(readInstallMetadata(join(dir, 'core')));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(join(dir, 'core', 'metadata.json'));
  });
});
