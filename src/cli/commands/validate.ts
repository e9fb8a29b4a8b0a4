import { join, resolve } from 'node:path';
import { ExitCode } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import type { PackValidation, Problem } from '../../core/pack/index.js';
import { boolFlag, positionals } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a pack directory: pack.yaml, components and test entry points',
  usage: '<pack-dir> [--json]',
  description: [
    'Reads pack.yaml (or pack.yml) and checks it against the pack schema: ref, semver version, label,',
    'description, runtime_deps, dependencies (list or object form) and the testing section. Every',
    'problem is reported at once with its file, line, column and what to write instead. Older',
    'StackStorm-style manifests load with warnings (name instead of label, python_versions, no license).',
    'Lists the components (actions, sensors, triggers, rules, workflows) as the index will.',
    'Exits 1 when there are errors; warnings alone do not fail.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', help: 'print the full result (manifest, contents, errors, warnings) as JSON' },
  },
  async run(args, ctx) {
    const [dir] = positionals(this, args, ['pack-dir']);
    const { COMPONENT_KINDS, formatProblem, validatePack } = await import('../../core/pack/index.js');
    // The command prints the problems itself (grouped), so the core's per-problem log is muted.
    const result = await validatePack(resolve(ctx.cwd, dir), silentLogger);
    ctx.out(boolFlag(args, 'json') ? json(result) : render(result, formatProblem, COMPONENT_KINDS));
    return result.valid ? ExitCode.Ok : ExitCode.CheckFailed;
  },
};

function render(result: PackValidation, formatProblem: (file: string, p: Problem) => string, kinds: readonly (keyof NonNullable<PackValidation['contents']>)[]): string {
  const where = (p: Problem) => formatProblem(join(result.packDir, p.file ?? 'pack.yaml'), p);
  const lines: string[] = [];
  const name = result.manifest ? `${result.manifest.ref} ${result.manifest.version}` : result.packDir;
  lines.push(`${result.valid ? 'valid' : 'INVALID'}: ${name} (${result.file})`);
  if (result.contents) {
    const counts = kinds.map((kind) => `${result.contents![kind].length} ${kind}`).join(', ');
    lines.push(`  contents: ${counts}`);
  }
  if (result.errors.length > 0) lines.push(`errors (${result.errors.length}):`, ...result.errors.map((p) => `  ${where(p)}`));
  if (result.warnings.length > 0) lines.push(`warnings (${result.warnings.length}):`, ...result.warnings.map((p) => `  ${where(p)}`));
  return `${lines.join('\n')}\n`;
}
