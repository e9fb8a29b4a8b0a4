// The measured tasks: packreg's CLI against a reference tool on the same data, each
// with the checks that make its figures trustworthy (both sides computed the right thing).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './data.mjs';
import { MAXRSS_LINE } from './env.mjs';
import { fetchTask } from './fetch-task.mjs';
import { BenchError } from './measure.mjs';
import { extractedTree, fileSha256, sameValue } from './verify.mjs';
import { verifyTask } from './verify-task.mjs';

/** Every task id, in run order. */
export const TASK_IDS = ['file', 'dir', 'tar', 'zip', 'index', 'fetch', 'verify'];

const sh = (script) => ({ cmd: 'sh', args: ['-c', script] });
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const remove = (...paths) => () => {
  for (const p of paths) rmSync(p, { force: true });
};

/**
 * The task definitions for a context: {node, cli, repo, dataDir, big, pack, expected, index,
 * maxRss, now, fetch, fetchExpected, runs}. Each is a function that builds the task (or a promise of
 * it: the fetch task starts its server, and has a `stop()`), so only the tasks whose data was
 * made are touched.
 * `packreg` and `reference` are commands; `ratio` turns the two medians into the reported
 * ratio; `verify` checks the outputs and returns (or resolves with) details for the report
 * (or throws), and optionally `metrics`: further rows for the report (the index task's peak memory).
 * A task with `absolute: true` (verify) has no `reference` command and no `ratio`: it runs
 * `runs` times alone, and its `verify` also returns the figure compared with the goal (`value`,
 * with `goal.unit`) and what stands in for the reference (`reference`: {median, samples}).
 */
