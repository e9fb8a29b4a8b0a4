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

/**
 * The input's repository when it is given, else the one this workflow runs in
 * (GITHUB_REPOSITORY). `input` is omitted by an action that has no such input.
 */
export function currentRepository(input?: { readonly value: string | undefined; readonly name: string }): RepoName {
  if (input?.value) return parseRepoName(input.value, `input ${input.name}`);
  const text = process.env.GITHUB_REPOSITORY;
  if (text) return parseRepoName(text, 'GITHUB_REPOSITORY');
  const fix = input ? `set input ${input.name} to the repository as owner/name` : 'run the action in a GitHub Actions workflow, which sets it';
  throw new UsageError(`GITHUB_REPOSITORY is not set${input ? ` and input ${input.name} is empty` : ''}; ${fix}`);
}

/** The commit a pull request is compared with, and how to name it in messages. */
export interface BaseRevision {
  readonly rev: string;
  readonly name: string;
}

/**
 * The base to compare a change with: input `inputName` when given, else the pull request's
 * base commit from the event payload, else origin/<GITHUB_BASE_REF>. Outside a pull request
 * with no input there is none, which is a UsageError saying what to set.
 */
export function pullRequestBase(input: string | undefined, inputName: string): BaseRevision {
  if (input) return { rev: input, name: `input ${inputName}` };
  const sha = (eventPayload().pull_request as { base?: { sha?: unknown } } | undefined)?.base?.sha;
  if (typeof sha === 'string' && sha !== '') return { rev: sha, name: "the pull request's base commit" };
  if (process.env.GITHUB_BASE_REF) return { rev: `origin/${process.env.GITHUB_BASE_REF}`, name: 'GITHUB_BASE_REF' };
  throw new UsageError(`input ${inputName} is empty and this is not a pull_request event: set ${inputName} (for example origin/main) to compare with`);
}
