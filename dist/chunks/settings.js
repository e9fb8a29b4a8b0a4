import { U as UsageError } from './errors.js';

/**
 * How long one setup command (venv creation, pip install, npm ci/install) may run by default:
 * long enough for a large requirements.txt on a slow mirror, short enough that a pip stuck on an
 * unreachable index fails the CI job in minutes rather than at the runner's 6-hour limit.
 */
const DEFAULT_SETUP_TIMEOUT_SECONDS = 900;
/** The largest limit a timer can hold (setTimeout fires at once beyond 2^31-1 ms, about 24.8 days). */
const MAX_SETUP_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
/** True when `seconds` is a usable setup time limit: a whole number from 1 to {@link MAX_SETUP_TIMEOUT_SECONDS}. */
function isSetupTimeout(seconds) {
    return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_SETUP_TIMEOUT_SECONDS;
}
/**
 * The setup time limit a flag or input gives, as seconds; undefined when it is not given (the
 * default applies). `name` is how the user wrote it (`--setup-timeout`, `input setup-timeout`).
 * Throws a UsageError naming it and the value unless the text is a positive whole number.
 */
function parseSetupTimeout(text, name) {
    if (text === undefined)
        return undefined;
    const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!isSetupTimeout(seconds)) {
        throw new UsageError(`${name}: "${text}" is not a positive whole number of seconds (1 to ${MAX_SETUP_TIMEOUT_SECONDS}); write for example 1800 for 30 minutes (default ${DEFAULT_SETUP_TIMEOUT_SECONDS})`);
    }
    return seconds;
}

export { DEFAULT_SETUP_TIMEOUT_SECONDS as D, MAX_SETUP_TIMEOUT_SECONDS as M, isSetupTimeout as i, parseSetupTimeout as p };