export function defineTasks(ctx) {
  const packreg = (...args) => ({ cmd: ctx.node, args: [ctx.cli, ...args], cwd: ctx.dataDir });
  const outDir = join(ctx.dataDir, 'out');
  const scratch = join(ctx.dataDir, 'verify');
  const tgz = { mine: join(outDir, 'packreg.tar.gz'), ref: join(outDir, 'reference.tar.gz') };
  const zip = { mine: join(outDir, 'packreg.zip'), ref: join(outDir, 'reference.zip') };
  const MB = (bytes, seconds) => bytes / 1e6 / seconds;

  return {
    file: () => ({
      title: `file checksum (${Math.round(ctx.big.bytes / 2 ** 20)} MiB)`,
      packreg: packreg('checksum', ctx.big.path),
      reference: { cmd: 'openssl', args: ['dgst', '-sha256', ctx.big.path] },
      referenceText: `openssl dgst -sha256 FILE`,
      ratioKind: 'throughput packreg / reference (MB/s)',
      ratio: (p, r) => r / p,
      goal: { op: '>=', value: 0.85 },
      verify(m) {
        const mine = sameEverywhere('packreg', m.packreg.outputs).trim();
        const theirs = sameEverywhere('openssl', m.reference.outputs).trim();
        const hex = theirs.slice(theirs.lastIndexOf(' ') + 1);
        if (!/^[0-9a-f]{64}$/.test(hex)) throw new BenchError(`openssl printed ${JSON.stringify(theirs)}, not a SHA-256`);
        if (mine !== `sha256:${hex}`) throw new BenchError(`file checksum differs: packreg printed ${JSON.stringify(mine)}, openssl ${hex}`);
        return {
          checks: ['packreg and openssl print the same SHA-256'],
          details: { digest: mine, packregMBps: MB(ctx.big.bytes, m.packreg.median), referenceMBps: MB(ctx.big.bytes, m.reference.median) },
          notes: [`throughput: packreg ${MB(ctx.big.bytes, m.packreg.median).toFixed(0)} MB/s, openssl ${MB(ctx.big.bytes, m.reference.median).toFixed(0)} MB/s`],
        };
      },
    }),

    dir: () => ({
      title: `directory checksum (${ctx.pack.files} files)`,
      packreg: packreg('checksum', ctx.pack.dir),
      reference: sh(`cd ${quote(ctx.pack.dir)} && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 cat | openssl dgst -sha256`),
      referenceText: `find . -type f -print0 | LC_ALL=C sort -z | xargs -0 cat | openssl dgst -sha256`,
      ratioKind: 'time packreg / reference',
      ratio: (p, r) => p / r,
      goal: { op: '<=', value: 1.25 },
      verify(m) {
        const mine = sameEverywhere('packreg', m.packreg.outputs).trim();
        const theirs = sameEverywhere('reference', m.reference.outputs).trim();
        if (mine !== ctx.expected.framed) throw new BenchError(`directory checksum: packreg printed ${mine}, the framed checksum is ${ctx.expected.framed}`);
        if (!theirs.endsWith(`= ${ctx.expected.concat}`)) throw new BenchError(`directory checksum: the reference printed ${JSON.stringify(theirs)}, expected the hash of all contents ${ctx.expected.concat}`);
        return {
          checks: ['packreg prints the framed checksum computed independently by bench/verify.mjs', 'the reference hashed every file (its digest matches the concatenation computed by bench/verify.mjs)'],
          details: { digest: mine, packregMBps: MB(ctx.pack.bytes, m.packreg.median), referenceMBps: MB(ctx.pack.bytes, m.reference.median) },
          notes: [`throughput: packreg ${MB(ctx.pack.bytes, m.packreg.median).toFixed(0)} MB/s, reference ${MB(ctx.pack.bytes, m.reference.median).toFixed(0)} MB/s`],
        };
      },
    }),

    tar: () => ({
      title: 'tar.gz build',
      packreg: { ...packreg('archive', ctx.pack.dir, '--no-git', '--out', tgz.mine, '--force'), before: remove(tgz.mine) },
      reference: {
        ...sh(`tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C ${quote(ctx.pack.dir)} -cf - . | gzip -6 -n > ${quote(tgz.ref)}`),
        before: remove(tgz.ref),
      },
      referenceText: 'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C DIR -cf - . | gzip -6 -n > OUT',
      ratioKind: 'time packreg / reference',
      ratio: (p, r) => p / r,
      goal: { op: '<=', value: 1.0 },
      verify: (m) => verifyArchive(ctx, m, 'tar.gz', tgz, scratch),
    }),

    zip: () => ({
      title: 'zip build',
      packreg: { ...packreg('archive', ctx.pack.dir, '--no-git', '--format', 'zip', '--out', zip.mine, '--force'), before: remove(zip.mine) },
      // zip appends to an existing archive, so the output is deleted before every run (untimed).
      reference: { ...sh(`cd ${quote(ctx.pack.dir)} && zip -X -r -6 -q ${quote(zip.ref)} .`), before: remove(zip.ref) },
      referenceText: '(cd DIR && zip -X -r -6 -q OUT .)',
      ratioKind: 'time packreg / reference',
      ratio: (p, r) => p / r,
      goal: { op: '<=', value: 1.0 },
      verify: (m) => verifyArchive(ctx, m, 'zip', zip, scratch),
    }),

    index: () => {
      const work = { dir: join(outDir, 'index-packreg'), index: join(outDir, 'index-packreg', 'index.json') };
      const jqOut = join(outDir, 'index-jq.json');
      const filter = `.packs |= ((map(select(.ref != $e[0].ref)) + $e) | sort_by(.ref)) | .last_updated = "${ctx.now}"`;
      return {
        title: `index upsert (${ctx.index.packs} packs)`,
        // Each run starts from the pristine index with no packs/ history beside it, so every
        // run does the same work: read, validate, upsert, write index.json and one history file.
        packreg: {
          ...withMaxRss(ctx, packreg('index-update', '--index', work.index, '--entry', ctx.index.entryPath), true),
          before: () => {
            rmSync(join(work.dir, 'packs'), { recursive: true, force: true });
            mkdirSync(work.dir, { recursive: true });
            copyFileSync(ctx.index.path, work.index);
          },
        },
        packregText: `node dist/cli.js index-update --index ${work.index} --entry ${ctx.index.entryPath}`,
        reference: { ...withMaxRss(ctx, sh(`jq --slurpfile e ${quote(ctx.index.entryPath)} ${quote(filter)} ${quote(ctx.index.path)} > ${quote(jqOut)}`), false), before: remove(jqOut) },
        referenceText: `jq --slurpfile e ENTRY '${filter}' INDEX > OUT`,
        ratioKind: 'time packreg / reference',
        ratio: (p, r) => p / r,
        goal: { op: '<=', value: 1.0 },
        verify: (m) => verifyIndexUpsert(ctx, m, work, jqOut),
      };
    },

    fetch: () => fetchTask(ctx),

    // No reference tool: an absolute goal on packreg's own overhead (see verify-task.mjs).
    verify: () => verifyTask(ctx),
  };
}

