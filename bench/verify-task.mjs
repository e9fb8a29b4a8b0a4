// The verify task: `packreg verify` of the hello_python example pack, a dry-run install that
// runs `python3 -m venv`, pip (offline, from the committed wheel folder) and the pack's
// unittest tests. There is no reference tool to race: the work is done by those subprocesses,
// so they are the reference, and the figure is packreg's own overhead: the wall time of the
// command minus the time of every process it ran (its JSON result lists each one with its
// duration). The goal is absolute (seconds), not a ratio.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { BenchError, median, runChecked } from './measure.mjs';

const REF = 'hello_python';
const VERSION = '1.0.0';
/** Measured runs of this task: --runs, but at least this many (it has one side, and a venv's time varies). */
export const VERIFY_MIN_RUNS = 5;
/** Runs of `node dist/cli.js --version`, for the start-up floor in the notes. */
const STARTUP_RUNS = 5;

/**
 * The verify task for a context {node, cli, repo, dataDir, runs}: a task with `absolute: true`,
 * whose `verify` returns the overhead (`value`) and the subprocesses' time (`reference`)
 * besides the usual checks, details and notes.
 */
export function verifyTask(ctx) {
  const pack = join(ctx.repo, 'examples', 'packs', REF);
  const wheels = join(ctx.repo, 'examples', 'wheels');
  const work = join(ctx.dataDir, 'out', 'verify');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // pip sees only the committed wheels and no user configuration; no packreg, registry,
  // Python or virtualenv variables from the caller.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ATTUNE__|XDG_|PACKREG_|PIP_|PYTHON|VIRTUAL_ENV$|CONDA_)/.test(k)));
  Object.assign(env, { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_CONFIG_FILE: devNull });
  // Every run starts cold in a fresh folder: its own TMPDIR (where verify stages the pack and
  // builds the venv) and HOME (pip's cache). They are kept until the checks have looked at them.
  const runDirs = [];
  const fresh = () => {
    const dir = mkdtempSync(join(work, 'run-'));
    for (const sub of ['tmp', 'home']) mkdirSync(join(dir, sub));
    Object.assign(env, { TMPDIR: join(dir, 'tmp'), HOME: join(dir, 'home') });
    runDirs.push(dir);
  };
  // cwd is the task's own folder, so the default ./packs holds no installed hello_python whose
  // venv could be reused; the example pack has no .venv either (checked: venv and pip ran).
  const packreg = { cmd: ctx.node, args: [ctx.cli, 'verify', pack, '--json'], cwd: work, env, before: fresh };
  return {
    title: `verify overhead (${REF}: venv, pip, tests)`,
    absolute: true,
    runs: Math.max(ctx.runs, VERIFY_MIN_RUNS),
    packreg,
    packregText: `PIP_NO_INDEX=1 PIP_FIND_LINKS=${wheels} TMPDIR=<fresh> HOME=<fresh> node dist/cli.js verify examples/packs/${REF} --json`,
    referenceText: 'the processes packreg ran (python3 --version twice, python3 -m venv, pip install -r requirements.txt, python -m unittest): sum of processes[].durationMs',
    ratioKind: "packreg's own overhead in seconds = wall time - sum of processes[].durationMs of the same run (absolute goal: the work itself is the subprocesses', so they are the reference)",
    goal: { op: '<=', value: 0.5, unit: 's' },
    async verify(m) {
      const runs = m.packreg.outputs.map((text, i) => checkRun(text, i === 0 ? 'warm-up' : `run ${i}`));
      for (const dir of runDirs) {
        const left = readdirSync(join(dir, 'tmp'));
        if (left.length > 0) throw new BenchError(`verify: packreg left ${left.join(', ')} in its TMPDIR ${join(dir, 'tmp')}`);
      }
      const registered = readdirSync(work).filter((name) => !name.startsWith('run-'));
      if (registered.length > 0) throw new BenchError(`verify: a dry run wrote ${registered.join(', ')} into its working folder ${work}`);
      const startup = await startupFloor(ctx);
      rmSync(work, { recursive: true, force: true });
      return summarize(runs.slice(1), m.packreg.samples, startup);
    },
  };
}

