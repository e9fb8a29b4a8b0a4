import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildArchive } from '../../src/core/archive/build.js';
import { defaultDeps } from '../../src/core/deps.js';
import { extractArchive } from '../../src/core/extract/extract.js';
import { MemoryLogger } from '../../src/core/logger.js';
import type { FileSpec } from '../helpers/archive-read.js';
import { noise, packYaml, readTree, tool, writeTree, zipEntries } from '../helpers/archive-read.js';
import { tempDirs } from '../helpers/temp.js';
import { extractStreamed, isGzip, listAll } from './extract-harness.js';
import { gnuLongName, pax, tarDir, tarFile, targz, zip } from './hostile-archives.js';

const LONG_NAME = `long/${'n'.repeat(150)}.txt`;
const LONG_PATH = `${Array.from({ length: 10 }, (_, i) => `level${i}xxxxx`).join('/')}/leaf.txt`;

/** A tree with every mode worth checking, as `path -> spec`; `want` is the mode each must come out with. */
const TREE: Record<string, FileSpec & { content: string | Buffer; mode: number }> = {
  'plain.txt': { content: 'plain\n', mode: 0o644 },
  'private.txt': { content: 'private\n', mode: 0o600 },
  'run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o755 },
  'group-exec': { content: 'group may run\n', mode: 0o610 },
  'suid.sh': { content: '#!/bin/sh\n', mode: 0o4755 },
  'sgid.txt': { content: 'sgid\n', mode: 0o2644 },
  'sticky.sh': { content: '#!/bin/sh\n', mode: 0o1755 },
  'nested/deeper/file.txt': { content: 'deep\n', mode: 0o644 },
  'données/résumé.txt': { content: 'accents\n', mode: 0o644 },
  'empty.txt': { content: '', mode: 0o644 },
  'big.bin': { content: noise(3 << 20), mode: 0o644 },
  [LONG_NAME]: { content: 'long name\n', mode: 0o644 },
  [LONG_PATH]: { content: 'long path\n', mode: 0o644 },
};

/** 0644, or 0755 when any execute bit was set: nothing else survives. */
function wantedMode(mode: number): number {
  return mode & 0o111 ? 0o755 : 0o644;
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}

/** Every file under `root` has the content and the cleaned-up mode of `TREE` (minus `without`). */
function expectTree(root: string, without: string[] = []): void {
  const expected = Object.entries(TREE).filter(([path]) => !without.includes(path));
  const actual = readTree(root);
  expect([...actual.keys()].sort()).toEqual(expected.map(([path]) => path).sort());
  for (const [path, spec] of expected) {
    expect(actual.get(path)?.equals(Buffer.from(spec.content))).toBe(true);
    expect([path, modeOf(join(root, path))]).toEqual([path, wantedMode(spec.mode)]);
  }
  for (const dir of listAll(root).filter((p) => statSync(join(root, p)).isDirectory())) expect([dir, modeOf(join(root, dir))]).toEqual([dir, 0o755]);
}