/**
 * A command that also reports its peak memory on stderr (a `bench-maxrss-kb` line): under
 * GNU time when it is usable (both sides alike), else packreg's Node process with the
 * preload (the reference then runs as it is and its peak is not measured).
 */
function withMaxRss(ctx, spec, isNode) {
  if (ctx.maxRss.gnuTime) return { ...spec, cmd: ctx.maxRss.gnuTime, args: ['-f', `${MAXRSS_LINE} %M`, spec.cmd, ...spec.args] };
  return isNode ? { ...spec, args: ['--import', ctx.maxRss.preload, ...spec.args] } : spec;
}

/** The peak memory (bytes) each measured run printed on stderr. */
function peaks(label, errors) {
  return errors.map((text, i) => {
    const found = [...text.matchAll(new RegExp(`^${MAXRSS_LINE} (\\d+)$`, 'gm'))].at(-1);
    if (!found) throw new BenchError(`${label} run ${i + 1} printed no ${MAXRSS_LINE} line (peak memory):\n${text.slice(-2000)}`);
    return Number(found[1]) * 1024;
  });
}

/**
 * packreg's upsert is right (valid, every other entry unchanged, the canonical text, the
 * history), jq computed the same upsert, a second packreg run is a no-op; then the peak
 * memory row.
 */
