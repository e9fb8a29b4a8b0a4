import { d as distExports } from './index2.js';

/** Advice for the syntax errors people actually make, keyed by the yaml package's error code. */
const SYNTAX_FIXES = {
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
function parseYamlSource(text) {
    const lineCounter = new distExports.LineCounter();
    // prettyErrors: false keeps messages to one clean sentence; positions come from the line counter.
    const doc = distExports.parseDocument(text, { lineCounter, prettyErrors: false });
    const at = (offset) => {
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
    const locate = (path) => {
        for (let n = path.length; n >= 0; n--) {
            const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
            if (distExports.isNode(node) && node.range)
                return at(node.range[0]);
        }
        return {};
    };
    return { doc, errors, warnings, locate };
}
/** True when the document's root is a mapping (pack files must be). */
function hasMappingRoot(source) {
    return distExports.isMap(source.doc.contents);
}
/**
 * The document as plain data. `toJS` refuses documents that expand too many aliases
 * (a "billion laughs" guard), so that refusal is returned as a problem, not thrown.
 */
function toPlainData(source) {
    try {
        return { data: source.doc.toJS() };
    }
    catch (error) {
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
function sourceText(source, path) {
    const node = source.doc.getIn(path, true);
    return typeof node?.source === 'string' ? node.source : undefined;
}

export { hasMappingRoot as h, parseYamlSource as p, sourceText as s, toPlainData as t };
