import { U as UsageError, R as RemoteError } from './errors.js';

/** An HTTP failure from the GitHub API, with its status (0 when no response arrived). */
class GitHubApiError extends RemoteError {
    status;
    constructor(message, status, options) {
        super(message, options);
        this.status = status;
        this.name = 'GitHubApiError';
    }
}
/** Whether `error` is a GitHub API failure with one of `statuses`. */
function isApiStatus(error, ...statuses) {
    return error instanceof GitHubApiError && statuses.includes(error.status);
}
const NAME_PART = /^[A-Za-z0-9_.-]+$/;
/** Parse `owner/name` given in input or flag `input`. */
function parseRepoName(text, input) {
    const parts = text.trim().split('/');
    if (parts.length !== 2 || !parts.every((p) => NAME_PART.test(p) && p !== '.' && p !== '..')) {
        throw new UsageError(`${input}: expected a repository as owner/name (like attune-packs/registry), got ${JSON.stringify(text)}`);
    }
    return { owner: parts[0], repo: parts[1] };
}
/** The web root of a GitHub server: GITHUB_SERVER_URL's value (GitHub Enterprise Server), else github.com. */
const serverRoot = (serverUrl) => (serverUrl || 'https://github.com').replace(/\/+$/, '');
/** The https clone URL of `repo` on the server at `serverUrl` (see {@link serverRoot}). */
const cloneUrl = (repo, serverUrl) => `${serverRoot(serverUrl)}/${repo.owner}/${repo.repo}.git`;
/** `owner/name`, for messages. */
const repoText = (repo) => `${repo.owner}/${repo.repo}`;

export { GitHubApiError, cloneUrl, isApiStatus, parseRepoName, repoText, serverRoot };
