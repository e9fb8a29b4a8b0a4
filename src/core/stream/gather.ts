/**
 * Read `content` whole if it is at most `limit` bytes: `whole`, one copied buffer (the chunks
 * may be slices of much larger decompressor output, which a small file should not keep
 * alive). Otherwise `rest` yields all of it, the chunks already read first, and reads the
 * remainder from `content` as it is iterated.
 */
export async function gather(content: AsyncIterable<Buffer>, limit: number): Promise<{ whole: Buffer; rest?: undefined } | { whole?: undefined; rest: AsyncIterable<Buffer> }> {
  const iterator = content[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return { whole: Buffer.concat(head, size) };
    head.push(next.value);
    size += next.value.length;
    if (size > limit) return { rest: resume(head, iterator) };
  }
}

async function* resume(head: Buffer[], iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return;
    yield next.value;
  }
}
