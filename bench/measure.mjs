// Wall-clock timing of child processes: what a user waits for, process start included.
import { spawn } from 'node:child_process';

/** A command failed or printed something wrong: the benchmark cannot report a figure. */
export class BenchError extends Error {}

/**
 * The command runs under `sh`, which prints its children's CPU times (`times`, POSIX) when
 * the command ends: user + system seconds of the whole process tree, all threads included.
 * Both sides get the same wrapper, so its ~1 ms is in both wall times.
 */
const WRAPPER = ['-c', '"$@"; status=$?; times >&2; exit $status', 'sh'];
const TIMES = /\n?(\d+)m([\d.]+)s (\d+)m([\d.]+)s\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\n$/;

/** Run a command once; resolves with its wall time and CPU time in seconds and its output. */
export function runOnce({ cmd, args, cwd, env }) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    const started = process.hrtime.bigint();
    const child = spawn('sh', [...WRAPPER, cmd, ...args], { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let errors = Buffer.concat(stderr).toString('utf8');
      let cpu = NaN;
      const times = errors.match(TIMES);
      if (times) {
        const t = times.slice(1).map(Number);
        cpu = t[4] * 60 + t[5] + t[6] * 60 + t[7]; // second line: the children's user and system time
        errors = errors.slice(0, times.index);
      }
      resolve({ seconds, cpu, code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: errors });
    });
  });
}

/** Run and require exit 0; `label` names the side in the error. */
export async function runChecked(label, side) {
  await side.before?.();
  const result = await runOnce(side);
  if (result.code !== 0) {
    const shown = [side.cmd, ...side.args].join(' ');
    throw new BenchError(`${label}: \`${shown}\` exited with ${result.code ?? result.signal}\n${(result.stderr || result.stdout).trim().slice(-3000)}`);
  }
  return result;
}

/**
 * Measure two sides: one warm-up each (fills the page cache, loads the binaries), then
 * `runs` alternating runs (packreg, reference, packreg, ...) so drift affects both alike.
 * Returns each side's wall and CPU samples, their medians and every run's stdout (warm-up
 * first) and stderr (measured runs only, e.g. for a peak-memory line).
 */
export async function measurePair(label, packreg, reference, runs, onRun) {
  const sides = { packreg: { spec: packreg, samples: [], cpu: [], errors: [] }, reference: { spec: reference, samples: [], cpu: [], errors: [] } };
  for (const [name, side] of Object.entries(sides)) {
    side.warmup = await runChecked(`${label} (${name} warm-up)`, side.spec);
    side.outputs = [side.warmup.stdout];
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, side] of Object.entries(sides)) {
      const result = await runChecked(`${label} (${name})`, side.spec);
      side.samples.push(result.seconds);
      side.cpu.push(result.cpu);
      side.outputs.push(result.stdout);
      side.errors.push(result.stderr);
      onRun?.(name, i, result.seconds);
    }
  }
  const summary = (side) => ({ median: median(side.samples), samples: side.samples, cpuMedian: median(side.cpu), cpu: side.cpu, outputs: side.outputs, errors: side.errors });
  return { packreg: summary(sides.packreg), reference: summary(sides.reference) };
}

/**
 * Measure one command with no reference to race (a task with an absolute goal): one warm-up,
 * then `runs` runs. Returns the same shape as one side of measurePair, under `packreg`.
 */
export async function measureAlone(label, spec, runs, onRun) {
  const side = { samples: [], cpu: [], errors: [] };
  side.outputs = [(await runChecked(`${label} (warm-up)`, spec)).stdout];
  for (let i = 0; i < runs; i++) {
    const result = await runChecked(label, spec);
    side.samples.push(result.seconds);
    side.cpu.push(result.cpu);
    side.outputs.push(result.stdout);
    side.errors.push(result.stderr);
    onRun?.('packreg', i, result.seconds);
  }
  return { packreg: { median: median(side.samples), samples: side.samples, cpuMedian: median(side.cpu), cpu: side.cpu, outputs: side.outputs, errors: side.errors } };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
