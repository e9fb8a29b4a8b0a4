import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import type { GitHubApi, RepoName } from '../core/github/github-api.js';
import { parseRepoName } from '../core/github/github-api.js';
import { octokitApi } from '../github/octokit-api.js';

/**
 * A GitHub API client for an action, with the token from input `input`. The token and its
 * basic-auth form (what git sends) are masked before anything can print them; the API root
 * is GITHUB_API_URL (GitHub Enterprise Server sets it), else api.github.com.
 */
export function actionGitHubApi(token: string | undefined, input: string, purpose: string): { api: GitHubApi; token: string } {
  if (!token) {
    throw new UsageError(`input ${input} is empty but ${purpose} needs a GitHub token; pass one under "with:" (secrets.GITHUB_TOKEN for this repository, a fine-grained token or GitHub App token for another)`);
  }
  core.setSecret(token);
  core.setSecret(Buffer.from(`x-access-token:${token}`).toString('base64'));
  return { api: octokitApi(token), token };
}

/** The event payload the runner wrote to GITHUB_EVENT_PATH ({} when there is none). */
export function eventPayload(): Record<string, unknown> {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    const payload: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  } catch (error) {
    throw new UsageError(`GITHUB_EVENT_PATH ${path} is not a readable JSON event payload`, { cause: error });
  }
}

/** The repository this workflow runs in (GITHUB_REPOSITORY), or the input's value when given. */
export function currentRepository(input: string | undefined, inputName: string): RepoName {
  const text = input ?? process.env.GITHUB_REPOSITORY;
  if (!text) throw new UsageError(`input ${inputName} is empty and GITHUB_REPOSITORY is not set; give the repository as owner/name`);
  return parseRepoName(text, input ? `input ${inputName}` : 'GITHUB_REPOSITORY');
}
