import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import { boolFlag, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';
import { parsePolicy } from '../policy.js';

export const prCheckCommand: Command = {
  name: 'pr-check',
  summary: 'Pull request gates: version increment, immutable releases, changelog',
  usage: '[DIR] --base REV [--head REV] [--no-version-gate] [--changelog] [--index PATH [--policy standard|custom]] [--json]',
  description: [
    'Compares head (default HEAD) with --base in the git work tree holding DIR (default the',
    'current folder), as a pull request check would. Version gate: every changed pack must raise',
    'version in its pack.yaml above the base\'s (semver; a new pack passes, a deleted one is not',
    'checked). --changelog: every changed pack must also change CHANGES.md or CHANGELOG.md in its',
    'folder. --index: in a registry repository, released ref@versions in index.json and',
    'packs/<ref>/index.json may not change or disappear, listed versions may not go down, and the',
    'head index must validate. Exit 1 when a gate fails. Nothing is posted anywhere.',
  ].join('\n'),
  options: {
    base: { type: 'string', value: 'REV', help: 'the base branch\'s commit or branch (e.g. origin/main)' },
    head: { type: 'string', value: 'REV', help: 'the commit to check (default HEAD; check it out for exact results)' },
    'no-version-gate': { type: 'boolean', help: 'do not require changed packs to raise their version' },
    changelog: { type: 'boolean', help: 'require changed packs to change CHANGES.md or CHANGELOG.md' },
    index: { type: 'string', value: 'PATH', help: 'index.json of a registry repository: check released entries' },
    policy: { type: 'string', value: 'P', help: 'rules for the head index: custom (default) or standard' },
    json: { type: 'boolean', help: 'print the report as JSON' },
  },
  async run(args, ctx) {
    const base = stringFlag(args, 'base');
    if (!base) throw new UsageError('--base REV is required: the commit or branch the pull request goes into (e.g. origin/main)');
    if (args.positionals.length > 1) throw new UsageError(`packreg pr-check takes at most one DIR; got ${args.positionals.join(' ')}`);
    const index = stringFlag(args, 'index');
    if (!index && stringFlag(args, 'policy')) throw new UsageError('--policy applies to --index; give --index PATH too');
    const top = resolve(ctx.cwd, args.positionals[0] ?? '.');
    const { checkPullRequest } = await import('../../core/gates/check-pull-request.js');
    const { RepoGitCli } = await import('../../core/git/repo-git-cli.js');
    const { nodeProcessRunner } = await import('../../core/process/runner.js');
    const { gatesText } = await import('../../core/gates/render-text.js');
    const result = await checkPullRequest(
      {
        top,
        base,
        baseName: '--base',
        head: stringFlag(args, 'head'),
        versionGate: !boolFlag(args, 'no-version-gate'),
        changelog: boolFlag(args, 'changelog'),
        index: index && resolve(ctx.cwd, index),
        policy: parsePolicy(stringFlag(args, 'policy')),
      },
      { ...ctx.deps, repoGit: new RepoGitCli(nodeProcessRunner) },
    );
    const { report } = result;
    ctx.out(boolFlag(args, 'json') ? json({ passed: report.passed, failures: report.failures, base: result.base, head: result.head, checks: report.checks }) : gatesText(report, result));
    return report.passed ? ExitCode.Ok : ExitCode.CheckFailed;
  },
};
