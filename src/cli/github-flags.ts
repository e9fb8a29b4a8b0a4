import { UsageError } from '../core/errors.js';
import type { GitHubApi } from '../core/github/github-api.js';
import type { OptionSpec, ParsedArgs } from './command.js';
import { stringFlag } from './args.js';

/** Flags every command that calls the GitHub API takes. */
export const GITHUB_OPTIONS: Record<string, OptionSpec> = {
  'token-env': { type: 'string', value: 'NAME', help: 'environment variable holding the GitHub token (default GITHUB_TOKEN, then GH_TOKEN)' },
  'api-url': { type: 'string', value: 'URL', help: 'GitHub API root (default GITHUB_API_URL, else https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3)' },
};

/**
 * The GitHub API client for a CLI command. The token is read from the environment, never
 * from a flag, so it stays out of shell history and process listings.
 */
export async function cliGitHubApi(args: ParsedArgs, env: NodeJS.ProcessEnv, purpose: string): Promise<{ api: GitHubApi; token: string }> {
  const named = stringFlag(args, 'token-env');
  const token = named ? env[named] : (env.GITHUB_TOKEN ?? env.GH_TOKEN);
  if (!token) {
    const where = named ? `the variable ${named} (from --token-env) is empty` : 'neither GITHUB_TOKEN nor GH_TOKEN is set';
    throw new UsageError(`${purpose} needs a GitHub token but ${where}; export one, or name its variable with --token-env`);
  }
  const { octokitApi } = await import('../github/octokit-api.js');
  return { api: octokitApi(token, stringFlag(args, 'api-url') ?? env.GITHUB_API_URL), token };
}
