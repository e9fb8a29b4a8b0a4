import { getOctokit } from '@actions/github';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { GitHubApi, GitTagRef, IssueComment, PullRequest, Release, ReleaseAsset, RepoName } from '../core/github/github-api.js';
import { GitHubApiError, repoText } from '../core/github/github-api.js';

/** What a token needs for each call, named in the error a 403 or 404 raises. */
const NEEDS = {
  pulls: 'contents: write and pull-requests: write on the registry repository',
  dispatch: 'contents: write on the target repository (a fine-grained token or GitHub App; GITHUB_TOKEN cannot reach another repository)',
  comments: 'pull-requests: write (a pull request from a fork gets a read-only token)',
  tags: 'contents: write',
  releases: 'contents: write',
} as const;

/**
 * {@link GitHubApi} over Octokit from `@actions/github`. The API root is `apiUrl`, else
 * GITHUB_API_URL, else https://api.github.com. The token only travels in the
 * Authorization header; errors quote GitHub's message, never the request.
 */
export function octokitApi(token: string, apiUrl?: string): GitHubApi {
  const octokit = getOctokit(token, apiUrl ? { baseUrl: apiUrl.replace(/\/+$/, '') } : {});
  const lookup = async <T>(what: string, repo: RepoName, needs: string, run: () => Promise<T>) => {
    try {
      return await call(what, repo, needs, run);
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 404) return undefined;
      throw error;
    }
  };
  return {
    findPullRequest: (repo, head, base) =>
      call('list pull requests', repo, NEEDS.pulls, async () => {
        const { data } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${head}`, base, state: 'open', per_page: 100 });
        const found = data.find((pr) => pr.head.ref === head);
        return found && pullRequest(found);
      }),
    createPullRequest: (repo, request) =>
      call('open a pull request', repo, NEEDS.pulls, async () => pullRequest((await octokit.rest.pulls.create({ ...repo, ...request })).data)),
    dispatch: (repo, eventType, clientPayload) =>
      call('send a repository_dispatch event', repo, NEEDS.dispatch, async () => {
        await octokit.rest.repos.createDispatchEvent({ ...repo, event_type: eventType, client_payload: clientPayload });
      }),
    listComments: (repo, issue) =>
      call('list pull request comments', repo, NEEDS.comments, async () => {
        const data = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
        return data.map(comment);
      }),
    createComment: (repo, issue, body) =>
      call('comment on the pull request', repo, NEEDS.comments, async () => comment((await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body })).data)),
    updateComment: (repo, commentId, body) =>
      call('update the pull request comment', repo, NEEDS.comments, async () => comment((await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body })).data)),
    getTag: (repo, tag) => lookup('read a tag', repo, NEEDS.tags, async () => tagRef((await octokit.rest.git.getRef({ ...repo, ref: `tags/${tag}` })).data)),
    createTag: (repo, tag, sha) =>
      call(`create tag ${tag}`, repo, NEEDS.tags, async () => tagRef((await octokit.rest.git.createRef({ ...repo, ref: `refs/tags/${tag}`, sha })).data)),
    getReleaseByTag: (repo, tag) => lookup('read a release', repo, NEEDS.releases, async () => release((await octokit.rest.repos.getReleaseByTag({ ...repo, tag })).data)),
    createRelease: (repo, request) =>
      call('create a release', repo, NEEDS.releases, async () =>
        release((await octokit.rest.repos.createRelease({ ...repo, tag_name: request.tag, name: request.name, body: request.body })).data),
      ),
    uploadAsset: (target, asset) =>
      call(`upload ${asset.name}`, repoOfRelease(target), NEEDS.releases, async () => {
        const { data } = await octokit.request({
          method: 'POST',
          url: target.uploadUrl,
          name: asset.name,
          headers: { 'content-type': asset.contentType, 'content-length': asset.size },
          // Streamed: Octokit passes a stream body to fetch as is (with duplex: 'half').
          data: Readable.toWeb(createReadStream(asset.path)),
        });
        return releaseAsset(data as AssetData);
      }),
    downloadAsset: (repo, assetId) =>
      call('download a release asset', repo, NEEDS.releases, async () => {
        const response = await octokit.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
          ...repo,
          asset_id: assetId,
          headers: { accept: 'application/octet-stream' },
          request: { parseSuccessResponseBody: false },
        });
        return Readable.fromWeb(response.data as unknown as import('node:stream/web').ReadableStream<Uint8Array>) as AsyncIterable<Buffer>;
      }),
  };
}

/** The repository a release belongs to, from its upload URL (…/repos/{owner}/{repo}/releases/…). */
function repoOfRelease(target: Release): RepoName {
  const match = /\/repos\/([^/]+)\/([^/]+)\/releases\//.exec(target.uploadUrl);
  return match ? { owner: match[1], repo: match[2] } : { owner: '?', repo: '?' };
}

async function call<T>(what: string, repo: RepoName, needs: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw apiError(error, what, repo, needs);
  }
}

interface RequestFailure {
  status?: number;
  message?: string;
  response?: { data?: { message?: string } | string };
}

/** An Octokit RequestError (or network failure) as a {@link GitHubApiError} that says what to do. */
function apiError(error: unknown, what: string, repo: RepoName, needs: string): GitHubApiError {
  const failure = (error ?? {}) as RequestFailure;
  const status = typeof failure.status === 'number' ? failure.status : 0;
  const data = failure.response?.data;
  const said = typeof data === 'object' && data?.message ? data.message : (failure.message ?? String(error));
  const where = `GitHub API: cannot ${what} in ${repoText(repo)}`;
  const hint =
    status === 401
      ? 'the token was rejected (expired or revoked); check the token input'
      : status === 403 || status === 404
        ? `the token may lack permission (needs ${needs}), or the repository does not exist`
        : status === 0
          ? 'no response; check GITHUB_API_URL and the network'
          : '';
  return new GitHubApiError(`${where}: ${status ? `${status} ` : ''}${said}${hint ? `; ${hint}` : ''}`, status, { cause: error });
}

interface PullData {
  number: number;
  html_url: string;
  head: { ref: string };
  base: { ref: string };
}
const pullRequest = (data: PullData): PullRequest => ({ number: data.number, url: data.html_url, head: data.head.ref, base: data.base.ref });

interface CommentData {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login?: string } | null;
}
const comment = (data: CommentData): IssueComment => ({ id: data.id, body: data.body ?? '', url: data.html_url, author: data.user?.login });

interface RefData {
  ref: string;
  object: { sha: string; type: string };
}
const tagRef = (data: RefData): GitTagRef => ({ tag: data.ref.replace(/^refs\/tags\//, ''), sha: data.object.sha, type: data.object.type });

interface AssetData {
  id: number;
  name: string;
  size: number;
  digest?: string | null;
  browser_download_url: string;
}
const releaseAsset = (data: AssetData): ReleaseAsset => ({ id: data.id, name: data.name, size: data.size, digest: data.digest ?? undefined, url: data.browser_download_url });

interface ReleaseData {
  id: number;
  tag_name: string;
  html_url: string;
  upload_url: string;
  assets?: AssetData[];
}
const release = (data: ReleaseData): Release => ({ id: data.id, tag: data.tag_name, url: data.html_url, uploadUrl: data.upload_url, assets: (data.assets ?? []).map(releaseAsset) });
