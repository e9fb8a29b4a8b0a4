import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logger.js';
import { validatePack } from '../../src/core/pack/index.js';
import { ATTUNE_PACK, writePack } from './pack-fixture.js';

describe('validatePack and entries a pack may not contain', () => {
  const packs: { remove(): void }[] = [];
  afterAll(() => packs.forEach((p) => p.remove()));

  const pack = () => {
    const p = writePack(ATTUNE_PACK);
    packs.push(p);
    return p.dir;
  };

  it('reports a symlink, a hard link and a FIFO as errors, each naming its path', async () => {
    const dir = pack();
    symlinkSync('pack.yaml', join(dir, 'alias.yaml'));
    writeFileSync(join(dir, 'data.txt'), 'x');
    linkSync(join(dir, 'data.txt'), join(dir, 'actions', 'data-link.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const v = await validatePack(dir, silentLogger);
    expect(v.valid).toBe(false);
    const found = v.errors.map((e) => [e.file, e.message]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['alias.yaml', expect.stringContaining('symbolic link')],
        ['data.txt', expect.stringContaining('hard link')],
        ['actions/data-link.txt', expect.stringContaining('hard link')],
        ['pipe', expect.stringContaining('FIFO')],
      ]),
    );
  });

  it('does not look inside what .packignore leaves out, nor inside .git', async () => {
    const dir = pack();
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    symlinkSync('../tool/cli.js', join(dir, 'node_modules', '.bin', 'tool'));
    mkdirSync(join(dir, '.git'));
    symlinkSync('x', join(dir, '.git', 'HEAD-link'));
    writeFileSync(join(dir, '.packignore'), 'node_modules/\n');
    const v = await validatePack(dir, silentLogger);
    expect(v.errors).toEqual([]);
    expect(v.valid).toBe(true);
  });
});
