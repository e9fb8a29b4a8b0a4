/**
 * Ordering that matches Attune's index builder: by UTF-8 bytes (the same as by code point),
 * never by locale, so an index sorts the same on every machine.
 */
export function compareByteOrder(a: string, b: string): number {
  // String comparison with < compares UTF-16 code units, which misorders characters beyond
  // U+FFFF against U+E000..U+FFFF; comparing the UTF-8 bytes is exact.
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The distinct values of `values`, in byte order. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareByteOrder);
}
