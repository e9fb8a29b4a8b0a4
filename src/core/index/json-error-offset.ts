/**
 * The offset of the first syntax error in JSON text, found by a minimal scanner. V8's
 * messages carry a position for some errors only ("Unexpected token '}', ... is not valid
 * JSON" has none), and users need a line and column for every one.
 */
export function jsonErrorOffset(text: string): number {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.space();
    if (scanner.at < text.length) return scanner.at;
    return text.length;
  } catch (error) {
    if (error instanceof ScanError) return error.offset;
    throw error;
  }
}

class ScanError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

class Scanner {
  at = 0;
  constructor(private readonly text: string) {}

  space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at])) this.at += 1;
  }

  value(): void {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    throw new ScanError(this.at);
  }

  private object(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') throw new ScanError(this.at);
      this.string();
      this.space();
      if (this.text[this.at] !== ':') throw new ScanError(this.at);
      this.at += 1;
      this.value();
      this.space();
      const c = this.text[this.at];
      this.at += 1;
      if (c === '}') return;
      if (c !== ',') throw new ScanError(this.at - 1);
    }
  }

  private array(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      const c = this.text[this.at];
      this.at += 1;
      if (c === ']') return;
      if (c !== ',') throw new ScanError(this.at - 1);
    }
  }

  private string(): void {
    this.at += 1;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '"') {
        this.at += 1;
        return;
      }
      if (c < ' ') throw new ScanError(this.at);
      if (c === '\\') {
        const e = this.text[this.at + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) throw new ScanError(this.at);
          this.at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e ?? '')) throw new ScanError(this.at);
        this.at += 2;
        continue;
      }
      this.at += 1;
    }
    throw new ScanError(this.at);
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!match) throw new ScanError(this.at);
    this.at += match[0].length;
  }
}