/** One run's JSON result: verified, venv and pip ran (nothing reused), the tests passed. Returns it. */
function checkRun(text, label) {
  const fail = (what) => {
    throw new BenchError(`verify (${label}): ${what}`);
  };
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    fail(`packreg did not print a JSON result:\n${text.slice(0, 2000)}`);
  }
  if (report.ref !== REF || report.version !== VERSION || report.passed !== true || report.exitCode !== 0 || report.dryRun !== true) {
    fail(`expected a passed dry run of ${REF}@${VERSION}, got ${JSON.stringify({ ref: report.ref, version: report.version, passed: report.passed, exitCode: report.exitCode, dryRun: report.dryRun, error: report.error })}`);
  }
  const steps = report.steps.map((s) => `${s.name}:${s.status}`).join(' ');
  if (steps !== 'fetch:passed dependencies:passed environment:passed tests:passed registration:skipped cleanup:passed') fail(`unexpected steps: ${steps}`);
  const commands = report.processes.map((p) => p.command.join(' '));
  if (!commands.some((c) => / -m venv /.test(c)) || !commands.some((c) => / -m pip install /.test(c))) {
    fail(`venv and pip must run on every run (no venv reused), but the processes were: ${commands.join('; ')}`);
  }
  if (report.processes.some((p) => p.code !== 0 || !(p.durationMs >= 0))) fail(`a process failed or has no duration: ${JSON.stringify(report.processes)}`);
  if (report.tests?.total !== 3 || report.tests?.passed !== 3) fail(`expected 3 passed tests, got ${JSON.stringify(report.tests)}`);
  return report;
}

/** The overhead per run and where packreg's own time goes (medians over the measured runs). */
function summarize(reports, walls, startup) {
  const sum = (list) => list.reduce((a, b) => a + b, 0);
  const processSeconds = reports.map((r) => sum(r.processes.map((p) => p.durationMs)) / 1000);
  const overheads = walls.map((wall, i) => wall - processSeconds[i]);
  // Per run: the time outside the steps (Node start-up, loading the CLI and the install
  // modules, printing the result, exit), and each step's time minus its processes'.
  const parts = reports.map((r, i) => {
    const part = { outsideSteps: walls[i] - sum(r.steps.map((s) => s.durationMs)) / 1000 };
    for (const step of r.steps) part[step.name] = (step.durationMs - sum(r.processes.filter((p) => p.step === step.name).map((p) => p.durationMs))) / 1000;
    return part;
  });
  const breakdown = Object.fromEntries(Object.keys(parts[0]).map((key) => [key, median(parts.map((p) => p[key]))]));
  const byCommand = {};
  for (const r of reports) {
    for (const p of r.processes) {
      const name = describeProcess(p);
      (byCommand[name] ??= []).push(p.durationMs / 1000);
    }
  }
  const processMedians = Object.fromEntries(Object.entries(byCommand).map(([name, list]) => [name, median(list)]));
  const s = (t) => `${t.toFixed(3)} s`;
  const value = median(overheads);
  return {
    value,
    reference: { median: median(processSeconds), samples: processSeconds },
    checks: [
      `every run (warm-up included) printed a passed dry run of ${REF}@${VERSION} with 3 passed tests, registration skipped`,
      'every run built its venv (python3 -m venv and pip install ran: nothing reused) and every process exited 0',
      "every run left its fresh TMPDIR empty and registered nothing in the task's folder",
    ],
    details: { overheadSamples: overheads, processSeconds, breakdown, processMedians, startup },
    notes: [
      `overhead per run: [${overheads.map((t) => t.toFixed(3)).join(', ')}] s; median ${s(value)} of median wall ${s(median(walls))}`,
      `processes (median per run): ${Object.entries(processMedians).map(([name, t]) => `${name} ${s(t)}`).join(', ')}`,
      `where packreg's own time goes (median per run): start-up, module loading, output and exit (outside the steps) ${s(breakdown.outsideSteps)}; ${Object.entries(breakdown).filter(([key]) => key !== 'outsideSteps').map(([key, t]) => `${key} ${s(t)}`).join(', ')}`,
      `start-up floor: node dist/cli.js --version takes ${s(startup.median)} (median of ${startup.samples.length})`,
    ],
  };
}

/** A short name for a process record: "python3 --version (dependencies)", "pip install", ... */
function describeProcess(p) {
  const [command, ...args] = p.command;
  const program = command.split('/').pop();
  if (args[0] === '-m') return `${args[1]}${args[2] === 'install' ? ' install' : ''}`;
  return `${program} ${args.join(' ')} (${p.step})`;
}

/** Median wall time of `node dist/cli.js --version`: Node's start-up and the CLI's entry. */
async function startupFloor(ctx) {
  const samples = [];
  for (let i = 0; i < STARTUP_RUNS; i++) samples.push((await runChecked('verify (start-up floor)', { cmd: ctx.node, args: [ctx.cli, '--version'], cwd: ctx.repo })).seconds);
  return { median: median(samples), samples };
}
