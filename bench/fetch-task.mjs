// The fetch task: `packreg fetch` of a ~100 MB pack from a registry served over https on
// 127.0.0.1, against `curl | tee | sha256sum` then `tar -xzf` of the same archive from the
// same server. Both download, hash and extract; packreg also reads and validates the index,
// compares the checksum and checks pack.yaml.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FETCH_REF, FETCH_VERSION, PUBLISHED_BASE } from './fetch-data.mjs';
import { BenchError, median, runChecked } from './measure.mjs';
import { startRegistryServer } from './registry-server.mjs';
import { fileSha256, treeHashes } from './verify.mjs';

const sh = (script) => ({ cmd: 'sh', args: ['-c', script] });
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * The fetch task for a context {node, cli, dataDir, fetch, fetchExpected, runs}: starts the
 * registry server (stopped by `stop()`), and returns the task like the others in tasks.mjs.
 */
export async function fetchTask(ctx) {
  const data = ctx.fetch;
  const server = await startRegistryServer({ root: data.registry, tls: data.tls, from: PUBLISHED_BASE });
  const url = `${server.base}${data.archive.url.slice(PUBLISHED_BASE.length)}`;
  const work = join(ctx.dataDir, 'out', 'fetch');
  const paths = { out: join(work, 'packreg'), file: join(work, 'reference.tar.gz'), dir: join(work, 'reference'), home: join(work, 'home') };
  rmSync(work, { recursive: true, force: true });
  mkdirSync(paths.home, { recursive: true });
  // Only the registry this run serves: no config, cache or registry variables from the caller.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ATTUNE__|XDG_|PACKREG_)/.test(k)));
  Object.assign(env, { HOME: paths.home, ATTUNE__PACK_REGISTRY__INDICES: `${server.base}index.json` });
  const packreg = {
    cmd: ctx.node,
    args: [ctx.cli, 'fetch', FETCH_REF, '--out', paths.out, '--no-cache', '--ca-file', data.tls.cert],
    cwd: work,
    env,
    before: () => rmSync(paths.out, { recursive: true, force: true }),
  };
  const download = `curl -s --cacert ${quote(data.tls.cert)} ${quote(url)} | tee ${quote(paths.file)} | sha256sum`;
  const extract = `tar -xzf ${quote(paths.file)} -C ${quote(paths.dir)}`;
  const fresh = () => {
    rmSync(paths.file, { force: true });
    rmSync(paths.dir, { recursive: true, force: true });
    mkdirSync(paths.dir);
  };
  const reference = { ...sh(`${download} && ${extract}`), cwd: work, before: fresh };
  const MB = data.archive.bytes / 1e6;
  return {
    title: `fetch (${MB.toFixed(0)} MB archive)`,
    packreg,
    packregText: `HOME=TMP ATTUNE__PACK_REGISTRY__INDICES=${server.base}index.json node dist/cli.js fetch ${FETCH_REF} --out DIR --no-cache --ca-file CERT`,
    reference,
    referenceText: 'curl -s --cacert CERT URL | tee FILE | sha256sum && tar -xzf FILE -C DIR',
    ratioKind: 'time packreg / reference',
    ratio: (p, r) => p / r,
    goal: { op: '<=', value: 1.0 },
    stop: () => server.close(),
    async verify(m) {
      const checks = verifyFetch(ctx, m, server, url, paths, work);
      const phases = await phaseTimes(ctx, packreg, { download: { ...sh(download), cwd: work, before: fresh }, extract: { ...sh(extract), cwd: work } });
      const rate = (seconds) => `${(MB / seconds).toFixed(0)} MB/s`;
      return {
        checks: checks.done,
        details: { archive: data.archive, url, ciphers: checks.ciphers, phases, packregMBps: MB / m.packreg.median, referenceMBps: MB / m.reference.median },
        notes: [
          `archive ${data.archive.bytes} B (${(data.archive.bytes / 2 ** 20).toFixed(1)} MiB), pack ${data.files} files, ${data.bytes} B; served over ${checks.ciphers.join(', ')}`,
          `throughput (archive bytes / wall time): packreg ${rate(m.packreg.median)}, reference ${rate(m.reference.median)}`,
          ...phaseNotes(phases),
        ],
      };
    },
  };
}

