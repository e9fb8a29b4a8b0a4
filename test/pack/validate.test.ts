import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { validatePack } from '../../src/core/pack/index.js';
import { ATTUNE_PACK, STACKSTORM_PACK, writePack } from './pack-fixture.js';

describe('validatePack', () => {
  const withoutTests = Object.fromEntries(Object.entries(ATTUNE_PACK).filter(([path]) => !path.startsWith('tests/')));
  const packs = {
    attune: writePack(ATTUNE_PACK),
    stackstorm: writePack(STACKSTORM_PACK),
    missingTests: writePack(withoutTests),
    testDir: writePack({
      'pack.yaml': `ref: dirs\nversion: 1.0.0\nlabel: Dirs\ndescription: Tests as a directory\nauthor: A\nlicense: MIT\ntesting:
  runners:
    py: {type: pytest, entry_point: tests, timeout: 30}
    sh: {type: script, entry_point: ./scripts, timeout: 30}
    out: {type: script, entry_point: ../outside.sh, timeout: 30}
`,
      'tests/test_a.py': 'def test_a(): pass\n',
      'scripts/run.sh': 'true\n',
    }),
    broken: writePack({
      'pack.yaml': 'ref: Broken\nversion: 1.0\nlabel: Broken\ndescription: Broken pack\n',
      'actions/bad.yaml': 'name: [unclosed\n',
    }),
  };
  afterAll(() => Object.values(packs).forEach((p) => p.remove()));

  it('accepts a complete Attune pack and returns its manifest and contents', async () => {
    const logger = new MemoryLogger();
    const v = await validatePack(packs.attune.dir, logger);
    expect(v).toMatchObject({ packDir: packs.attune.dir, file: join(packs.attune.dir, 'pack.yaml'), valid: true, errors: [], warnings: [] });
    expect(v.manifest?.ref).toBe('demo_pack');
    expect(v.contents?.workflows.map((e) => e.name)).toEqual(['deploy', 'nightly']);
    expect(logger.at('info')).toEqual(['pack demo_pack 1.2.0: valid (0 error(s), 0 warning(s))']);
  });

  it('accepts a StackStorm-style pack with warnings only', async () => {
    const logger = new MemoryLogger();
    const v = await validatePack(packs.stackstorm.dir, logger);
    expect(v.valid).toBe(true);
    expect(v.errors).toEqual([]);
    expect(v.warnings.map((w) => w.path).sort()).toEqual(['label', 'license', 'python_versions', 'ref', 'stackstorm_version']);
    expect(v.contents?.actions).toEqual([{ name: 'post', description: 'Post a message' }]);
    expect(logger.at('warning')).toHaveLength(5);
    expect(logger.at('warning')[0]).toMatch(new RegExp(`^${join(packs.stackstorm.dir, 'pack.yaml')}:\\d+:\\d+ `));
  });

  it('reports test entry points that are missing, at their line', async () => {
    const v = await validatePack(packs.missingTests.dir, new MemoryLogger());
    expect(v.valid).toBe(false);
    expect(v.errors).toEqual([
      expect.objectContaining({
        file: 'pack.yaml',
        path: 'testing.runners.python.entry_point',
        line: 17,
        message: '"tests/test_pack.py" does not exist in the pack',
      }),
      expect.objectContaining({ path: 'testing.runners.shell.entry_point', line: 20 }),
    ]);
  });

  it('accepts a test directory for pytest but not for a script, and refuses paths outside the pack', async () => {
    const v = await validatePack(packs.testDir.dir, new MemoryLogger());
    expect(v.errors.map((e) => [e.path, e.message])).toEqual([
      ['testing.runners.sh.entry_point', '"./scripts" does not exist in the pack'],
      ['testing.runners.out.entry_point', '"../outside.sh" is outside the pack'],
    ]);
  });

  it('reports manifest and component errors together without throwing', async () => {
    const logger = new MemoryLogger();
    const v = await validatePack(packs.broken.dir, logger);
    expect(v.valid).toBe(false);
    expect(v.manifest).toBeUndefined();
    expect(v.contents).toBeUndefined();
    expect(v.errors.map((e) => [e.file, e.path])).toEqual([
      ['pack.yaml', 'ref'],
      ['pack.yaml', 'version'],
      ['actions/bad.yaml', ''],
    ]);
    expect(logger.at('error')[2]).toMatch(new RegExp(`^${join(packs.broken.dir, 'actions/bad.yaml')}:2:1: YAML syntax error`));
    expect(logger.at('info')[0]).toBe(`pack ${packs.broken.dir}: invalid (3 error(s), 2 warning(s))`);
  });

  it('throws an InputError for a missing directory or a file', async () => {
    await expect(validatePack(join(packs.attune.dir, 'missing'), new MemoryLogger())).rejects.toBeInstanceOf(InputError);
    await expect(validatePack(join(packs.attune.dir, 'pack.yaml'), new MemoryLogger())).rejects.toThrow(/is a file, not a directory/);
  });
});
