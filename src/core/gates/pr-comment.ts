import type { GitHubApi, IssueComment, RepoName } from '../github/github-api.js';
import { isApiStatus, repoText } from '../github/github-api.js';
import type { Logger } from '../logger.js';
import { COMMENT_MARKER } from './render-markdown.js';

/** How posting the comment ended. */
export type CommentResult =
  | { readonly posted: true; readonly action: 'created' | 'updated' | 'unchanged'; readonly id: number; readonly url: string }
  | {
      readonly posted: false;
      readonly reason: string;
      /** Set when the API failed for another reason than permission: the caller should fail the step. */
      readonly failed?: boolean;
    };

/**
 * Keep one packreg comment on pull request `prNumber`: the comment that starts with
 * {@link COMMENT_MARKER} is updated (only when its body differs), else one is created. The
 * marker is added when `markdown` lacks it. A 403 or 404 (a fork's read-only token, a
 * repository the token cannot see) is a warning and `{ posted: false }`: the checks' result
 * stands. Other API failures throw.
 */
export async function upsertPullRequestComment(github: GitHubApi, repo: RepoName, prNumber: number, markdown: string, logger: Logger): Promise<CommentResult> {
  const body = markdown.startsWith(COMMENT_MARKER) ? markdown : `${COMMENT_MARKER}\n${markdown}`;
  try {
    const existing = (await github.listComments(repo, prNumber)).find(isOurs);
    if (existing && normalized(existing.body) === normalized(body)) {
      logger.info(`the pull request comment is up to date: ${existing.url}`);
      return { posted: true, action: 'unchanged', id: existing.id, url: existing.url };
    }
    const comment = existing ? await github.updateComment(repo, existing.id, body) : await github.createComment(repo, prNumber, body);
    logger.info(`${existing ? 'updated' : 'created'} the pull request comment: ${comment.url}`);
    return { posted: true, action: existing ? 'updated' : 'created', id: comment.id, url: comment.url };
  } catch (error) {
    if (!isApiStatus(error, 403, 404)) throw error;
    const reason = `no comment on pull request #${prNumber} in ${repoText(repo)} (${error.message}); a pull request from a fork runs with a read-only token that may not comment: the results are in the job summary`;
    logger.warning(reason);
    return { posted: false, reason };
  }
}

/** packreg's comment starts with the marker; a reply quoting it does not. */
const isOurs = (comment: IssueComment): boolean => comment.body.trimStart().startsWith(COMMENT_MARKER);

/** GitHub may store line ends as CRLF and drop trailing blanks; neither is a change. */
const normalized = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();
