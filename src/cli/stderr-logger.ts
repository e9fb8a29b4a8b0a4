import type { Logger } from '../core/logger.js';

/** Logs to standard error so standard output carries only results. */
export function stderrLogger(write: (text: string) => void, debug: boolean): Logger {
  return {
    debug: (m) => {
      if (debug) write(`debug: ${m}\n`);
    },
    info: (m) => write(`${m}\n`),
    warning: (m) => write(`warning: ${m}\n`),
    error: (m) => write(`error: ${m}\n`),
  };
}
