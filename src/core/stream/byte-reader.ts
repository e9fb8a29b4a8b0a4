import { InputError } from '../errors.js';

/**
 * Pulls exact byte counts out of a chunked stream without holding more than one chunk:
 * the parsers of `git cat-file --batch` output and tar streams read through it.
 */
export class ByteReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;

  /**
   * `what` names the stream in messages; `onTruncated` builds the error for a stream that
   * ends early (by default an InputError; a tool's output that stops short is the tool's fault).
   */
  constructor(
    source: AsyncIterable<Buffer>,
    private readonly what: string,
    private readonly onTruncated: (message: string) => Error = (message) => new InputError(message),
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Whether the stream is exhausted (no buffered bytes and no more chunks). */
  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /** Bytes up to (not including) `delimiter`, which is consumed. */
  async readUntil(delimiter: number, limit = 1 << 16): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    for (;;) {
      if (!(await this.fill())) throw this.truncated();
      const at = this.pending.indexOf(delimiter);
      if (at >= 0) {
        parts.push(this.pending.subarray(0, at));
        this.pending = this.pending.subarray(at + 1);
        return Buffer.concat(parts);
      }
      parts.push(this.pending);
      length += this.pending.length;
      this.pending = Buffer.alloc(0);
      if (length > limit) throw new InputError(`${this.what}: line longer than ${limit} bytes`);
    }
  }

  /** Exactly `n` bytes (copied into one buffer: use for small headers only). */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.stream(n)) parts.push(chunk);
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** The next `n` bytes as a sequence of chunks, without copying. */
  async *stream(n: number): AsyncGenerator<Buffer> {
    let remaining = n;
    while (remaining > 0) {
      if (!(await this.fill())) throw this.truncated();
      const take = Math.min(remaining, this.pending.length);
      const chunk = this.pending.subarray(0, take);
      this.pending = this.pending.subarray(take);
      remaining -= take;
      yield chunk;
    }
  }

  /** Discard `n` bytes. */
  async skip(n: number): Promise<void> {
    for await (const chunk of this.stream(n)) void chunk;
  }

  private async fill(): Promise<boolean> {
    while (this.pending.length === 0) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      this.pending = next.value;
    }
    return true;
  }

  private truncated(): Error {
    return this.onTruncated(`${this.what}: stream ended early`);
  }
}
