// The fetch task's data under bench/.data/fetch/: a pack of about 100 MB (mostly
// incompressible), published with packreg into a folder registry, and a self-signed TLS
// certificate for 127.0.0.1 so the registry can be served over https (packreg's index
// validation requires https archive URLs, as Attune's schema does).
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quickStats } from './data.mjs';
import { BenchError } from './measure.mjs';
import { keystream, prng } from './random.mjs';
import { NAME_WORDS, textCorpus } from './text.mjs';

const KiB = 1 << 10;
const MiB = 1 << 20;
/** Bump when the generated pack, registry or certificate changes. */
const FETCH_GENERATOR = 1;
/** The archive URLs are published under this base and rewritten by the bench's server. */
export const PUBLISHED_BASE = 'https://bench.invalid/';
/** packreg refuses archive downloads larger than this (the reference installer's cap). */
const PACKREG_ARCHIVE_LIMIT = 100 * MiB;
export const FETCH_REF = 'fetchbench';
export const FETCH_VERSION = '1.0.0';

/**
 * The fetch data's parameters. Scale 1 is an archive of about 100 MB; larger scales are capped
 * there, because packreg refuses archives over 100 MiB.
 */
export function fetchParams(seed, scale) {
  const s = Math.min(1, scale);
  return {
    generator: FETCH_GENERATOR,
    seed,
    // Incompressible bytes (bundled wheels, models, images): gzip stores them as they are.
    binaryBytes: Math.max(2 * MiB, Math.round(97e6 * s)),
    binaryFiles: 8,
    // Source-like text; gzip makes about a third of it, so the archive is about 100 MB.
    textBytes: Math.max(256 * KiB, Math.round(9e6 * s)),
    textFiles: Math.max(20, Math.round(600 * s)),
  };
}

/**
 * Ensure the pack, its published registry and the TLS certificate exist for these parameters;
 * `cli` is dist/cli.js (publish builds the archive and writes the registry). Returns
 * {dir, files, bytes, binaryBytes, registry, indexPath, archive: {path, url, bytes, sha256}, tls: {key, cert}, reused}.
 */
