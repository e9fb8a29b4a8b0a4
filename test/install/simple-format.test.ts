import { describe, expect, it } from '@jest/globals';
import { parseSimpleResults } from '../../src/core/install/simple-format.js';

describe('parseSimpleResults', () => {
  it('reads the four lines among other output', () => {
    const output = 'running tests\nok test_a\nFAIL test_b\nTotal Tests: 4\nPassed: 2\nFailed: 1\nSkipped: 1\nbye\n';
    expect(parseSimpleResults(output)).toEqual({ total: 4, passed: 2, failed: 1, skipped: 1 });
  });

  it('allows indentation, blanks after the colon and at the end, and CRLF line ends', () => {
    expect(parseSimpleResults('  Total Tests:  3 \r\n\tPassed:3\r\n    Failed: 0\r\n')).toEqual({ total: 3, passed: 3, failed: 0, skipped: 0 });
  });

  it('takes the last value of each field when blocks repeat', () => {
    const output = 'Total Tests: 1\nPassed: 1\nFailed: 0\nSkipped: 0\nTotal Tests: 5\nPassed: 3\nFailed: 2\n';
    // Skipped appeared once: its only value stays
    expect(parseSimpleResults(output)).toEqual({ total: 5, passed: 3, failed: 2, skipped: 0 });
    expect(parseSimpleResults('Skipped: 2\nPassed: 1\nSkipped: 4\n')).toEqual({ total: 5, passed: 1, failed: 0, skipped: 4 });
  });

  it('computes a missing total and fills missing fields with 0', () => {
    expect(parseSimpleResults('Passed: 2\nFailed: 1\nSkipped: 3\n')).toEqual({ total: 6, passed: 2, failed: 1, skipped: 3 });
    expect(parseSimpleResults('Failed: 2\n')).toEqual({ total: 2, passed: 0, failed: 2, skipped: 0 });
    expect(parseSimpleResults('Total Tests: 7\n')).toEqual({ total: 7, passed: 0, failed: 0, skipped: 0 });
  });

  it('is undefined without Total, Passed or Failed', () => {
    expect(parseSimpleResults('')).toBeUndefined();
    expect(parseSimpleResults('Ran 3 tests in 0.001s\n\nOK\n')).toBeUndefined();
    expect(parseSimpleResults('Skipped: 3\n')).toBeUndefined();
  });

  it('reads only whole lines: not text inside a line, other words, or odd numbers', () => {
    expect(parseSimpleResults('log: Passed: 3\n')).toBeUndefined();
    expect(parseSimpleResults('Failed: 2 of 3\n')).toBeUndefined();
    expect(parseSimpleResults('passed: 3\nFAILED: 1\n')).toBeUndefined();
    expect(parseSimpleResults('Passed: -1\nFailed: 1.5\nTotal Tests: x\n')).toBeUndefined();
    expect(parseSimpleResults('Total: 3\nTests Passed: 2\n')).toBeUndefined();
  });
});
