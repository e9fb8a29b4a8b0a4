// `npm run bench`: packreg's CLI (dist/cli.js, as users run it) against reference tools on
// the same generated data, in the same run. Prints a table of medians and ratios against the
// goals and writes bench/.data/results.json. A missed goal is reported, not an error.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataParams, ensureBigFile, ensureIndex, ensurePack } from './data.mjs';
import { ensureFetchData, fetchParams } from './fetch-data.mjs';
import { build, machineInfo, maxRssMethod, missingTools, parallelSpeedup, parseOptions, staleReason, USAGE } from './env.mjs';
import { BenchError, measureAlone, measurePair } from './measure.mjs';
import { defineTasks, TASK_IDS } from './tasks.mjs';
import { treeHashes } from './verify.mjs';
import { VERIFY_MIN_RUNS } from './verify-task.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const dataDir = join(here, '.data');
const cli = join(repo, 'dist', 'cli.js');
const log = (message) => process.stderr.write(`bench: ${message}\n`);

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), TASK_IDS);
  } catch (message) {
    process.stderr.write(`bench: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.clean) {
    rmSync(dataDir, { recursive: true, force: true });
    log(`removed ${dataDir}`);
    return 0;
  }

  const missing = missingTools(options.only);
  if (missing.length > 0) {
    log(`reference tools missing: ${missing.join(', ')}; install them (or pick other tasks with --only)`);
    return 3;
  }
  const stale = staleReason(repo);
  if (stale && options.build) {
    log(`building dist/ (${stale}) ...`);
    const failure = build(repo);
    if (failure) throw new BenchError(`the build failed:\n${failure}`);
  } else if (stale) {
    log(`warning: ${stale}; measuring it anyway (--no-build)`);
  }

  mkdirSync(join(dataDir, 'out'), { recursive: true });
  const params = dataParams(options.seed, options.scale);
  const needsPack = options.only.some((t) => ['dir', 'tar', 'zip'].includes(t));
  const big = options.only.includes('file') ? ensureBigFile(dataDir, params, log) : undefined;
  const pack = needsPack ? ensurePack(dataDir, params, log) : undefined;
  const index = options.only.includes('index') ? ensureIndex(dataDir, params, validateIndex, log) : undefined;
  const fetch = options.only.includes('fetch') ? ensureFetchData(dataDir, fetchParams(options.seed, options.scale), process.execPath, cli, log) : undefined;
  const maxRss = index ? maxRssMethod(process.execPath, join(here, 'maxrss-preload.mjs')) : undefined;
  let expected;
  if (pack) {
    // The independent answer, computed once; this pass also warms the page cache.
    expected = treeHashes(pack.dir);
    if (expected.files !== pack.files || expected.bytes !== pack.bytes) {
      throw new BenchError(`${pack.dir} holds ${expected.files} files / ${expected.bytes} bytes, generated ${pack.files} / ${pack.bytes}; run with --clean`);
    }
  }
  const fetchExpected = fetch && treeHashes(fetch.dir);
  if (fetch && (fetchExpected.files !== fetch.files || fetchExpected.bytes !== fetch.bytes)) {
    throw new BenchError(`${fetch.dir} holds ${fetchExpected.files} files / ${fetchExpected.bytes} bytes, generated ${fetch.files} / ${fetch.bytes}; run with --clean`);
  }

  const machine = { ...machineInfo(process.execPath, cli), parallel: await parallelSpeedup() };
  printMachine(machine, options, { big, pack, index, fetch }, maxRss);
  // The index task's jq reference sets last_updated to this (packreg uses its own clock).
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const tasks = defineTasks({ node: process.execPath, cli, repo, dataDir, big, pack, expected, index, maxRss, now, fetch, fetchExpected, runs: options.runs });
  const results = [];
  for (const id of options.only) {
    const task = await tasks[id]();
    let m;
    let checked;
    const onRun = (side, i, s) => log(`  ${side} run ${i + 1}: ${s.toFixed(3)} s`);
    try {
      if (task.absolute) {
        log(`${task.title}: warm-up + ${task.runs} runs (no reference: an absolute goal) ...`);
        m = await measureAlone(task.title, task.packreg, task.runs, onRun);
      } else {
        log(`${task.title}: warm-up + ${options.runs} runs per side ...`);
        m = await measurePair(task.title, task.packreg, task.reference, options.runs, onRun);
      }
      checked = await task.verify(m);
    } finally {
      await task.stop?.();
    }
    if (task.absolute) {
      // The figure is an amount (seconds), compared with the goal as it is; the reference
      // column shows what stands in for a reference tool (verify: the subprocesses' time).
      const { value, reference, ...verified } = checked;
      const pass = task.goal.op === '>=' ? value >= task.goal.value : value <= task.goal.value;
      results.push({
        id,
        title: task.title,
        absolute: true,
        packreg: { command: task.packregText, ...timing(m.packreg) },
        reference: { command: task.referenceText, median: reference.median, samples: reference.samples },
        ratio: value,
        ratioKind: task.ratioKind,
        goal: task.goal,
        pass,
        ...verified,
      });
      continue;
    }
    const { metrics = [], ...verified } = checked;
    const ratio = task.ratio(m.packreg.median, m.reference.median);
    const pass = task.goal.op === '>=' ? ratio >= task.goal.value : ratio <= task.goal.value;
    results.push({
      id,
      title: task.title,
      packreg: { command: task.packregText ?? ['node', 'dist/cli.js', ...task.packreg.args.slice(1)].join(' '), ...timing(m.packreg) },
      reference: { command: task.referenceText, ...timing(m.reference) },
      ratio,
      ratioKind: task.ratioKind,
      goal: task.goal,
      pass,
      ...verified,
    });
    // Further figures of the same runs (peak memory), each a row with its own goal.
    for (const metric of metrics) {
      const ok = metric.goal.op === '>=' ? metric.ratio >= metric.goal.value : metric.ratio <= metric.goal.value;
      results.push({ ...metric, pass: ok });
    }
  }

  printTable(results);
  const file = join(dataDir, 'results.json');
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, options: { runs: options.runs, scale: options.scale, seed: options.seed }, data: { file: big, pack, index, fetch }, results }, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${file}\n`);
  return 0;
}