/** Both sides produced the pack and the right checksum; the server saw every download whole. */
function verifyFetch(ctx, m, server, url, paths, work) {
  const data = ctx.fetch;
  const want = ctx.fetchExpected;
  const fail = (what) => {
    throw new BenchError(`fetch: ${what}`);
  };
  const report = sameEverywhere('packreg', m.packreg.outputs);
  const first = report.split('\n')[0];
  if (!first.startsWith(`${FETCH_REF}@${FETCH_VERSION} `) || !first.endsWith(` -> ${paths.out}`)) fail(`packreg printed ${JSON.stringify(first)}, expected ${FETCH_REF}@${FETCH_VERSION} ... -> ${paths.out}`);
  if (!new RegExp(`^\\s*checksum\\s+sha256:${data.archive.sha256} verified$`, 'm').test(report)) fail(`packreg did not report the archive's checksum sha256:${data.archive.sha256} as verified:\n${report}`);
  if (!report.includes(url)) fail(`packreg did not report the archive source ${url}:\n${report}`);
  const mine = treeHashes(paths.out);
  if (mine.framed !== want.framed) fail(`packreg's tree ${paths.out} hashes to ${mine.framed} (${mine.files} files, ${mine.bytes} B), the pack to ${want.framed} (${want.files} files, ${want.bytes} B)`);

  const printed = sameEverywhere('reference', m.reference.outputs).trim();
  if (printed !== `${data.archive.sha256}  -`) fail(`sha256sum printed ${JSON.stringify(printed)}, the archive is ${data.archive.sha256}`);
  if (fileSha256(paths.file) !== data.archive.sha256) fail(`the reference's downloaded file ${paths.file} does not hash to the archive's sha256`);
  const top = readdirSync(paths.dir);
  const inner = `${FETCH_REF}-${FETCH_VERSION}`;
  if (top.join(',') !== inner) fail(`tar extracted ${top.join(', ')} into ${paths.dir}, expected ${inner}/ only`);
  const theirs = treeHashes(join(paths.dir, inner));
  if (theirs.framed !== want.framed) fail(`tar's tree ${join(paths.dir, inner)} hashes to ${theirs.framed}, the pack to ${want.framed}`);

  const leftovers = readdirSync(work).filter((n) => !['packreg', 'reference', 'reference.tar.gz', 'home'].includes(n));
  if (leftovers.length > 0) fail(`packreg left ${leftovers.join(', ')} in ${work}`);

  // Every run (warm-up included) downloaded the whole archive from this server.
  const runs = m.packreg.samples.length + 1;
  const archivePath = new URL(url).pathname;
  const downloads = (agent) => server.requests.filter((r) => r.path === archivePath && agent.test(r.agent ?? ''));
  const side = { packreg: downloads(/^(?!curl\/)/), reference: downloads(/^curl\//) };
  for (const [name, list] of Object.entries(side)) {
    const whole = list.filter((r) => r.status === 200 && r.bytes === data.archive.bytes).length;
    if (list.length !== runs || whole !== runs) fail(`the server saw ${list.length} archive requests from ${name} (${whole} sent whole), expected ${runs}`);
  }
  const indexGets = server.requests.filter((r) => r.path === '/index.json').length;
  if (indexGets !== runs) fail(`the server saw ${indexGets} index requests, expected ${runs} (one per packreg run, --no-cache)`);
  const ciphers = [...new Set(Object.entries(side).map(([name, list]) => `${name} ${[...new Set(list.map((r) => `${r.protocol} ${r.cipher}`))].join('/')}`))];
  return {
    ciphers,
    done: [
      `packreg reported ${FETCH_REF}@${FETCH_VERSION} from the served registry, the archive URL and its sha256 as verified`,
      "packreg's tree is exactly the pack (framed checksum by bench/verify.mjs); tar's tree under the archive's top folder is too",
      "sha256sum printed the archive's sha256; the reference's file is the archive",
      'packreg left no scratch folder behind',
      `the server sent the whole archive to every run of both sides (${runs} each) and the index once per packreg run`,
    ],
  };
}

/**
 * Where the time goes, from extra untimed runs (median of up to 3): packreg with
 * PACKREG_DEBUG=1, each stderr line timed as it arrives; the reference's two commands apart.
 */
async function phaseTimes(ctx, packreg, reference) {
  const count = Math.min(3, ctx.runs);
  const packregRuns = [];
  const refRuns = [];
  for (let i = 0; i < count; i++) {
    await packreg.before();
    packregRuns.push(await timeline({ ...packreg, env: { ...packreg.env, PACKREG_DEBUG: '1' } }));
    const download = (await runChecked('fetch phase (reference download)', reference.download)).seconds;
    const extract = (await runChecked('fetch phase (reference extract)', reference.extract)).seconds;
    refRuns.push({ download, extract });
  }
  const marks = packregRuns.map(packregMarks);
  const complete = marks.every((mk) => mk !== undefined);
  const med = (pick) => median(marks.map(pick));
  return {
    runs: count,
    packreg: complete
      ? {
          startup: med((k) => k.index),
          index: med((k) => k.archive - k.index),
          // One pass: the archive is unpacked while it downloads, so "downloaded" comes when both are
          // nearly done; what the extraction still had to do after the compare is the tail.
          onePass: med((k) => k.downloaded - k.archive),
          compare: med((k) => k.verified - k.downloaded),
          extractTail: med((k) => k.extracted - k.verified),
          finish: med((k) => k.exit - k.extracted),
          total: med((k) => k.exit),
        }
      : undefined,
    packregLines: packregRuns[0].lines,
    streamed: packregRuns.every((run) => run.lines.some((l) => /while it downloads$/.test(l.text))),
    reference: { downloadAndHash: median(refRuns.map((r) => r.download)), extract: median(refRuns.map((r) => r.extract)) },
  };
}

/** The debug lines' times (seconds since start) of a packreg fetch run, or undefined if one is missing. */
function packregMarks({ lines, exit }) {
  const at = (pattern) => lines.find((l) => pattern.test(l.text))?.t;
  const marks = {
    index: at(/GET \S*\/index\.json/),
    archive: at(/GET \S*\.tar\.gz/),
    downloaded: at(/downloaded /),
    verified: at(/ verified$/),
    extracted: at(/^extracted /),
    exit,
  };
  return Object.values(marks).every((t) => t !== undefined) ? marks : undefined;
}

function phaseNotes(phases) {
  const s = (t) => `${t.toFixed(2)} s`;
  const r = phases.reference;
  const lines = [`phases (median of ${phases.runs} extra untimed runs per side):`];
  if (phases.packreg) {
    const p = phases.packreg;
    lines.push(
      `  packreg (PACKREG_DEBUG=1 line times): start-up ${s(p.startup)}, index GET + validate + resolve ${s(p.index)}, download + hash to file + extract (one pass) ${s(p.onePass)}, compare ${s(p.compare)}, rest of the extraction ${s(p.extractTail)}, identity check + move + clean-up + exit ${s(p.finish)}; total ${s(p.total)}`,
    );
    if (!phases.streamed) lines.push('  packreg: NOT unpacked while downloading (no "while it downloads" debug line): it extracted from the file afterwards');
  } else {
    lines.push(`  packreg: debug lines not recognised; first run's timeline: ${phases.packregLines.map((l) => `${s(l.t)} ${l.text.slice(0, 60)}`).join(' | ')}`);
  }
  lines.push(`  reference: curl | tee | sha256sum ${s(r.downloadAndHash)}, tar -xzf ${s(r.extract)}`);
  return lines;
}

/** Run a command and note when each stderr line arrives; resolves {lines: [{t, text}], exit}. */
function timeline({ cmd, args, cwd, env }) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - started) / 1e9;
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const lines = [];
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => {
      const t = since();
      const parts = (partial + text).split('\n');
      partial = parts.pop();
      for (const line of parts) lines.push({ t, text: line });
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = since();
      if (code !== 0) reject(new BenchError(`fetch phase run (${[cmd, ...args].join(' ')}) exited with ${code}:\n${lines.map((l) => l.text).join('\n').slice(-3000)}`));
      else resolve({ lines, exit });
    });
  });
}

function sameEverywhere(label, outputs) {
  const distinct = [...new Set(outputs)];
  if (distinct.length !== 1) throw new BenchError(`fetch: ${label} printed different results on different runs:\n${distinct.join('\n---\n')}`);
  return distinct[0];
}

