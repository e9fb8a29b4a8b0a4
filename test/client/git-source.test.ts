import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchGitSource } from '../../src/core/client/git-source.js';
import type { GitSourceRequest } from '../../src/core/client/git-source.js';
import { defaultDeps } from '../../src/core/deps.js';
import { ExitCode, InputError, IntegrityError, RemoteError } from '../../src/core/errors.js';
import { MemoryLogger } from '../../src/core/logger.js';
import { nodeProcessRunner } from '../../src/core/process/runner.js';
import type { ProcessRunner } from '../../src/core/process/runner.js';
import { checksumOf } from '../helpers/cli.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { createRepo, git } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { rejection } from '../helpers/failure.js';

const temp = tempDirs();
let repo: TestRepo;
let url: string;
/** The first commit: neither a branch tip nor tagged, so only a fetch by id reaches it. */
let first: string;
/** The second commit, tagged v1.0.0 (annotated) and "light". */
let tagged: string;
/** The tip of main, the bare repository's default branch. */
let tip: string;
/** The tip of the branch "feature". */
let feature: string;

const PACK_V1 = {
  'pack.yaml': 'ref: demo\nversion: 1.0.0\n',
  'actions/run.sh': { content: '#!/bin/sh\necho run\n', executable: true },
  'actions/run.yaml': 'name: run\n',
  'docs/internal.md': 'not for installs\n',
  '.gitattributes': 'docs/ export-ignore\n',
};

/** What an install of the first commit must contain: tracked files minus export-ignore. */
const INSTALLED_V1 = {
  '.gitattributes': 'docs/ export-ignore\n',
  'actions/run.sh': '#!/bin/sh\necho run\n',
  'actions/run.yaml': 'name: run\n',
  'pack.yaml': 'ref: demo\nversion: 1.0.0\n',
};

beforeAll(() => {
  repo = createRepo(temp);
  first = repo.commit(PACK_V1);
  tagged = repo.commit({ 'CHANGELOG.md': '1.0.0\n' });
  repo.tag('v1.0.0', tagged, 'release 1.0.0');
  repo.tag('light', tagged);
  tip = repo.commit({ 'pack.yaml': 'ref: demo\nversion: 1.1.0\n' });
  repo.git('checkout', '-q', '-b', 'feature');
  feature = repo.commit({ 'extra.txt': 'feature work\n' });
  repo.git('checkout', '-q', 'main');
  const bare = join(temp.make('packreg-bare-'), 'demo.git');
  git(repo.dir, ['init', '-q', '--bare', '-b', 'main', bare]);
  repo.git('push', '-q', bare, 'main', 'feature', '--tags');
  url = pathToFileURL(bare).href;
});
afterAll(() => temp.cleanup());

/** A real git runner that records every argument list. */
function recordingRunner(rewrite: (args: readonly string[]) => readonly string[] = (a) => a): ProcessRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    run: (command, args, options) => nodeProcessRunner.run(command, rewrite(args), options),
    start(command, args, options) {
      calls.push([command, ...args]);
      return nodeProcessRunner.start(command, rewrite(args), options);
    },
  };
}

function request(extra: Partial<GitSourceRequest> = {}): GitSourceRequest {
  return { url, allowHttp: false, timeoutMs: 60_000, ...extra };
}

function deps(runner: ProcessRunner = nodeProcessRunner, logger = new MemoryLogger()) {
  return { ...defaultDeps(logger), runner };
}

/** Every file below `dir` with its content and mode bits. */
function listing(dir: string): Record<string, { content: string; mode: string }> {
  const out: Record<string, { content: string; mode: string }> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = { content: readFileSync(join(dir, rel), 'utf8'), mode: (statSync(join(dir, rel)).mode & 0o777).toString(8) };
    }
  };
  walk('');
  return out;
}

/** Names in `parent` and in the OS temp folder that the fetch of `into` may have left. */
function leftovers(parent: string, name: string): string[] {
  const beside = readdirSync(parent).filter((n) => n.startsWith(name) || n.startsWith(`.${name}`));
  const tmp = readdirSync(tmpdir()).filter((n) => n.startsWith(`.${name}`) || n.startsWith(`${name}.git-`));
  return [...beside, ...tmp];
}

