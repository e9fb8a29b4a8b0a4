import { R as RemoteError } from './errors.js';

/**
 * Variables for one git run: no prompts (a CI job has no terminal), and the token, if any,
 * as an extra header scoped to the remote's origin. GIT_CONFIG_COUNT replaces, rather than
 * adds to, configuration the caller set the same way, which is what we want here.
 */
function gitAuthEnvironment(remoteUrl, auth) {
    const env = { GIT_TERMINAL_PROMPT: '0' };
    if (!auth || !remoteUrl || !/^https?:\/\//i.test(remoteUrl))
        return env;
    const origin = new URL(remoteUrl).origin;
    const basic = Buffer.from(`x-access-token:${auth.token}`).toString('base64');
    return { ...env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `http.${origin}/.extraheader`, GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}` };
}
/** Lines of git's stderr that could carry a secret are never quoted. */
const quoted = (stderr) => stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/authorization|x-access-token/i.test(line))
    .join('; ')
    .slice(0, 600);
/** Why a ref was not pushed: the porcelain status after the refspec, then what the server said. */
function rejection(report) {
    const lines = report.split('\n');
    const status = lines.filter((l) => l.startsWith('!\t')).map((l) => l.split('\t').slice(2).join(' ').trim());
    const remote = lines.filter((l) => l.startsWith('remote:')).map((l) => l.trim());
    return quoted([...status, ...remote].join('\n'));
}
/** {@link RepoGit} on the git command line. */
class RepoGitCli {
    runner;
    constructor(runner) {
        this.runner = runner;
    }
    async clone(url, dir, branch, auth) {
        const args = ['clone', '--quiet', '--no-tags', '--single-branch', '--depth', '1', '--branch', branch, '--', url, dir];
        const result = await this.runner.run('git', args, { env: gitAuthEnvironment(url, auth) });
        if (result.code !== 0)
            throw new RemoteError(`git clone of ${url} (branch ${branch}) failed: ${quoted(result.stderr)}; check the repository URL, the branch and the token's access`);
    }
    async fetchBranch(top, branch, auth) {
        const env = await this.remoteEnvironment(top, auth);
        // A shallow clone stays shallow (one commit is all a retry needs); a full clone is never made shallow.
        const shallow = (await this.git(top, ['rev-parse', '--is-shallow-repository'])).stdout.toString('utf8').trim() === 'true';
        const depth = shallow ? ['--depth', '1'] : [];
        await this.checked(top, ['fetch', '--quiet', '--no-tags', ...depth, 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`], `fetch ${branch} from origin`, { env });
        return (await this.checked(top, ['rev-parse', '--verify', `refs/remotes/origin/${branch}^{commit}`], 'read the fetched commit')).stdout.toString('utf8').trim();
    }
    async resetBranch(top, branch, start) {
        await this.checked(top, ['checkout', '--quiet', '--force', '-B', branch, start], `check out ${branch} at ${start}`);
    }
    async stage(top, paths) {
        await this.checked(top, ['add', '--all', '--', ...paths.map((p) => `:(literal)${p}`)], 'stage the index files');
    }
    async hasStagedChanges(top) {
        const result = await this.git(top, ['diff', '--cached', '--quiet']);
        if (result.code > 1)
            throw new RemoteError(`git diff --cached failed in ${top}: ${quoted(result.stderr)}`);
        return result.code === 1;
    }
    async commit(top, message, author) {
        const identity = ['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`];
        await this.checked(top, [...identity, 'commit', '--quiet', '--no-verify', '--no-gpg-sign', '--message', message], 'commit the index update');
        return this.head(top);
    }
    async push(top, branch, options = {}) {
        const env = await this.remoteEnvironment(top, options.auth);
        const args = ['push', '--porcelain', ...(options.force ? ['--force'] : []), 'origin', `HEAD:refs/heads/${branch}`];
        const result = await this.git(top, args, { env });
        if (result.code === 0)
            return { pushed: true };
        const report = `${result.stdout.toString('utf8')}\n${result.stderr}`;
        // Porcelain marks a ref that was not updated with "!": "[rejected]" (non-fast-forward, fetch
        // first, stale info) when the branch moved, "[remote rejected]" when the server refused it.
        if (/^!\t.*\[remote rejected\]/m.test(report))
            return { pushed: false, kind: 'refused', reason: rejection(report) };
        if (/^!\t.*\[rejected\]/m.test(report))
            return { pushed: false, kind: 'moved', reason: rejection(report) };
        throw new RemoteError(`git push to ${branch} failed: ${quoted(report)}; check the token may push to the repository and the branch is not protected against it`);
    }
    async deleteBranch(top, branch, auth) {
        const env = await this.remoteEnvironment(top, auth);
        await this.checked(top, ['push', '--quiet', 'origin', `:refs/heads/${branch}`], `delete branch ${branch} on origin`, { env });
    }
    async readFile(top, rev, path) {
        const result = await this.git(top, ['cat-file', 'blob', `${rev}:${path}`]);
        if (result.code === 0)
            return result.stdout;
        if (/does not exist|not a valid object|exists on disk, but not in|invalid object name|Not a valid object name/i.test(result.stderr))
            return undefined;
        throw new RemoteError(`git cannot read ${path} at ${rev} in ${top}: ${quoted(result.stderr)}`);
    }
    async currentBranch(top) {
        const result = await this.git(top, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
        if (result.code === 1)
            return undefined;
        if (result.code !== 0)
            throw new RemoteError(`git cannot read the current branch of ${top}: ${quoted(result.stderr)}`);
        return result.stdout.toString('utf8').trim();
    }
    async head(top) {
        return (await this.checked(top, ['rev-parse', 'HEAD'], 'read HEAD')).stdout.toString('utf8').trim();
    }
    async remoteEnvironment(top, auth) {
        if (!auth)
            return gitAuthEnvironment(undefined, undefined);
        const url = (await this.git(top, ['remote', 'get-url', 'origin'])).stdout.toString('utf8').trim();
        return gitAuthEnvironment(url, auth);
    }
    git(top, args, options = {}) {
        return this.runner.run('git', args, { ...options, cwd: top, env: { GIT_TERMINAL_PROMPT: '0', ...options.env } });
    }
    async checked(top, args, what, options = {}) {
        const result = await this.git(top, args, options);
        if (result.code !== 0)
            throw new RemoteError(`git could not ${what} in ${top}: ${quoted(result.stderr)}`);
        return result;
    }
}

export { RepoGitCli, gitAuthEnvironment };
