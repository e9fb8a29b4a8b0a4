/**
 * The example workflows are what users copy: every step that uses one of this repository's
 * actions must name an action that exists, pass only inputs it declares, give every input it
 * requires, and read only outputs it declares (`steps.<id>.outputs.<name>`).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/action-runner.js';

/** How the examples and docs name this repository. */
const REPOSITORY = 'packreg/packreg';
const WORKFLOWS = join(ROOT, 'examples', 'workflows');

interface ActionMeta {
  inputs?: Record<string, { required?: boolean; default?: string } | null>;
  outputs?: Record<string, unknown>;
}
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on?: unknown;
  jobs?: Record<string, { steps?: Step[]; outputs?: Record<string, string> }>;
}

/** actions/<name>/action.yml for `packreg/packreg/actions/<name>@ref`, action.yml for `packreg/packreg@ref`. */
function ourAction(uses: string): { name: string; file: string } | undefined {
  const match = new RegExp(`^${REPOSITORY}(?:/(.+))?@[^@]+$`).exec(uses);
  if (!match) return undefined;
  const path = match[1] ?? '';
  return { name: path || '(root)', file: join(ROOT, path, 'action.yml') };
}

const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

/** Every problem with `workflow`'s use of this repository's actions. */
function problemsOf(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    const outputsById = new Map<string, Set<string>>();
    for (const [i, step] of (job.steps ?? []).entries()) {
      const where = `job ${jobName} step ${step.id ?? i + 1}`;
      const action = step.uses ? ourAction(step.uses) : undefined;
      if (!step.uses || !action) continue;
      if (!existsSync(action.file)) {
        problems.push(`${where}: ${step.uses} names no action (${action.file} is missing)`);
        continue;
      }
      const meta = parse(readFileSync(action.file, 'utf8')) as ActionMeta;
      const declared = meta.inputs ?? {};
      const given = Object.keys(step.with ?? {});
      for (const name of given) if (!(name in declared)) problems.push(`${where}: ${action.name} declares no input ${name}`);
      for (const [name, spec] of Object.entries(declared)) {
        if (spec?.required && spec.default === undefined && !given.includes(name)) problems.push(`${where}: ${action.name} requires input ${name}`);
      }
      if (step.id) outputsById.set(step.id, new Set(Object.keys(meta.outputs ?? {})));
    }
    const text = JSON.stringify(job);
    for (const [, id, output] of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      const outputs = outputsById.get(id);
      if (outputs && !outputs.has(output)) problems.push(`job ${jobName}: step ${id} has no output ${output}`);
    }
  }
  return problems;
}

describe('examples/workflows', () => {
  it('holds the workflows the README promises', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s parses and uses only actions, inputs and outputs that exist', (file) => {
    const workflow = parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
    expect(workflow.on).toBeDefined();
    expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0);
    expect(problemsOf(workflow)).toEqual([]);
  });

  it('uses at least one of this repository’s actions in every example', () => {
    const users = files.filter((file) => /packreg\/packreg(\/actions\/[a-z0-9-]+)?@/.test(readFileSync(join(WORKFLOWS, file), 'utf8')));
    expect(users).toEqual(files);
  });
});

/** YAML blocks of a markdown file that use this repository's actions, as workflows (a list of steps becomes one job). */
function markdownWorkflows(file: string): { block: number; workflow: Workflow }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks = [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .map((yaml, block) => ({ block, yaml }))
    .filter(({ yaml }) => yaml.includes(`uses: ${REPOSITORY}`))
    .map(({ block, yaml }) => {
      const parsed = parse(yaml) as Workflow | Step[];
      return { block, workflow: Array.isArray(parsed) ? { jobs: { snippet: { steps: parsed } } } : parsed };
    });
}

describe.each(['README.md', 'docs/actions.md'])('%s snippets', (file) => {
  it('use only actions, inputs and outputs that exist', () => {
    const found = markdownWorkflows(file);
    expect(found.length).toBeGreaterThan(0);
    for (const { block, workflow } of found) expect([block, problemsOf(workflow)]).toEqual([block, []]);
  });
});

describe('the workflow check itself', () => {
  const step = (uses: string, inputs: Record<string, string> = {}, id?: string): Step => ({ uses, with: inputs, id });

  it('reports an action that does not exist', () => {
    expect(problemsOf({ jobs: { j: { steps: [step(`${REPOSITORY}/actions/no-such-action@v0`)] } } })).toEqual([expect.stringContaining('names no action')]);
  });

  it('reports an undeclared input and a missing required one', () => {
    const problems = problemsOf({ jobs: { j: { steps: [step(`${REPOSITORY}/actions/checksum@v0`, { paht: '.' })] } } });
    expect(problems).toEqual([expect.stringContaining('declares no input paht'), expect.stringContaining('requires input path')]);
  });

  it('reports an output the action does not set', () => {
    const job = { steps: [step(`${REPOSITORY}/actions/checksum@v0`, { path: '.' }, 'sum'), { run: 'echo ${{ steps.sum.outputs.sha }}' } as Step] };
    expect(problemsOf({ jobs: { j: job } })).toEqual([expect.stringContaining('step sum has no output sha')]);
  });

  it('checks the root action too', () => {
    expect(problemsOf({ jobs: { j: { steps: [step(`${REPOSITORY}@v0`, { 'no-such-input': 'x' })] } } })).toEqual([expect.stringContaining('(root) declares no input no-such-input')]);
  });

  it('ignores other repositories’ actions', () => {
    expect(problemsOf({ jobs: { j: { steps: [step('actions/checkout@v4', { anything: 'x' })] } } })).toEqual([]);
  });
});
