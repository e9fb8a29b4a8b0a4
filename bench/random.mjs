// Deterministic randomness for the benchmark data: a small seeded PRNG for decisions
// (sizes, names, words) and a seeded AES-256-CTR keystream for bulk incompressible bytes.
// The same seed gives the same bytes on every machine and Node version.
import { createCipheriv, createHash } from 'node:crypto';

/** mulberry32: a tiny 32-bit PRNG, plenty for choosing sizes and words. */
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** A float in [0, 1). */
    next,
    /** An integer in [lo, hi). */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo)),
    /** One element of a list. */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** An element biased towards the front of the list (frequent words first), like natural text. */
    skewed: (list, power = 2.5) => list[Math.floor(next() ** power * list.length)],
    /** A key of a {key: weight} table, chosen by weight. */
    weighted: (table) => {
      const entries = Object.entries(table);
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= w;
        if (r < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    /** Shuffle a list in place (Fisher-Yates). */
    shuffle: (list) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      return list;
    },
  };
}

const ZEROS = Buffer.alloc(4 << 20);

/**
 * A seeded stream of incompressible bytes (AES-256-CTR keystream, key and IV derived from
 * the seed and a label). Fast (GB/s with AES-NI) and reproducible, unlike crypto.randomBytes.
 */
export function keystream(seed, label) {
  const material = createHash('sha512').update(`packreg-bench:${seed}:${label}`).digest();
  const cipher = createCipheriv('aes-256-ctr', material.subarray(0, 32), material.subarray(32, 48));
  return (n) => {
    const parts = [];
    let left = n;
    while (left > 0) {
      const take = Math.min(left, ZEROS.length);
      parts.push(cipher.update(ZEROS.subarray(0, take)));
      left -= take;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
  };
}
