import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { linkSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalEntry, stringifyCanonical } from '../../src/core/index/canonical-json.js';
import type { IndexEntry } from '../../src/core/index/model.js';
import { parseMetaPairs } from '../../src/core/index/meta-pairs.js';
import { UsageError } from '../../src/core/errors.js';
import { cliCommand } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';

const packreg = cliCommand('index-entry');

// No label and no license: the manifest loads with warnings, which must go to stderr.
const MANIFEST = 'ref: out\nname: Output Pack\nversion: 1.0.0\ndescription: Output rules\nauthor: Example Team\nmeta:\n  category: tools\n';
const URL = 'https://github.com/example/out.git';

describe('index-entry: output', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  let repo: TestRepo;
  let sha: string;
  let args: string[];

  beforeAll(() => {
    repo = createRepo(temp);
    sha = repo.commit({ 'pack.yaml': MANIFEST, 'actions/a.yaml': 'name: a\ndescription: A\n' });
    args = ['.', '--git-url', URL, '--git-ref', sha];
  });

  it('stdout holds exactly the entry as canonical JSON; the logs go to stderr', async () => {
    const result = await packreg(args, repo.dir);
    expect(result.code).toBe(0);
    const entry = JSON.parse(result.stdout) as IndexEntry;
    expect(result.stdout).toBe(stringifyCanonical(canonicalEntry(entry)));
    expect(result.stdout.startsWith('{\n  "ref": "out",\n')).toBe(true);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(result.stdout).not.toMatch(/warning/);
    expect(result.stderr).toMatch(/warning: .*label missing; using name "Output Pack"/);
    expect(result.stderr).toMatch(/warning: .*license missing/);
    expect(entry.label).toBe('Output Pack');
    expect(entry.license).toBe('NOASSERTION');
  });

  it('--json changes nothing', async () => {
    expect(await packreg([...args, '--json'], repo.dir)).toEqual(await packreg(args, repo.dir));
  });

  it('--output writes the same text to the file; stdout stays empty', async () => {
    const expected = (await packreg(args, repo.dir)).stdout;
    const dir = temp.make();
    const result = await packreg([...args, '--output', join(dir, 'entry.json')], repo.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`entry out@1.0.0 written to ${join(dir, 'entry.json')}`);
    expect(readFileSync(join(dir, 'entry.json'), 'utf8')).toBe(expected);
    expect(readdirSync(dir)).toEqual(['entry.json']);
  });

  it('--output relative to the working directory, creating its folder', async () => {
    const dir = temp.make();
    const result = await packreg([repo.dir, '--git-url', URL, '--git-ref', sha, '--output', 'out/entries/out.json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'entries', 'out.json'), 'utf8'))).toMatchObject({ ref: 'out' });
  });

  it('--output replaces an existing file atomically: a new file is renamed over it, no temporary left', async () => {
    const dir = temp.make();
    const target = join(dir, 'entry.json');
    writeFileSync(target, '{"old": true}\n');
    // A hard link keeps the old inode reachable: an in-place rewrite would change it too.
    linkSync(target, join(dir, 'old-link.json'));
    const before = statSync(target).ino;
    const result = await packreg([...args, '--output', target], repo.dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ ref: 'out', version: '1.0.0' });
    expect(statSync(target).ino).not.toBe(before);
    expect(readFileSync(join(dir, 'old-link.json'), 'utf8')).toBe('{"old": true}\n');
    expect(readdirSync(dir).sort()).toEqual(['entry.json', 'old-link.json']);
  });

  it('a failed build leaves an existing --output file untouched', async () => {
    const dir = temp.make();
    const target = join(dir, 'entry.json');
    writeFileSync(target, 'previous\n');
    const result = await packreg(['.', '--git-url', URL, '--git-ref', '0'.repeat(40), '--output', target], repo.dir);
    expect(result.code).toBe(3);
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir)).toEqual(['entry.json']);
  });

  it('--output that is a directory: exit 3', async () => {
    const dir = temp.make();
    const result = await packreg([...args, '--output', dir], repo.dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
  });

  it('--meta KEY=VALUE (repeated) adds to meta after the computed fields; a given key wins', async () => {
    const result = await packreg([...args, '--meta', 'a=b', '--meta', 'c=d=e', '--meta', 'category=override', '--meta', 'empty='], repo.dir);
    expect(result.code).toBe(0);
    const meta = (JSON.parse(result.stdout) as IndexEntry).meta!;
    expect(meta).toStrictEqual({ category: 'override', commit: sha, a: 'b', c: 'd=e', empty: '' });
    expect(Object.keys(meta)).toEqual(['category', 'commit', 'a', 'c', 'empty']);
  });

  it.each([['novalue'], ['=value'], [' =value']])('--meta %j is malformed: exit 2', async (pair) => {
    const result = await packreg([...args, '--meta', pair], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--meta "${pair}": write KEY=VALUE, e.g. category=monitoring`);
  });

  it('--meta without a value: exit 2', async () => {
    const result = await packreg([...args, '--meta'], repo.dir);
    expect(result.code).toBe(2);
  });

  it('parseMetaPairs keeps values verbatim and trims keys', () => {
    expect(parseMetaPairs([' owner =Team A ', 'url=https://x.org/?a=b'], '--meta')).toStrictEqual({ owner: 'Team A ', url: 'https://x.org/?a=b' });
    expect(() => parseMetaPairs(['x'], 'meta input')).toThrow(UsageError);
    expect(() => parseMetaPairs(['x'], 'meta input')).toThrow('meta input "x": write KEY=VALUE');
  });

  it('a positional too many: exit 2', async () => {
    const result = await packreg(['.', 'c=d', '--git-url', URL, '--git-ref', sha], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('packreg index-entry takes <pack-dir>');
  });
});
