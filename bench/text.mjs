// Source-code-like text for the benchmark pack: lines built from a fixed vocabulary, with
// Zipf-like word frequencies, indentation and punctuation, so gzip compresses it about as
// well as real pack code (roughly 3-4x) and compression timings are realistic.
import { prng } from './random.mjs';

const WORDS = `
self return import from def class if else elif for in while try except finally with as raise
not and or is None True False pass break continue lambda yield async await const let var function
export default new this typeof undefined null true false switch case of
the a to of and is for that it on be with by this are from at as an or
name value data result status error message request response client session token config
path file line item items list dict key keys values index count size length offset limit
pack action sensor trigger rule workflow runner parameter parameters output input payload event
host port url timeout retry retries attempt interval delay logger log debug info warning
user users group groups id ref version label description author license email tags keywords
get set add remove update create delete list find load save read write open close send receive
start stop run execute dispatch handle process parse format validate check verify compute build
api http https json yaml text bytes buffer stream chunk header headers body query params
database table row rows column columns record records schema field fields type types model
task tasks job jobs queue worker workers state context env environment secret secrets auth
time timestamp date datetime duration seconds minutes hours now today utc zone
max min sum total average mean median first last next prev current default options settings
success failure failed passed skipped enabled disabled active inactive pending running done
alert alerts incident incidents ticket tickets metric metrics monitor host_name service services
instance instances region zone cluster node nodes pod pods container image images volume
`.trim().split(/\s+/);

const SNIPPETS = ['()', '[]', '{}', ' = ', ' == ', ' != ', ', ', '.', ': ', ' + ', ' - ', ' * ', ' -> ', ' => ', ' && ', ' || '];

/**
 * `bytes` of source-like text from the given seed. Built once as a corpus; files are
 * slices of it taken at random offsets, so generating hundreds of MB stays fast.
 */
export function textCorpus(seed, bytes) {
  const rng = prng(seed);
  const ident = () => {
    const shape = rng.next();
    if (shape < 0.55) return rng.skewed(WORDS);
    if (shape < 0.85) return `${rng.skewed(WORDS)}_${rng.skewed(WORDS)}`;
    const second = rng.skewed(WORDS);
    return `${rng.skewed(WORDS)}${second[0].toUpperCase()}${second.slice(1)}`;
  };
  const words = (lo, hi) => {
    const n = rng.int(lo, hi);
    const out = [];
    for (let i = 0; i < n; i++) out.push(rng.skewed(WORDS, 1.8));
    return out.join(' ');
  };
  const expression = () => {
    const n = rng.int(1, 5);
    let out = ident();
    for (let i = 1; i < n; i++) {
      const snippet = rng.pick(SNIPPETS);
      out += snippet === '()' ? `(${ident()})` : snippet === '[]' ? `[${ident()}]` : snippet === '{}' ? `{${ident()}: ${ident()}}` : `${snippet}${ident()}`;
    }
    if (rng.next() < 0.15) out += ` + "${words(1, 6)}"`;
    if (rng.next() < 0.1) out += ` + ${rng.int(0, 10000)}`;
    return out;
  };
  const kinds = { blank: 8, comment: 12, assign: 26, call: 20, def: 6, control: 12, ret: 8, string: 8 };
  const parts = [];
  let total = 0;
  let depth = 0;
  while (total < bytes) {
    const kind = rng.weighted(kinds);
    const indent = ' '.repeat(depth * 4);
    let line;
    switch (kind) {
      case 'blank':
        line = '';
        depth = Math.max(0, depth - 1);
        break;
      case 'comment':
        line = `${indent}# ${words(3, 14)}`;
        break;
      case 'assign':
        line = `${indent}${ident()} = ${expression()}`;
        break;
      case 'call':
        line = `${indent}${ident()}.${ident()}(${expression()}, ${ident()}=${ident()})`;
        break;
      case 'def':
        line = `${indent}def ${ident()}(self, ${ident()}, ${ident()}=None):`;
        depth = Math.min(depth + 1, 4);
        break;
      case 'control':
        line = `${indent}${rng.pick(['if', 'elif', 'while', 'for item in'])} ${expression()}:`;
        depth = Math.min(depth + 1, 4);
        break;
      case 'ret':
        line = `${indent}return ${expression()}`;
        depth = Math.max(0, depth - 1);
        break;
      default:
        line = `${indent}"${words(4, 16)}"`;
    }
    line += '\n';
    parts.push(line);
    total += line.length;
  }
  return Buffer.from(parts.join(''), 'latin1').subarray(0, bytes);
}

/** Directory and file name words (ASCII, no spaces). */
export const NAME_WORDS = WORDS.filter((w) => /^[a-z_]+$/.test(w) && w.length > 2);
