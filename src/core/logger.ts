/**
 * The one way core code reports progress. Actions back it with @actions/core,
 * the CLI with stderr, tests with {@link MemoryLogger}.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};

/** Everything `logger` would print, at debug level only (for findings reported another way). */
export function debugOnly(logger: Logger): Logger {
  const debug = (message: string): void => logger.debug(message);
  return { debug, info: debug, warning: debug, error: debug };
}

/** A logger that keeps every line, for tests and for summaries. */
export class MemoryLogger implements Logger {
  readonly lines: { level: 'debug' | 'info' | 'warning' | 'error'; message: string }[] = [];
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  /** Messages at one level. */
  at(level: 'debug' | 'info' | 'warning' | 'error'): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}