function verifyIndexUpsert(ctx, m, work, jqOut) {
  const ix = ctx.index;
  const { ref, from, to, position } = ix.upsert;
  const fail = (what) => {
    throw new BenchError(`index upsert: ${what}`);
  };
  const report = sameEverywhere('packreg', m.packreg.outputs);
  const validate = spawnSync(ctx.node, [ctx.cli, 'index-validate', '--policy', 'standard', work.index], { encoding: 'utf8' });
  if (validate.status !== 0) fail(`packreg's output ${work.index} does not pass index-validate --policy standard (exit ${validate.status}):\n${`${validate.stdout}${validate.stderr}`.trim().slice(-3000)}`);

  const pristine = JSON.parse(readFileSync(ix.path, 'utf8'));
  const entry = JSON.parse(readFileSync(ix.entryPath, 'utf8'));
  const text = readFileSync(work.index, 'utf8');
  const mine = JSON.parse(text);
  if (mine.packs.length !== ix.packs) fail(`packreg's output holds ${mine.packs.length} packs, expected ${ix.packs}`);
  for (const key of ['registry_name', 'registry_url', 'version']) if (mine[key] !== pristine[key]) fail(`packreg changed ${key} to ${JSON.stringify(mine[key])}`);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(mine.last_updated) || mine.last_updated === pristine.last_updated) fail(`last_updated is ${JSON.stringify(mine.last_updated)}; the packs changed, so it must be a new UTC timestamp`);
  mine.packs.forEach((pack, i) => {
    const before = pristine.packs[i];
    if (pack.ref !== before.ref) fail(`packs[${i}] is ${pack.ref}, the pristine index has ${before.ref} there`);
    if (pack.ref === ref) {
      if (pack.version !== to || !sameValue(pack, entry)) fail(`the top-level entry of ${ref} is version ${pack.version}, not the upserted entry (version ${to})`);
    } else if (JSON.stringify(pack) !== JSON.stringify(before)) fail(`the entry of ${pack.ref} (packs[${i}]) changed`);
  });
  const expected = canonicalJson({ ...pristine, last_updated: mine.last_updated, packs: pristine.packs.map((p) => (p.ref === ref ? entry : p)) });
  if (text !== expected) {
    let at = 0;
    while (text[at] === expected[at]) at++;
    fail(`packreg's output is not the canonical text of the expected index; first difference at character ${at}: ${JSON.stringify(text.slice(at, at + 80))} vs ${JSON.stringify(expected.slice(at, at + 80))}`);
  }
  const historyFile = join(work.dir, 'packs', ref, 'index.json');
  const history = JSON.parse(readFileSync(historyFile, 'utf8'));
  if (history.ref !== ref || history.versions?.length !== 2 || !sameValue(history.versions[0], entry) || !sameValue(history.versions[1], pristine.packs[position])) {
    fail(`${historyFile} should list ${ref} ${to} then ${from}; it lists ${JSON.stringify(history.versions?.map((v) => v.version))}`);
  }

  const theirs = JSON.parse(readFileSync(jqOut, 'utf8'));
  if (theirs.packs.length !== mine.packs.length || theirs.packs.some((p, i) => p.ref !== mine.packs[i].ref)) fail(`jq's output does not list the same refs as packreg's (${theirs.packs.length} packs)`);
  if (!sameValue(theirs.packs[position], entry) || theirs.last_updated !== ctx.now) fail(`jq's output does not hold the upserted entry of ${ref} or the new last_updated`);

  // A second run on packreg's own output changes nothing: the index is not even rewritten.
  const files = [work.index, historyFile].map((path) => ({ path, bytes: readFileSync(path), stat: statSync(path) }));
  const again = spawnSync(ctx.node, [ctx.cli, 'index-update', '--index', work.index, '--entry', ix.entryPath], { encoding: 'utf8' });
  if (again.status !== 0) fail(`a second index-update on packreg's output exited with ${again.status}:\n${`${again.stdout}${again.stderr}`.trim().slice(-3000)}`);
  for (const f of files) {
    const now = statSync(f.path);
    if (!readFileSync(f.path).equals(f.bytes) || now.ino !== f.stat.ino || now.mtimeMs !== f.stat.mtimeMs) fail(`a second index-update on packreg's output rewrote ${f.path}`);
  }

  const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const sizes = { mine: Buffer.byteLength(text), theirs: statSync(jqOut).size };
  const memory = { packreg: peaks('packreg', m.packreg.errors), reference: ctx.maxRss.gnuTime ? peaks('jq', m.reference.errors) : undefined };
  const peak = Math.max(...memory.packreg);
  const jqPeak = memory.reference && Math.max(...memory.reference);
  return {
    checks: [
      "packreg's output passes index-validate --policy standard",
      `it holds ${ix.packs} packs in the same order; ${ref} is the upserted ${to} (was ${from}); every other entry and the header are unchanged; last_updated moved`,
      "it is byte for byte the canonical text of the expected index; the history lists both versions, newest first",
      "jq's output lists the same refs and the same entry for the upserted ref",
      'a second packreg run on its own output is a no-op (index and history not rewritten)',
      'every packreg run printed the same plan',
    ],
    details: { upsert: ix.upsert, indexBytes: ix.bytes, packregBytes: sizes.mine, referenceBytes: sizes.theirs, plan: report.trim() },
    notes: [`index ${MiB(ix.bytes)} (${ix.bytes} B); output: packreg ${sizes.mine} B (canonical, non-ASCII escaped), jq ${sizes.theirs} B; packreg also writes packs/${ref}/index.json and fsyncs its files`],
    metrics: [
      {
        id: 'index-memory',
        title: 'index upsert peak memory',
        unit: 'MiB',
        packreg: { value: peak / 2 ** 20, samples: memory.packreg.map((b) => b / 2 ** 20) },
        reference: jqPeak === undefined ? undefined : { value: jqPeak / 2 ** 20, samples: memory.reference.map((b) => b / 2 ** 20) },
        ratio: peak / ix.bytes,
        ratioKind: `peak RSS packreg / index file size (${MiB(ix.bytes)}); the largest of the measured runs`,
        goal: { op: '<=', value: 4.0 },
        method: ctx.maxRss.method,
        notes: [
          `measured with ${ctx.maxRss.method}${ctx.maxRss.why ? ` (${ctx.maxRss.why})` : ''}`,
          jqPeak === undefined ? "jq's peak: not measured without GNU time" : `jq's peak (for information): ${MiB(jqPeak)}, ${(jqPeak / ix.bytes).toFixed(2)}x the file`,
        ],
        checks: ['every measured run reported its peak RSS'],
      },
    ],
  };
}

