import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { R as RemoteError, I as InputError } from './errors.js';
import { B as ByteReader } from './byte-reader.js';
import { nodeProcessRunner } from './runner.js';

const COMMIT_ID = /^[0-9a-f]{40}$/;
/** {@link Git} on the git command line, through a {@link ProcessRunner}. */
class GitCli {
    runner;
    constructor(runner) {
        this.runner = runner;
    }
    async locate(dir) {
        let result;
        try {
            result = await this.runner.run('git', ['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: dir });
        }
        catch {
            return undefined; // git is not installed: the directory is treated as a plain folder
        }
        if (result.code !== 0) {
            if (/dubious ownership/.test(result.stderr)) {
                throw new RemoteError(`git refuses the repository holding ${dir}: ${result.stderr}. Mark it safe with git config --global --add safe.directory <path>`);
            }
            return undefined;
        }
        const [top, prefix = ''] = result.stdout.toString('utf8').split('\n');
        return { top, prefix: prefix.replace(/\/$/, '') };
    }
    async resolveCommit(top, rev) {
        if (rev === '' || rev.startsWith('-'))
            throw new InputError(`--git-ref "${rev}" is not a revision; give a commit id, tag or branch`);
        const result = await this.git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
        const commit = result.stdout.toString('utf8').trim();
        if (result.code !== 0 || !COMMIT_ID.test(commit)) {
            throw new InputError(`--git-ref "${rev}" names no commit in the repository at ${top}; check the spelling, or fetch it (actions/checkout with fetch-depth: 0 for tags)`);
        }
        return commit;
    }
    async listTree(top, commit, prefix) {
        const args = ['ls-tree', '-r', '-z', '-l', '--full-tree', commit];
        // A literal pathspec matches the path itself and everything below it, never "prefix*".
        if (prefix !== '')
            args.push('--', `:(literal)${prefix}`);
        const result = await this.checked(top, args);
        return parseLsTree(result);
    }
    async exportIgnored(top, commit, paths) {
        if (paths.length === 0)
            return new Set();
        // check-attr can read .gitattributes from an index only, so load the commit into a
        // throw-away index: this works on every git version (check-attr --source needs 2.40).
        const dir = await mkdtemp(join(tmpdir(), 'packreg-index-'));
        try {
            const env = { GIT_INDEX_FILE: join(dir, 'index') };
            await this.checked(top, ['read-tree', commit], { env });
            const child = this.runner.start('git', ['check-attr', '--cached', '-z', '--stdin', 'export-ignore'], { cwd: top, env });
            child.stdin.end(paths.join('\0') + '\0');
            const out = [];
            child.stdout.on('data', (chunk) => out.push(chunk));
            const done = await child.done;
            if (done.code !== 0)
                throw new RemoteError(`git check-attr failed in ${top}: ${done.stderr}`);
            return parseCheckAttr(Buffer.concat(out).toString('utf8'));
        }
        finally {
            await rm(dir, { recursive: true, force: true });
        }
    }
    async *readBlobs(top, oids) {
        if (oids.length === 0)
            return;
        const child = this.runner.start('git', ['cat-file', '--batch'], { cwd: top });
        child.stdin.end(oids.join('\n') + '\n');
        const reader = new ByteReader(child.stdout, `git cat-file in ${top}`, (message) => new RemoteError(`${message}; the repository may be corrupt (try git fsck)`));
        let finished = false;
        try {
            for (const oid of oids) {
                const header = (await reader.readUntil(0x0a)).toString('utf8').split(' ');
                if (header[0] !== oid || header[1] !== 'blob')
                    throw new RemoteError(`git cat-file: expected blob ${oid}, got "${header.join(' ')}"`);
                const size = Number(header[2]);
                let consumed = 0;
                const chunks = (async function* () {
                    for await (const chunk of reader.stream(size)) {
                        consumed += chunk.length;
                        yield chunk;
                    }
                })();
                yield { oid, size, chunks };
                // Whatever the consumer left unread, and the newline that ends each object.
                await reader.skip(size - consumed + 1);
            }
            finished = true;
        }
        finally {
            // Stopped early (an error, or the consumer broke off): end the child, then reap it.
            if (!finished) {
                child.kill();
                // Unread output would keep the pipe, and so `done`, from ever closing.
                child.stdout.destroy();
                await child.done.catch(() => undefined);
            }
        }
        const done = await child.done;
        if (done.code !== 0)
            throw new RemoteError(`git cat-file failed in ${top}: ${done.stderr}`);
    }
    async dirtyPaths(top, prefix) {
        const args = ['status', '--porcelain', '-z', '--untracked-files=all'];
        if (prefix !== '')
            args.push('--', `:(literal)${prefix}`);
        const result = await this.checked(top, args);
        return result
            .toString('utf8')
            .split('\0')
            .filter((line) => line.length > 3)
            .map((line) => line.slice(3));
    }
    async changedPaths(top, base, head) {
        const result = await this.checked(top, ['diff', '--name-only', '-z', '--no-renames', `${base}...${head}`, '--']);
        return result
            .toString('utf8')
            .split('\0')
            .filter((path) => path !== '');
    }
    git(top, args, options) {
        return this.runner.run('git', args, { ...options, cwd: top });
    }
    async checked(top, args, options) {
        const result = await this.git(top, args, options);
        if (result.code !== 0)
            throw new RemoteError(`git ${args[0]} failed in ${top}: ${result.stderr || `exit code ${result.code}`}`);
        return result.stdout;
    }
}
/** Parse `git ls-tree -r -z -l` records: `<mode> <type> <oid> <size>\t<path>`. */
function parseLsTree(output) {
    const blobs = [];
    for (const record of output.toString('utf8').split('\0')) {
        if (record === '')
            continue;
        const tab = record.indexOf('\t');
        const [mode, , oid, size] = record.slice(0, tab).split(/ +/);
        blobs.push({ path: record.slice(tab + 1), mode, oid, size: size === '-' ? 0 : Number(size) });
    }
    return blobs;
}
/** Parse `git check-attr -z` output (`path\0attr\0info\0`...) into the set of paths where the attribute is set. */
function parseCheckAttr(output) {
    const fields = output.split('\0');
    const set = new Set();
    for (let i = 0; i + 2 < fields.length; i += 3) {
        if (fields[i + 2] === 'set')
            set.add(fields[i]);
    }
    return set;
}

/** Real implementations: the git command line. */
function defaultDeps(logger) {
    return { logger, git: new GitCli(nodeProcessRunner) };
}

export { defaultDeps as d };
