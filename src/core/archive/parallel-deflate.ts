import { availableParallelism } from 'node:os';
import { constants, deflateRaw } from 'node:zlib';

/** Uncompressed bytes per job: large enough that the lost history at each seam costs little. */
export const BLOCK = 128 * 1024;
/** DEFLATE's window: each block is primed with the previous block's last 32 KiB. */
const WINDOW = 32 * 1024;

/** Where compressed bytes go, in order. */
export type WriteFn = (data: Buffer) => Promise<void>;

/**
 * One raw DEFLATE stream compressed on several threads, as pigz does: the input is cut into
 * fixed blocks, each compressed independently with the previous block's tail as its preset
 * dictionary and ended with a sync flush, so the concatenation is a single valid stream
 * (only the last block is final). Block boundaries depend only on the input, so the
 * output is the same bytes on every run. Memory is bounded by the number of jobs in flight.
 */
export class ParallelDeflater {
  /** The block being filled: input is copied in, so callers may reuse their buffers. */
  private block = Buffer.allocUnsafe(BLOCK);
  private filled = 0;
  private previousTail: Buffer | undefined;
  private readonly inFlight: Promise<Buffer>[] = [];
  private readonly maxInFlight = Math.max(2, availableParallelism()) * 2;

  constructor(
    private readonly write: WriteFn,
    private readonly level = 6,
  ) {}

  /**
   * Add uncompressed bytes. They are copied before this resolves (blocks are compressed
   * later, on other threads), so the caller may reuse `data` afterwards.
   */
  async push(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const copied = data.copy(this.block, this.filled, offset);
      this.filled += copied;
      offset += copied;
      if (this.filled === BLOCK) await this.dispatch(this.takeBlock(), false);
    }
  }

  /** Compress what is left as the final block and write everything out. */
  async finish(): Promise<void> {
    await this.dispatch(this.takeBlock(), true);
    while (this.inFlight.length > 0) await this.write(await this.inFlight.shift()!);
  }

  private takeBlock(): Buffer {
    const block = this.block.subarray(0, this.filled);
    this.block = Buffer.allocUnsafe(BLOCK);
    this.filled = 0;
    return block;
  }

  private async dispatch(block: Buffer, last: boolean): Promise<void> {
    const dictionary = this.previousTail;
    // Copy the tail so it does not keep the whole block alive.
    this.previousTail = Buffer.from(block.subarray(Math.max(0, block.length - WINDOW)));
    this.inFlight.push(compress(block, dictionary, last, this.level));
    while (this.inFlight.length >= this.maxInFlight) await this.write(await this.inFlight.shift()!);
  }
}

/** One block as raw DEFLATE on the libuv thread pool. */
function compress(block: Buffer, dictionary: Buffer | undefined, last: boolean, level: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    deflateRaw(
      block,
      {
        level,
        dictionary,
        // Output space sized to the input: a fixed 64 KiB per small file churns memory.
        chunkSize: Math.min(64 * 1024, Math.max(1024, block.length + 256)),
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** A whole small buffer as one final raw DEFLATE stream (a zip entry), on the thread pool. */
export function deflateWhole(data: Buffer, level = 6): Promise<Buffer> {
  return compress(data, undefined, true, level);
}
