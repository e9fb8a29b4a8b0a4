// Deterministic benchmark data under bench/.data/: one large file, one large pack directory
// and one large registry index. Each is reused when its parameters file matches and a quick
// check of what is on disk agrees; otherwise it is regenerated (into a temporary name,
// renamed when complete).
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keystream, prng } from './random.mjs';
import { NAME_WORDS, textCorpus } from './text.mjs';

const MiB = 1 << 20;
const KiB = 1 << 10;
/** Bump when the generator's output changes, so old data is not reused. */
const GENERATOR = 2;
/** The same for the registry index (kept apart so the big file and pack are not regenerated). */
const INDEX_GENERATOR = 1;
/** The real Attune standard index (44 packs): the entries the large index is varied from. */
export const INDEX_FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'compat', 'attune-standard-index.json');

/** The data parameters for a scale factor (1 = the sizes the goals are set for). */
export function dataParams(seed, scale) {
  return {
    generator: GENERATOR,
    seed,
    file: { bytes: Math.round((512 * MiB * scale) / MiB) * MiB || MiB },
    pack: {
      files: Math.max(50, Math.round(20000 * scale)),
      directories: Math.max(10, Math.round(200 * scale)),
      // Target total size of the pack; the text files are sized to fill what the others leave.
      bytes: Math.max(4 * MiB, Math.round(300 * MiB * scale)),
      // Multi-MB files (half incompressible), sized evenly between 2 and 8 MiB.
      large: Math.max(2, Math.round(20 * scale)),
      // Small incompressible files (images, compiled code), 2-32 KiB.
      smallBinary: Math.max(2, Math.round(800 * scale)),
    },
    index: { packs: Math.max(44, Math.round(10000 * scale)) },
  };
}

