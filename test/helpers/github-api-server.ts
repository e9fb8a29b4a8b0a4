/**
 * A stand-in for the GitHub REST API on 127.0.0.1: what GITHUB_API_URL points at in tests.
 * GitHub itself cannot run here, so this fake keeps just enough state (pull requests,
 * comments, tags, releases and their assets, dispatch events) for packreg's calls, and every
 * response has the shape GitHub documents at docs.github.com/rest (the fields packreg reads,
 * plus the identifying ones around them: id, node_id, url, html_url, user...). Tokens:
 * `write` may do anything, `read` gets 403 "Resource not accessible by integration" on every
 * write (what a fork's GITHUB_TOKEN gets), anything else 401 "Bad credentials".
 */
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization?: string;
  readonly accept?: string;
  readonly contentType?: string;
  /** Parsed JSON body, or undefined. */
  readonly json?: unknown;
  /** Raw body size in bytes. */
  readonly size: number;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
}
export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: string;
}
export interface FakeAsset {
  id: number;
  release: number;
  name: string;
  contentType: string;
  data: Buffer;
}
export interface FakeRelease {
  id: number;
  tag: string;
  name: string;
  body: string;
  draft: boolean;
}
export interface FakeRepo {
  pulls: FakePull[];
  comments: FakeComment[];
  /** refs/tags/<name> → commit */
  tags: Map<string, string>;
  releases: FakeRelease[];
  assets: FakeAsset[];
  dispatches: { event_type: string; client_payload: unknown }[];
}

/** A failure to answer instead of the normal response. */
export interface InjectedFailure {
  readonly method: string;
  /** Matched against the request path. */
  readonly path: RegExp;
  readonly status: number;
  readonly message: string;
  /** How many requests it answers (Infinity: all). */
  times: number;
}

