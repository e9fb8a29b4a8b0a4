import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { jsonErrorOffset } from '../../src/core/index/json-error-offset.js';
import { lineColumn, parseJsonText } from '../../src/core/index/json-text.js';

/** The InputError message parseJsonText throws for `text`. */
function failure(text: string, file = 'index.json'): string {
  let thrown: unknown;
  try {
    parseJsonText(text, file);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  return (thrown as Error).message;
}

/** V8's own message, to show which errors carry no position. */
function v8Message(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parsed');
}

describe('parseJsonText: malformed JSON names file:line:column', () => {
  it.each([
    ['a trailing comma in an object', '{\n  "a": 1,\n}\n', 3, 1],
    ['a trailing comma in an array', '{\n  "a": [\n    1,\n  ]\n}\n', 4, 3],
    ['a key missing its closing quote', '{\n  "ok": true,\n  "name: "x"\n}\n', 3, 11],
    ['a value missing its opening quote', '{\n  "name": x"\n}\n', 2, 11],
    ['a string missing its closing quote (ends at the line break)', '{\n  "name": "x,\n  "b": 1\n}\n', 2, 14],
    ['a missing value', '{\n  "packs": [],\n  "a": }\n', 3, 8],
    ['a missing comma between members', '{\n  "a": 1\n  "b": 2\n}\n', 3, 3],
    ['a single-quoted string', "{\n  'a': 1\n}\n", 2, 3],
    ['a second top-level value', '{"a": 1}\n{"b": 2}\n', 2, 1],
    ['truncated input inside an array', '{\n  "a": [1, 2', 2, 13],
    ['truncated input after a comma', '{\n  "a": [1, 2,', 2, 14],
    ['a minus sign without digits', '{"a": -}', 1, 7],
    ['truncated input inside a string', '{\n  "registry_name": "Attu', 2, 25],
    ['empty input', '', 1, 1],
    ['a bad escape', '{"a": "\\x"}', 1, 8],
  ])('%s', (_what, text, line, column) => {
    const message = failure(text);
    expect(message).toMatch(new RegExp(`^index\\.json:${line}:${column}: not valid JSON \\(.+\\); fix the syntax at that point$`));
    // The JSON text itself is never echoed into the message.
    expect(message).not.toContain('is not valid JSON');
  });

  it('V8 gives no position for an unexpected token; the line and column are still exact', () => {
    const text = '{\n  "packs": [],\n  "a": }\n';
    expect(v8Message(text)).not.toMatch(/position \d+/);
    expect(failure(text)).toBe(`index.json:3:8: not valid JSON (Unexpected token '}'); fix the syntax at that point`);
  });

  it.each([
    ['short text, quoted whole', '{"a": tru}'],
    ['long text, quoted with a leading ellipsis', `{\n  "registry_name": "${'x'.repeat(40)}",\n  "a": }\n`],
    ['long text, quoted with ellipses on both sides', `{"a": }${' '.repeat(60)}`],
  ])('V8 quotes the JSON text in some messages (%s): the quote is left out, line breaks and all', (_what, text) => {
    expect(v8Message(text)).toMatch(/is not valid JSON$/);
    const message = failure(text);
    expect(message).toMatch(/^index\.json:\d+:\d+: not valid JSON \(Unexpected token '.'\); fix the syntax at that point$/);
  });

  it('V8 gives no position for truncated input; the column is just past the end', () => {
    const text = '{\n  "packs": [1, 2,';
    expect(v8Message(text)).not.toMatch(/position \d+/);
    expect(failure(text)).toBe('index.json:2:18: not valid JSON (Unexpected end of JSON input); fix the syntax at that point');
  });

  it('the message names the file it was given', () => {
    expect(failure('{,}', '/srv/registry/index.json')).toMatch(/^\/srv\/registry\/index\.json:1:2: /);
  });

  it('a UTF-8 byte order mark is skipped: valid JSON parses, errors are located in the text after it', () => {
    expect(parseJsonText('\uFEFF{"a": [1]}\n', 'x.json')).toEqual({ a: [1] });
    expect(failure('\uFEFF{\n  "a": 1,\n}\n')).toMatch(/^index\.json:3:1: /);
    // On the first line the invisible mark does not count as a column.
    expect(failure('\uFEFF{"a" 1}')).toMatch(/^index\.json:1:6: /);
  });

  it('CRLF line ends count as one line each', () => {
    expect(failure('{\r\n  "a": 1,\r\n}\r\n')).toMatch(/^index\.json:3:1: /);
  });

  it('valid JSON is returned as parsed', () => {
    expect(parseJsonText('{"packs": [], "n": 1.5, "s": "\\u2014"}', 'x.json')).toEqual({ packs: [], n: 1.5, s: '\u2014' });
  });
});

describe('jsonErrorOffset agrees with V8 wherever V8 reports a position', () => {
  it.each([
    '{"a": 1,}',
    '[1, 2,]',
    '{"a" 1}',
    '{"a": 01}',
    '{"a": "b\nc"}',
    '{"a": tru}',
    '[1 2]',
    '{"a": 1}}',
    '"abc',
  ])('%j', (text) => {
    const match = /position (\d+)/.exec(v8Message(text));
    const offset = jsonErrorOffset(text);
    if (match) expect(offset).toBe(Number(match[1]));
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(text.length);
  });

  it('lineColumn counts 1-based lines and columns', () => {
    expect(lineColumn('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 });
  });
});
