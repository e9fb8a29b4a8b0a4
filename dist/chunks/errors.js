/**
 * Typed errors by cause. Every error packreg raises on purpose is a {@link PackregError}:
 * the CLI maps its `exitCode` to the process exit status and the actions report its message.
 * Messages name the input or file, say what was expected and how to fix it.
 */
/** Process exit codes, documented in README.md ("Exit codes"). */
const ExitCode = {
    /** Everything worked. */
    Ok: 0,
    /** The check ran and failed: a checksum did not match, a pack did not validate. */
    CheckFailed: 1,
    /** The command line or action inputs are malformed (unknown flag, bad value). */
    Usage: 2,
    /** An input file or directory is missing, unreadable or invalid. */
    Input: 3,
    /** A remote system (git, HTTP, object store) failed or refused. */
    Remote: 4,
    /** Downloaded or built content does not match its expected checksum. */
    Integrity: 5,
    /** A bug in packreg: please report it. */
    Internal: 70,
    /** SIGINT or SIGTERM stopped the command (128 + SIGINT, as shells report it); its temporary files were removed. */
    Interrupted: 130,
};
/** Base class of every error packreg raises deliberately. */
class PackregError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/** The command line or action inputs are malformed. */
class UsageError extends PackregError {
    exitCode = ExitCode.Usage;
}
/** A file or directory given as input is missing, unreadable or invalid. */
class InputError extends PackregError {
    exitCode = ExitCode.Input;
}
/** A check ran and did not pass (the caller asked for it, so this is not a crash). */
class CheckFailedError extends PackregError {
    exitCode = ExitCode.CheckFailed;
}
/** A remote system or external tool failed. */
class RemoteError extends PackregError {
    exitCode = ExitCode.Remote;
}
/** Content does not match the checksum it must have. */
class IntegrityError extends PackregError {
    expected;
    actual;
    exitCode = ExitCode.Integrity;
    constructor(message, expected, actual, options) {
        super(message, options);
        this.expected = expected;
        this.actual = actual;
    }
}
/** Something that should not happen did. */
class InternalError extends PackregError {
    exitCode = ExitCode.Internal;
}
/** Exit code for any thrown value: a PackregError's own, else {@link ExitCode.Internal}. */
function exitCodeOf(error) {
    return error instanceof PackregError ? error.exitCode : ExitCode.Internal;
}
/** A short message for any thrown value. */
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * Turn a Node.js file-system error into an InputError that names the file and what to do.
 * `what` describes the file's role, such as "pack directory" or "--out file".
 */
function fsInputError(error, what, path) {
    if (error instanceof PackregError)
        return error;
    const code = error?.code;
    const hint = {
        ENOENT: 'does not exist; check the path',
        EACCES: 'is not readable (permission denied); fix its permissions',
        EPERM: 'cannot be accessed (operation not permitted)',
        ENOTDIR: 'has a path component that is not a directory',
        EISDIR: 'is a directory where a file was expected',
        EEXIST: 'already exists',
        ENOSPC: 'cannot be written: no space left on device',
        ELOOP: 'is a symbolic link loop',
    };
    const detail = (code && hint[code]) ?? `cannot be used (${messageOf(error)})`;
    return new InputError(`${what} ${path} ${detail}`, { cause: error });
}

export { CheckFailedError as C, ExitCode as E, InputError as I, PackregError as P, RemoteError as R, UsageError as U, IntegrityError as a, InternalError as b, exitCodeOf as e, fsInputError as f, messageOf as m };
