// The benchmark's surroundings: options, reference tools, the built CLI and machine facts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchError } from './measure.mjs';

export const USAGE = `npm run bench -- [options]

  --runs N      measured runs per side after one warm-up (default 3); the median is reported
  --only LIST   comma-separated tasks to run: file,dir,tar,zip,index,fetch,verify (default all)
  --scale F     data size factor for quick smoke runs (default 1; goals are set for 1)
  --seed N      data generator seed (default 20240601)
  --no-build    use dist/cli.js as it is, even if src/ is newer
  --clean       delete bench/.data/ (generated data and results) and exit
  --help        this text

Exit status: 0 when every result is correct (missed goals included: this is a report),
1 when a command failed or printed a wrong result, 2 for bad options, 3 when a reference
tool is missing.`;

/** Parse the options; throws a string (the usage message) on bad input. */
export function parseOptions(argv, taskIds) {
  const options = { runs: 3, only: [...taskIds], scale: 1, seed: 20240601, build: true, clean: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw `${flag} needs a value`;
      return v;
    };
    const number = (v, check) => {
      const n = Number(v);
      if (!Number.isFinite(n) || !check(n)) throw `${flag}: bad value "${v}"`;
      return n;
    };
    if (flag === '--runs') options.runs = number(value(), (n) => Number.isInteger(n) && n >= 1);
    else if (flag === '--scale') options.scale = number(value(), (n) => n > 0 && n <= 4);
    else if (flag === '--seed') options.seed = number(value(), (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32);
    else if (flag === '--only') {
      options.only = value().split(',').filter(Boolean);
      const unknown = options.only.filter((t) => !taskIds.includes(t));
      if (unknown.length > 0 || options.only.length === 0) throw `--only: unknown task ${unknown.join(', ') || '(none given)'}; use ${taskIds.join(',')}`;
    } else if (flag === '--no-build') options.build = false;
    else if (flag === '--clean') options.clean = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw `unknown option ${arg}`;
  }
  return options;
}

/** Reference tools each task needs (plus unzip/tar for verifying archives, openssl for the fetch task's certificate). */
export const TOOLS = { file: ['openssl'], dir: ['sh', 'find', 'sort', 'xargs', 'cat', 'openssl'], tar: ['sh', 'tar', 'gzip'], zip: ['sh', 'zip', 'unzip'], index: ['sh', 'jq'], fetch: ['sh', 'curl', 'tee', 'sha256sum', 'tar', 'gzip', 'openssl'], verify: ['sh', 'python3'] };

/** The Debian/Ubuntu package that provides each tool, for the "missing" message. */
const DEBIAN_PACKAGES = { openssl: 'openssl', sh: 'dash', find: 'findutils', xargs: 'findutils', sort: 'coreutils', cat: 'coreutils', tar: 'tar', gzip: 'gzip', zip: 'zip', unzip: 'unzip', jq: 'jq', curl: 'curl', tee: 'coreutils', sha256sum: 'coreutils', python3: 'python3, plus python3-venv' };

/** The tools missing from PATH (and GNU tar's --sort when the tar task runs), each with its Debian package. */
export function missingTools(tasks) {
  const needed = [...new Set(tasks.flatMap((t) => TOOLS[t]))];
  const missing = needed.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  const named = missing.map((tool) => `${tool} (Debian package ${DEBIAN_PACKAGES[tool]})`);
  // Only the tar task builds with --sort=name; the others just extract.
  if (tasks.includes('tar') && !missing.includes('tar')) {
    const version = firstLine('tar', ['--version']);
    if (!/GNU tar/.test(version)) named.push(`GNU tar with --sort=name (found: ${version || 'unknown tar'}; Debian package tar)`);
  }
  return named;
}

/** The line a peak-memory wrapper prints to stderr: `bench-maxrss-kb <KiB>`. */
export const MAXRSS_LINE = 'bench-maxrss-kb';
const GNU_TIME_PATHS = ['/usr/bin/time', '/bin/time', '/usr/local/bin/time'];

/**
 * How to measure a command's peak memory (max RSS). Preferred: GNU time (`time -f %M`,
 * Debian package time), which reports the max RSS of the command and the children it waited
 * for, for any command; it is used only if a probe agrees with Node's own figure (an old
 * GNU time reported 4x the real value). Otherwise a preload module makes packreg's Node
 * process print `process.resourceUsage().maxRSS` on exit; the reference is then not measured.
 * Returns {method, gnuTime} or {method, preload, why}.
 */
