import { devNull } from 'node:os';
import { InputError, RemoteError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ProcessRunner, RunResult } from '../process/runner.js';
import type { GitRefRequest, GitUrl } from './git-source-request.js';

/** How long a killed git may take to go before packreg stops waiting for it. */
const KILL_GRACE_MS = 2000;

/**
 * Variables for every git run: never a prompt (CI has no one to answer, and a hostile
 * server must not get a typed password), never an askpass program (GIT_ASKPASS set but empty
 * stops git looking further), messages in English so failures can be told apart, and
 * nothing inherited that points git at another repository or injects configuration.
 */
const ENVIRONMENT: Record<string, string | undefined> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GCM_INTERACTIVE: 'never',
  LC_ALL: 'C',
  GIT_DIR: undefined,
  GIT_WORK_TREE: undefined,
  GIT_INDEX_FILE: undefined,
  GIT_OBJECT_DIRECTORY: undefined,
  GIT_ALTERNATE_OBJECT_DIRECTORIES: undefined,
  GIT_COMMON_DIR: undefined,
  GIT_NAMESPACE: undefined,
  GIT_CONFIG_PARAMETERS: undefined,
  GIT_CONFIG_COUNT: undefined,
};

/**
 * `-c` settings for every git run. Command-line settings win over the user's and the
 * system's configuration, so an `insteadOf` rewrite or a credential helper set there cannot
 * widen what a registry URL may reach or hand over.
 */
function settings(url: GitUrl, timeoutMs: number): string[] {
  const stallSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const pairs = [
    'credential.helper=', // an empty value clears every helper configured before it
    `core.hooksPath=${devNull}`,
    'protocol.allow=never',
    ...url.protocols.map((p) => `protocol.${p}.allow=always`),
    'protocol.ext.allow=never',
    'fetch.recurseSubmodules=false',
    'submodule.recurse=false',
    // No background gc or maintenance that could outlive packreg inside the temporary clone.
    'gc.auto=0',
    'maintenance.auto=false',
    // A killed git leaves its transport helper behind; a stalled download must end it too.
    'http.lowSpeedLimit=1',
    `http.lowSpeedTime=${stallSeconds}`,
  ];
  return pairs.flatMap((pair) => ['-c', pair]);
}

/**
 * Fetches one commit of a remote repository into a fresh local repository, running git
 * through a {@link ProcessRunner} with {@link settings} and {@link ENVIRONMENT}. Every git
 * run counts against one deadline.
 */
export class GitFetcher {
  private readonly deadline: number;

