import { InputError } from '../errors.js';
import { jsonErrorOffset } from './json-error-offset.js';

/**
 * Parse JSON text; a syntax error becomes an InputError naming the file, line and column
 * (V8 reports a character position, which is turned into a line and column here).
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const { line, column } = lineColumn(body, jsonErrorOffset(body));
    const detail = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
    throw new InputError(`${file}:${line}:${column}: not valid JSON (${detail}); fix the syntax at that point`, { cause: error });
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line += 1;
      start = i + 1;
    }
  }
  return { line, column: position - start + 1 };
}