export function maxRssMethod(node, preload) {
  const script = 'Buffer.alloc(64 << 20, 1); console.log(process.resourceUsage().maxRSS)';
  const probe = (cmd, args) => spawnSync(cmd, [...args, '-e', script], { encoding: 'utf8' });
  const why = [];
  for (const path of GNU_TIME_PATHS.filter((p) => existsSync(p))) {
    const run = probe(path, ['-f', `${MAXRSS_LINE} %M`, node]);
    const reported = Number(run.stderr?.match(new RegExp(`^${MAXRSS_LINE} (\\d+)$`, 'm'))?.[1]);
    const own = Number(run.stdout?.trim());
    if (run.status !== 0 || !Number.isFinite(reported) || !Number.isFinite(own)) {
      why.push(`${path} is not GNU time (-f %M failed)`);
      continue;
    }
    // The same process seen from outside (GNU time) and inside (Node): a few MiB apart at most.
    if (Math.abs(reported - own) > Math.max(8192, own * 0.1)) {
      why.push(`${path} -f %M reported ${reported} KiB where the process measured ${own} KiB`);
      continue;
    }
    return { method: `GNU time %M (${path})`, gnuTime: path };
  }
  if (why.length === 0) why.push('GNU time not found (Debian package time)');
  const run = probe(node, ['--import', pathToFileURL(preload).href]);
  if (run.status !== 0 || !new RegExp(`^${MAXRSS_LINE} \\d+$`, 'm').test(run.stderr)) {
    throw new BenchError(`cannot measure peak memory: ${why.join('; ')}; and the preload ${preload} printed no ${MAXRSS_LINE} line:\n${run.stderr}`);
  }
  return { method: "process.resourceUsage().maxRSS in packreg's Node process (preload bench/maxrss-preload.mjs)", preload: pathToFileURL(preload).href, why: why.join('; ') };
}

/** Why dist/cli.js needs a rebuild (a newer source or config file), or undefined if it is current. */
export function staleReason(repo) {
  const cli = join(repo, 'dist', 'cli.js');
  if (!existsSync(cli)) return 'dist/cli.js is missing';
  const built = statSync(cli).mtimeMs;
  const inputs = ['rollup.config.js', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'].map((f) => join(repo, f));
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else inputs.push(path);
    }
  };
  visit(join(repo, 'src'));
  const newer = inputs.find((f) => existsSync(f) && statSync(f).mtimeMs > built);
  return newer ? `${newer.slice(repo.length + 1)} is newer than dist/cli.js` : undefined;
}

/** Build the bundles the way the project does; returns the failure text or undefined. */
export function build(repo) {
  const run = spawnSync('npx', ['rollup', '-c', 'rollup.config.js', '--silent'], { cwd: repo, encoding: 'utf8' });
  return run.status === 0 ? undefined : `${run.stdout}${run.stderr}`.trim() || `exit ${run.status}`;
}

/** Facts that make figures comparable between machines. */
export function machineInfo(node, cli) {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    availableParallelism: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    openssl: firstLine('openssl', ['version']),
    nodeOpenssl: process.versions.openssl,
    tar: firstLine('tar', ['--version']),
    gzip: firstLine('gzip', ['--version']),
    zip: firstLine('zip', ['-v'], /This is Zip[^,]*/),
    jq: firstLine('jq', ['--version']),
    curl: firstLine('curl', ['--version'], /^curl \S+/),
    python: firstLine('python3', ['--version']),
    packreg: firstLine(node, [cli, '--version']),
  };
}

function firstLine(cmd, args, pattern) {
  const run = spawnSync(cmd, args, { encoding: 'utf8' });
  if (run.error) return '';
  const text = `${run.stdout}`;
  if (pattern) return text.match(pattern)?.[0]?.trim() ?? '';
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const block = Buffer.alloc(1 << 20, 7);
const end = Date.now() + workerData;
let n = 0;
while (Date.now() < end) { createHash('sha256').update(block).digest(); n++; }
parentPort.postMessage(n);
`;

/**
 * How much CPU work the machine really does in parallel: SHA-256 throughput of
 * `availableParallelism()` threads at once over one thread. Virtual machines often report
 * cores that share one physical core; parallel compression cannot gain there.
 */
export async function parallelSpeedup(ms = 400) {
  const { Worker } = await import('node:worker_threads');
  const round = (threads) =>
    Promise.all(
      Array.from({ length: threads }, () => new Promise((resolve, reject) => {
        const worker = new Worker(PROBE, { eval: true, workerData: ms });
        worker.once('message', resolve);
        worker.once('error', reject);
      })),
    ).then((counts) => counts.reduce((a, b) => a + b, 0));
  const threads = availableParallelism();
  const one = await round(1);
  const all = threads > 1 ? await round(threads) : one;
  return { threads, speedup: all / one };
}