/** Ensure the large file exists with these parameters; returns {path, bytes, reused}. */
export function ensureBigFile(dataDir, params, log) {
  const path = join(dataDir, 'big.bin');
  const meta = join(dataDir, 'big.json');
  const want = { generator: params.generator, seed: params.seed, ...params.file };
  if (existsSync(path) && sameJson(meta, want) && statSync(path).size === want.bytes) {
    return { path, bytes: want.bytes, reused: true };
  }
  const started = Date.now();
  rmSync(meta, { force: true });
  const tmp = `${path}.tmp`;
  const random = keystream(params.seed, 'big-file');
  const variation = prng(params.seed ^ 0x5eed);
  const fd = openSync(tmp, 'w');
  try {
    for (let written = 0; written < want.bytes; ) {
      const block = random(Math.min(4 * MiB, want.bytes - written));
      // Mostly random bytes, with some runs of repeated bytes so the file is not uniform noise.
      if (variation.next() < 0.1) block.fill(variation.int(0, 256), 0, variation.int(0, block.length >> 2));
      writeSync(fd, block);
      written += block.length;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  writeFileSync(meta, `${JSON.stringify(want, null, 2)}\n`);
  log(`generated ${path} (${(want.bytes / MiB).toFixed(0)} MiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { path, bytes: want.bytes, reused: false };
}

/** Ensure the pack directory exists with these parameters; returns {dir, files, bytes, binaryBytes, reused}. */
export function ensurePack(dataDir, params, log) {
  const dir = join(dataDir, 'pack');
  const meta = join(dataDir, 'pack.json');
  const want = { generator: params.generator, seed: params.seed, ...params.pack };
  if (existsSync(dir) && existsSync(meta)) {
    const saved = JSON.parse(readFileSync(meta, 'utf8'));
    if (sameJson(meta, want, saved.params)) {
      const onDisk = quickStats(dir);
      if (onDisk.files === saved.stats.files && onDisk.bytes === saved.stats.bytes) return { dir, ...saved.stats, reused: true };
      log(`${dir} differs from what was generated (${onDisk.files} files, ${onDisk.bytes} bytes); regenerating`);
    }
  }
  const started = Date.now();
  rmSync(meta, { force: true });
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  const stats = generatePack(tmp, want);
  renameSync(tmp, dir);
  writeFileSync(meta, `${JSON.stringify({ params: want, stats }, null, 2)}\n`);
  log(`generated ${dir} (${stats.files} files in ${stats.directories} directories, ${(stats.bytes / MiB).toFixed(1)} MiB, ${((100 * stats.binaryBytes) / stats.bytes).toFixed(0)}% incompressible) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir, ...stats, reused: false };
}

// No .js/.mjs/.cjs/.ts: `eslint .` (which does not ignore bench/.data/) would try to parse them.
const TEXT_EXTENSIONS = { '.py': 34, '.rb': 7, '.ps1': 7, '.md': 10, '.txt': 8, '.sh': 5, '.json': 6, '.html': 4, '.css': 3, '.cfg': 3, '.csv': 5, '.rst': 4, '.j2': 4 };
const SMALL_BINARY_EXTENSIONS = { '.png': 40, '.jpg': 15, '.pyc': 25, '.woff2': 10, '.ico': 10 };
const LARGE_BINARY_EXTENSIONS = ['.whl', '.tar.gz', '.so', '.bin', '.onnx'];
const LARGE_TEXT_EXTENSIONS = ['.json', '.csv', '.log', '.sql', '.txt'];
const TOP_DIRECTORIES = ['actions', 'sensors', 'triggers', 'rules', 'workflows', 'lib', 'tests', 'docs', 'assets', 'data'];

function generatePack(root, p) {
  const rng = prng(p.seed);
  const random = keystream(p.seed, 'pack');
  const corpus = textCorpus(p.seed, 16 * MiB);

  // Directories: the usual top-level ones, then nested ones under random parents (depth <= 5).
  const dirs = [...TOP_DIRECTORIES];
  const taken = new Set(dirs);
  while (dirs.length < p.directories) {
    const parent = rng.pick(dirs);
    if (parent.split('/').length >= 5) continue;
    const sep = rng.pick(['_', '-', '_', '.']);
    const base = rng.next() < 0.5 ? rng.pick(NAME_WORDS) : `${rng.pick(NAME_WORDS)}${sep}${rng.pick(NAME_WORDS)}`;
    const path = `${parent}/${base}`;
    if (taken.has(path)) continue;
    taken.add(path);
    dirs.push(path);
  }

  // File plan: sizes and kinds first, so the text files can be scaled to hit the target size.
  const plan = [];
  for (let i = 0; i < p.large; i++) {
    const size = Math.round(2 * MiB + (p.large === 1 ? 0 : (i * 6 * MiB) / (p.large - 1)));
    const binary = i % 2 === 0;
    plan.push({ kind: binary ? 'binary' : 'text', size, ext: binary ? rng.pick(LARGE_BINARY_EXTENSIONS) : rng.pick(LARGE_TEXT_EXTENSIONS) });
  }
  for (let i = 0; i < p.smallBinary; i++) plan.push({ kind: 'binary', size: rng.int(2 * KiB, 32 * KiB), ext: rng.weighted(SMALL_BINARY_EXTENSIONS) });
  const textCount = p.files - plan.length - 2; // pack.yaml and README.md are added below
  const textPlan = [];
  // Most text files are a few KB; the tail reaches 30 KB (mean about 10 KiB before scaling).
  for (let i = 0; i < textCount; i++) textPlan.push({ kind: 'text', size: KiB + Math.floor(rng.next() ** 2.2 * 29 * KiB), ext: rng.weighted(TEXT_EXTENSIONS) });
  const fixed = plan.reduce((sum, f) => sum + f.size, 0);
  const drawn = textPlan.reduce((sum, f) => sum + f.size, 0);
  const factor = Math.max(0.05, (p.bytes - fixed) / drawn);
  for (const f of textPlan) f.size = Math.max(64, Math.min(Math.round(f.size * factor), 64 * KiB));
  plan.push(...textPlan);
  rng.shuffle(plan);

  mkdirSync(root, { recursive: true });
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  const names = new Set();
  let bytes = 0;
  let binaryBytes = 0;
  const write = (rel, data, executable = false) => {
    const absolute = join(root, rel);
    writeFileSync(absolute, data);
    if (executable) chmodSync(absolute, 0o755);
    bytes += data.length;
  };
  write('pack.yaml', packYaml(p));
  write('README.md', Buffer.concat([Buffer.from('# Benchmark pack\n\nGenerated by bench/data.mjs.\n\n'), slice(rng, corpus, 8 * KiB)]));
  for (const f of plan) {
    // Large files live in data/ and assets/ like bundled models and wheels; the rest anywhere.
    const dir = f.size > 1 * MiB ? rng.pick(['data', 'assets', 'lib']) : rng.next() < 0.02 ? '' : rng.pick(dirs);
    let name;
    do {
      name = `${dir === '' ? '' : `${dir}/`}${rng.pick(NAME_WORDS)}_${rng.pick(NAME_WORDS)}${rng.next() < 0.3 ? `_${rng.int(0, 100)}` : ''}${f.ext}`;
    } while (names.has(name));
    names.add(name);
    if (f.kind === 'binary') {
      const data = random(f.size);
      // Real binaries carry a little structure: a header-like run of low bytes.
      data.fill(0, 0, Math.min(64, f.size));
      write(name, data);
      binaryBytes += f.size;
    } else {
      write(name, slice(rng, corpus, f.size), f.ext === '.sh');
    }
  }
  return { files: plan.length + 2, directories: dirs.length, bytes, binaryBytes };
}

/** `size` bytes of the corpus from a random line start (wrapping when the corpus is short). */
function slice(rng, corpus, size) {
  if (size >= corpus.length) return Buffer.concat([corpus, corpus.subarray(0, size - corpus.length)]);
  let start = rng.int(0, corpus.length - size);
  const newline = corpus.indexOf(0x0a, start);
  if (newline >= 0 && newline + 1 + size <= corpus.length) start = newline + 1;
  return corpus.subarray(start, start + size);
}

function packYaml(p) {
  return Buffer.from(
    [
      'ref: bench',
      'label: Benchmark Pack',
      `description: Generated pack for packreg benchmarks (${p.files} files, seed ${p.seed})`,
      'version: 1.0.0',
      'author: packreg bench',
      'email: bench@example.com',
      'license: Apache-2.0',
      'keywords: [benchmark, generated]',
      '',
    ].join('\n'),
  );
}

/** File count and total bytes of a tree (lstat only; quick even for 20,000 files). */
export function quickStats(root) {
  let files = 0;
  let bytes = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        files += 1;
        bytes += statSync(path).size;
      }
    }
  };
  visit(root);
  return { files, bytes };
}

