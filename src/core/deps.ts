import { GitCli } from './git/git-cli.js';
import type { Git } from './git/git.js';
import type { Logger } from './logger.js';
import { nodeProcessRunner } from './process/runner.js';

/** The edges core functions reach the outside world through. */
export interface CoreDeps {
  readonly logger: Logger;
  readonly git: Git;
}

/** Real implementations: the git command line. */
export function defaultDeps(logger: Logger): CoreDeps {
  return { logger, git: new GitCli(nodeProcessRunner) };
}
