import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Most files one requirements.txt may pull in: far above any real layering, a stop for loops through links. */
const MAX_FILES = 100;

/**
 * What a pack's pip requirements consist of: requirements.txt and every file it pulls in with
 * `-r`/`--requirement` or `-c`/`--constraint`, recursively, each relative to the file that
 * names it (as pip reads them). A venv built from them stays reusable only while all of them
 * are unchanged, so the venv key hashes them all.
 */
export interface RequirementsClosure {
  /**
   * sha256 of requirements.txt alone when it includes nothing (the key venvs were always
   * built under), else of every file's path and bytes in the order pip reads them.
   */
  readonly sha256: string;
  /** The included files (relative to the pack when inside it) and remote URLs, in reading order. */
  readonly included: readonly string[];
}

/** The closure of `<packDir>/requirements.txt`, whose bytes the caller has read already. */
export async function requirementsClosure(packDir: string, requirements: Buffer): Promise<RequirementsClosure> {
  const root = join(packDir, 'requirements.txt');
  const records: Buffer[] = [];
  const included: string[] = [];
  const seen = new Set<string>([resolve(root)]);
  const queue: { file: string; text: string }[] = [{ file: root, text: requirements.toString('utf8') }];
  records.push(record('requirements.txt', requirements));
  while (queue.length > 0 && seen.size <= MAX_FILES) {
    const { file, text } = queue.shift()!;
    for (const target of includedBy(text)) {
      const place = where(target, file);
      if (place.url !== undefined) {
        if (!included.includes(place.url)) included.push(place.url);
        // A remote file is not fetched here: it is keyed by its address only.
        records.push(record(place.url, 'remote'));
        continue;
      }
      if (seen.has(place.path)) continue;
      seen.add(place.path);
      const shown = relative(packDir, place.path).startsWith('..') ? place.path : relative(packDir, place.path);
      included.push(shown);
      const bytes = await readFile(place.path).catch(() => undefined);
      records.push(record(shown, bytes ?? 'missing'));
      if (bytes !== undefined) queue.push({ file: place.path, text: bytes.toString('utf8') });
    }
  }
  const sha256 = included.length === 0 ? digest([requirements]) : digest(records);
  return { sha256, included };
}

/**
 * The files a requirements text names with -r/--requirement and -c/--constraint, in order.
 * Lines are joined where they end in a backslash and comments (`#` at the start or after
 * whitespace) dropped, as pip does; the option may be glued to its value (`-rbase.txt`) or
 * given with `=` (`--requirement=base.txt`).
 */
export function includedBy(text: string): string[] {
  const targets: string[] = [];
  const joined = text.replace(/\\\r?\n/g, '');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const match = /^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?<=^-[rc]))(\S.*)$/.exec(line);
    if (match) targets.push(match[1].trim());
  }
  return targets;
}

/** Where an included name points: a path (relative to the including file) or a remote URL. */
function where(target: string, from: string): { path: string; url?: undefined } | { url: string; path?: undefined } {
  if (/^file:/i.test(target)) return { path: fileURLToPath(target) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { url: target };
  return { path: isAbsolute(target) ? target : resolve(dirname(from), target) };
}

/** One file's record in the digest: its name, then its length and bytes, or why there are none. */
function record(name: string, content: Buffer | 'missing' | 'remote'): Buffer {
  if (typeof content === 'string') return Buffer.from(`${name}\0${content}\0`, 'utf8');
  return Buffer.concat([Buffer.from(`${name}\0${content.length}\0`, 'utf8'), content]);
}

function digest(parts: readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
