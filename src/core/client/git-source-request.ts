import { UsageError } from '../errors.js';
import { parseDigest } from '../hash/algorithms.js';
import { displayUrl } from '../http/http-url.js';

/** A git URL that passed {@link checkGitUrl}: what git is given, and what messages show. */
export interface GitUrl {
  /** Exactly the text git receives. */
  readonly text: string;
  /** The only transports git may use for it (and for any redirect it follows). */
  readonly protocols: readonly ('https' | 'http' | 'file')[];
  /** For messages: never userinfo, no query. */
  readonly shown: string;
}

/** What to fetch: a pinned commit, or a name (tag, branch, HEAD) the remote resolves. */
export type GitRefRequest = { readonly kind: 'commit'; readonly commit: string } | { readonly kind: 'name'; readonly name: string };

const COMMIT_ID = /^[0-9a-f]{40}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * Check a repository URL before git ever sees it. Only https (http when `allowHttp`) and
 * file:// (local registries, tests) are allowed: git would otherwise also run ssh, the
 * `ext::` command transport or the unauthenticated git:// protocol. Credentials in the URL
 * are refused because git would print them and store them in FETCH_HEAD.
 */
export function checkGitUrl(url: string, allowHttp: boolean): GitUrl {
  // Text git would read as an option, or as `<transport>::<address>` (ext::, fd::).
  if (url.startsWith('-') || /^[A-Za-z][A-Za-z0-9+.-]*::/.test(url)) {
    throw new UsageError(`${JSON.stringify(shortened(url))} is not an allowed git URL; give an https:// repository URL`);
  }
  if (CONTROL.test(url)) throw new UsageError(`the git URL ${JSON.stringify(shortened(url))} contains a control character; give the URL without it`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new UsageError(`${JSON.stringify(shortened(url))} is not a valid git URL; give an https:// repository URL`, { cause: error });
  }
  const shown = displayUrl(parsed);
  if (!['https:', 'http:', 'file:'].includes(parsed.protocol)) {
    throw new UsageError(`${shown}: the ${parsed.protocol.replace(/:$/, '')} scheme is not allowed for git sources; use https:// (or file:// for a local repository)`);
  }
  // git picks its transport from the scheme as written, so "HTTPS://" would not mean https to it.
  if (!/^(https?|file):\/\//.test(url)) throw new UsageError(`${shown}: write the scheme in lower case, followed by "//"`);
  if (parsed.username || parsed.password) {
    throw new UsageError(`${shown}: the git URL contains credentials (user:password@); remove them (packreg never sends credentials to git remotes)`);
  }
  if (parsed.protocol === 'http:' && !allowHttp) {
    throw new UsageError(`${shown}: plain http is refused for git sources; use https, or allow http explicitly for a trusted local registry`);
  }
  if (parsed.protocol === 'file:') {
    if (parsed.host !== '') throw new UsageError(`${shown}: a file:// git URL must not name a host; write file:///absolute/path/repo.git`);
    return { text: url, protocols: ['file'], shown };
  }
  // Redirects never downgrade: an https remote may not send git to plain http (as for HTTP downloads).
  return { text: url, protocols: parsed.protocol === 'http:' ? ['http', 'https'] : ['https'], shown };
}

/**
 * Read the ref of a git source: a full commit id (what registry entries pin), a tag or
 * branch name (`--ref`), or the remote's default branch when absent. Names are limited to
 * what `git check-ref-format` accepts and must not look like an option or a refspec
 * (`a:b` would also write a local ref, a leading `+` forces, a leading `^` negates).
 */
export function parseGitRef(ref: string | undefined): GitRefRequest {
  if (ref === undefined) return { kind: 'name', name: 'HEAD' };
  if (COMMIT_ID.test(ref)) return { kind: 'commit', commit: ref.toLowerCase() };
  const problem = refNameProblem(ref);
  if (problem) throw new UsageError(`--ref ${JSON.stringify(shortened(ref))} ${problem}; give a full 40-character commit id, a tag or a branch name`);
  return { kind: 'name', name: ref };
}

function refNameProblem(ref: string): string | undefined {
  if (ref === '') return 'is empty';
  if (/^[-+^]/.test(ref)) return 'starts with "-", "+" or "^"';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) return 'contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (ref.includes('..') || ref.includes('@{') || ref.includes('//') || ref === '@') return 'contains "..", "@{" or "//", or is "@"';
  if (/(^|\/)\./.test(ref) || /[./]$/.test(ref) || /\.lock(\/|$)/.test(ref)) return 'has a part starting with "." or ending in ".lock", or ends in "/" or "."';
  return undefined;
}

/** Check an expected framed checksum: `sha256:<64 lower-case hex digits>`. */
export function parseExpectedChecksum(value: string): string {
  const digest = parseDigest(value, 'expected checksum');
  if (digest.algorithm !== 'sha256') {
    throw new UsageError(`expected checksum ${value}: git sources carry the framed sha256 tree checksum (attune-pack-file-v1); give sha256:<hex>`);
  }
  return `${digest.algorithm}:${digest.hex}`;
}

/** A value quoted in a message, cut short (it may be long or hostile), with anything userinfo-shaped removed. */
function shortened(text: string): string {
  const safe = text.replace(/\/\/[^/@]*@/, '//');
  return safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
}