/** Both archives extract (with the real tar/unzip) to exactly the pack; packreg's report is right. */
function verifyArchive(ctx, m, format, paths, scratch) {
  const report = sameEverywhere('packreg', m.packreg.outputs);
  const field = (name) => report.match(new RegExp(`^\\s*${name}\\s+(\\S+)`, 'm'))?.[1];
  const lines = report.trim().split('\n');
  const size = { mine: statSync(paths.mine).size, ref: statSync(paths.ref).size };
  const fail = (what) => {
    throw new BenchError(`${format}: ${what}\npackreg printed:\n${report}`);
  };
  if (lines[0] !== paths.mine) fail(`packreg reported the path ${lines[0]}, expected ${paths.mine}`);
  const archiveSha = `sha256:${fileSha256(paths.mine)}`;
  if (field('checksum') !== archiveSha) fail(`packreg reported checksum ${field('checksum')}, the file hashes to ${archiveSha}`);
  if (field('directory-checksum') !== ctx.expected.framed) fail(`packreg reported directory-checksum ${field('directory-checksum')}, expected ${ctx.expected.framed}`);
  const files = report.match(/files (\d+), (\d+) bytes/);
  if (!files || Number(files[1]) !== ctx.expected.files || Number(files[2]) !== size.mine) fail(`packreg reported "${files?.[0]}", expected ${ctx.expected.files} files and ${size.mine} bytes`);
  const mine = extractedTree(paths.mine, format, scratch, 'bench-1.0.0');
  if (mine.top.join(',') !== 'bench-1.0.0') fail(`the archive's top level is ${mine.top.join(', ')}, expected bench-1.0.0/ only`);
  if (mine.framed !== ctx.expected.framed) fail(`the extracted archive hashes to ${mine.framed} (${mine.files} files), the pack to ${ctx.expected.framed} (${ctx.expected.files} files)`);
  const theirs = extractedTree(paths.ref, format, scratch, '');
  if (theirs.framed !== ctx.expected.framed) throw new BenchError(`${format}: the reference archive extracts to ${theirs.framed} (${theirs.files} files), the pack is ${ctx.expected.framed}`);
  const kb = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  return {
    checks: [
      `packreg's archive extracts (${format === 'zip' ? 'unzip' : 'tar -xzf'}) to exactly the pack under bench-1.0.0/`,
      'the reference archive extracts to exactly the pack',
      "packreg's reported checksum, directory-checksum, file count and size are right",
      'every packreg run printed the same archive checksum (reproducible)',
    ],
    details: { archiveChecksum: archiveSha, packregBytes: size.mine, referenceBytes: size.ref, sizeRatio: size.mine / size.ref },
    notes: [`size: packreg ${kb(size.mine)} (${size.mine} B), reference ${kb(size.ref)} (${size.ref} B), packreg/reference ${(size.mine / size.ref).toFixed(3)}`],
  };
}

/** Every run of a side printed the same thing (results are deterministic); returns it. */
function sameEverywhere(label, outputs) {
  const distinct = [...new Set(outputs)];
  if (distinct.length !== 1) throw new BenchError(`${label} printed different results on different runs:\n${distinct.join('\n---\n')}`);
  return distinct[0];
}
