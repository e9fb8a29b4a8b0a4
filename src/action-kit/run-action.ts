import * as core from '@actions/core';
import type { ActionContract } from '../contract/actions.js';
import { defaultDeps } from '../core/deps.js';
import type { CoreDeps } from '../core/deps.js';
import { messageOf, PackregError } from '../core/errors.js';
import { declared } from './contract-names.js';
import { removePendingTemporaryFiles } from '../core/fs/atomic-file.js';
import type { Logger } from '../core/logger.js';
import { ActionInputs } from './inputs.js';
import type { InputName } from './inputs.js';

/** A Logger that writes through the runner's workflow commands. */
export const actionsLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
};

/** What an action body gets: typed inputs, outputs, the job summary and core deps. */
export interface ActionContext<C extends ActionContract> {
  readonly inputs: ActionInputs<InputName<C>>;
  readonly deps: CoreDeps;
  /** Set an output declared in the contract. */
  output(name: C['outputs'][keyof C['outputs']], value: string | number | boolean): void;
  /** Append markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  /** Fail the step with a message (the body keeps the decision; the wrapper reports). */
  fail(message: string): void;
  /** Aborted on SIGINT/SIGTERM when the action is {@link RunOptions.interruptible}. */
  readonly signal: AbortSignal;
}

/** How the wrapper treats the action. */
export interface RunOptions {
  /**
   * On SIGINT/SIGTERM, abort `signal` and let the body stop its processes and remove its
   * folders, instead of exiting at once (children in their own process groups would outlive
   * an immediate exit). The step still fails, with exit code 130.
   */
  readonly interruptible?: boolean;
}

/**
 * Run an action body: the connective tissue every entry shares. It wires inputs, outputs,
 * the summary and the logger, removes partial files on SIGINT/SIGTERM, and turns errors
 * into a failed step with their message (and the cause in the debug log).
 */
export async function runAction<C extends ActionContract>(contract: C, body: (ctx: ActionContext<C>) => Promise<void>, options: RunOptions = {}): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    removePendingTemporaryFiles();
    if (options.interruptible) {
      controller.abort();
      core.setFailed(`${contract.name}: interrupted by ${signal}; stopping its processes and removing temporary files`);
      process.exitCode = 130;
      return;
    }
    core.setFailed(`${contract.name}: interrupted by ${signal}`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const ctx: ActionContext<C> = {
    // Names outside the contract are a bug in the entry, caught on the first run rather than read as ''.
    inputs: new ActionInputs<InputName<C>>(contract.name, (name) => core.getInput(declared(contract, 'inputs', name))),
    deps: defaultDeps(actionsLogger),
    output: (name, value) => core.setOutput(declared(contract, 'outputs', name), String(value)),
    summary: async (markdown) => {
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
    },
    fail: (message) => core.setFailed(message),
    signal: controller.signal,
  };
  try {
    await body(ctx);
  } catch (error) {
    if (!(error instanceof PackregError)) core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const cause = error instanceof Error && error.cause ? ` (cause: ${messageOf(error.cause)})` : '';
    core.setFailed(`${contract.name}: ${messageOf(error)}${cause}`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** The body of an action whose issue has not landed: fails clearly, pretends nothing. */
export function notImplemented(contract: ActionContract): Promise<void> {
  return runAction(contract, async () => {
    throw new Error(`not implemented yet: the ${contract.name} action arrives with issue #${contract.pendingIssue}. Nothing was done.`);
  });
}
