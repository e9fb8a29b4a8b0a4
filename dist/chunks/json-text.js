import { I as InputError } from './errors.js';

/**
 * The offset of the first syntax error in JSON text, found by a minimal scanner. V8's
 * messages carry a position for some errors only ("Unexpected token '}', ... is not valid
 * JSON" has none), and users need a line and column for every one.
 */
function jsonErrorOffset(text) {
    const scanner = new Scanner(text);
    try {
        scanner.value();
        scanner.space();
        if (scanner.at < text.length)
            return scanner.at;
        return text.length;
    }
    catch (error) {
        if (error instanceof ScanError)
            return error.offset;
        throw error;
    }
}
class ScanError extends Error {
    offset;
    constructor(offset) {
        super(`JSON syntax error at ${offset}`);
        this.offset = offset;
    }
}
class Scanner {
    text;
    at = 0;
    constructor(text) {
        this.text = text;
    }
    space() {
        while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]))
            this.at += 1;
    }
    value() {
        this.space();
        const c = this.text[this.at];
        if (c === '{')
            return this.object();
        if (c === '[')
            return this.array();
        if (c === '"')
            return this.string();
        if (c === '-' || (c >= '0' && c <= '9'))
            return this.number();
        for (const word of ['true', 'false', 'null']) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length;
                return;
            }
        }
        throw new ScanError(this.at);
    }
    object() {
        this.at += 1;
        this.space();
        if (this.text[this.at] === '}') {
            this.at += 1;
            return;
        }
        for (;;) {
            this.space();
            if (this.text[this.at] !== '"')
                throw new ScanError(this.at);
            this.string();
            this.space();
            if (this.text[this.at] !== ':')
                throw new ScanError(this.at);
            this.at += 1;
            this.value();
            this.space();
            const c = this.text[this.at];
            this.at += 1;
            if (c === '}')
                return;
            if (c !== ',')
                throw new ScanError(this.at - 1);
        }
    }
    array() {
        this.at += 1;
        this.space();
        if (this.text[this.at] === ']') {
            this.at += 1;
            return;
        }
        for (;;) {
            this.value();
            this.space();
            const c = this.text[this.at];
            this.at += 1;
            if (c === ']')
                return;
            if (c !== ',')
                throw new ScanError(this.at - 1);
        }
    }
    string() {
        this.at += 1;
        while (this.at < this.text.length) {
            const c = this.text[this.at];
            if (c === '"') {
                this.at += 1;
                return;
            }
            if (c < ' ')
                throw new ScanError(this.at);
            if (c === '\\') {
                const e = this.text[this.at + 1];
                if (e === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6)))
                        throw new ScanError(this.at);
                    this.at += 6;
                    continue;
                }
                if (!'"\\/bfnrt'.includes(e ?? ''))
                    throw new ScanError(this.at);
                this.at += 2;
                continue;
            }
            this.at += 1;
        }
        throw new ScanError(this.at);
    }
    number() {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
        if (!match)
            throw new ScanError(this.at);
        this.at += match[0].length;
    }
}

/**
 * Parse JSON text; a syntax error becomes an InputError naming the file, line and column
 * (V8 reports a character position, which is turned into a line and column here).
 */
function parseJsonText(text, file) {
    try {
        return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
        const { line, column } = lineColumn(body, jsonErrorOffset(body));
        const detail = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
        throw new InputError(`${file}:${line}:${column}: not valid JSON (${detail}); fix the syntax at that point`, { cause: error });
    }
}
/** 1-based line and column of a character offset. */
function lineColumn(text, position) {
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

export { parseJsonText as p };