describe('archives made by system tar and zip extract correctly', () => {
  const temp = tempDirs();
  let source: string;
  let out: string;
  afterAll(() => temp.cleanup());

  beforeAll(() => {
    source = temp.make();
    writeTree(join(source, 'top'), TREE);
    tool('mkdir', ['-p', join(source, 'top', 'empty-dir')]);
    out = temp.make();
  });

  /**
   * Extract into a new folder; returns the result. A tar.gz is also extracted as a stream
   * (as a download is), which must give the same result and the same tree, modes included.
   */
  async function extract(archive: string): Promise<Awaited<ReturnType<typeof extractArchive>> & { into: string }> {
    const into = join(temp.make(), 'out');
    const result = { ...(await extractArchive(archive, into)), into };
    if (isGzip(archive)) {
      const streamedInto = join(temp.make(), 'streamed');
      const { root, ...streamed } = await extractStreamed({ archive, parent: dirname(streamedInto), into: streamedInto });
      expect(streamed).toEqual({ files: result.files, bytes: result.bytes, ...(result.stripped === undefined ? {} : { stripped: result.stripped }) });
      expect(relative(streamedInto, root)).toBe(relative(into, result.root));
      expect(treeWithModes(root)).toEqual(treeWithModes(result.root));
    }
    return result;
  }

  function treeWithModes(root: string): [string, number, string][] {
    return listAll(root).map((path) => [path, modeOf(join(root, path)), statSync(join(root, path)).isFile() ? readFileSync(join(root, path)).toString('base64') : '']);
  }

  it('the source really has setuid, setgid and sticky bits', () => {
    expect(modeOf(join(source, 'top', 'suid.sh'))).toBe(0o4755);
    expect(modeOf(join(source, 'top', 'sgid.txt'))).toBe(0o2644);
    expect(modeOf(join(source, 'top', 'sticky.sh'))).toBe(0o1755);
  });

  /** ustar cannot hold a name component over 100 bytes: leave that file out of its archive. */
  const TAR_FORMATS: [string, string[], string[]][] = [
    ['gnu', [], []],
    ['pax', [], []],
    ['ustar', [`--exclude=${LONG_NAME.split('/')[1]}`], [LONG_NAME]],
  ];

  it.each(TAR_FORMATS)('tar czf --format=%s: top folder stripped, modes 0644/0755, special bits dropped', async (format, extra, without) => {
    const archive = join(out, `${format}.tar.gz`);
    tool('tar', [`--format=${format}`, ...extra, '-czf', archive, '-C', source, 'top']);
    const members = tool('tar', ['-tvzf', archive]).stdout.toString();
    expect(members).toMatch(/-rwsr-xr-x/); // the archive itself keeps setuid
    const result = await extract(archive);
    expect(result.stripped).toBe('top');
    expect(result.root).toBe(join(result.into, 'top'));
    expect(result.files).toBe(Object.keys(TREE).length - without.length);
    expect(result.bytes).toBe(Object.entries(TREE).reduce((n, [path, s]) => n + (without.includes(path) ? 0 : Buffer.byteLength(s.content)), 0));
    expectTree(result.root, without);
    expect(statSync(join(result.root, 'empty-dir')).isDirectory()).toBe(true);
    expect(listAll(result.into)[0]).toBe('top');
  });

  it('tar czf -C top . (entries named ./x): nothing to strip, root is the target', async () => {
    const archive = join(out, 'dot.tar.gz');
    tool('tar', ['-czf', archive, '-C', join(source, 'top'), '.']);
    expect(tool('tar', ['-tzf', archive]).stdout.toString()).toMatch(/^\.\/\n/);
    const result = await extract(archive);
    expect(result.stripped).toBeUndefined();
    expect(result.root).toBe(result.into);
    expectTree(result.root);
  });

  it('zip -r: top folder stripped, modes 0644/0755, special bits dropped', async () => {
    const archive = join(out, 'plain.zip');
    tool('zip', ['-qr', archive, 'top'], { cwd: source });
    const result = await extract(archive);
    expect(result.stripped).toBe('top');
    expect(result.files).toBe(Object.keys(TREE).length);
    expectTree(result.root);
    expect(statSync(join(result.root, 'empty-dir')).isDirectory()).toBe(true);
  });

  it('zip -r to a pipe (data descriptors after every entry)', async () => {
    const archive = join(out, 'streamed.zip');
    tool('sh', ['-c', `zip -qr - top | cat > '${archive}'`], { cwd: source });
    expect(zipEntries(archive).entries.filter((e) => !e.is_dir).every((e) => (e.flag_bits & 8) !== 0)).toBe(true);
    const result = await extract(archive);
    expect(result.stripped).toBe('top');
    expectTree(result.root);
  });

  it('zip -r of several top-level entries: nothing to strip', async () => {
    const archive = join(out, 'flat.zip');
    tool('zip', ['-qr', archive, '.'], { cwd: join(source, 'top') });
    const result = await extract(archive);
    expect(result.stripped).toBeUndefined();
    expect(result.root).toBe(result.into);
    expectTree(result.root);
  });

  it('the format comes from the first bytes, not the name', async () => {
    const zipNamedTar = join(out, 'really-a-zip.tar.gz');
    tool('zip', ['-qr', zipNamedTar, 'top'], { cwd: source });
    const tarNamedZip = join(out, 'really-a-tar.zip');
    tool('tar', ['-czf', tarNamedZip, '-C', source, 'top']);
    for (const archive of [zipNamedTar, tarNamedZip]) expectTree((await extract(archive)).root);
  });

  it('modes do not depend on the umask', async () => {
    const archive = join(out, 'umask.tar.gz');
    tool('tar', ['-czf', archive, '-C', source, 'top']);
    const previous = process.umask(0o077);
    try {
      expectTree((await extract(archive)).root);
    } finally {
      process.umask(previous);
    }
  });
});