export function ensureFetchData(dataDir, params, node, cli, log) {
  const root = join(dataDir, 'fetch');
  const meta = join(dataDir, 'fetch.json');
  if (existsSync(meta)) {
    const saved = JSON.parse(readFileSync(meta, 'utf8'));
    if (JSON.stringify(saved.params) === JSON.stringify(params)) {
      const problem = onDiskProblem(saved.stats);
      if (problem === undefined) return { ...saved.stats, reused: true };
      log(`${root}: ${problem}; regenerating`);
    }
  }
  const started = Date.now();
  rmSync(meta, { force: true });
  const tmp = `${root}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const pack = generateFetchPack(join(tmp, 'pack'), params);
  const published = publish(node, cli, join(tmp, 'pack'), join(tmp, 'registry'));
  const tls = makeCertificate(join(tmp, 'tls'));
  rmSync(root, { recursive: true, force: true });
  renameSync(tmp, root);
  // Paths are recorded as they are after the rename.
  const moved = (p) => join(root, p.slice(tmp.length + 1));
  const stats = {
    dir: join(root, 'pack'),
    ...pack,
    registry: join(root, 'registry'),
    indexPath: join(root, 'registry', 'index.json'),
    archive: { ...published.archive, path: moved(published.archive.path) },
    tls: { key: moved(tls.key), cert: moved(tls.cert), validTo: tls.validTo },
  };
  writeFileSync(meta, `${JSON.stringify({ params, stats }, null, 2)}\n`);
  log(`generated ${stats.dir} (${stats.files} files, ${(stats.bytes / MiB).toFixed(1)} MiB, ${((100 * stats.binaryBytes) / stats.bytes).toFixed(0)}% incompressible), published to ${stats.registry} (archive ${(stats.archive.bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...stats, reused: false };
}

/** Why the saved data cannot be reused, or undefined. */
function onDiskProblem(stats) {
  if (!existsSync(stats.dir) || !existsSync(stats.indexPath) || !existsSync(stats.archive.path)) return 'files are missing';
  const onDisk = quickStats(stats.dir);
  if (onDisk.files !== stats.files || onDisk.bytes !== stats.bytes) return `the pack holds ${onDisk.files} files / ${onDisk.bytes} bytes, generated ${stats.files} / ${stats.bytes}`;
  if (statSync(stats.archive.path).size !== stats.archive.bytes) return 'the published archive changed size';
  if (!existsSync(stats.tls.cert) || !existsSync(stats.tls.key)) return 'the TLS certificate is missing';
  if (Date.parse(stats.tls.validTo) < Date.now() + 86400e3) return 'the TLS certificate expires within a day';
  return undefined;
}

/** A pack of a few large incompressible files and many small text files, in nested folders. */
function generateFetchPack(root, p) {
  const rng = prng(p.seed ^ 0xfe7c);
  const random = keystream(p.seed, 'fetch-pack');
  const corpus = textCorpus(p.seed ^ 0xfe7c, 4 * MiB);
  const dirs = ['actions', 'actions/lib', 'sensors', 'rules', 'workflows', 'lib', 'lib/vendor', 'docs', 'docs/images', 'tests', 'data', 'assets', 'assets/models'];
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  let files = 0;
  let bytes = 0;
  const write = (rel, data) => {
    writeFileSync(join(root, rel), data);
    files += 1;
    bytes += data.length;
  };
  write('pack.yaml', Buffer.from(`ref: ${FETCH_REF}\nlabel: Fetch Benchmark Pack\ndescription: Generated pack for the packreg fetch benchmark (seed ${p.seed})\nversion: ${FETCH_VERSION}\nauthor: packreg bench\nemail: bench@example.com\nlicense: Apache-2.0\n`));
  const names = new Set();
  const name = (dir, ext) => {
    let n;
    do n = `${dir}/${rng.pick(NAME_WORDS)}_${rng.pick(NAME_WORDS)}${ext}`;
    while (names.has(n));
    names.add(n);
    return n;
  };
  // Large files from 1x to 3x the smallest, summing to exactly binaryBytes.
  const weights = Array.from({ length: p.binaryFiles }, (_, i) => 1 + (2 * i) / Math.max(1, p.binaryFiles - 1));
  const unit = p.binaryBytes / weights.reduce((a, b) => a + b, 0);
  let binaryLeft = p.binaryBytes;
  weights.forEach((w, i) => {
    const size = i === weights.length - 1 ? binaryLeft : Math.round(w * unit);
    binaryLeft -= size;
    const data = random(size);
    data.fill(0, 0, Math.min(64, size));
    write(name(rng.pick(['data', 'assets/models', 'lib/vendor']), rng.pick(['.whl', '.onnx', '.bin', '.so'])), data);
  });
  let textLeft = p.textBytes;
  for (let i = 0; i < p.textFiles; i++) {
    const size = i === p.textFiles - 1 ? textLeft : Math.min(textLeft, Math.round((p.textBytes / p.textFiles) * (0.2 + 1.6 * rng.next())));
    textLeft -= size;
    const start = rng.int(0, corpus.length - size);
    // No .yaml/.yml: publish validates component metadata in actions/, sensors/, rules/ and workflows/.
    write(name(rng.pick(dirs), rng.pick(['.py', '.md', '.txt', '.cfg', '.csv'])), corpus.subarray(start, start + size));
  }
  return { files, bytes, binaryBytes: p.binaryBytes };
}

/** `packreg publish` into a folder registry; returns the archive's path, published URL, size and sha256. */
function publish(node, cli, pack, registry) {
  const run = spawnSync(node, [cli, 'publish', pack, '--registry', registry, '--base-url', PUBLISHED_BASE, '--no-git'], { encoding: 'utf8' });
  if (run.status !== 0) throw new BenchError(`packreg publish of the fetch pack failed (exit ${run.status ?? run.signal}):\n${`${run.stdout}${run.stderr}`.trim().slice(-3000)}`);
  const index = JSON.parse(readFileSync(join(registry, 'index.json'), 'utf8'));
  const entry = index.packs.find((e) => e.ref === FETCH_REF);
  const source = entry?.install_sources.find((s) => s.type === 'archive');
  if (!source?.url.startsWith(PUBLISHED_BASE)) throw new BenchError(`${join(registry, 'index.json')} has no archive source under ${PUBLISHED_BASE} for ${FETCH_REF}`);
  const path = join(registry, ...source.url.slice(PUBLISHED_BASE.length).split('/'));
  const size = statSync(path).size;
  if (size > PACKREG_ARCHIVE_LIMIT) throw new BenchError(`the fetch archive ${path} is ${size} bytes, over packreg's ${PACKREG_ARCHIVE_LIMIT}-byte download limit; lower fetchParams in bench/fetch-data.mjs`);
  return { archive: { path, url: source.url, bytes: size, sha256: source.checksum.replace(/^sha256:/, '') } };
}

/** A self-signed P-256 certificate for IP 127.0.0.1, valid ten years (openssl CLI). */
function makeCertificate(dir) {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '3650', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new BenchError(`openssl ${args.join(' ')} failed (exit ${run.status ?? run.signal}):\n${run.stderr.trim().slice(-2000)}`);
  return { key, cert, validTo: new Date(new X509Certificate(readFileSync(cert)).validTo).toISOString() };
}
