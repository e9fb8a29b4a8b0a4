import { afterAll, describe, expect, it } from '@jest/globals';
import { COMPONENT_KINDS, compareByteOrder, directoryPackFiles, inventory } from '../../src/core/pack/index.js';
import type { PackFiles } from '../../src/core/pack/index.js';
import { ATTUNE_PACK, writePack } from './pack-fixture.js';

/** PackFiles over an in-memory map, to show inventory needs nothing but the interface. */
function memoryPackFiles(files: Record<string, string>): PackFiles {
  return {
    listFiles: async (dir) =>
      Object.keys(files)
        .filter((p) => (dir === '' ? !p.includes('/') : p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')))
        .map((p) => p.slice(p.lastIndexOf('/') + 1)),
    readText: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
  };
}

describe('inventory of a full Attune pack on disk', () => {
  const pack = writePack(ATTUNE_PACK);
  afterAll(() => pack.remove());

  it('lists every kind the way the index builder does', async () => {
    const { contents, problems } = await inventory(directoryPackFiles(pack.dir), 'demo_pack');
    expect(problems).toEqual([]);
    expect(Object.keys(contents)).toEqual([...COMPONENT_KINDS]);
    expect(contents).toEqual({
      // byte order: "Beta" < "alpha" (localeCompare would say otherwise); .yml is read;
      // deploy (workflow_file) moved to workflows; nothing from actions/workflows/ or actions/nested/
      actions: [
        { name: 'Beta', description: 'Upper-case sorts before lower-case in byte order' },
        { name: 'alpha', description: 'Alpha from its label' },
        { name: 'no_meta', description: '' },
        { name: 'zeta', description: 'Last by name' },
      ],
      sensors: [{ name: 'watcher', description: 'Watches things' }],
      triggers: [{ name: 'tick', description: 'Fires every minute' }],
      // only this pack's prefix is removed
      rules: [
        { name: 'core.echo_rule', description: 'Another pack prefix stays' },
        { name: 'on_tick', description: 'Runs zeta on each tick' },
      ],
      workflows: [
        { name: 'deploy', description: 'Deploys in steps' },
        { name: 'nightly', description: 'Runs every night\n' },
      ],
    });
  });

  it('strips nothing when no pack ref is given', async () => {
    const { contents } = await inventory(directoryPackFiles(pack.dir), '');
    expect(contents.sensors).toEqual([{ name: 'demo_pack.watcher', description: 'Watches things' }]);
  });
});

describe('inventory through the PackFiles interface', () => {
  it('gives all five keys for a pack without components', async () => {
    const { contents, problems } = await inventory(memoryPackFiles({ 'pack.yaml': 'ref: x\n' }), 'x');
    expect(problems).toEqual([]);
    expect(contents).toEqual({ actions: [], sensors: [], triggers: [], rules: [], workflows: [] });
  });

  it('sorts names by code point, also beyond U+FFFF', async () => {
    const files = {
      'triggers/a.yaml': 'name: "\u{1F600}"\n', // UTF-16 sort would put this first
      'triggers/b.yaml': 'name: "\uFB01"\n',
      'triggers/c.yaml': 'name: "z"\n',
    };
    const { contents } = await inventory(memoryPackFiles(files), 'p');
    expect(contents.triggers.map((e) => e.name)).toEqual(['z', '\uFB01', '\u{1F600}']);
  });

  it('reports a component that does not parse, with file and line, and lists the rest', async () => {
    const files = {
      'actions/good.yaml': 'name: good\n',
      'actions/bad.yaml': 'name: bad\ndescription: "unterminated\nrunner_type: shell\n',
      'sensors/broken.yml': 'name: s\n  extra: indent\n',
      'rules/list.yaml': '- not a mapping\n',
    };
    const { contents, problems } = await inventory(memoryPackFiles(files), 'p');
    expect(contents.actions).toEqual([{ name: 'good', description: '' }]);
    expect(contents.sensors).toEqual([]);
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['actions/bad.yaml', 4],
      ['sensors/broken.yml', 1], // yaml flags the value that the indented line would nest under
      ['rules/list.yaml', 1],
    ]);
    expect(problems[0].message).toMatch(/^YAML syntax error: Missing closing "quote/);
    expect(problems[2].message).toBe('rules/list.yaml is empty or its top level is not a mapping of keys');
  });

  it('reports a name used twice within a kind, naming both files', async () => {
    const files = {
      'actions/one.yaml': 'ref: p.same\n',
      'actions/two.yaml': 'name: same\n',
      'actions/flow.yaml': 'ref: p.flow\nworkflow_file: flow.graph.yaml\n',
      'workflows/flow.yaml': 'name: flow\n',
      'sensors/same.yaml': 'description: a sensor may share a name with an action\n',
    };
    const { contents, problems } = await inventory(memoryPackFiles(files), 'p');
    expect(contents.actions.map((e) => e.name)).toEqual(['same', 'same']);
    expect(contents.sensors.map((e) => e.name)).toEqual(['same']);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'actions/two.yaml', message: 'actions name "same" is already used by actions/one.yaml' }),
      expect.objectContaining({ file: 'workflows/flow.yaml', message: 'workflows name "flow" is already used by actions/flow.yaml' }),
    ]);
  });

  it('reports a ref that is only the pack prefix', async () => {
    const { problems } = await inventory(memoryPackFiles({ 'rules/r.yaml': 'ref: "p."\n' }), 'p');
    expect(problems).toEqual([expect.objectContaining({ file: 'rules/r.yaml', path: 'ref', line: 1 })]);
  });
});

describe('compareByteOrder', () => {
  it('orders by UTF-8 bytes', () => {
    expect(['b', 'B', 'a', '\u{1F600}', '\uFB01', 'A'].sort(compareByteOrder)).toEqual(['A', 'B', 'a', 'b', '\uFB01', '\u{1F600}']);
  });
});
