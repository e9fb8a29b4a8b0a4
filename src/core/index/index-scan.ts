import { InputError, InternalError } from '../errors.js';
import { parseJsonText } from './json-text.js';

/** Where one pack entry sits in an index's text. */
export interface PackSlice {
  readonly start: number;
  readonly end: number;
}

/**
 * An index read as text: the top-level fields parsed, the pack entries only located.
 * Registries grow to tens of megabytes; parsing every entry into objects at once costs
 * several times the file size in memory, so entries are parsed (and dropped) one at a time.
 */
export interface ScannedIndex {
  readonly file: string;
  /** The file's bytes (a Buffer, not a string: half the memory, and no decoding pass). */
  readonly bytes: Buffer;
  /** The top-level members other than `packs`, parsed. */
  readonly header: Record<string, unknown>;
  /** The `packs` elements in order; undefined when `packs` is missing or not an array. */
  readonly packs: readonly PackSlice[] | undefined;
  /** The raw `packs` value when it is not an array (for the schema's message). */
  readonly packsValue?: unknown;
}

/** Parse one pack entry of a scanned index; a syntax error in it is reported with its line and column. */
export function packAt(index: ScannedIndex, slice: PackSlice): unknown {
  try {
    return JSON.parse(index.bytes.toString('utf8', slice.start, slice.end));
  } catch {
    return parseJsonText(index.bytes.toString('utf8'), index.file); // throws the located error
  }
}

/**
 * Scan index text. Malformed JSON is an InputError with file, line and column. A document
 * whose root is not an object is returned with everything in `header.__root` for the
 * schema to report.
 */
export function scanIndex(bytes: Buffer, file: string): ScannedIndex {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new Scanner(body, file).index();
  } catch (error) {
    if (!(error instanceof ScanFailure) && !(error instanceof SyntaxError)) throw error;
    const text = body.toString('utf8');
    parseJsonText(text, file); // throws the located syntax error
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${file}: the document is ${Array.isArray(value) ? 'an array' : typeof value}; an index is a JSON object with registry_name, registry_url, version, last_updated and packs`);
    }
    throw new InternalError(`${file}: the index scanner failed where JSON.parse did not (${(error as Error).message})`);
  }
}

class ScanFailure extends Error {
  constructor(readonly offset: number) {
    super(`scan failure at ${offset}`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class Scanner {
  private at = 0;
  constructor(
    private readonly text: Buffer,
    private readonly file: string,
  ) {}

  index(): ScannedIndex {
    this.space();
    this.expect(0x7b); // {
    const header: Record<string, unknown> = {};
    let packs: PackSlice[] | undefined;
    let packsValue: unknown;
    this.space();
    if (this.peek() === 0x7d) this.at += 1;
    else {
      for (;;) {
        this.space();
        const key = JSON.parse(this.slice(this.at, this.skipString())) as string;
        this.space();
        this.expect(0x3a); // :
        this.space();
        if (key === 'packs' && this.peek() === 0x5b) packs = this.elements();
        else {
          const start = this.at;
          const value = JSON.parse(this.slice(start, this.skipValue())) as unknown;
          if (key === 'packs') packsValue = value;
          else header[key] = value;
        }
        this.space();
        const c = this.next();
        if (c === 0x7d) break;
        if (c !== 0x2c) throw new ScanFailure(this.at - 1);
      }
    }
    this.space();
    if (this.at !== this.text.length) throw new ScanFailure(this.at);
    return { file: this.file, bytes: this.text, header, packs, ...(packsValue !== undefined ? { packsValue } : {}) };
  }

  private elements(): PackSlice[] {
    const slices: PackSlice[] = [];
    this.at += 1; // [
    this.space();
    if (this.peek() === 0x5d) {
      this.at += 1;
      return slices;
    }
    for (;;) {
      this.space();
      const start = this.at;
      const end = this.skipValue();
      slices.push({ start, end });
      this.space();
      const c = this.next();
      if (c === 0x5d) return slices;
      if (c !== 0x2c) throw new ScanFailure(this.at - 1);
    }
  }

  /** Skip one value; strings are jumped over with indexOf, nesting is counted. Returns its end. */
  private skipValue(): number {
    const c = this.peek();
    if (c === QUOTE) return this.skipString();
    if (c !== 0x7b && c !== 0x5b) {
      const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.slice(this.at, this.at + 64));
      if (!match) throw new ScanFailure(this.at);
      this.at += match[0].length;
      return this.at;
    }
    let depth = 0;
    const text = this.text;
    for (let i = this.at; i < text.length; i++) {
      const ch = text[i];
      if (ch === QUOTE) {
        this.at = i;
        i = this.skipString() - 1;
      } else if (ch === 0x7b || ch === 0x5b) depth += 1;
      else if (ch === 0x7d || ch === 0x5d) {
        depth -= 1;
        if (depth === 0) {
          this.at = i + 1;
          return this.at;
        }
      }
    }
    throw new ScanFailure(text.length);
  }

  /** Skip a string starting at the current quote; returns the offset after its closing quote. */
  private skipString(): number {
    if (this.peek() !== QUOTE) throw new ScanFailure(this.at);
    let i = this.at + 1;
    for (;;) {
      const close = this.text.indexOf(QUOTE, i);
      if (close < 0) throw new ScanFailure(this.text.length);
      let slashes = 0;
      for (let j = close - 1; j >= 0 && this.text[j] === BACKSLASH; j--) slashes += 1;
      if (slashes % 2 === 0) {
        this.at = close + 1;
        return this.at;
      }
      i = close + 1;
    }
  }

  private space(): void {
    const text = this.text;
    let i = this.at;
    for (;;) {
      const c = text[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i += 1;
    }
    this.at = i;
  }

  private peek(): number {
    return this.text[this.at];
  }

  private next(): number {
    return this.text[this.at++];
  }

  private slice(start: number, end: number): string {
    return this.text.toString('utf8', start, end);
  }

  private expect(c: number): void {
    if (this.next() !== c) throw new ScanFailure(this.at - 1);
  }
}
