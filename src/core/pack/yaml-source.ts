import { LineCounter, isMap, isNode, parseDocument, type Document } from 'yaml';
import type { Problem } from './problem.js';

/** A parsed YAML file that still knows where every value came from. */
export interface YamlSource {
  /** The parsed document; meaningful only when {@link YamlSource.errors} is empty. */
  doc: Document;
  /** Syntax errors, each with line and column. */
  errors: Problem[];
  /** Things the YAML parser accepted but flagged, such as unknown tags. */
  warnings: Problem[];
  /** Line and column of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: readonly (string | number)[]): { line?: number; column?: number };
}

/** Advice for the syntax errors people actually make, keyed by the yaml package's error code. */
const SYNTAX_FIXES: Record<string, string> = {
  MISSING_CHAR: 'add the missing closing quote or bracket',
  BAD_INDENT: 'indent this line like its siblings and close any open [ or {',
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  DUPLICATE_KEY: 'keep one of the repeated keys and delete the other',
  BLOCK_AS_IMPLICIT_KEY: 'put a nested mapping on its own indented lines, or quote a value that contains ": "',
  MULTILINE_IMPLICIT_KEY: 'check the indentation of this line against the key above it',
  UNEXPECTED_TOKEN: 'remove the stray character or quote the value',
};
const DEFAULT_SYNTAX_FIX = 'correct the YAML syntax here (indentation, quotes, and ": " after each key)';

/** Parse YAML text, keeping node ranges so problems can point at lines and columns. */
export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  // prettyErrors: false keeps messages to one clean sentence; positions come from the line counter.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    // line 0 means the text has no newline before offset: it is on the first line.
    return { line: Math.max(line, 1), column: col };
  };
  const errors = doc.errors.map((e) => ({
    path: '',
    ...at(e.pos[0]),
    message: `YAML syntax error: ${e.message}`,
    fix: SYNTAX_FIXES[e.code] ?? DEFAULT_SYNTAX_FIX,
  }));
  const warnings = doc.warnings.map((w) => ({
    path: '',
    ...at(w.pos[0]),
    message: `YAML: ${w.message}`,
    fix: 'remove the custom tag or quote the value',
  }));
  const locate = (path: readonly (string | number)[]): { line?: number; column?: number } => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return {};
  };
  return { doc, errors, warnings, locate };
}

/** True when the document's root is a mapping (pack files must be). */
export function hasMappingRoot(source: YamlSource): boolean {
  return isMap(source.doc.contents);
}

/**
 * The document as plain data. `toJS` refuses documents that expand too many aliases
 * (a "billion laughs" guard), so that refusal is returned as a problem, not thrown.
 */
export function toPlainData(source: YamlSource): { data?: unknown; problem?: Problem } {
  try {
    return { data: source.doc.toJS() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      problem: {
        path: '',
        message: `the YAML cannot be expanded: ${reason}`,
        fix: 'replace the repeated aliases (*name) with plain values',
      },
    };
  }
}

/** The source text of the scalar at `path` (e.g. "1.10" for a value YAML read as the number 1.1). */
export function sourceText(source: YamlSource, path: readonly (string | number)[]): string | undefined {
  const node = source.doc.getIn(path, true) as { source?: unknown } | undefined;
  return typeof node?.source === 'string' ? node.source : undefined;
}