describe('fetchGitSource over file://', () => {
  it('writes the tree of a pinned non-tip commit, export-ignore left out, modes kept, checksum as packreg checksum --git-ref computes it', async () => {
    const parent = temp.make('packreg-into-');
    const into = join(parent, 'demo');
    const runner = recordingRunner();
    const result = await fetchGitSource(request({ ref: first }), into, deps(runner));

    expect(result).toEqual({ dir: into, commit: first, checksum: framedChecksum(INSTALLED_V1), files: 4 });
    expect(result.checksum).toBe(await checksumOf([repo.dir, '--git-ref', first]));
    const files = listing(into);
    expect(Object.fromEntries(Object.entries(files).map(([p, f]) => [p, f.content]))).toEqual(INSTALLED_V1);
    expect(files['actions/run.sh'].mode).toBe('755');
    expect(files['pack.yaml'].mode).toBe('644');
    // The checksum describes what is on disk.
    expect(await checksumOf([into])).toBe(result.checksum);
    // One shallow fetch by id, nothing more.
    const fetches = runner.calls.filter((c) => c.includes('fetch'));
    expect(fetches).toHaveLength(1);
    expect(fetches[0].slice(-5)).toEqual(['--depth', '1', '--', url, first]);
    expect(leftovers(parent, 'demo')).toEqual(['demo']);
  });

  it('accepts a matching expected checksum', async () => {
    const into = join(temp.make('packreg-into-'), 'demo');
    const result = await fetchGitSource(request({ ref: first, expectedChecksum: framedChecksum(INSTALLED_V1) }), into, deps());
    expect(result.commit).toBe(first);
  });

  it.each([
    ['an annotated tag', 'v1.0.0', () => tagged],
    ['a lightweight tag', 'light', () => tagged],
    ['a branch', 'feature', () => feature],
    ['a full ref name', 'refs/heads/main', () => tip],
    ['no ref (the default branch)', undefined, () => tip],
  ])('fetches %s', async (_what, ref, commit) => {
    const into = join(temp.make('packreg-into-'), 'demo');
    const result = await fetchGitSource(request({ ref }), into, deps());
    expect(result.commit).toBe(commit());
    expect(result.checksum).toBe(await checksumOf([repo.dir, '--git-ref', commit()]));
    expect(await checksumOf([into])).toBe(result.checksum);
  });

  it('falls back to fetching branches and tags when the server refuses a commit it did not advertise', async () => {
    // Protocol v0 upload-pack refuses unadvertised commits unless configured otherwise.
    const runner = recordingRunner((args) => (args.includes('fetch') ? ['-c', 'protocol.version=0', ...args] : args));
    const logger = new MemoryLogger();
    const into = join(temp.make('packreg-into-'), 'demo');
    const result = await fetchGitSource(request({ ref: first }), into, deps(runner, logger));
    expect(result.commit).toBe(first);
    expect(result.checksum).toBe(framedChecksum(INSTALLED_V1));
    const fetches = runner.calls.filter((c) => c.includes('fetch'));
    expect(fetches).toHaveLength(2);
    expect(fetches[1]).toContain('+refs/heads/*:refs/remotes/origin/*');
    expect(logger.at('debug').join('\n')).toMatch(/unadvertised object/);
  });

  it('refuses a commit the remote does not have: InputError, nothing left behind', async () => {
    const parent = temp.make('packreg-into-');
    const into = join(parent, 'demo');
    const missing = 'f'.repeat(40);
    const error = await rejection(fetchGitSource(request({ ref: missing }), into, deps()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`has no commit ${missing}`);
    expect(error.message).toContain(url.replace(/^file:\/\//, ''));
    expect(leftovers(parent, 'demo')).toEqual([]);
  });

  it('refuses a branch or tag the remote does not have: InputError', async () => {
    const parent = temp.make('packreg-into-');
    const error = await rejection(fetchGitSource(request({ ref: 'v9.9.9' }), join(parent, 'demo'), deps()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('no branch or tag named "v9.9.9"');
    expect(leftovers(parent, 'demo')).toEqual([]);
  });

  it('refuses an id that names a tag object rather than a commit', async () => {
    const tagObject = repo.git('rev-parse', 'v1.0.0');
    expect(tagObject).not.toBe(tagged);
    const parent = temp.make('packreg-into-');
    const error = await rejection(fetchGitSource(request({ ref: tagObject }), join(parent, 'demo'), deps()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`leads to commit ${tagged}`);
    expect(leftovers(parent, 'demo')).toEqual([]);
  });

  it('reports a checksum mismatch as an IntegrityError and removes the pack and the temporary repository', async () => {
    const parent = temp.make('packreg-into-');
    const into = join(parent, 'demo');
    const wrong = `sha256:${'0'.repeat(64)}`;
    const error = await rejection(fetchGitSource(request({ ref: first, expectedChecksum: wrong }), into, deps()));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toMatchObject({ exitCode: ExitCode.Integrity, expected: wrong, actual: framedChecksum(INSTALLED_V1) });
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(framedChecksum(INSTALLED_V1));
    expect(leftovers(parent, 'demo')).toEqual([]);
  });

  it('reports a repository that does not exist as a RemoteError with git\'s reason', async () => {
    const parent = temp.make('packreg-into-');
    const missing = pathToFileURL(join(parent, 'nowhere.git')).href;
    const error = await rejection(fetchGitSource(request({ url: missing, ref: first }), join(parent, 'demo'), deps()));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/git could not fetch from file:\/\/.*nowhere\.git: .*does not appear to be a git repository/);
    expect(leftovers(parent, 'demo')).toEqual([]);
  });

  it('never touches an existing target folder', async () => {
    const parent = temp.make('packreg-into-');
    const into = join(parent, 'demo');
    mkdirSync(into);
    writeFileSync(join(into, 'mine.txt'), 'keep me');
    const runner = recordingRunner();
    const error = await rejection(fetchGitSource(request({ ref: first }), into, deps(runner)));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('already exists');
    expect(readFileSync(join(into, 'mine.txt'), 'utf8')).toBe('keep me');
    expect(runner.calls).toEqual([]);
  });

  it('creates missing parent folders of the target', async () => {
    const into = join(temp.make('packreg-into-'), 'a', 'b', 'demo');
    const result = await fetchGitSource(request({ ref: first }), into, deps());
    expect(existsSync(join(result.dir, 'pack.yaml'))).toBe(true);
  });

  it('lets no insteadOf rewrite in the user\'s configuration move an https URL to another transport', async () => {
    const dir = temp.make('packreg-rewrite-');
    const config = join(dir, 'gitconfig');
    writeFileSync(config, `[url "${url}"]\n\tinsteadOf = https://packs.example.invalid/demo.git\n`);
    const saved = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = config;
    let error: Error;
    try {
      error = await rejection(fetchGitSource(request({ url: 'https://packs.example.invalid/demo.git', ref: first }), join(dir, 'demo'), deps()));
    } finally {
      if (saved === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = saved;
    }
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toContain("transport 'file' not allowed");
    expect(error.message).toContain('https://packs.example.invalid/demo.git');
    expect(readdirSync(dir)).toEqual(['gitconfig']);
  });

  it('runs no hook from the user\'s git configuration', async () => {
    const dir = temp.make('packreg-hooks-');
    const marker = join(dir, 'ran');
    const hooks = join(dir, 'hooks');
    mkdirSync(hooks);
    for (const hook of ['reference-transaction', 'post-checkout', 'post-merge']) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\necho ${hook} >> '${marker}'\n`, { mode: 0o755 });
    }
    const config = join(dir, 'gitconfig');
    writeFileSync(config, `[core]\n\thooksPath = ${hooks}\n`);
    const saved = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = config;
    try {
      // The fallback fetch updates refs, which is when reference-transaction runs.
      const runner = recordingRunner((args) => (args.includes('fetch') ? ['-c', 'protocol.version=0', ...args] : args));
      const result = await fetchGitSource(request({ ref: first }), join(dir, 'demo'), deps(runner));
      expect(result.commit).toBe(first);
    } finally {
      if (saved === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = saved;
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe('fetchGitSource with trees packreg refuses to install', () => {
  let hostile: string;
  let bare: string;
  const commitTree = (lines: string[]): string => {
    const tree = git(bare, ['mktree'], lines.join('\n') + '\n');
    return git(bare, ['commit-tree', '-m', 'hostile', tree]);
  };

  beforeAll(() => {
    bare = join(temp.make('packreg-hostile-'), 'hostile.git');
    git(temp.make(), ['init', '-q', '--bare', bare]);
    hostile = pathToFileURL(bare).href;
  });

  it.each([
    ['a ".." folder', '..'],
    ['a ".git" folder', '.git'],
    ['a ".GIT" folder', '.GIT'],
  ])('refuses %s and writes nothing', async (_what, name) => {
    const blob = git(bare, ['hash-object', '-w', '--stdin'], 'evil\n');
    const inner = git(bare, ['mktree'], `100644 blob ${blob}\tevil\n`);
    const commit = commitTree([`040000 tree ${inner}\t${name}`, `100644 blob ${blob}\tpack.yaml`]);
    git(bare, ['update-ref', `refs/heads/h-${commit.slice(0, 8)}`, commit]);
    const parent = temp.make('packreg-into-');
    const error = await rejection(fetchGitSource(request({ url: hostile, ref: commit }), join(parent, 'demo'), deps()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`"${name}/evil"`);
    expect(error.message).toContain(hostile.replace(/^file:\/\//, ''));
    expect(leftovers(parent, 'demo')).toEqual([]);
    expect(existsSync(join(parent, 'evil'))).toBe(false);
  });

  it('refuses a tracked symbolic link, naming the URL rather than the temporary repository', async () => {
    const target = git(bare, ['hash-object', '-w', '--stdin'], '/etc/passwd');
    const blob = git(bare, ['hash-object', '-w', '--stdin'], 'ref: x\n');
    const commit = commitTree([`120000 blob ${target}\tlink`, `100644 blob ${blob}\tpack.yaml`]);
    git(bare, ['update-ref', 'refs/heads/symlink', commit]);
    const parent = temp.make('packreg-into-');
    const error = await rejection(fetchGitSource(request({ url: hostile, ref: commit }), join(parent, 'demo'), deps()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('link is a symbolic link tracked at commit');
    expect(error.message).toContain(hostile.replace(/^file:\/\//, ''));
    expect(error.message).not.toMatch(/\.demo\.git-/);
    expect(leftovers(parent, 'demo')).toEqual([]);
  });
});