  constructor(
    private readonly runner: ProcessRunner,
    /** The empty directory that becomes the repository. */
    private readonly dir: string,
    private readonly url: GitUrl,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  /** Create the repository (no template: no sample hooks, no info/ files) and fetch `ref`; returns the commit id. */
  async fetch(ref: GitRefRequest): Promise<string> {
    await this.checked(['init', '--quiet', '--template='], 'git init');
    return ref.kind === 'commit' ? this.fetchCommit(ref.commit) : this.fetchName(ref.name);
  }

  /**
   * A pinned commit: shallow, by id, which protocol v2 servers (GitHub, GitLab, git 2.x
   * over file://) allow for any reachable commit; servers that only hand out what they
   * advertise get a full fetch of branches and tags instead, and the commit is looked up there.
   */
  private async fetchCommit(commit: string): Promise<string> {
    const shallow = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--depth', '1', '--', this.url.text, commit], 'git fetch');
    if (shallow.code === 0) {
      const fetched = await this.resolve('FETCH_HEAD');
      if (fetched !== commit) {
        const leads = fetched ? ` (it leads to commit ${fetched})` : '';
        throw new InputError(`${this.url.shown}: ${commit} names a tag, tree or blob, not a commit${leads}; pin the commit id itself`);
      }
      return fetched;
    }
    this.logger.debug(`git fetch of ${commit} alone from ${this.url.shown} was refused (${summary(shallow.stderr)}); fetching all branches and tags instead`);
    const full = await this.git(
      ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--', this.url.text, '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'],
      'git fetch',
    );
    if (full.code !== 0) throw this.fetchFailed(full);
    const found = await this.resolve(commit);
    if (found !== commit) {
      throw new InputError(
        `${this.url.shown} has no commit ${commit} on any branch or tag (it may have been force-pushed away or never pushed); check the commit id, or ask the pack's maintainer to push it`,
      );
    }
    return found;
  }

  /** A tag, a branch or HEAD: the remote resolves the name; annotated tags are peeled to their commit. */
  private async fetchName(name: string): Promise<string> {
    const result = await this.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--depth', '1', '--', this.url.text, name], 'git fetch');
    if (result.code !== 0) {
      if (/couldn't find remote ref/i.test(result.stderr)) {
        const what = name === 'HEAD' ? 'no default branch (an empty repository?)' : `no branch or tag named "${name}"`;
        throw new InputError(`${this.url.shown} has ${what}; check --ref, or give a full 40-character commit id`);
      }
      throw this.fetchFailed(result);
    }
    const commit = await this.resolve('FETCH_HEAD');
    if (commit === undefined) throw new InputError(`${this.url.shown}: "${name}" names no commit (a tag of a tree or a blob?); give a branch, a tag of a commit, or a commit id`);
    return commit;
  }

  /** The commit `rev` names in the local repository, or undefined. */
  private async resolve(rev: string): Promise<string | undefined> {
    const result = await this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], 'git rev-parse');
    const commit = result.stdout.toString('utf8').trim();
    return result.code === 0 && /^[0-9a-f]{40}$/.test(commit) ? commit : undefined;
  }

  private fetchFailed(result: RunResult): RemoteError {
    return new RemoteError(`git could not fetch from ${this.url.shown}: ${summary(result.stderr) || `exit code ${result.code}`}. Check the URL, that the repository is public, and the network`);
  }

  private async checked(args: string[], what: string): Promise<RunResult> {
    const result = await this.git(args, what);
    if (result.code !== 0) throw new RemoteError(`${what} failed in ${this.dir}: ${summary(result.stderr) || `exit code ${result.code}`}`);
    return result;
  }

  /** Run git in the repository; a run still going at the deadline is killed and reported as a timeout. */
  private git(args: string[], what: string): Promise<RunResult> {
    const left = this.deadline - Date.now();
    if (left <= 0) return Promise.reject(this.timedOut(what));
    return runWithTimeout(this.runner, ['git', ...settings(this.url, this.timeoutMs), ...args], { cwd: this.dir, env: ENVIRONMENT }, left, () => this.timedOut(what));
  }

  private timedOut(what: string): RemoteError {
    return new RemoteError(`${what} from ${this.url.shown} did not finish within ${formatSeconds(this.timeoutMs)}; the server is slow or unreachable, try again or raise the timeout`);
  }
}

/**
 * Run `command` to completion, or kill it after `timeoutMs` and throw `onTimeout()`.
 * After the kill packreg waits a moment for the process to go, but not for its children:
 * they may hold the output pipes open (git's transport helpers do).
 */
export async function runWithTimeout(
  runner: ProcessRunner,
  [command, ...args]: readonly string[],
  options: { cwd: string; env: Record<string, string | undefined> },
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<RunResult> {
  const child = runner.start(command, args, options);
  child.stdin.end();
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([child.done, expired]);
    if (outcome !== 'expired') return { code: outcome.code, stdout: Buffer.concat(chunks), stderr: outcome.stderr };
  } finally {
    clearTimeout(timer);
  }
  child.kill();
  child.stdout.destroy();
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([child.done.catch(() => undefined), new Promise((resolve) => (grace = setTimeout(resolve, KILL_GRACE_MS)))]);
  clearTimeout(grace);
  throw onTimeout();
}

/**
 * git's standard error cut to what explains the failure: no hints, no control characters
 * (server text can carry terminal escapes), nothing shaped like URL credentials, at most
 * a few lines.
 */
export function summary(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    // eslint-disable-next-line no-control-regex
    .map((line) => line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x1f\x7f]/g, ' ').trim())
    .filter((line) => line !== '' && !line.startsWith('hint:'))
    .map((line) => line.replace(/\/\/[^/\s@]*@/g, '//'));
  const text = lines.slice(-4).join(' ');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
