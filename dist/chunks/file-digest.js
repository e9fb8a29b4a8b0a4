import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { f as fsInputError, I as InputError } from './errors.js';

/** Read size per step: large enough that thread-pool round trips stay rare, small enough to keep memory flat. */
const CHUNK = 4 << 20;
/**
 * Digest of a file's bytes, streamed: memory stays at two 4 MiB buffers whatever the size.
 * The next read runs on the thread pool while the current chunk is hashed, so I/O and
 * hashing overlap.
 */
async function digestFile(path, algorithm) {
    let handle;
    try {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever (and
        // hold a thread-pool thread). It has no effect on regular files; anything else is
        // refused just below.
        handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    }
    catch (error) {
        throw fsInputError(error, 'file', path);
    }
    try {
        const stat = await handle.stat();
        if (!stat.isFile())
            throw new InputError(`file ${path} is not a regular file`);
        const hash = createHash(algorithm);
        const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
        let size = 0;
        let turn = 0;
        let pending = handle.read(buffers[0], 0, CHUNK, null);
        for (;;) {
            const { bytesRead } = await pending;
            if (bytesRead === 0)
                break;
            const current = buffers[turn];
            turn ^= 1;
            pending = handle.read(buffers[turn], 0, CHUNK, null);
            hash.update(current.subarray(0, bytesRead));
            size += bytesRead;
        }
        return { algorithm, hex: hash.digest('hex'), size };
    }
    catch (error) {
        throw fsInputError(error, 'file', path);
    }
    finally {
        await handle.close();
    }
}

export { digestFile as d };