/** packreg's own check of a generated index; the failure text, or undefined when it is valid. */
function validateIndex(path) {
  const run = spawnSync(process.execPath, [cli, 'index-validate', '--policy', 'standard', path], { encoding: 'utf8' });
  return run.status === 0 ? undefined : `index-validate exited with ${run.status ?? run.signal}:\n${`${run.stdout}${run.stderr}`.trim().slice(-3000)}`;
}

/** Wall and CPU (user + system, whole process tree) seconds of one side. */
function timing(side) {
  return { median: side.median, samples: side.samples, cpuMedian: side.cpuMedian, cpuSamples: side.cpu };
}

function printMachine(m, options, { big, pack, index, fetch }, maxRss) {
  const lines = [
    `machine: ${m.cpu}, ${m.cores} cores (availableParallelism ${m.availableParallelism}), ${m.memoryGiB} GiB, ${m.os}`,
    `         measured parallel CPU throughput: ${m.parallel.speedup.toFixed(2)}x one thread with ${m.parallel.threads} threads (SHA-256 probe)`,
    `tools:   node ${m.node} (OpenSSL ${m.nodeOpenssl}); ${m.openssl}; ${m.tar}; ${m.gzip}; ${m.zip}; ${m.jq || 'no jq'}; ${m.curl || 'no curl'}; ${m.python || 'no python3'}; packreg ${m.packreg}`,
    `runs:    1 warm-up + ${options.runs} measured per side, alternating; median reported${options.only.includes('verify') ? `; verify: 1 warm-up + ${Math.max(options.runs, VERIFY_MIN_RUNS)} runs alone` : ''}${options.scale !== 1 ? `; data scale ${options.scale} (goals are set for scale 1)` : ''}`,
  ];
  if (big) lines.push(`file:    ${big.path} (${big.bytes} bytes)`);
  if (pack) lines.push(`pack:    ${pack.dir} (${pack.files} files, ${pack.directories} directories, ${pack.bytes} bytes, ${((100 * pack.binaryBytes) / pack.bytes).toFixed(0)}% incompressible)`);
  if (index) lines.push(`index:   ${index.path} (${index.packs} packs, ${index.bytes} bytes); entry ${index.upsert.ref} ${index.upsert.from} -> ${index.upsert.to}`);
  if (fetch) lines.push(`fetch:   ${fetch.archive.path} (${fetch.archive.bytes} bytes, ${fetch.files} files, ${fetch.bytes} bytes unpacked, ${((100 * fetch.binaryBytes) / fetch.bytes).toFixed(0)}% incompressible), served over https from 127.0.0.1 by the bench`);
  if (maxRss) lines.push(`memory:  peak RSS by ${maxRss.method}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

function printTable(results) {
  // Timed rows show median seconds; metric rows (unit set, e.g. peak memory in MiB) their value.
  const value = (r, side) => (r.unit ? (side ? `${side.value.toFixed(1)} ${r.unit}` : 'n/a') : `${side.median.toFixed(3)} s`);
  const cpu = (r, side) => (r.unit || side.cpuMedian === undefined ? '-' : side.cpuMedian.toFixed(2));
  // An absolute goal (verify) shows its figure and goal with their unit instead of a ratio.
  const unit = (r) => (r.goal.unit ? ` ${r.goal.unit}` : '');
  const rows = [
    ['task', 'packreg', 'reference', 'ratio', 'goal', 'result', 'cpu s packreg', 'cpu s reference'],
    ...results.map((r) => [
      r.title,
      value(r, r.packreg),
      value(r, r.reference),
      r.absolute ? `${r.ratio.toFixed(3)}${unit(r)}` : r.ratio.toFixed(2),
      `${r.goal.op} ${r.goal.value.toFixed(2)}${unit(r)}`,
      r.pass ? 'PASS' : 'MISS',
      cpu(r, r.packreg),
      cpu(r, r.reference),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const format = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const out = [format(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(format), ''];
  for (const r of results) {
    out.push(`${r.title}: ${r.absolute ? 'figure' : 'ratio'} = ${r.ratioKind}`);
    if (r.unit) {
      const list = (side) => (side ? `[${side.samples.map((s) => s.toFixed(1)).join(', ')}] ${r.unit}` : 'not measured');
      out.push(`  packreg:   ${list(r.packreg)}`, `  reference: ${list(r.reference)}`);
      for (const note of r.notes) out.push(`  ${note}`);
      out.push(`  verified: ${r.checks.join('; ')}`);
      continue;
    }
    const samples = (side) => `wall [${side.samples.map((s) => s.toFixed(3)).join(', ')}]${side.cpuSamples ? ` cpu [${side.cpuSamples.map((s) => s.toFixed(2)).join(', ')}]` : ''}`;
    out.push(`  packreg:   ${r.packreg.command}`);
    out.push(`             ${samples(r.packreg)}`);
    out.push(`  reference: ${r.reference.command}`);
    out.push(`             ${samples(r.reference)}`);
    for (const note of r.notes) out.push(`  ${note}`);
    out.push(`  verified: ${r.checks.join('; ')}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${error instanceof BenchError ? error.message : error?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
