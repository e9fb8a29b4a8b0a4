import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { Problem } from '../pack/problem.js';
import { suggestKey } from './config-keys.js';

/** A key and its value in a mapping; the value is null for `key:` with nothing after it. */
export interface Entry {
  readonly key: Node;
  readonly value: Node | null;
}

/**
 * Reads typed values out of a parsed config file, collecting every problem with its line
 * and column instead of stopping at the first, so one run shows everything to fix.
 */
export class YamlReader {
  readonly problems: Problem[] = [];

  private constructor(
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parse `text`; syntax errors (and unresolved tags, which would turn into strings) become problems. */
  static parse(text: string): YamlReader {
    const lines = new LineCounter();
    // prettyErrors: false keeps each message to one sentence; the line counter gives positions.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    const reader = new YamlReader(doc, lines);
    for (const e of [...doc.errors, ...doc.warnings]) {
      reader.problems.push({ path: '', ...reader.position(e.pos[0]), message: `YAML: ${e.message}`, fix: 'correct the YAML here (indentation, quotes, ": " after each key)' });
    }
    return reader;
  }

  /** Line and column (both 1-based) of an offset in the text. */
  private position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line: Math.max(line, 1), column: col };
  }

  /** Record a problem located at `node` (or nowhere when it has no position). */
  report(node: unknown, path: string, message: string, fix: string): void {
    const range = (node as Node | null | undefined)?.range;
    this.problems.push({ path, ...(range ? this.position(range[0]) : {}), message, fix });
  }

  /** The node an alias points at; other values unchanged. Null for an alias with no anchor. */
  resolve(node: unknown): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return (node as Node | null) ?? null;
  }

  /** True for a missing value: nothing after the colon, or `null` / `~`. */
  isEmpty(node: Node | null): boolean {
    return node === null || (isScalar(node) && node.value === null);
  }

  /**
   * The entries of a mapping by key. Unknown keys are reported at the key, with the known
   * key they most likely meant.
   */
  entries(map: YAMLMap, path: string, known: readonly string[], aliases: Readonly<Record<string, string>> = {}): Map<string, Entry> {
    const found = new Map<string, Entry>();
    for (const pair of map.items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : '(a complex key)';
      const entry = { key, value: this.resolve(pair.value) };
      if (known.includes(name)) {
        found.set(name, entry);
        continue;
      }
      const meant = suggestKey(name, known, aliases);
      const where = path === '' ? name : `${path}.${name}`;
      if (meant) this.report(key, where, `unknown key "${name}" (did you mean ${meant}?)`, `rename it to ${meant}`);
      else this.report(key, where, `unknown key "${name}"`, `remove it; the keys here are ${known.join(', ')}`);
    }
    return found;
  }

  /** A boolean, or undefined when absent or reported. */
  boolean(entry: Entry | undefined, path: string, key: string): boolean | undefined {
    if (!entry) return undefined;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (typeof value === 'boolean') return value;
    this.report(entry.value ?? entry.key, path, `must be true or false, not ${this.describe(entry.value)}`, `write ${key}: true or ${key}: false`);
    return undefined;
  }

  /** A whole number of at least `min`, or undefined when absent or reported. */
  integer(entry: Entry | undefined, path: string, key: string, min: number, example: number): number | undefined {
    if (!entry) return undefined;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
    const wanted = min === 0 ? 'a whole number, 0 or more' : `a whole number, ${min} or more`;
    this.report(entry.value ?? entry.key, path, `must be ${wanted}, not ${this.describe(entry.value)}`, `write ${key}: ${example}`);
    return undefined;
  }

  /** A string, or undefined when absent or reported. `fix` says what to write. */
  string(entry: Entry | undefined, path: string, fix: string): string | undefined {
    if (!entry) return undefined;
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (typeof value === 'string') return value;
    this.report(entry.value ?? entry.key, path, `must be a string, not ${this.describe(entry.value)}`, fix);
    return undefined;
  }

  /** A value as it may appear in a message. Never call it on a header value: those may be tokens. */
  describe(node: Node | null): string {
    if (this.isEmpty(node)) return 'empty';
    if (isMap(node)) return 'a mapping';
    if (isSeq(node)) return 'a list';
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return String(value);
  }
}
