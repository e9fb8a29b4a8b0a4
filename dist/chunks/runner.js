import { spawn } from 'node:child_process';
import { R as RemoteError } from './errors.js';

/** {@link ProcessRunner} on node:child_process. */
const nodeProcessRunner = {
    async run(command, args, options) {
        const child = this.start(command, args, options);
        child.stdin.end();
        const chunks = [];
        child.stdout.on('data', (chunk) => chunks.push(chunk));
        const { code, stderr } = await child.done;
        return { code, stdout: Buffer.concat(chunks), stderr };
    },
    start(command, args, options) {
        const child = spawn(command, [...args], {
            cwd: options?.cwd,
            env: options?.env ? { ...process.env, ...options.env } : process.env,
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        const stderr = [];
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        // A child that exits early closes its stdin; that is reported through `done`, not as a crash.
        child.stdin.on('error', () => undefined);
        const done = new Promise((resolve, reject) => {
            child.on('error', (error) => {
                const hint = error.code === 'ENOENT' ? `${command} is not installed or not on PATH` : error.message;
                reject(new RemoteError(`cannot run ${command}: ${hint}`, { cause: error }));
            });
            child.on('close', (code, signal) => {
                resolve({ code: code ?? (signal ? 128 : 1), stderr: Buffer.concat(stderr).toString('utf8').trim() });
            });
        });
        return { stdin: child.stdin, stdout: child.stdout, done, kill: () => child.kill('SIGTERM') };
    },
};

export { nodeProcessRunner };
