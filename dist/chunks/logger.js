/** A logger that drops everything. */
const silentLogger = {
    debug: () => undefined,
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
};
/** Everything `logger` would print, at debug level only (for findings reported another way). */
function debugOnly(logger) {
    const debug = (message) => logger.debug(message);
    return { debug, info: debug, warning: debug, error: debug };
}

export { debugOnly as d, silentLogger as s };
