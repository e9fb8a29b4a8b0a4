import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import * as core from '@actions/core';
import { pullRequestBase } from '../action-kit/github-context.js';
import type { BaseRevision } from '../action-kit/github-context.js';
import { runAction } from '../action-kit/run-action.js';
import { verifyMarkdown } from '../action-kit/install-summary.js';
import { InstallVerify } from '../contract/actions.js';
import { loadRegistryConfig } from '../core/client/registry-commands.js';
import { UsageError } from '../core/errors.js';
import { nodeHttpClient } from '../core/http/node-http-client.js';
import type { InstallReport } from '../core/install/install-report.js';
import { parseSetupTimeout } from '../core/install/settings.js';
import { verifyPacks } from '../core/install/verify-packs.js';
import type { VerifyResult } from '../core/install/verify-packs.js';
import { nodeCommandRunner } from '../core/process/command.js';

const { inputs: I, outputs: O } = InstallVerify;

await runAction(
  InstallVerify,
  async ({ inputs, deps, output, summary, signal }) => {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const changed = inputs.boolean(I.changed, false);
    const specs = inputs.lines(I.spec);
    if (!changed && specs.length === 0) throw new UsageError(`input ${I.spec} is empty and ${I.changed} is false: give pack refs or paths (one per line), or set ${I.changed}: true`);
    if (changed && specs.length > 0) throw new UsageError(`inputs ${I.spec} and ${I.changed} exclude each other: either list packs, or verify the changed ones`);
    const setupTimeoutSeconds = parseSetupTimeout(inputs.optional(I.setupTimeout), `input ${I.setupTimeout}`);
    // A registry input is the environment form of the config: index URLs in priority order.
    const registry = inputs.optional(I.registry);
    const env = registry ? { ...process.env, ATTUNE__PACK_REGISTRY__INDICES: registry } : process.env;
    const config = await loadRegistryConfig(inputs.optional(I.config), env, workspace, deps.logger);
    const listOnly = inputs.boolean(I.listOnly, false);
    const temp = process.env.RUNNER_TEMP ?? tmpdir();
    const result = await verifyPacks(
      {
        specs,
        changed: changed ? changeBase(workspace, pullRequestBase(inputs.optional(I.baseRef), I.baseRef)) : undefined,
        listOnly,
        install: {
          noRegistry: false,
          allowUnverified: false,
          client: { config, ca: undefined, cacheDir: undefined },
          cwd: workspace,
          packsDir: resolve(workspace, inputs.optional(I.packsDir) ?? join(temp, 'packreg-packs')),
          force: false,
          skipDeps: inputs.boolean(I.skipDeps, false),
          withDeps: inputs.boolean(I.withDeps, false),
          skipTests: inputs.boolean(I.skipTests, false),
          dryRun: inputs.boolean(I.dryRun, true),
          attuneVersion: inputs.optional(I.attuneVersion),
          venvCache: inputs.optional(I.venvCache),
          setupTimeoutSeconds,
          callerEnv: process.env,
          tempDir: temp,
          signal,
        },
      },
      { ...deps, http: nodeHttpClient(deps.logger), runner: nodeCommandRunner },
    );
    output(O.matrix, JSON.stringify(result.matrix));
    await summary(verifyMarkdown(result, listOnly));
    // list-only installs nothing, so it has no result to report: only the matrix
    if (listOnly) return;
    annotate(result);
    output(O.result, JSON.stringify({ passed: result.passed, packs: result.packs }));
    output(O.passed, result.passed);
    if (!result.passed) {
      const failed = result.packs.filter((p) => !p.passed).map((p) => `${p.ref ?? p.spec}: ${p.error ?? 'failed'}`);
      core.setFailed(`install-verify: ${failed.join('; ')}`);
      process.exitCode = result.exitCode;
    }
  },
  { interruptible: true },
);

/** Changed packs are found by comparing the workspace with `base`. */
function changeBase(workspace: string, base: BaseRevision) {
  return { workspace, base: base.rev, baseName: base.name };
}

/** Errors as annotations, on the file and line when a pack folder in the workspace is known. */
function annotate(result: VerifyResult): void {
  result.packs.forEach((report, i) => {
    const folder = result.paths[i];
    for (const step of report.steps) {
      for (const detail of step.details) {
        if (detail.level === 'info') continue;
        const where = detail.file && folder && isLocal(report) ? { file: posix.join(folder, detail.file), startLine: detail.line } : {};
        const message = `${report.ref ?? report.spec}: ${step.name}: ${detail.message}`;
        if (detail.level === 'error') core.error(message, where);
        else core.warning(message, where);
      }
    }
  });
}

function isLocal(report: InstallReport): boolean {
  return report.source?.type === 'directory';
}
