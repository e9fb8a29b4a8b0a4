import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { EntryKind } from './entry.js';
import { quoteName } from './entry.js';

/**
 * Why an entry name is unsafe to extract anywhere, or undefined when it is fine. The rules
 * are syntactic and platform-independent on purpose: an archive that would be dangerous on
 * Windows is refused on Linux too, since the same archive is installed everywhere.
 */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'has an empty name';
  for (const char of name) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}; names must be printable`;
  }
  if (name.includes('\\')) return 'contains a backslash, which Windows reads as a folder separator; separate folders with /';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter (a Windows absolute or drive-relative path); entry names must be relative paths';
  if (name.startsWith('/')) return 'is an absolute path; entry names must be relative paths';
  const segments = withoutTrailingSlash(name).split('/');
  if (segments.includes('..')) return 'has a ".." segment, which climbs out of the target folder';
  if (segments.includes('')) return 'has an empty path segment ("//")';
  return undefined;
}

/**
 * The path segments of a name that passed {@link nameProblem}: no trailing slash and no
 * `.` segments (`tar -C dir .` writes `./` and `./x`). Empty for the archive root itself.
 */
export function splitEntryName(name: string): string[] {
  return withoutTrailingSlash(name)
    .split('/')
    .filter((segment) => segment !== '.');
}

function withoutTrailingSlash(name: string): string {
  return name.endsWith('/') ? name.slice(0, -1) : name;
}

/**
 * The absolute path of `segments` below `root`, or undefined when it would not be strictly
 * inside. Decided on the resolved path with path.relative, never by comparing string
 * prefixes (which would let `/target-evil` pass for `/target`).
 */
export function resolveInside(root: string, segments: readonly string[]): string | undefined {
  const target = resolve(root, ...segments);
  const rel = relative(root, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return target;
}

/**
 * The key under which two paths name the same file on a case-insensitive or
 * normalisation-insensitive file system (macOS, Windows): NFC, then case-folded. Folding
 * through upper case as well as lower case is a little stricter than those file systems
 * (it also joins "ß" and "ss"), which only ever refuses more.
 */
export function collisionKey(path: string): string {
  return path.normalize('NFC').toUpperCase().toLowerCase();
}

interface Known {
  /** The path exactly as first seen. */
  readonly path: string;
  readonly kind: EntryKind;
  /** Whether an entry named it (rather than it being the parent folder of one). */
  explicit: boolean;
}

/**
 * Every path an archive creates, explicit entries and their implied parent folders, by
 * {@link collisionKey}: catches exact duplicates, case and Unicode look-alikes, and a path
 * used both as a file and as a folder, whatever the order the entries come in.
 */
export class EntryNames {
  private readonly known = new Map<string, Known>();
  private readonly topLevel: Known[] = [];

  /** Record an entry's path; returns why it clashes with an earlier one, or undefined. */
  add(segments: readonly string[], kind: EntryKind): string | undefined {
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      const clash = this.put(parent, 'directory', false);
      if (clash !== undefined) return `needs the folder ${quoteName(parent)}, which ${clash}`;
    }
    const clash = this.put(segments.join('/'), kind, true);
    return clash === undefined ? undefined : `is a ${kind === 'file' ? 'file' : 'folder'} that ${clash}`;
  }

  /** The single top-level folder every entry sits under, if there is one (and no top-level file). */
  topDirectory(): string | undefined {
    if (this.topLevel.length !== 1 || this.topLevel[0].kind !== 'directory') return undefined;
    return this.topLevel[0].path;
  }

  private put(path: string, kind: EntryKind, explicit: boolean): string | undefined {
    const key = collisionKey(path);
    const seen = this.known.get(key);
    if (seen === undefined) {
      const known = { path, kind, explicit };
      this.known.set(key, known);
      if (!path.includes('/')) this.topLevel.push(known);
      return undefined;
    }
    if (seen.path !== path) {
      return `collides with ${quoteName(seen.path)} from an earlier entry: the names differ only in letter case or Unicode normalisation, so they are the same file on macOS and Windows`;
    }
    if (seen.kind !== kind) {
      return seen.kind === 'file' ? 'an earlier entry already wrote as a file' : 'an earlier entry already uses as a folder';
    }
    if (explicit && seen.explicit) return 'duplicates an earlier entry with the same path';
    if (explicit) seen.explicit = true;
    return undefined;
  }
}
