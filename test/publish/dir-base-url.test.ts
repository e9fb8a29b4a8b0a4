import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import { tempDirs } from '../helpers/temp.js';
import { expectPublishError, folderState, publishCli, publishJson, writePack } from './publish-fixtures.js';

/** A registry keeps the kind of URLs it started with: a forgotten flag cannot mix them. */
const temp = tempDirs();
afterAll(() => temp.cleanup());

function setup() {
  const root = temp.make('packreg-base-url-');
  const pack = writePack(join(root, 'pack'), { ref: 'alpha', version: '1.0.0' });
  return { root, pack, registry: join(root, 'reg') };
}

describe('base URL consistency', () => {
  it('refuses to publish an https registry without --base-url, naming the URL to pass, and writes nothing', async () => {
    const { root, pack, registry } = setup();
    await publishJson(pack, registry, ['--base-url', 'https://packs.example.com/reg']);
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    const before = folderState(root);
    expectPublishError(await publishCli(pack, registry), ExitCode.Usage, '--base-url is missing', 'https://packs.example.com/reg/');
    expect(folderState(root)).toEqual(before);
  });

  it('refuses https entries in a local (file://) registry, saying it is local', async () => {
    const { root, pack, registry } = setup();
    await publishJson(pack, registry);
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    const before = folderState(root);
    expectPublishError(await publishCli(pack, registry, ['--base-url', 'https://packs.example.com/reg']), ExitCode.Usage, 'local development registry', 'file://');
    expect(folderState(root)).toEqual(before);
  });

  it('accepts the same base URL with or without its final slash', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry, ['--base-url', 'https://packs.example.com/reg']);
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    const result = await publishJson(pack, registry, ['--base-url', 'https://packs.example.com/reg/']);
    expect(result.archiveUrl).toBe('https://packs.example.com/reg/packs/alpha/1.1.0/alpha-1.1.0.tar.gz');
  });

  it('moves to a new https base URL when asked, with a warning', async () => {
    const { pack, registry } = setup();
    await publishJson(pack, registry, ['--base-url', 'https://old.example.com/reg']);
    writePack(pack, { ref: 'alpha', version: '1.1.0' });
    const run = await publishCli(pack, registry, ['--base-url', 'https://new.example.com/reg']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: the registry's URL changes from https:\/\/old\.example\.com\/reg\/ to https:\/\/new\.example\.com\/reg\//);
  });
});
