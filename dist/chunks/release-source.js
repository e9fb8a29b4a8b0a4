import { serverRoot } from './github-api.js';

/** The release this run builds, from the runner's variables (for the pull request body and payload). */
function releaseSource(env) {
    const server = serverRoot(env.GITHUB_SERVER_URL);
    return {
        repository: env.GITHUB_REPOSITORY,
        sha: env.GITHUB_SHA,
        tag: env.GITHUB_REF_TYPE === 'tag' ? env.GITHUB_REF_NAME : undefined,
        runUrl: env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    };
}

export { releaseSource as r };
