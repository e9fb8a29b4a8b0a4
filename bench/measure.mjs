// Wall-clock timing of child processes: what a user waits for, process start included.
import { spawn } from 'node:child_process';

/** A command failed or printed something wrong: the benchmark cannot report a figure. */
export class BenchError extends Error {}

/** Run a command once; resolves with its wall time in seconds and its output. */
export function runOnce({ cmd, args, cwd, env }) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
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
 * Returns the samples, the median and the last run's output for each side.
 */
export async function measurePair(label, packreg, reference, runs, onRun) {
  const sides = { packreg: { spec: packreg, samples: [], last: undefined }, reference: { spec: reference, samples: [], last: undefined } };
  for (const [name, side] of Object.entries(sides)) {
    side.warmup = await runChecked(`${label} (${name} warm-up)`, side.spec);
    side.outputs = [side.warmup.stdout];
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, side] of Object.entries(sides)) {
      const result = await runChecked(`${label} (${name})`, side.spec);
      side.samples.push(result.seconds);
      side.outputs.push(result.stdout);
      side.last = result;
      onRun?.(name, i, result.seconds);
    }
  }
  const summary = (side) => ({ median: median(side.samples), samples: side.samples, last: side.last, outputs: side.outputs });
  return { packreg: summary(sides.packreg), reference: summary(sides.reference) };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
