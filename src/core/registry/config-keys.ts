/**
 * "Did you mean" for configuration keys and variable names: a misspelt key must not be
 * silently ignored, and the error should name the key that was meant.
 */

/** Case, `-`, spaces and dots are the usual slips between YAML, env and CLI spellings. */
function normalized(key: string): string {
  return key.toLowerCase().replace(/[-\s.]/g, '_');
}

/** Levenshtein distance; the keys are short, so the plain two-row table is enough. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known key `written` most likely meant, or undefined when none is close. `aliases`
 * maps other words people use (normalized) to the key Attune expects, e.g. registries → indices.
 */
export function suggestKey(written: string, known: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const key = normalized(written);
  const exact = known.find((k) => normalized(k) === key) ?? aliases[key];
  if (exact) return exact;
  // One slip in a short key, two in a longer one: further than that is a different word.
  const limit = key.length < 5 ? 1 : 2;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key, normalized(candidate));
    if (distance <= limit && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}
