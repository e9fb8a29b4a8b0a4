// Deterministic benchmark data under bench/.data/: one large file and one large pack
// directory. Each is reused when its parameters file matches and a quick check of what is on
// disk agrees; otherwise it is regenerated (into a temporary name, renamed when complete).
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { keystream, prng } from './random.mjs';
import { NAME_WORDS, textCorpus } from './text.mjs';

const MiB = 1 << 20;
const KiB = 1 << 10;
/** Bump when the generator's output changes, so old data is not reused. */
const GENERATOR = 2;

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
