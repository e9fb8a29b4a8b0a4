/**
 * The chunks of `stream` one by one, exactly as it emits them, reading ahead up to `ahead`
 * bytes: the stream is paused while that much waits to be taken, so it keeps producing (in
 * the thread pool, for zlib) while the consumer is busy, in bounded memory.
 *
 * Not the stream's own async iterator: that returns everything buffered as one chunk, so
 * with a read-ahead of several chunks it copies them all into a new buffer each time.
 *
 * A stream error is thrown as soon as it is seen (chunks still waiting are dropped), also one
 * that happened before the loop started; a stream that closes before its end without an
 * error throws too. Leaving the loop early removes the listeners and leaves the stream
 * paused, for the caller to destroy.
 */
async function* chunksOf(stream, ahead) {
    const queue = [];
    let queued = 0;
    let ended = false;
    let failure;
    let wake;
    const notify = () => {
        const waiting = wake;
        wake = undefined;
        waiting?.();
    };
    const onData = (chunk) => {
        queue.push(chunk);
        queued += chunk.length;
        if (queued >= ahead)
            stream.pause();
        notify();
    };
    const onEnd = () => {
        ended = true;
        notify();
    };
    const onError = (error) => {
        failure ??= { error };
        notify();
    };
    const onClose = () => {
        if (!ended)
            failure ??= { error: new Error('the stream closed before its end') };
        notify();
    };
    // The stream may have failed or ended before anyone listened (its events are gone by now).
    if (stream.errored !== null)
        failure = { error: stream.errored };
    else if (stream.readableEnded)
        ended = true;
    else if (stream.destroyed)
        onClose();
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
    try {
        for (;;) {
            if (failure !== undefined)
                throw failure.error;
            const chunk = queue.shift();
            if (chunk !== undefined) {
                queued -= chunk.length;
                if (stream.isPaused() && queued < ahead)
                    stream.resume();
                yield chunk;
                continue;
            }
            if (ended)
                return;
            await new Promise((resolve) => {
                wake = resolve;
            });
        }
    }
    finally {
        stream.pause();
        stream.off('data', onData);
        stream.off('end', onEnd);
        stream.off('error', onError);
        stream.off('close', onClose);
    }
}

/**
 * Asynchronous work started in the background, a bounded number of tasks at a time: how
 * extraction writes a chunk while the next is inflated, and how a download writes one batch
 * while the next arrives, without letting memory grow with the input.
 *
 * The first failure is kept: the next {@link WorkPool.add} or {@link WorkPool.drain} throws
 * it, and nothing new starts after it. {@link WorkPool.settle} waits for everything already
 * started, whether it succeeds or fails, so a caller that cleans up after a failure knows
 * that no write is still landing in what it removes.
 */
class WorkPool {
    maxTasks;
    running = new Set();
    failure;
    /** At most `maxTasks` tasks run at once. */
    constructor(maxTasks) {
        this.maxTasks = maxTasks;
    }
    /** Tasks started and not yet finished. */
    get size() {
        return this.running.size;
    }
    /**
     * Start `task` once there is room, and return without waiting for it. Throws the first
     * failure of an earlier task instead of starting this one.
     */
    async add(task) {
        this.throwIfFailed();
        while (this.running.size >= this.maxTasks) {
            await Promise.race(this.running);
            this.throwIfFailed();
        }
        const run = Promise.resolve()
            .then(task)
            .then(() => undefined, (error) => {
            this.failure ??= { error };
        })
            .finally(() => {
            this.running.delete(run);
        });
        this.running.add(run);
    }
    /** Wait for every task; throws the first failure, if any. */
    async drain() {
        await this.settle();
        this.throwIfFailed();
    }
    /** Wait for every task started so far to finish, successfully or not; never throws. */
    async settle() {
        // `running` never holds a rejecting promise: failures are caught into `failure` above.
        while (this.running.size > 0)
            await Promise.all(this.running);
    }
    throwIfFailed() {
        if (this.failure !== undefined)
            throw this.failure.error;
    }
}

export { WorkPool as W, chunksOf as c };