export interface FakeGitHub {
  /** GITHUB_API_URL for this server (no trailing slash). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** A repository's state, created empty on first use. */
  repo(fullName: string): FakeRepo;
  /** Answer matching requests with an error, `times` times. */
  fail(failure: Omit<InjectedFailure, 'times'> & { times?: number }): void;
  /** Requests other than the given methods' — handy to assert "made no writes". */
  writes(): RecordedRequest[];
  /** Forget every request, repository and injected failure: a fresh GitHub. */
  reset(): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
const USER = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/** Start the fake on an ephemeral port of 127.0.0.1. */
export async function startFakeGitHub(): Promise<FakeGitHub> {
  const repos = new Map<string, FakeRepo>();
  const requests: RecordedRequest[] = [];
  const failures: InjectedFailure[] = [];
  let nextId = 1000;
  const repo = (name: string): FakeRepo => {
    let state = repos.get(name);
    if (!state) repos.set(name, (state = { pulls: [], comments: [], tags: new Map(), releases: [], assets: [], dispatches: [] }));
    return state;
  };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const json = parseJson(raw, req.headers['content-type']);
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        // Octokit sends `tags%2Fv1` for a ref parameter; GitHub decodes it like a slash.
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        contentType: req.headers['content-type'],
        json,
        size: raw.length,
      };
      requests.push(record);
      const failure = failures.find((f) => f.times > 0 && f.method === record.method && f.path.test(record.path));
      if (failure) {
        failure.times--;
        return send(res, failure.status, { message: failure.message, documentation_url: DOCS });
      }
      const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (token !== 'write' && token !== 'read') return send(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      if (token === 'read' && record.method !== 'GET') return send(res, 403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
      route({ record, raw, res, repo, id: () => nextId++, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    repo,
    fail: (failure) => failures.push({ times: 1, ...failure }),
    writes: () => requests.filter((r) => r.method !== 'GET'),
    reset: () => {
      requests.length = 0;
      failures.length = 0;
      repos.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Call {
  record: RecordedRequest;
  raw: Buffer;
  res: ServerResponse;
  repo(name: string): FakeRepo;
  id(): number;
  origin: string;
}

type Handler = (call: Call, params: string[]) => void;

const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/repos\/([^/]+\/[^/]+)\/pulls$/, listPulls],
  ['POST', /^\/repos\/([^/]+\/[^/]+)\/pulls$/, createPull],
  ['POST', /^\/repos\/([^/]+\/[^/]+)\/dispatches$/, dispatch],
  ['GET', /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/, listComments],
  ['POST', /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/, createComment],
  ['PATCH', /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/, updateComment],
  ['GET', /^\/repos\/([^/]+\/[^/]+)\/git\/ref\/tags\/(.+)$/, getTag],
  ['POST', /^\/repos\/([^/]+\/[^/]+)\/git\/refs$/, createRef],
  ['GET', /^\/repos\/([^/]+\/[^/]+)\/releases\/tags\/(.+)$/, getReleaseByTag],
  ['POST', /^\/repos\/([^/]+\/[^/]+)\/releases$/, createRelease],
  ['POST', /^\/uploads\/repos\/([^/]+\/[^/]+)\/releases\/(\d+)\/assets$/, uploadAsset],
  ['GET', /^\/repos\/([^/]+\/[^/]+)\/releases\/assets\/(\d+)$/, getAsset],
  ['GET', /^\/download\/([^/]+\/[^/]+)\/(\d+)$/, downloadAsset],
];

function route(call: Call): void {
  for (const [method, pattern, handler] of ROUTES) {
    const match = pattern.exec(call.record.path);
    if (method === call.record.method && match) return handler(call, match.slice(1));
  }
  send(call.res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
}

const api = (call: Call, repo: string) => `${call.origin}/repos/${repo}`;
const html = (repo: string) => `https://github.com/${repo}`;

function pullJson(call: Call, repo: string, pr: FakePull) {
  const [owner] = repo.split('/');
  return {
    url: `${api(call, repo)}/pulls/${pr.number}`,
    id: 5000 + pr.number,
    node_id: `PR_${pr.number}`,
    html_url: `${html(repo)}/pull/${pr.number}`,
    number: pr.number,
    state: pr.state,
    title: pr.title,
    body: pr.body,
    user: USER,
    head: { label: `${owner}:${pr.head}`, ref: pr.head, sha: '0'.repeat(40) },
    base: { label: `${owner}:${pr.base}`, ref: pr.base, sha: '0'.repeat(40) },
    draft: false,
    merged: false,
  };
}

function listPulls(call: Call, [repo]: string[]): void {
  const q = call.record.query;
  const head = q.get('head');
  const pulls = call.repo(repo).pulls.filter(
    (pr) => (!head || `${repo.split('/')[0]}:${pr.head}` === head) && (!q.get('base') || pr.base === q.get('base')) && (q.get('state') === 'all' || pr.state === (q.get('state') ?? 'open')),
  );
  send(call.res, 200, pulls.map((pr) => pullJson(call, repo, pr)));
}

function createPull(call: Call, [repo]: string[]): void {
  const body = call.record.json as { title?: string; head?: string; base?: string; body?: string };
  const state = call.repo(repo);
  if (!body?.title || !body.head || !body.base) return unprocessable(call.res, 'Validation Failed', [{ resource: 'PullRequest', code: 'missing_field' }]);
  if (state.pulls.some((pr) => pr.head === body.head && pr.state === 'open')) {
    return unprocessable(call.res, 'Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.split('/')[0]}:${body.head}.` }]);
  }
  const pr: FakePull = { number: state.pulls.length + 1, title: body.title, body: body.body ?? '', head: body.head, base: body.base, state: 'open' };
  state.pulls.push(pr);
  send(call.res, 201, pullJson(call, repo, pr));
}

function dispatch(call: Call, [repo]: string[]): void {
  const body = call.record.json as { event_type?: string; client_payload?: unknown };
  if (!body?.event_type) return unprocessable(call.res, 'Invalid request.\n\n"event_type" wasn\'t supplied.', []);
  call.repo(repo).dispatches.push({ event_type: body.event_type, client_payload: body.client_payload ?? {} });
  call.res.writeHead(204).end();
}

function commentJson(call: Call, repo: string, c: FakeComment) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${api(call, repo)}/issues/comments/${c.id}`,
    html_url: `${html(repo)}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${api(call, repo)}/issues/${c.issue}`,
    body: c.body,
    user: { ...USER, login: c.user },
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    author_association: 'NONE',
  };
}

/** Pages of `per_page` with a Link header, as GitHub paginates. */
function listComments(call: Call, [repo, issue]: string[]): void {
  const all = call.repo(repo).comments.filter((c) => c.issue === Number(issue));
  const perPage = Number(call.record.query.get('per_page') ?? 30);
  const page = Number(call.record.query.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const headers: Record<string, string> = {};
  if (page < last) {
    const link = (p: number) => `<${call.origin}${call.record.path}?per_page=${perPage}&page=${p}>`;
    headers.link = `${link(page + 1)}; rel="next", ${link(last)}; rel="last"`;
  }
  send(call.res, 200, all.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(call, repo, c)), headers);
}

function createComment(call: Call, [repo, issue]: string[]): void {
  const body = (call.record.json as { body?: string })?.body;
  if (typeof body !== 'string') return unprocessable(call.res, 'Validation Failed', [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
  const comment: FakeComment = { id: call.id(), issue: Number(issue), body, user: USER.login };
  call.repo(repo).comments.push(comment);
  send(call.res, 201, commentJson(call, repo, comment));
}

function updateComment(call: Call, [repo, id]: string[]): void {
  const comment = call.repo(repo).comments.find((c) => c.id === Number(id));
  if (!comment) return send(call.res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  comment.body = (call.record.json as { body: string }).body;
  send(call.res, 200, commentJson(call, repo, comment));
}

const refJson = (call: Call, repo: string, tag: string, sha: string) => ({
  ref: `refs/tags/${tag}`,
  node_id: `REF_${tag}`,
  url: `${api(call, repo)}/git/refs/tags/${tag}`,
  object: { type: 'commit', sha, url: `${api(call, repo)}/git/commits/${sha}` },
});

function getTag(call: Call, [repo, tag]: string[]): void {
  const sha = call.repo(repo).tags.get(tag);
  if (!sha) return send(call.res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  send(call.res, 200, refJson(call, repo, tag, sha));
}

function createRef(call: Call, [repo]: string[]): void {
  const body = call.record.json as { ref?: string; sha?: string };
  const tag = /^refs\/tags\/(.+)$/.exec(body?.ref ?? '')?.[1];
  if (!tag || !/^[0-9a-f]{40}$/.test(body.sha ?? '')) return unprocessable(call.res, 'Reference update failed', []);
  const state = call.repo(repo);
  if (state.tags.has(tag)) return unprocessable(call.res, 'Reference already exists', []);
  state.tags.set(tag, body.sha as string);
  send(call.res, 201, refJson(call, repo, tag, body.sha as string));
}

function assetJson(call: Call, repo: string, a: FakeAsset) {
  return {
    url: `${api(call, repo)}/releases/assets/${a.id}`,
    browser_download_url: `${html(repo)}/releases/download/${encodeURIComponent(call.repo(repo).releases.find((r) => r.id === a.release)?.tag ?? '')}/${a.name}`,
    id: a.id,
    node_id: `RA_${a.id}`,
    name: a.name,
    label: '',
    state: 'uploaded',
    content_type: a.contentType,
    size: a.data.length,
    digest: `sha256:${createHash('sha256').update(a.data).digest('hex')}`,
    download_count: 0,
    uploader: USER,
  };
}

function releaseJson(call: Call, repo: string, r: FakeRelease) {
  return {
    url: `${api(call, repo)}/releases/${r.id}`,
    html_url: `${html(repo)}/releases/tag/${r.tag}`,
    assets_url: `${api(call, repo)}/releases/${r.id}/assets`,
    upload_url: `${call.origin}/uploads/repos/${repo}/releases/${r.id}/assets{?name,label}`,
    id: r.id,
    node_id: `RE_${r.id}`,
    tag_name: r.tag,
    target_commitish: 'main',
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: false,
    author: USER,
    assets: call
      .repo(repo)
      .assets.filter((a) => a.release === r.id)
      .map((a) => assetJson(call, repo, a)),
  };
}

function getReleaseByTag(call: Call, [repo, tag]: string[]): void {
  const release = call.repo(repo).releases.find((r) => r.tag === tag && !r.draft);
  if (!release) return send(call.res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  send(call.res, 200, releaseJson(call, repo, release));
}

function createRelease(call: Call, [repo]: string[]): void {
  const body = call.record.json as { tag_name?: string; name?: string; body?: string; draft?: boolean };
  const state = call.repo(repo);
  if (!body?.tag_name) return unprocessable(call.res, 'Validation Failed', [{ resource: 'Release', code: 'missing_field', field: 'tag_name' }]);
  if (state.releases.some((r) => r.tag === body.tag_name)) return unprocessable(call.res, 'Validation Failed', [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  const release: FakeRelease = { id: call.id(), tag: body.tag_name, name: body.name ?? body.tag_name, body: body.body ?? '', draft: body.draft ?? false };
  state.releases.push(release);
  send(call.res, 201, releaseJson(call, repo, release));
}

function uploadAsset(call: Call, [repo, releaseId]: string[]): void {
  const name = call.record.query.get('name');
  const state = call.repo(repo);
  if (!name) return unprocessable(call.res, 'Validation Failed', [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }]);
  if (state.assets.some((a) => a.release === Number(releaseId) && a.name === name)) {
    return unprocessable(call.res, 'Validation Failed', [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]);
  }
  const asset: FakeAsset = { id: call.id(), release: Number(releaseId), name, contentType: String(call.record.contentType ?? ''), data: call.raw };
  state.assets.push(asset);
  send(call.res, 201, assetJson(call, repo, asset));
}

/** With Accept: application/octet-stream GitHub answers 302 to the file's storage URL. */
function getAsset(call: Call, [repo, id]: string[]): void {
  const asset = call.repo(repo).assets.find((a) => a.id === Number(id));
  if (!asset) return send(call.res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  if (call.record.accept === 'application/octet-stream') {
    call.res.writeHead(302, { location: `${call.origin}/download/${repo}/${id}` }).end();
    return;
  }
  send(call.res, 200, assetJson(call, repo, asset));
}

function downloadAsset(call: Call, [repo, id]: string[]): void {
  const asset = call.repo(repo).assets.find((a) => a.id === Number(id));
  if (!asset) return send(call.res, 404, { message: 'Not Found' });
  call.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': asset.data.length }).end(asset.data);
}

function unprocessable(res: ServerResponse, message: string, errors: unknown[]): void {
  send(res, 422, { message, errors, documentation_url: DOCS, status: '422' });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-github-media-type': 'github.v3; format=json', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

function parseJson(raw: Buffer, type: string | undefined): unknown {
  if (raw.length === 0 || !/json/.test(type ?? '')) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The stand-in for a whole test file: started before its tests, closed after them, and with
 * `fresh` reset before each test (register it before other beforeEach hooks that set state).
 * The returned handle reaches the running server, so it can be used at the top of the file.
 */
export function useFakeGitHub(options: { fresh?: boolean } = {}): FakeGitHub {
  let server: FakeGitHub | undefined;
  beforeAll(async () => {
    server = await startFakeGitHub();
  });
  if (options.fresh) beforeEach(() => server?.reset());
  afterAll(async () => {
    await server?.close();
  });
  const live = (): FakeGitHub => {
    if (!server) throw new Error('the fake GitHub is used before beforeAll started it');
    return server;
  };
  return {
    get url() {
      return live().url;
    },
    get requests() {
      return live().requests;
    },
    repo: (name) => live().repo(name),
    fail: (failure) => live().fail(failure),
    writes: () => live().writes(),
    reset: () => live().reset(),
    close: () => live().close(),
  };
}
