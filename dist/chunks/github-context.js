import { s as setSecret } from './run-action.js';
import { readFileSync } from 'node:fs';
import { U as UsageError } from './errors.js';
import { parseRepoName } from './github-api.js';
import { octokitApi } from './octokit-api.js';

/**
 * A GitHub API client for an action, with the token from input `input`. The token and its
 * basic-auth form (what git sends) are masked before anything can print them; the API root
 * is GITHUB_API_URL (GitHub Enterprise Server sets it), else api.github.com.
 */
function actionGitHubApi(token, input, purpose) {
    if (!token) {
        throw new UsageError(`input ${input} is empty but ${purpose} needs a GitHub token; pass one under "with:" (secrets.GITHUB_TOKEN for this repository, a fine-grained token or GitHub App token for another)`);
    }
    setSecret(token);
    setSecret(Buffer.from(`x-access-token:${token}`).toString('base64'));
    return { api: octokitApi(token), token };
}
/** The event payload the runner wrote to GITHUB_EVENT_PATH ({} when there is none). */
function eventPayload() {
    const path = process.env.GITHUB_EVENT_PATH;
    if (!path)
        return {};
    try {
        const payload = JSON.parse(readFileSync(path, 'utf8'));
        return payload && typeof payload === 'object' ? payload : {};
    }
    catch (error) {
        throw new UsageError(`GITHUB_EVENT_PATH ${path} is not a readable JSON event payload`, { cause: error });
    }
}
/**
 * The input's repository when it is given, else the one this workflow runs in
 * (GITHUB_REPOSITORY). `input` is omitted by an action that has no such input.
 */
function currentRepository(input) {
    if (input?.value)
        return parseRepoName(input.value, `input ${input.name}`);
    const text = process.env.GITHUB_REPOSITORY;
    if (text)
        return parseRepoName(text, 'GITHUB_REPOSITORY');
    const fix = input ? `set input ${input.name} to the repository as owner/name` : 'run the action in a GitHub Actions workflow, which sets it';
    throw new UsageError(`GITHUB_REPOSITORY is not set${input ? ` and input ${input.name} is empty` : ''}; ${fix}`);
}
/**
 * The base to compare a change with: input `inputName` when given, else the pull request's
 * base commit from the event payload, else origin/<GITHUB_BASE_REF>. Outside a pull request
 * with no input there is none, which is a UsageError saying what to set.
 */
function pullRequestBase(input, inputName) {
    if (input)
        return { rev: input, name: `input ${inputName}` };
    const sha = eventPayload().pull_request?.base?.sha;
    if (typeof sha === 'string' && sha !== '')
        return { rev: sha, name: "the pull request's base commit" };
    if (process.env.GITHUB_BASE_REF)
        return { rev: `origin/${process.env.GITHUB_BASE_REF}`, name: 'GITHUB_BASE_REF' };
    throw new UsageError(`input ${inputName} is empty and this is not a pull_request event: set ${inputName} (for example origin/main) to compare with`);
}

export { actionGitHubApi as a, currentRepository as c, eventPayload as e, pullRequestBase as p };
