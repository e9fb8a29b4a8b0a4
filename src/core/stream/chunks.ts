import type { Readable } from 'node:stream';

/**
 * The chunks of `stream` one by one, exactly as it emits them, reading ahead up to `ahead`
 * bytes: the stream is paused while that much waits to be taken, so it keeps producing (in
 * the thread pool, for zlib) while the consumer is busy, in bounded memory.
 *
 * Not the stream's own async iterator: that returns everything buffered as one chunk, so
 * with a read-ahead of several chunks it copies them all into a new buffer each time.
 *
 * A stream error is thrown as soon as it is seen (chunks still waiting are dropped), also one
 * that happened before the loop started; a stream that closes before its end without an
 * error throws too. Leaving the loop early removes the listeners and leaves the stream
 * paused, for the caller to destroy.
 */
export async function* chunksOf(stream: Readable, ahead: number): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: { readonly error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const onData = (chunk: Buffer): void => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= ahead) stream.pause();
    notify();
  };
  const onEnd = (): void => {
    ended = true;
    notify();
  };
  const onError = (error: unknown): void => {
    failure ??= { error };
    notify();
  };
  const onClose = (): void => {
    if (!ended) failure ??= { error: new Error('the stream closed before its end') };
    notify();
  };
  // The stream may have failed or ended before anyone listened (its events are gone by now).
  if (stream.errored !== null) failure = { error: stream.errored };
  else if (stream.readableEnded) ended = true;
  else if (stream.destroyed) onClose();
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  try {
    for (;;) {
      if (failure !== undefined) throw failure.error;
      const chunk = queue.shift();
      if (chunk !== undefined) {
        queued -= chunk.length;
        if (stream.isPaused() && queued < ahead) stream.resume();
        yield chunk;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.pause();
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('error', onError);
    stream.off('close', onClose);
  }
}
