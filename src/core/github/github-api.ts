import { RemoteError, UsageError } from '../errors.js';

/**
 * The GitHub REST calls packreg makes, declared by the core so tests and other hosts can
 * supply their own. `src/github/octokit-api.ts` implements it with Octokit
 * (`@actions/github`), which honours GITHUB_API_URL for GitHub Enterprise Server.
 *
 * Every method throws {@link GitHubApiError} for an HTTP failure; methods that look
 * something up return undefined for a 404 instead.
 */
export interface GitHubApi {
  /** The open pull request from branch `head` (in `repo` itself) into `base`, if any. */
  findPullRequest(repo: RepoName, head: string, base: string): Promise<PullRequest | undefined>;
  /** Open a pull request from branch `head` (in `repo` itself) into `base`. */
  createPullRequest(repo: RepoName, request: NewPullRequest): Promise<PullRequest>;
  /** Send a `repository_dispatch` event (`POST /repos/{owner}/{repo}/dispatches`). */
  dispatch(repo: RepoName, eventType: string, clientPayload: Record<string, unknown>): Promise<void>;
  /** Every comment on an issue or pull request, oldest first (all pages). */
  listComments(repo: RepoName, issue: number): Promise<IssueComment[]>;
  createComment(repo: RepoName, issue: number, body: string): Promise<IssueComment>;
  updateComment(repo: RepoName, commentId: number, body: string): Promise<IssueComment>;
  /** The tag `refs/tags/<tag>`, or undefined when there is none. */
  getTag(repo: RepoName, tag: string): Promise<GitTagRef | undefined>;
  /** Create the lightweight tag `refs/tags/<tag>` at commit `sha` (422 when it exists). */
  createTag(repo: RepoName, tag: string, sha: string): Promise<GitTagRef>;
  /** The release of tag `tag` (drafts are not found by tag), or undefined. */
  getReleaseByTag(repo: RepoName, tag: string): Promise<Release | undefined>;
  createRelease(repo: RepoName, request: NewRelease): Promise<Release>;
  /** Upload a file as a release asset, streamed from disk. */
  uploadAsset(release: Release, asset: NewAsset): Promise<ReleaseAsset>;
  /** The bytes of a release asset, streamed. */
  downloadAsset(repo: RepoName, assetId: number): Promise<AsyncIterable<Buffer>>;
}

/** A repository, `owner/name`. */
export interface RepoName {
  readonly owner: string;
  readonly repo: string;
}

export interface PullRequest {
  readonly number: number;
  /** The page on GitHub (`html_url`). */
  readonly url: string;
  readonly head: string;
  readonly base: string;
}

export interface NewPullRequest {
  readonly title: string;
  readonly head: string;
  readonly base: string;
  readonly body: string;
}

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  /** The comment on GitHub (`html_url`). */
  readonly url: string;
  /** Login of the author, when the API gives one. */
  readonly author?: string;
}

export interface GitTagRef {
  readonly tag: string;
  /** What the ref points at: a commit, or a tag object for an annotated tag. */
  readonly sha: string;
  readonly type: string;
}

export interface Release {
  readonly id: number;
  readonly tag: string;
  readonly url: string;
  /** The upload URL template (`upload_url`, with `{?name,label}`). */
  readonly uploadUrl: string;
  readonly assets: readonly ReleaseAsset[];
}

export interface NewRelease {
  readonly tag: string;
  readonly name: string;
  readonly body: string;
}

export interface ReleaseAsset {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  /** `sha256:<hex>`, which GitHub computes for assets uploaded since mid 2025. */
  readonly digest?: string;
  readonly url: string;
}

export interface NewAsset {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly contentType: string;
}

/** An HTTP failure from the GitHub API, with its status (0 when no response arrived). */
export class GitHubApiError extends RemoteError {
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GitHubApiError';
  }
}

/** Whether `error` is a GitHub API failure with one of `statuses`. */
export function isApiStatus(error: unknown, ...statuses: number[]): error is GitHubApiError {
  return error instanceof GitHubApiError && statuses.includes(error.status);
}

const NAME_PART = /^[A-Za-z0-9_.-]+$/;

/** Parse `owner/name` given in input or flag `input`. */
export function parseRepoName(text: string, input: string): RepoName {
  const parts = text.trim().split('/');
  if (parts.length !== 2 || !parts.every((p) => NAME_PART.test(p) && p !== '.' && p !== '..')) {
    throw new UsageError(`${input}: expected a repository as owner/name (like attune-packs/registry), got ${JSON.stringify(text)}`);
  }
  return { owner: parts[0], repo: parts[1] };
}

/** The web root of a GitHub server: GITHUB_SERVER_URL's value (GitHub Enterprise Server), else github.com. */
export const serverRoot = (serverUrl: string | undefined): string => (serverUrl || 'https://github.com').replace(/\/+$/, '');

/** The https clone URL of `repo` on the server at `serverUrl` (see {@link serverRoot}). */
export const cloneUrl = (repo: RepoName, serverUrl: string | undefined): string => `${serverRoot(serverUrl)}/${repo.owner}/${repo.repo}.git`;

/** `owner/name`, for messages. */
export const repoText = (repo: RepoName): string => `${repo.owner}/${repo.repo}`;
