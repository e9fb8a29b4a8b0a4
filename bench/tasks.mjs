// The four measured tasks: packreg's CLI against a reference tool on the same data, each
// with the checks that make its figures trustworthy (both sides computed the right thing).
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from './measure.mjs';
import { extractedTree, fileSha256 } from './verify.mjs';

/** Every task id, in run order. */
export const TASK_IDS = ['file', 'dir', 'tar', 'zip'];

const sh = (script) => ({ cmd: 'sh', args: ['-c', script] });
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const remove = (...paths) => () => {
  for (const p of paths) rmSync(p, { force: true });
};

/**
 * The task definitions for a context: {node, cli, dataDir, big, pack, expected}.
 * `packreg` and `reference` are commands; `ratio` turns the two medians into the reported
 * ratio; `verify` checks the outputs and returns details for the report (or throws).
 */
export function defineTasks(ctx) {
  const packreg = (...args) => ({ cmd: ctx.node, args: [ctx.cli, ...args], cwd: ctx.dataDir });
  const outDir = join(ctx.dataDir, 'out');
  const scratch = join(ctx.dataDir, 'verify');
  const tgz = { mine: join(outDir, 'packreg.tar.gz'), ref: join(outDir, 'reference.tar.gz') };
  const zip = { mine: join(outDir, 'packreg.zip'), ref: join(outDir, 'reference.zip') };
  const MB = (bytes, seconds) => bytes / 1e6 / seconds;

  return {
    file: {
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
    },

    dir: {
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
    },

    tar: {
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
    },

    zip: {
      title: 'zip build',
      packreg: { ...packreg('archive', ctx.pack.dir, '--no-git', '--format', 'zip', '--out', zip.mine, '--force'), before: remove(zip.mine) },
      // zip appends to an existing archive, so the output is deleted before every run (untimed).
      reference: { ...sh(`cd ${quote(ctx.pack.dir)} && zip -X -r -6 -q ${quote(zip.ref)} .`), before: remove(zip.ref) },
      referenceText: '(cd DIR && zip -X -r -6 -q OUT .)',
      ratioKind: 'time packreg / reference',
      ratio: (p, r) => p / r,
      goal: { op: '<=', value: 1.0 },
      verify: (m) => verifyArchive(ctx, m, 'zip', zip, scratch),
    },
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
