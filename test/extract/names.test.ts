import { describe, expect, it } from '@jest/globals';
import { collisionKey, EntryNames, nameProblem, resolveInside, splitEntryName } from '../../src/core/extract/names.js';

describe('entry name rules', () => {
  it.each([
    ['', /empty name/],
    ['../x', /"\.\." segment/],
    ['a/../../x', /"\.\." segment/],
    ['a/..', /"\.\." segment/],
    ['/x', /absolute/],
    ['////x', /absolute/],
    ['/', /absolute/],
    ['C:\\x', /backslash/],
    ['C:../x', /drive letter/],
    ['C:x', /drive letter/],
    ['c:/x', /drive letter/],
    ['a:b', /drive letter/],
    ['\\\\srv\\x', /backslash/],
    ['a\\b', /backslash/],
    ['a\0b', /U\+0000/],
    ['tab\there', /U\+0009/],
    ['line\nbreak', /U\+000A/],
    ['del\x7f', /U\+007F/],
    ['esc\x1b[31m', /U\+001B/],
    ['a//b', /empty path segment/],
  ])('refuses %j', (name, rule) => {
    expect(nameProblem(name)).toMatch(rule);
  });

  it.each(['a', 'a/b.txt', 'dir/', './', '.', './a/b', 'a/./b', 'données/résumé.txt', '日本語/ファイル', '...', '..a', 'a..', 'ab:c', ' space '])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it('splits names into segments without "." and the trailing slash', () => {
    expect(splitEntryName('./')).toEqual([]);
    expect(splitEntryName('./a/./b/')).toEqual(['a', 'b']);
    expect(splitEntryName('top/x.txt')).toEqual(['top', 'x.txt']);
  });
});

describe('resolveInside decides on the resolved path, not on string prefixes', () => {
  it('accepts paths strictly below the root', () => {
    expect(resolveInside('/tmp/t', ['a', 'b'])).toBe('/tmp/t/a/b');
    expect(resolveInside('/tmp/t', ['..t', 'x'])).toBe('/tmp/t/..t/x');
  });

  it('refuses the root itself, its parent, siblings sharing its prefix and absolute segments', () => {
    expect(resolveInside('/tmp/t', [])).toBeUndefined();
    expect(resolveInside('/tmp/t', ['.'])).toBeUndefined();
    expect(resolveInside('/tmp/t', ['..'])).toBeUndefined();
    // "/tmp/t-evil".startsWith("/tmp/t") would pass a prefix test.
    expect(resolveInside('/tmp/t', ['..', 't-evil', 'x'])).toBeUndefined();
    expect(resolveInside('/tmp/t', ['a', '..', '..', 'x'])).toBeUndefined();
    expect(resolveInside('/tmp/t', ['/etc/passwd'])).toBeUndefined();
  });
});

describe('collision keys and the entry registry', () => {
  it('keys join letter case and Unicode normalisation', () => {
    expect(collisionKey('README.md')).toBe(collisionKey('readme.MD'));
    expect(collisionKey('caf\u00e9')).toBe(collisionKey('cafe\u0301'));
    expect(collisionKey('CAF\u00c9')).toBe(collisionKey('cafe\u0301'));
    expect(collisionKey('a')).not.toBe(collisionKey('b'));
  });

  function registry(...entries: [string, 'file' | 'directory'][]): (string | undefined)[] {
    const names = new EntryNames();
    return entries.map(([path, kind]) => names.add(path.split('/'), kind));
  }

  it('accepts distinct paths, and a folder named after files inside it came first', () => {
    expect(registry(['top/a', 'file'], ['top/b', 'file'], ['top', 'directory'], ['top/sub/c', 'file'])).toEqual([undefined, undefined, undefined, undefined]);
  });

  it.each([
    ['an exact duplicate file', [['a', 'file'], ['a', 'file']], /duplicates an earlier entry/],
    ['an exact duplicate folder', [['d', 'directory'], ['d', 'directory']], /duplicates an earlier entry/],
    ['names differing in case', [['a.txt', 'file'], ['A.txt', 'file']], /collides with "a\.txt".*letter case or Unicode/],
    ['NFC and NFD forms', [['caf\u00e9', 'file'], ['cafe\u0301', 'file']], /collides with "café"/],
    ['parent folders differing in case', [['Dir/a', 'file'], ['dir/b', 'file']], /needs the folder "dir", which collides with "Dir"/],
    ['a file, then a folder of that name', [['x', 'file'], ['x', 'directory']], /is a folder that an earlier entry already wrote as a file/],
    ['a file, then a path through it', [['x', 'file'], ['x/y', 'file']], /needs the folder "x", which an earlier entry already wrote as a file/],
    ['a path, then a file where its folder is', [['x/y', 'file'], ['x', 'file']], /is a file that an earlier entry already uses as a folder/],
  ] as const)('refuses %s', (_what, entries, rule) => {
    const results = registry(...(entries as unknown as [string, 'file' | 'directory'][]));
    expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
    expect(results.at(-1)).toMatch(rule);
  });

  it('finds the single top-level folder, and only then', () => {
    const one = new EntryNames();
    one.add(['top', 'a'], 'file');
    one.add(['top'], 'directory');
    expect(one.topDirectory()).toBe('top');
    const two = new EntryNames();
    two.add(['top', 'a'], 'file');
    two.add(['other', 'b'], 'file');
    expect(two.topDirectory()).toBeUndefined();
    const file = new EntryNames();
    file.add(['only.txt'], 'file');
    expect(file.topDirectory()).toBeUndefined();
    expect(new EntryNames().topDirectory()).toBeUndefined();
  });
});