function sameJson(file, want, saved) {
  try {
    const have = saved ?? JSON.parse(readFileSync(file, 'utf8'));
    return JSON.stringify(have) === JSON.stringify(want);
  } catch {
    return false;
  }
}

/**
 * Ensure the registry index and the entry to upsert exist with these parameters; `validate`
 * checks a new index (packreg's index-validate) and returns the failure text or undefined.
 * Returns {path, entryPath, packs, bytes, sha256, entryBytes, upsert: {ref, from, to, position}, reused}.
 */
export function ensureIndex(dataDir, params, validate, log) {
  const dir = join(dataDir, 'registry');
  const meta = join(dataDir, 'registry.json');
  const path = join(dir, 'index.json');
  const entryPath = join(dir, 'entry.json');
  const fixture = readFileSync(INDEX_FIXTURE);
  const want = { generator: INDEX_GENERATOR, seed: params.seed, ...params.index, fixture: `sha256:${sha256(fixture)}` };
  if (existsSync(path) && existsSync(entryPath) && existsSync(meta)) {
    const saved = JSON.parse(readFileSync(meta, 'utf8'));
    if (sameJson(meta, want, saved.params)) {
      // 50 MB hash in well under a second: the pristine copy must be exactly what was generated.
      if (sha256(readFileSync(path)) === saved.stats.sha256 && sha256(readFileSync(entryPath)) === saved.stats.entrySha256) return { path, entryPath, ...saved.stats, reused: true };
      log(`${dir} differs from what was generated; regenerating`);
    }
  }
  const started = Date.now();
  rmSync(meta, { force: true });
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const { index, entry, upsert } = generateIndex(JSON.parse(fixture.toString('utf8')), want);
  const text = Buffer.from(canonicalJson(index), 'utf8');
  const entryText = Buffer.from(canonicalJson(entry), 'utf8');
  writeFileSync(join(tmp, 'index.json'), text);
  writeFileSync(join(tmp, 'entry.json'), entryText);
  const failure = validate(join(tmp, 'index.json'));
  if (failure) throw new Error(`the generated index ${join(tmp, 'index.json')} does not validate:\n${failure}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  const stats = { packs: index.packs.length, bytes: text.length, sha256: sha256(text), entryBytes: entryText.length, entrySha256: sha256(entryText), upsert };
  writeFileSync(meta, `${JSON.stringify({ params: want, stats }, null, 2)}\n`);
  log(`generated ${path} (${stats.packs} packs, ${(stats.bytes / MiB).toFixed(1)} MiB) and ${entryPath} (${upsert.ref} ${upsert.from} -> ${upsert.to}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { path, entryPath, ...stats, reused: false };
}

/**
 * JSON text exactly as packreg (and Attune's builder, Python's json.dumps with indent=2 and
 * ensure_ascii) writes an index: two-space indent, every character from U+007F up escaped as
 * lower-case \uXXXX (UTF-16 code units, so astral characters become surrogate pairs), final newline.
 */
export function canonicalJson(value) {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** Slight, deterministic variations of a real description. */
const DESCRIPTION_VARIANTS = [
  (d) => d,
  (d, n) => `${d} (build ${n})`,
  (d) => `Internal fork: ${d}`,
  (d) => `${d.replace(/\.$/, '')}; mirrored for the bench registry`,
  (d, n) => `${d} \u2014 variant ${n}`,
  (d) => d.replace(/^(\S+)/, '$1 (community)'),
];

/**
 * `count` entries cloned round-robin from the real ones, each varied: ref `<real-ref>-<n>`
 * (5 digits), version, commit, checksums (derived from seed, ref and version), repository
 * URLs and description. Sorted by ref in byte order. The entry to upsert is a higher version
 * of the ref in the middle, with a new commit and new checksums.
 */
function generateIndex(real, p) {
  const rng = prng(p.seed ^ 0x1de3);
  const packs = [];
  for (let n = 0; n < p.packs; n++) {
    const source = real.packs[n % real.packs.length];
    const ref = `${source.ref}-${String(n).padStart(5, '0')}`;
    const version = `${rng.int(0, 4)}.${rng.int(0, 30)}.${rng.int(0, 60)}`;
    const description = rng.pick(DESCRIPTION_VARIANTS)(source.description, n);
    packs.push(varyEntry(source, { ref, version, description }, p.seed));
  }
  packs.sort((a, b) => Buffer.compare(Buffer.from(a.ref, 'utf8'), Buffer.from(b.ref, 'utf8')));
  const position = Math.floor(packs.length / 2);
  const old = packs[position];
  const [major, minor] = old.version.split('.').map(Number);
  const entry = varyEntry(old, { ref: old.ref, version: `${major}.${minor + 1}.0`, description: old.description }, p.seed);
  const index = { registry_name: `packreg bench registry (${p.packs} packs)`, registry_url: real.registry_url, version: real.version, last_updated: '2024-06-01T00:00:00Z', packs };
  return { index, entry, upsert: { ref: old.ref, from: old.version, to: entry.version, position } };
}

/** A deep copy of `entry` as `ref`@`version`: new commit and checksums, URLs pointing at the new ref. */
function varyEntry(entry, { ref, version, description }, seed) {
  const e = structuredClone(entry);
  const commit = createHash('sha1').update(`packreg-bench:${seed}:${ref}:${version}:commit`).digest('hex');
  const oldCommit = e.install_sources.find((s) => s.type === 'git')?.ref;
  const oldRepo = new RegExp(`/${entry.ref.replace(/[^a-z0-9]/g, '\\$&')}(?=\\.git$|/|$)`);
  const url = (u) => {
    const renamed = u.replace(oldRepo, `/${ref}`);
    return oldCommit ? renamed.replaceAll(oldCommit, commit) : renamed;
  };
  Object.assign(e, { ref, version, description });
  e.install_sources = e.install_sources.map((s) => ({
    ...s,
    url: url(s.url),
    ...(s.type === 'git' ? { ref: commit } : {}),
    checksum: `sha256:${sha256(`packreg-bench:${seed}:${ref}:${version}:${s.type}`)}`,
  }));
  if (e.repository) e.repository = url(e.repository);
  if (e.meta?.commit) e.meta.commit = commit;
  return e;
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}