describe("archives made by packreg's own writer extract to the packed tree", () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  const PACK: Record<string, FileSpec> = {
    'pack.yaml': packYaml('demo_pack', '1.2.3'),
    'actions/run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o755 },
    'actions/run.yaml': 'name: run\n',
    [LONG_NAME]: 'long\n',
    'big/random.bin': noise((1 << 20) + 5, 3),
    'empty.txt': '',
  };

  it.each(['tar.gz', 'zip'] as const)('%s', async (format) => {
    const pack = temp.make();
    writeTree(pack, PACK);
    const logger = new MemoryLogger();
    const built = await buildArchive({ packDir: pack, format, cwd: temp.make(), noGit: true }, defaultDeps(logger));
    const into = join(temp.make(), 'out');
    const result = await extractArchive(built.path, into, { logger });
    expect(result).toEqual({ root: join(into, built.topDirectory), files: built.files, bytes: expect.any(Number), stripped: 'demo_pack-1.2.3' });
    const tree = readTree(result.root);
    expect([...tree.keys()].sort()).toEqual(Object.keys(PACK).sort());
    for (const [path, spec] of Object.entries(PACK)) {
      const content = typeof spec === 'string' || Buffer.isBuffer(spec) ? spec : spec.content;
      expect(tree.get(path)?.equals(Buffer.from(content))).toBe(true);
    }
    expect(modeOf(join(result.root, 'actions/run.sh'))).toBe(0o755);
    expect(modeOf(join(result.root, 'pack.yaml'))).toBe(0o644);
    expect(logger.at('info').at(-1)).toBe(`extracted ${format} archive ${built.path}: ${built.files} files, ${result.bytes} bytes -> ${result.root}`);
    // The bytes reported are the bytes on disk.
    expect(result.bytes).toBe([...tree.values()].reduce((n, b) => n + b.length, 0));
    // An archive copied under another name extracts the same.
    const copy = join(temp.make(), 'download.bin');
    copyFileSync(built.path, copy);
    const again = await extractArchive(copy, join(temp.make(), 'out'));
    const copied = readTree(again.root);
    expect([...copied.keys()]).toEqual([...tree.keys()]);
    for (const [path, content] of tree) expect(copied.get(path)?.equals(content)).toBe(true);
    expect(readFileSync(join(again.root, 'pack.yaml'), 'utf8')).toContain('ref: demo_pack');
  });
});

describe('hand-built archives that are unusual but fine', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  async function extractBytes(bytes: Buffer): Promise<Awaited<ReturnType<typeof extractArchive>> & { into: string }> {
    const archive = join(temp.make(), 'archive.bin');
    writeFileSync(archive, bytes);
    const into = join(temp.make(), 'out');
    return { ...(await extractArchive(archive, into)), into };
  }

  it('a zip made on Windows (host 0): folders by attribute, files 0644', async () => {
    const result = await extractBytes(
      zip([
        { name: 'top', host: 0, mode: 0, dosAttributes: 0x10 },
        { name: 'top/tool.exe', host: 0, mode: 0, dosAttributes: 0x20, data: 'MZ' },
      ]),
    );
    expect(result).toMatchObject({ stripped: 'top', files: 1, bytes: 2 });
    expect(modeOf(join(result.root, 'tool.exe'))).toBe(0o644);
    expect(modeOf(result.root)).toBe(0o755);
  });

  it('a zip with an archive comment, stored and deflated entries, and a data descriptor', async () => {
    const result = await extractBytes(
      zip(
        [
          { name: 'top/stored.txt', data: 'stored', method: 0 },
          { name: 'top/deflated.txt', data: 'deflated '.repeat(100) },
          { name: 'top/described.txt', data: 'described', descriptor: true },
        ],
        { comment: 'PK\u0005\u0006 looks like an end record but is a comment' },
      ),
    );
    expect(readFileSync(join(result.root, 'deflated.txt'), 'utf8')).toBe('deflated '.repeat(100));
    expect(readFileSync(join(result.root, 'described.txt'), 'utf8')).toBe('described');
    expect(result.files).toBe(3);
  });

  it('an empty zip and an empty tar.gz extract to an empty folder', async () => {
    for (const bytes of [zip([]), targz([])]) {
      const result = await extractBytes(bytes);
      expect(result).toEqual({ root: result.into, files: 0, bytes: 0, into: result.into });
      expect(listAll(result.into)).toEqual([]);
    }
  });

  it('tar: a GNU long name, a pax path and size, a global header, and folders listed after their files', async () => {
    const long = `top/${'d'.repeat(120)}/file.txt`;
    const result = await extractBytes(
      targz([
        pax({ comment: 'global, ignored' }, 'g'),
        gnuLongName(long),
        tarFile('placeholder', 'long\n'),
        pax({ path: 'top/from-pax.txt', size: '4', mtime: '1700000000.5' }),
        { ...tarFile('top/short', 'pax!'), size: 99 },
        tarDir('top/'),
        tarFile('top/run', '#!', 0o4711),
      ]),
    );
    expect(result.stripped).toBe('top');
    expect(readFileSync(join(result.into, long), 'utf8')).toBe('long\n');
    expect(readFileSync(join(result.root, 'from-pax.txt'), 'utf8')).toBe('pax!');
    expect(modeOf(join(result.root, 'run'))).toBe(0o755);
    expect(listAll(result.root)).toEqual(['d'.repeat(120), `${'d'.repeat(120)}/file.txt`, 'from-pax.txt', 'run']);
  });
});
