import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Milliseconds between SIGTERM and SIGKILL for a group that outlived its timeout. */
const KILL_GRACE_MS = 2000;
/** How long to wait for pipes to close after the leader exits (a detached grandchild may hold them). */
const CLOSE_GRACE_MS = 500;
const DEFAULT_MAX_OUTPUT = 1024 * 1024;
/** {@link CommandRunner} on node:child_process; each command leads its own process group. */
const nodeCommandRunner = {
    run(command, args, options) {
        return new Promise((resolve) => {
            const started = performance.now();
            const output = new OutputTail(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT);
            // detached: the child leads a new process group, so a timeout can kill its descendants too
            // (a test script's sleep, pytest's workers), and a terminal's Ctrl-C reaches packreg first.
            const child = spawn(command, [...args], { cwd: options.cwd, env: { ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
            let timedOut = false;
            let aborted = false;
            let settled = false;
            const killGroup = (signal) => {
                if (child.pid === undefined)
                    return;
                try {
                    process.kill(-child.pid, signal);
                }
                catch {
                    // the group is already gone
                }
            };
            const stop = () => {
                killGroup('SIGTERM');
                setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
            };
            const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), stop()), options.timeoutMs);
            const onAbort = () => {
                aborted = true;
                stop();
            };
            if (options.signal?.aborted)
                onAbort();
            else
                options.signal?.addEventListener('abort', onAbort, { once: true });
            const onData = (chunk) => {
                output.push(chunk);
                options.onOutput?.(chunk.toString('utf8'));
            };
            child.stdout.on('data', onData);
            child.stderr.on('data', onData);
            const finish = (code, notStarted) => {
                if (settled)
                    return;
                settled = true;
                if (timer)
                    clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                // Whatever the leader left running in its group goes with it.
                if (!notStarted)
                    killGroup('SIGKILL');
                resolve({ code, notStarted, timedOut, aborted, output: output.text(), truncated: output.truncated, durationMs: performance.now() - started });
            };
            child.on('error', (error) => {
                finish(-1, error.code === 'ENOENT' ? notFound(command, options.cwd) : error.message);
            });
            child.on('exit', (code) => {
                const exitCode = code ?? -1;
                const late = setTimeout(() => finish(exitCode), CLOSE_GRACE_MS);
                child.on('close', () => {
                    clearTimeout(late);
                    finish(exitCode);
                });
            });
        });
    },
};
/** Node reports a missing working folder as ENOENT too: say which one is missing. */
function notFound(command, cwd) {
    return existsSync(cwd) ? `${command} is not installed or not on PATH` : `its working folder ${cwd} does not exist`;
}
/** The last `limit` bytes of a stream of chunks. */
class OutputTail {
    limit;
    chunks = [];
    size = 0;
    truncated = false;
    constructor(limit) {
        this.limit = limit;
    }
    push(chunk) {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.size > this.limit && this.chunks.length > 0) {
            const first = this.chunks[0];
            const excess = this.size - this.limit;
            this.truncated = true;
            if (first.length <= excess) {
                this.chunks.shift();
                this.size -= first.length;
            }
            else {
                this.chunks[0] = first.subarray(excess);
                this.size -= excess;
            }
        }
    }
    text() {
        return Buffer.concat(this.chunks).toString('utf8');
    }
}

export { nodeCommandRunner };
