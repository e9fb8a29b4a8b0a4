import type { CommitAuthor, GitAuth, RepoGit } from '../git/repo-git.js';
import type { GitHubApi, RepoName } from '../github/github-api.js';
import type { IndexEntry } from '../index/model.js';
import type { IndexPolicy } from '../index/policy.js';
import type { Logger } from '../logger.js';

/** The two ways to hand an entry to a registry repository. */
export const HANDOFF_MODES = ['pull-request', 'dispatch'] as const;
export type HandoffMode = (typeof HANDOFF_MODES)[number];

/** Where the entry comes from, for the pull request body and the dispatch payload. */
export interface HandoffSource {
  /** The pack repository, owner/name. */
  readonly repository?: string;
  /** The commit the release was built from. */
  readonly sha?: string;
  /** The release tag. */
  readonly tag?: string;
  /** The workflow run that built it. */
  readonly runUrl?: string;
}

/** What `packreg handoff` and the registry-handoff action do. */
export interface HandoffSettings {
  readonly mode: HandoffMode;
  /** The registry repository. */
  readonly repository: RepoName;
  readonly entry: IndexEntry;
  /** index.json inside the registry repository, relative to its top; default `index.json`. */
  readonly indexPath?: string;
  /** The registry's branch the pull request targets; default `main`. */
  readonly baseBranch?: string;
  /** The repository_dispatch event type; default `pack-updated`. */
  readonly eventType?: string;
  readonly policy: IndexPolicy;
  /** Clone URL of the registry repository (pull-request mode). */
  readonly gitUrl?: string;
  /** Credentials for cloning and pushing over https. */
  readonly auth?: GitAuth;
  readonly source?: HandoffSource;
  /** A folder for scratch work: a private folder is made inside it and always removed. */
  readonly workDir: string;
  /** The time recorded in the index's last_updated. */
  readonly now: Date;
  /** Who the index commit is by; default github-actions[bot]. */
  readonly author?: CommitAuthor;
}

/** The edges a handoff reaches: the GitHub API and git on the registry repository. */
export interface HandoffDeps {
  readonly logger: Logger;
  readonly github: GitHubApi;
  readonly repoGit: RepoGit;
}

/**
 * How a handoff ended. `opened`: a new pull request; `updated`: the open pull request's branch
 * was replaced with a fresh commit; `exists`: the open pull request already proposes exactly
 * this index; `unchanged`: the registry's branch already lists this exact entry (a re-run);
 * `dispatched`: the repository_dispatch event was sent.
 */
export type HandoffOutcome = 'opened' | 'updated' | 'exists' | 'unchanged' | 'dispatched';

export interface HandoffResult {
  readonly result: HandoffOutcome;
  readonly pullRequest?: { readonly number: number; readonly url: string };
  /** packreg's head branch of the pull request. */
  readonly branch?: string;
}

/** Settings with every default applied. */
export interface ResolvedHandoff extends HandoffSettings {
  readonly indexPath: string;
  readonly baseBranch: string;
  readonly eventType: string;
  readonly author: CommitAuthor;
}

/** The identity GitHub shows for commits made by a workflow's GITHUB_TOKEN. */
export const DEFAULT_AUTHOR: CommitAuthor = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };
