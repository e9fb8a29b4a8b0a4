#!/usr/bin/env node
import { r as removePendingTemporaryFiles, w as writeTextAtomic } from './chunks/atomic-file.js';
import { d as defaultDeps } from './chunks/deps.js';
import { U as UsageError, E as ExitCode, f as fsInputError, m as messageOf, P as PackregError, e as exitCodeOf } from './chunks/errors.js';
import { parseArgs } from 'node:util';
import { resolve, join } from 'node:path';
import { c as computeChecksum } from './chunks/compute.js';
import { p as parseDigest, a as parseAlgorithm } from './chunks/algorithms.js';
import { s as stringifyCanonical, c as canonicalEntry } from './chunks/canonical-json.js';
import { p as parseMetaPairs } from './chunks/meta-pairs.js';
import { I as INDEX_POLICIES } from './chunks/policy.js';
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { D as DEFAULT_SETUP_TIMEOUT_SECONDS, p as parseSetupTimeout } from './chunks/settings.js';
import { s as silentLogger } from './chunks/logger.js';
import 'node:crypto';
import 'node:fs/promises';
import './chunks/byte-reader.js';
import './chunks/runner.js';
import 'node:child_process';
import './chunks/file-digest.js';
import './chunks/pack-source.js';
import './chunks/fs-tree.js';
import './chunks/git-tree.js';
import './chunks/packignore.js';
import './chunks/index3.js';
import './chunks/_commonjsHelpers.js';

/** The exit status a shell reports for a process ended by each signal (128 + its number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };
let claimed;
/**
 * What SIGINT and SIGTERM do to the CLI. By default: remove partial files and exit at once.
 * While a command has claimed them ({@link claimInterrupts}), the command's signal is aborted
 * instead, so it can stop the processes it started (in their own process groups, out of the
 * terminal's reach) and remove its folders before returning.
 */
function installInterruptHandlers() {
    for (const signal of Object.keys(SIGNAL_EXIT)) {
        process.on(signal, () => {
            if (claimed && !claimed.received) {
                claimed.received = signal;
                claimed.controller.abort();
                return;
            }
            // Unclaimed, or a second signal while a command cleans up: stop now.
            removePendingTemporaryFiles();
            process.exit(SIGNAL_EXIT[signal]);
        });
    }
}
/** Take over SIGINT and SIGTERM until `release`; `received` says which one arrived, if any. */
function claimInterrupts() {
    const claim = { controller: new AbortController(), received: undefined };
    claimed = claim;
    return {
        signal: claim.controller.signal,
        received: () => claim.received,
        release: () => {
            if (claimed === claim)
                claimed = undefined;
        },
    };
}

/** Parse a command's arguments strictly: unknown flags and missing values are usage errors. */
function parseCommandArgs(command, argv) {
    // parseArgs rejects keys it does not know (help, value) and undefined ones, so pass only what is set.
    const options = Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]));
    try {
        const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
        return { values: parsed.values, positionals: parsed.positionals };
    }
    catch (error) {
        const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
        throw new UsageError(`${message}. Run "packreg help ${command.name}" for the options`, { cause: error });
    }
}
/** Exactly `count` positionals, named for the message. */
function positionals(command, args, names) {
    if (args.positionals.length !== names.length) {
        const got = args.positionals.length === 0 ? 'none' : args.positionals.join(' ');
        throw new UsageError(`packreg ${command.name} takes ${names.map((n) => `<${n}>`).join(' ')}; got ${got}. Usage: packreg ${command.name} ${command.usage}`);
    }
    return args.positionals;
}
/** A string flag's value, if given. */
function stringFlag(args, name) {
    const value = args.values[name];
    return typeof value === 'string' ? value : undefined;
}
/** A boolean flag. */
function boolFlag(args, name) {
    return args.values[name] === true;
}
/** A repeatable string flag. */
function listFlag(args, name) {
    const value = args.values[name];
    return Array.isArray(value) ? value : [];
}

/** Two-space JSON with a final newline: what every --json prints. */
function json(value) {
    return `${JSON.stringify(value, null, 2)}\n`;
}

const archiveCommand = {
    name: 'archive',
    summary: 'Build a reproducible .tar.gz or .zip of a pack',
    usage: '<pack-dir> [--format tar.gz|zip] [--out FILE] [--force] [--git-ref REV] [--no-git] [--exclude PATTERN]... [--tag TAG] [--json]',
    description: [
        'Every entry sits under one top-level directory <ref>-<version>/; the default file name is',
        '<ref>-<version>.<format> in the current directory. The same content gives byte-identical archives',
        'whatever mtimes, umask, owner, directory order, time zone or locale (entry time SOURCE_DATE_EPOCH,',
        'else 1980-01-01; modes 0644/0755; uid/gid 0). In a git work tree the files tracked at HEAD (or',
        '--git-ref) are archived, like git archive; elsewhere every regular file except .git/. The pack\'s',
        '.packignore (gitignore syntax) and --exclude patterns leave files out. Prints the archive path,',
        'its sha256 (the archive install source checksum) and the framed checksum of the archived tree.',
        '--tag fails the build, before anything is written, unless the tag names pack.yaml\'s version',
        '(v1.2.3, 1.2.3, <ref>-v1.2.3 or <ref>/v1.2.3; refs/tags/ in front is accepted).',
    ].join('\n'),
    options: {
        format: { type: 'string', value: 'F', help: 'tar.gz (default) or zip' },
        out: { type: 'string', value: 'FILE', help: 'output file (default ./<ref>-<version>.<format>)' },
        force: { type: 'boolean', help: 'replace an existing output file' },
        'git-ref': { type: 'string', value: 'REV', help: 'archive the tree tracked at this commit' },
        'no-git': { type: 'boolean', help: 'archive the files on disk even inside a git work tree' },
        exclude: { type: 'string', multiple: true, value: 'PATTERN', help: 'leave out paths matching this gitignore pattern (repeatable)' },
        tag: { type: 'string', value: 'TAG', help: "fail unless this release tag names pack.yaml's version" },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [packDir] = positionals(this, args, ['pack-dir']);
        // Loaded on demand: the CLI starts faster when a command does not need the pack model.
        const { buildArchive, parseEpoch, parseFormat } = await import('./chunks/build.js');
        const result = await buildArchive({
            packDir,
            format: parseFormat(stringFlag(args, 'format'), '--format'),
            out: stringFlag(args, 'out'),
            force: boolFlag(args, 'force'),
            gitRef: stringFlag(args, 'git-ref'),
            noGit: boolFlag(args, 'no-git'),
            exclude: listFlag(args, 'exclude'),
            mtime: parseEpoch(ctx.env.SOURCE_DATE_EPOCH, 'SOURCE_DATE_EPOCH'),
            cwd: ctx.cwd,
            tag: stringFlag(args, 'tag'),
        }, ctx.deps);
        if (boolFlag(args, 'json'))
            ctx.out(json(result));
        else {
            ctx.out([
                result.path,
                `  checksum            ${result.checksum}`,
                `  directory-checksum  ${result.directoryChecksum}`,
                `  files ${result.files}, ${result.size} bytes, from ${result.commit ? `commit ${result.commit}` : 'files on disk'}`,
                '',
            ].join('\n'));
        }
        return ExitCode.Ok;
    },
};

const checksumCommand = {
    name: 'checksum',
    summary: 'Checksum a file (its bytes) or a pack directory (the framed tree checksum)',
    usage: '<path> [--algorithm A] [--expect A:HEX] [--git-ref REV] [--json]',
    description: [
        'A file: the hash of its bytes (sha256 by default; also sha512, sha1, md5).',
        'A directory: the framed directory checksum (attune-pack-file-v1, always sha256) of its regular files,',
        'with .git/ left out; symlinks, hard links, devices and FIFOs are refused. With --git-ref, the tree',
        'tracked at that commit is hashed instead (what a clone contains, without export-ignore paths), so',
        'untracked node_modules/ or .venv/ never change it. Prints algorithm:hex.',
        'With --expect, exits 0 on a match and 1 on a mismatch, printing expected and actual.',
    ].join('\n'),
    options: {
        algorithm: { type: 'string', value: 'A', help: 'sha256 (default), sha512, sha1 or md5; files only' },
        expect: { type: 'string', value: 'A:HEX', help: 'compare with this checksum (lower-case hex)' },
        'git-ref': { type: 'string', value: 'REV', help: 'hash the tree tracked at this commit (directories)' },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [path] = positionals(this, args, ['path']);
        const algorithm = stringFlag(args, 'algorithm');
        const expect = stringFlag(args, 'expect');
        const result = await computeChecksum({
            path: resolve(ctx.cwd, path),
            algorithm: algorithm === undefined ? undefined : parseAlgorithm(algorithm),
            expect: expect === undefined ? undefined : parseDigest(expect),
            gitRef: stringFlag(args, 'git-ref'),
        }, ctx.deps);
        if (boolFlag(args, 'json'))
            ctx.out(json(result));
        else if (result.match === false)
            ctx.out(`MISMATCH ${result.path}\n  expected ${result.expected}\n  actual   ${result.checksum}\n`);
        else
            ctx.out(`${result.checksum}${result.match ? '  OK' : ''}\n`);
        return result.match === false ? ExitCode.CheckFailed : ExitCode.Ok;
    },
};

/** The source flags index-entry and index-update share. */
const ENTRY_OPTIONS = {
    'git-url': { type: 'string', value: 'URL', help: 'https URL of the pack repository (the git install source)' },
    'git-ref': { type: 'string', value: 'SHA', help: 'the 40-character commit the git source pins; its tracked tree is hashed' },
    'allow-mutable-ref': { type: 'boolean', help: 'accept a tag or branch name as --git-ref (development indices only)' },
    'archive-url': { type: 'string', value: 'URL', help: 'https URL of the release archive (the archive install source)' },
    'archive-checksum': { type: 'string', value: 'sha256:HEX', help: "the archive's sha256 (or give --archive-file)" },
    'archive-file': { type: 'string', value: 'FILE', help: 'compute the archive checksum from this local file' },
    meta: { type: 'string', multiple: true, value: 'KEY=VALUE', help: 'add a field to the entry\'s meta (repeatable)' },
};
/** Entry settings from the shared flags. */
function entrySettings(packDir, args, cwd) {
    const checksum = stringFlag(args, 'archive-checksum');
    return {
        packDir,
        gitUrl: stringFlag(args, 'git-url'),
        gitRef: stringFlag(args, 'git-ref'),
        allowMutableRef: boolFlag(args, 'allow-mutable-ref'),
        archiveUrl: stringFlag(args, 'archive-url'),
        archiveChecksum: checksum === undefined ? undefined : parseDigest(checksum, '--archive-checksum'),
        archiveFile: stringFlag(args, 'archive-file'),
        meta: parseMetaPairs(listFlag(args, 'meta'), '--meta'),
        cwd,
    };
}

const indexEntryCommand = {
    name: 'index-entry',
    summary: 'Build the Attune index entry of a pack',
    usage: '<pack-dir> --git-url URL --git-ref SHA [--archive-url URL (--archive-checksum sha256:HEX | --archive-file FILE)] [--meta KEY=VALUE]... [--output FILE] [--json]',
    description: [
        'Fills every field as Attune\'s index builder does (label, keywords, license, homepage, use_case,',
        'dependencies, contents). With --git-url, the manifest and components are read from the tree',
        'tracked at --git-ref and the git source checksum is that tree\'s framed checksum; a tag or branch',
        'name is refused unless --allow-mutable-ref. The archive source checksum is the sha256 of the',
        'archive bytes (--archive-checksum, or computed from --archive-file); URLs are never downloaded.',
        'URLs must be https without credentials, query or fragment. The entry is printed as JSON (and',
        'nothing else) on standard output, or written to --output (replacing it atomically).',
    ].join('\n'),
    options: {
        ...ENTRY_OPTIONS,
        output: { type: 'string', value: 'FILE', help: 'write the entry to FILE instead of standard output' },
        json: { type: 'boolean', help: 'accepted for symmetry: the entry is always JSON' },
    },
    async run(args, ctx) {
        const [packDir] = positionals(this, args, ['pack-dir']);
        const { buildIndexEntry } = await import('./chunks/entry-builder.js').then(function (n) { return n.e; });
        const { entry } = await buildIndexEntry(entrySettings(packDir, args, ctx.cwd), ctx.deps);
        const text = stringifyCanonical(canonicalEntry(entry));
        const output = stringFlag(args, 'output');
        if (output === undefined)
            ctx.out(text);
        else {
            await writeTextAtomic(resolve(ctx.cwd, output), text, '--output file');
            ctx.deps.logger.info(`entry ${entry.ref}@${entry.version} written to ${resolve(ctx.cwd, output)}`);
        }
        return ExitCode.Ok;
    },
};

/** --policy, default custom. */
function parsePolicy(value, what = '--policy') {
    const policy = value ?? 'custom';
    if (INDEX_POLICIES.includes(policy))
        return policy;
    throw new UsageError(`${what}: "${policy}" is not a policy; use standard or custom`);
}

const indexMergeCommand = {
    name: 'index-merge',
    summary: 'Merge several registry indices into one',
    usage: '--output FILE INDEX... [--policy standard|custom] [--json]',
    description: [
        'Every input must validate. A ref present in several inputs takes its highest version (ties: the',
        'first input wins); registry_name and registry_url come from the first input. The output is',
        'validated and replaced atomically only after everything succeeded, and left byte-identical',
        '(last_updated included) when the merged packs equal what it already holds.',
    ].join('\n'),
    options: {
        output: { type: 'string', value: 'FILE', help: 'the merged index to write' },
        policy: { type: 'string', value: 'P', help: 'custom (default) or standard' },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const output = stringFlag(args, 'output');
        if (!output)
            throw new UsageError('--output FILE is required');
        if (args.positionals.length === 0)
            throw new UsageError('give at least one input index');
        const { mergeIndices } = await import('./chunks/index-merge.js');
        const result = await mergeIndices({
            inputs: args.positionals.map((p) => resolve(ctx.cwd, p)),
            output: resolve(ctx.cwd, output),
            policy: parsePolicy(stringFlag(args, 'policy')),
            now: new Date(),
        });
        if (boolFlag(args, 'json'))
            ctx.out(json(result));
        else
            ctx.out(`${result.output}: ${result.packs} packs, ${result.changed ? 'written' : 'unchanged'}\n`);
        return ExitCode.Ok;
    },
};

const indexUpdateCommand = {
    name: 'index-update',
    summary: 'Upsert pack entries into a registry index and its per-pack histories',
    usage: '--index FILE (<pack-dir> SOURCE-FLAGS | --entry FILE...) [--output FILE] [--dry-run] [--force] [--registry-name NAME --registry-url URL] [--policy standard|custom] [--push [--branch NAME] [--max-attempts N] [--commit-message TEXT] [--author "Name <email>"]] [--json]',
    description: [
        'Reads and validates the index (or creates it with --registry-name and --registry-url), then',
        'upserts each entry: built from <pack-dir> with the index-entry source flags, or read from',
        '--entry files. Each ref\'s top-level entry is its highest version by semver precedence; every',
        'version is kept in packs/<ref>/index.json beside the index (newest first). A published',
        'ref@version is immutable: the same content is a no-op, a different one is refused (exit 1)',
        'unless --force. Output is canonical and deterministic; last_updated moves only when the',
        'packs change; files are replaced atomically. --dry-run prints the plan and writes nothing.',
        '',
        '--push commits the update in the index\'s git work tree and pushes it to origin. Each attempt',
        'fetches the branch, resets the local branch to origin\'s (the work tree must have no',
        'uncommitted changes; local commits origin lacks are dropped), re-applies the upsert and',
        'pushes, so concurrent updaters never overwrite each other; a rejected push is retried up to',
        '--max-attempts times (exit 4 after the last, with nothing pushed). Nothing is committed when',
        'nothing changed. --dry-run wins over --push.',
    ].join('\n'),
    options: {
        index: { type: 'string', value: 'FILE', help: 'the index.json to update (created if missing)' },
        entry: { type: 'string', multiple: true, value: 'FILE', help: 'an entry file from index-entry (repeatable)' },
        ...ENTRY_OPTIONS,
        output: { type: 'string', value: 'FILE', help: 'write the index here instead of over --index' },
        'dry-run': { type: 'boolean', help: 'print the plan, write nothing' },
        force: { type: 'boolean', help: 'replace an already published version (reported loudly)' },
        'registry-name': { type: 'string', value: 'NAME', help: 'registry_name of a new index' },
        'registry-url': { type: 'string', value: 'URL', help: 'registry_url (https) of a new index' },
        policy: { type: 'string', value: 'P', help: 'custom (default) or standard (one git source pinned to a commit SHA)' },
        push: { type: 'boolean', help: 'commit the update and push it to origin, retrying when the branch moved' },
        branch: { type: 'string', value: 'NAME', help: 'with --push: the branch to update (default the current branch)' },
        'max-attempts': { type: 'string', value: 'N', help: 'with --push: push attempts before giving up, 1 to 20 (default 5)' },
        'commit-message': { type: 'string', value: 'TEXT', help: 'with --push: the commit message (default "index: <ref> <version>")' },
        author: { type: 'string', value: '"Name <email>"', help: 'with --push: the commit author (default github-actions[bot])' },
        json: { type: 'boolean', help: 'print the result and plan as JSON' },
    },
    async run(args, ctx) {
        const index = stringFlag(args, 'index');
        if (!index)
            throw new UsageError('--index FILE is required');
        const pushFlags = PUSH_FLAGS.filter((flag) => args.values[flag] !== undefined);
        if (!boolFlag(args, 'push') && pushFlags.length > 0)
            throw new UsageError(`--${pushFlags[0]} only applies with --push`);
        const { planText } = await import('./chunks/plan-text.js');
        const settings = {
            indexPath: resolve(ctx.cwd, index),
            entries: await entries(args, ctx),
            registryName: stringFlag(args, 'registry-name'),
            registryUrl: stringFlag(args, 'registry-url'),
            policy: parsePolicy(stringFlag(args, 'policy')),
            force: boolFlag(args, 'force'),
            now: new Date(),
        };
        if (boolFlag(args, 'push') && !boolFlag(args, 'dry-run')) {
            if (stringFlag(args, 'output'))
                throw new UsageError('--output cannot be combined with --push: the index is committed where it is');
            const pushed = await push(settings, args, ctx);
            ctx.out(boolFlag(args, 'json') ? json(pushed) : `${planText(pushed.result)}${pushed.commit ? `pushed ${pushed.commit} (attempt ${pushed.attempts})` : 'nothing committed or pushed'}\n`);
            return pushed.result.refused > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
        }
        if (boolFlag(args, 'push'))
            ctx.deps.logger.info('--dry-run wins over --push: nothing is committed or pushed');
        const { updateIndex } = await import('./chunks/index-update.js');
        const output = stringFlag(args, 'output');
        const result = await updateIndex({ ...settings, outputPath: output && resolve(ctx.cwd, output), dryRun: boolFlag(args, 'dry-run') }, ctx.deps.logger);
        ctx.out(boolFlag(args, 'json') ? json(result) : planText(result));
        return result.refused > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
    },
};
/** Flags that only mean something with --push. */
const PUSH_FLAGS = ['branch', 'max-attempts', 'commit-message', 'author'];
/** --push: commit in the index's work tree and push to origin with the retry loop. */
async function push(settings, args, ctx) {
    const { pushIndexUpdate, parseAttempts } = await import('./chunks/index-push.js');
    const { locateWorkTree } = await import('./chunks/index-push-tree.js');
    const { currentBranch } = await import('./chunks/index-push-branch.js');
    const { parseAuthor } = await import('./chunks/index-push-message.js');
    const { RepoGitCli } = await import('./chunks/repo-git-cli.js');
    const { nodeProcessRunner } = await import('./chunks/runner.js');
    const repoGit = new RepoGitCli(nodeProcessRunner);
    const author = stringFlag(args, 'author');
    const top = await locateWorkTree(ctx.deps.git, settings.indexPath);
    return pushIndexUpdate({
        ...settings,
        top,
        branch: stringFlag(args, 'branch') ?? (await currentBranch(repoGit, top)),
        maxAttempts: parseAttempts(stringFlag(args, 'max-attempts'), '--max-attempts'),
        commitMessage: stringFlag(args, 'commit-message'),
        author: author === undefined ? undefined : parseAuthor(author, '--author'),
    }, { ...ctx.deps, repoGit });
}
async function entries(args, ctx) {
    const files = listFlag(args, 'entry');
    if (files.length > 0 && args.positionals.length > 0)
        throw new UsageError('give either <pack-dir> with source flags or --entry files, not both');
    if (files.length > 0) {
        const { readEntryFile } = await import('./chunks/entry-files.js').then(function (n) { return n.a; });
        const all = [];
        for (const file of files)
            all.push(...(await readEntryFile(resolve(ctx.cwd, file))));
        return all;
    }
    if (args.positionals.length !== 1)
        throw new UsageError('give one <pack-dir> with source flags, or --entry FILE');
    const { buildIndexEntry } = await import('./chunks/entry-builder.js').then(function (n) { return n.e; });
    return [(await buildIndexEntry(entrySettings(args.positionals[0], args, ctx.cwd), ctx.deps)).entry];
}

const indexValidateCommand = {
    name: 'index-validate',
    summary: 'Check an index against the Attune schema and index rules',
    usage: '<index-file> [--policy standard|custom] [--json]',
    description: [
        'Reports every schema error with its JSON path, then the index rules: packs sorted by ref,',
        'refs unique, semver versions, component names unique within each kind, and with --policy',
        'standard exactly one git source per pack pinned to a 40-character commit SHA. Malformed JSON',
        'is reported with its line and column. Exits 1 when there is any problem. An index whose',
        'registry_url is a file:// URL is a local development registry (what publish writes to a folder',
        'without --base-url): file:// URLs are accepted and it is reported as local, not production.',
    ].join('\n'),
    options: {
        policy: { type: 'string', value: 'P', help: 'custom (default) or standard (the public standard index rules)' },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [file] = positionals(this, args, ['index-file']);
        const { validateIndexFile } = await import('./chunks/validate-index.js');
        const result = await validateIndexFile(resolve(ctx.cwd, file), parsePolicy(stringFlag(args, 'policy')));
        if (boolFlag(args, 'json'))
            ctx.out(json(result));
        else {
            const kind = result.local ? ', local development registry: file:// URLs, installable on this machine only' : '';
            const head = `${result.valid ? 'valid' : 'INVALID'}: ${result.file} (${result.packs} packs, policy ${result.policy}${kind})`;
            ctx.out([head, ...result.problems.map((p) => `  ${p.path || '/'}: ${p.message}`), ''].join('\n'));
        }
        return result.valid ? ExitCode.Ok : ExitCode.CheckFailed;
    },
};

/** The flags every registry-reading command shares. */
const REGISTRY_OPTIONS = {
    config: { type: 'string', value: 'FILE', help: 'registry config (pack_registry: indices, cache_ttl, ...); also ATTUNE__PACK_REGISTRY__* variables' },
    'cache-dir': { type: 'string', value: 'DIR', help: 'where fetched indices are cached (default $XDG_CACHE_HOME/packreg or ~/.cache/packreg)' },
    'no-cache': { type: 'boolean', help: 'neither read nor write the index cache' },
    'ca-file': { type: 'string', value: 'FILE', help: "CA certificates (PEM) for private registries, trusted besides the system's" },
};
/** The registry client settings and HTTP client the flags and environment describe. */
async function registryClientFromFlags(args, ctx) {
    const { loadRegistryConfig } = await import('./chunks/registry-commands.js');
    const { nodeHttpClient } = await import('./chunks/node-http-client.js');
    const config = await loadRegistryConfig(stringFlag(args, 'config'), ctx.env, ctx.cwd, ctx.deps.logger);
    const caFile = stringFlag(args, 'ca-file');
    let ca;
    if (caFile !== undefined) {
        const path = resolve(ctx.cwd, caFile);
        try {
            ca = readFileSync(path, 'utf8');
        }
        catch (error) {
            throw fsInputError(error, '--ca-file', path);
        }
        const { checkCaBundle } = await import('./chunks/ca-bundle.js');
        checkCaBundle(ca, `--ca-file ${path}`);
        ca += extraCaCerts(ctx.env);
    }
    const cacheDir = boolFlag(args, 'no-cache') ? undefined : resolve(ctx.cwd, stringFlag(args, 'cache-dir') ?? defaultCacheDir(ctx.env));
    return { settings: { config, cacheDir, ca }, http: nodeHttpClient(ctx.deps.logger) };
}
/** The configured registries, read through the real HTTP client and the on-disk cache. */
async function registrySourcesFromFlags(args, ctx) {
    const { registrySources } = await import('./chunks/registry-sources.js');
    const client = await registryClientFromFlags(args, ctx);
    return registrySources(client.settings, { http: client.http, logger: ctx.deps.logger });
}
function defaultCacheDir(env) {
    return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'packreg');
}
/**
 * The certificates of NODE_EXTRA_CA_CERTS, which Node trusts by default but leaves out of a
 * context that adds a CA of its own (it copies only the bundled or system roots): with
 * --ca-file they are added too, so the flag only ever adds trust. An unreadable file is
 * skipped, as Node skips it (Node warns about it as it starts).
 */
function extraCaCerts(env) {
    const file = env.NODE_EXTRA_CA_CERTS;
    if (file === undefined || file === '')
        return '';
    try {
        return `\n${readFileSync(file, 'utf8')}`;
    }
    catch {
        return '';
    }
}

const fetchCommand = {
    name: 'fetch',
    summary: 'Resolve, download, verify and extract a pack (install nothing)',
    usage: '<spec> [--out DIR] [--registry NAME | --no-registry] [--ref REV] [--allow-unverified] [--config FILE] [--json]',
    description: [
        '<spec> is a pack ref (ref, ref@1.2.3, ref@latest, ref@^1.2.0, ref@~1.2.0), a git URL (with --ref),',
        'an https archive URL, a local directory or a local archive. Registry refs are resolved by priority',
        '(first match wins; a registry that cannot be read stops resolution). Git sources are cloned at their',
        'pinned commit and their framed checksum compared; an archive is hashed and safely extracted while it',
        'downloads, into a scratch folder that is kept only if the sha256 matches; a failing git source falls',
        "back to the archive source, and says so. The pack.yaml ref and version must equal the entry's. The",
        'tree lands in --out (default ./<ref>-<version>), which must not exist; a failure leaves nothing behind.',
    ].join('\n'),
    options: {
        ...REGISTRY_OPTIONS,
        out: { type: 'string', value: 'DIR', help: 'where to put the pack tree (default ./<ref>-<version>; must not exist)' },
        registry: { type: 'string', value: 'NAME', help: 'look the ref up only in this registry' },
        'no-registry': { type: 'boolean', help: 'never look a name up in a registry (paths and URLs only)' },
        ref: { type: 'string', value: 'REV', help: 'branch, tag or commit of a git URL' },
        'allow-unverified': { type: 'boolean', help: 'accept a direct remote URL that has no registry checksum' },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [spec] = positionals(this, args, ['spec']);
        const { fetchPack } = await import('./chunks/fetch.js').then(function (n) { return n.a; });
        const client = await registryClientFromFlags(args, ctx);
        const result = await fetchPack({
            spec,
            gitRef: stringFlag(args, 'ref'),
            registry: stringFlag(args, 'registry'),
            noRegistry: boolFlag(args, 'no-registry'),
            allowUnverified: boolFlag(args, 'allow-unverified'),
            out: stringFlag(args, 'out'),
            client: client.settings,
            cwd: ctx.cwd,
        }, { ...ctx.deps, http: client.http });
        if (boolFlag(args, 'json'))
            ctx.out(json(result));
        else {
            const from = result.registry ? ` from registry "${result.registry}"` : '';
            const lines = [
                `${result.ref}@${result.version}${from} -> ${result.dir}`,
                ...(result.source ? [`  source    ${result.source.type} ${result.source.url}${result.source.ref ? ` @ ${result.source.ref}` : ''}`] : []),
                `  checksum  ${result.checksum ? `${result.checksum} verified` : 'not verified'}`,
                ...result.fallbacks.map((f) => `  fallback  ${f}`),
                ...(result.shadowed.length > 0 ? [`  shadows   ${result.shadowed.join(', ')}`] : []),
                '',
            ];
            ctx.out(lines.join('\n'));
        }
        return ExitCode.Ok;
    },
};

/** Flags every command that calls the GitHub API takes. */
const GITHUB_OPTIONS = {
    'token-env': { type: 'string', value: 'NAME', help: 'environment variable holding the GitHub token (default GITHUB_TOKEN, then GH_TOKEN)' },
    'api-url': { type: 'string', value: 'URL', help: 'GitHub API root (default GITHUB_API_URL, else https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3)' },
};
/**
 * The GitHub API client for a CLI command. The token is read from the environment, never
 * from a flag, so it stays out of shell history and process listings.
 */
async function cliGitHubApi(args, env, purpose) {
    const named = stringFlag(args, 'token-env');
    const token = named ? env[named] : (env.GITHUB_TOKEN ?? env.GH_TOKEN);
    if (!token) {
        const where = named ? `the variable ${named} (from --token-env) is empty` : 'neither GITHUB_TOKEN nor GH_TOKEN is set';
        throw new UsageError(`${purpose} needs a GitHub token but ${where}; export one, or name its variable with --token-env`);
    }
    const { octokitApi } = await import('./chunks/octokit-api.js');
    return { api: octokitApi(token, stringFlag(args, 'api-url') ?? env.GITHUB_API_URL), token };
}

const handoffCommand = {
    name: 'handoff',
    summary: 'Hand an index entry to a registry repository (pull request or dispatch)',
    usage: '--entry FILE --repository OWNER/NAME [--mode pull-request|dispatch] [--index PATH] [--branch NAME] [--event-type T] [--git-url URL] [--policy P] [--token-env NAME] [--api-url URL] [--json]',
    description: [
        'pull-request (default): clones --branch of the registry repository, upserts the entry into --index',
        '(validating the whole index), pushes packreg/<ref>-<version> and opens a pull request, or replaces',
        'the branch of the open one. Nothing is pushed when the registry already lists the entry or the open',
        'pull request already proposes it, so a re-run is a no-op; a different entry already listed for the',
        'version is refused (exit 5). If the pull request cannot be opened, the pushed branch is deleted again.',
        'dispatch: sends repository_dispatch --event-type with client_payload {entry, source}; the registry\'s',
        'workflow runs index-update, which commits nothing when nothing changed.',
        'The token comes from GITHUB_TOKEN or GH_TOKEN (or --token-env), never from a flag; it is also used',
        'for git over https. --git-url defaults to $GITHUB_SERVER_URL/OWNER/NAME.git (https://github.com).',
    ].join('\n'),
    options: {
        entry: { type: 'string', value: 'FILE', help: 'the entry file written by index-entry (exactly one entry)' },
        repository: { type: 'string', value: 'OWNER/NAME', help: 'the registry repository' },
        mode: { type: 'string', value: 'M', help: 'pull-request (default) or dispatch' },
        index: { type: 'string', value: 'PATH', help: 'index.json inside the registry repository (default index.json)' },
        branch: { type: 'string', value: 'NAME', help: 'the branch the pull request targets (default main)' },
        'event-type': { type: 'string', value: 'T', help: 'the repository_dispatch event type (default pack-updated)' },
        'git-url': { type: 'string', value: 'URL', help: 'clone URL of the registry repository' },
        policy: { type: 'string', value: 'P', help: 'custom (default) or standard (one git source pinned to a commit SHA)' },
        ...GITHUB_OPTIONS,
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const entryFile = stringFlag(args, 'entry');
        if (!entryFile)
            throw new UsageError('--entry FILE is required: the entry file written by packreg index-entry');
        const repoFlag = stringFlag(args, 'repository');
        if (!repoFlag)
            throw new UsageError('--repository OWNER/NAME is required: the registry repository');
        const { HANDOFF_MODES, handOffEntry } = await import('./chunks/handoff.js');
        const mode = HANDOFF_MODES.find((m) => m === (stringFlag(args, 'mode') ?? 'pull-request'));
        if (!mode)
            throw new UsageError(`--mode: "${stringFlag(args, 'mode')}" is not a mode; use ${HANDOFF_MODES.join(' or ')}`);
        const { cloneUrl, parseRepoName } = await import('./chunks/github-api.js');
        const repository = parseRepoName(repoFlag, '--repository');
        const policy = parsePolicy(stringFlag(args, 'policy'));
        const { readOneEntry } = await import('./chunks/one-entry.js');
        const entry = await readOneEntry(resolve(ctx.cwd, entryFile), '--entry file');
        const { api, token } = await cliGitHubApi(args, ctx.env, 'packreg handoff');
        const { handoffText } = await import('./chunks/handoff-text.js');
        const { RepoGitCli } = await import('./chunks/repo-git-cli.js');
        const { nodeProcessRunner } = await import('./chunks/runner.js');
        const settings = {
            mode,
            repository,
            entry,
            indexPath: stringFlag(args, 'index'),
            baseBranch: stringFlag(args, 'branch'),
            eventType: stringFlag(args, 'event-type'),
            policy,
            gitUrl: stringFlag(args, 'git-url') ?? cloneUrl(repository, ctx.env.GITHUB_SERVER_URL),
            auth: { token },
            workDir: tmpdir(),
            now: new Date(),
        };
        const result = await handOffEntry(settings, { logger: ctx.deps.logger, github: api, repoGit: new RepoGitCli(nodeProcessRunner) });
        ctx.out(boolFlag(args, 'json') ? json(result) : handoffText(result, settings));
        return ExitCode.Ok;
    },
};

/** An install result as text: a headline, then one line per step with its details below. */
function installText(report) {
    return `${[...report.dependencies.map((d) => installText(d)), headline(report), ...report.steps.flatMap((step) => stepLines(step, report.tests))].join('\n')}\n`;
}
function headline(report) {
    const pack = report.ref ? `${report.ref}@${report.version}` : report.spec;
    if (!report.passed)
        return `${pack}: FAILED (${report.error ?? 'see the steps below'})`;
    if (report.dryRun)
        return `${pack}: verified (dry run; nothing registered)`;
    return `${pack}: installed to ${report.installedTo}`;
}
function stepLines(step, tests) {
    const seconds = step.status === 'skipped' && step.durationMs === 0 ? '' : `${(step.durationMs / 1000).toFixed(2)} s`;
    const head = `  ${step.name.padEnd(13)}${step.status.padEnd(9)}${seconds}`;
    const counts = step.name === 'tests' && tests ? [`      ${testCounts(tests)}`] : [];
    return [head.trimEnd(), ...counts, ...step.details.map((d) => `      ${d.level === 'info' ? '' : `${d.level}: `}${d.message}`)];
}
/** "4 passed, 1 failed, 0 skipped: pass rate 80% (minimum 100%, on_failure block)". */
function testCounts(tests) {
    const rate = (value) => `${Math.round(value * 1000) / 10}%`;
    return `${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped: pass rate ${rate(tests.passRate)} (minimum ${rate(tests.minPassRate)}, on_failure ${tests.onFailure})`;
}

/** Where packs are installed when --packs-dir is not given. */
const DEFAULT_PACKS_DIR = './packs';
const SHARED_OPTIONS = {
    ...REGISTRY_OPTIONS,
    'packs-dir': { type: 'string', value: 'DIR', help: `where packs are installed, as <DIR>/<ref>/ (default ${DEFAULT_PACKS_DIR})` },
    registry: { type: 'string', value: 'NAME', help: 'look the ref up only in this registry' },
    'no-registry': { type: 'boolean', help: 'never look a name up in a registry (paths and URLs only)' },
    ref: { type: 'string', value: 'REV', help: 'branch, tag or commit of a git URL' },
    'allow-unverified': { type: 'boolean', help: 'accept a direct remote URL that has no registry checksum' },
    'attune-version': { type: 'string', value: 'VERSION', help: 'check dependencies.attune_version against this Attune version' },
    'skip-deps': { type: 'boolean', help: 'skip the dependency checks (attune_version, runtime_deps, pack dependencies)' },
    'with-deps': { type: 'boolean', help: 'resolve missing pack dependencies from the registries and install them first' },
    'skip-tests': { type: 'boolean', help: "do not run the pack's tests (the result says so)" },
    force: { type: 'boolean', help: 'replace an installed pack of the same ref' },
    'venv-cache': { type: 'string', value: 'DIR', help: 'reuse virtualenvs stored here, keyed by the hash of requirements.txt (with the files it includes) and the Python version' },
    'setup-timeout': { type: 'string', value: 'SECONDS', help: `stop python3 -m venv, pip install and npm ci/install after this many seconds each (default ${DEFAULT_SETUP_TIMEOUT_SECONDS} = ${DEFAULT_SETUP_TIMEOUT_SECONDS / 60} minutes)` },
    json: { type: 'boolean', help: 'print the result as JSON' },
};
const DESCRIPTION = [
    'The installation workflow of the registry specification: fetch and verify the pack (as packreg fetch),',
    'validate it, check its dependencies (dependencies.attune_version against --attune-version, runtime_deps,',
    'python_version and nodejs_version against python3 and node, pack dependencies in the packs folder), set',
    'up its environment (python3 -m venv .venv and pip install -r requirements.txt; npm ci or npm install;',
    'shell entry points executable), run the tests of its pack.yaml testing section with a cleaned environment',
    '(no tokens or cloud credentials), then move it into <packs-dir>/<ref>/ with a metadata.json. Every step',
    'works in a staging folder: a failure or an interruption (SIGINT, SIGTERM) leaves the packs folder as it was.',
].join('\n');
const installCommand = {
    name: 'install',
    summary: 'Install a pack: fetch, verify, check dependencies, set up, test, register',
    usage: '<spec> [--packs-dir DIR] [--force] [--skip-deps] [--with-deps] [--skip-tests] [--dry-run] [--attune-version V] [--config FILE] [--registry NAME | --no-registry] [--json]',
    description: `${DESCRIPTION}\n--dry-run does all of it in a temporary folder and registers nothing (packreg verify).`,
    options: { ...SHARED_OPTIONS, 'dry-run': { type: 'boolean', help: 'do every step in a temporary folder and register nothing' } },
    run: (args, ctx) => runInstall(installCommand, args, ctx, boolFlag(args, 'dry-run')),
};
const verifyCommand = {
    name: 'verify',
    summary: 'Dry-run install: every install step in a temporary folder, nothing registered',
    usage: '<spec> [--packs-dir DIR] [--skip-deps] [--with-deps] [--skip-tests] [--attune-version V] [--config FILE] [--registry NAME | --no-registry] [--json]',
    description: `packreg install --dry-run.\n${DESCRIPTION}`,
    options: SHARED_OPTIONS,
    run: (args, ctx) => runInstall(verifyCommand, args, ctx, true),
};
async function runInstall(command, args, ctx, dryRun) {
    const [spec] = positionals(command, args, ['spec']);
    // Checked before anything runs, so a typo never costs a fetch or a half-made venv.
    const setupTimeoutSeconds = parseSetupTimeout(stringFlag(args, 'setup-timeout'), '--setup-timeout');
    const { installPack } = await import('./chunks/install.js');
    const { nodeCommandRunner } = await import('./chunks/command.js');
    const client = await registryClientFromFlags(args, ctx);
    const interrupts = claimInterrupts();
    try {
        const report = await installPack({
            spec,
            gitRef: stringFlag(args, 'ref'),
            registry: stringFlag(args, 'registry'),
            noRegistry: boolFlag(args, 'no-registry'),
            allowUnverified: boolFlag(args, 'allow-unverified'),
            client: client.settings,
            cwd: ctx.cwd,
            packsDir: stringFlag(args, 'packs-dir') ?? DEFAULT_PACKS_DIR,
            force: boolFlag(args, 'force'),
            skipDeps: boolFlag(args, 'skip-deps'),
            withDeps: boolFlag(args, 'with-deps'),
            skipTests: boolFlag(args, 'skip-tests'),
            dryRun,
            attuneVersion: stringFlag(args, 'attune-version'),
            venvCache: stringFlag(args, 'venv-cache'),
            setupTimeoutSeconds,
            callerEnv: ctx.env,
            tempDir: ctx.env.TMPDIR || tmpdir(),
            signal: interrupts.signal,
        }, { ...ctx.deps, http: client.http, runner: nodeCommandRunner });
        ctx.out(boolFlag(args, 'json') ? json(report) : installText(report));
        const received = interrupts.received();
        return report.exitCode === ExitCode.Interrupted && received ? SIGNAL_EXIT[received] : report.exitCode;
    }
    finally {
        interrupts.release();
    }
}

const prCheckCommand = {
    name: 'pr-check',
    summary: 'Pull request gates: version increment, immutable releases, changelog',
    usage: '[DIR] --base REV [--head REV] [--no-version-gate] [--changelog] [--index PATH [--policy standard|custom]] [--json]',
    description: [
        'Compares head (default HEAD) with --base in the git work tree holding DIR (default the',
        'current folder), as a pull request check would. Version gate: every changed pack must raise',
        'version in its pack.yaml above the base\'s (semver; a new pack passes, a deleted one is not',
        'checked). --changelog: every changed pack must also change CHANGES.md or CHANGELOG.md in its',
        'folder. --index: in a registry repository, released ref@versions in index.json and',
        'packs/<ref>/index.json may not change or disappear, listed versions may not go down, and the',
        'head index must validate. Exit 1 when a gate fails. Nothing is posted anywhere.',
    ].join('\n'),
    options: {
        base: { type: 'string', value: 'REV', help: 'the base branch\'s commit or branch (e.g. origin/main)' },
        head: { type: 'string', value: 'REV', help: 'the commit to check (default HEAD; check it out for exact results)' },
        'no-version-gate': { type: 'boolean', help: 'do not require changed packs to raise their version' },
        changelog: { type: 'boolean', help: 'require changed packs to change CHANGES.md or CHANGELOG.md' },
        index: { type: 'string', value: 'PATH', help: 'index.json of a registry repository: check released entries' },
        policy: { type: 'string', value: 'P', help: 'rules for the head index: custom (default) or standard' },
        json: { type: 'boolean', help: 'print the report as JSON' },
    },
    async run(args, ctx) {
        const base = stringFlag(args, 'base');
        if (!base)
            throw new UsageError('--base REV is required: the commit or branch the pull request goes into (e.g. origin/main)');
        if (args.positionals.length > 1)
            throw new UsageError(`packreg pr-check takes at most one DIR; got ${args.positionals.join(' ')}`);
        const index = stringFlag(args, 'index');
        if (!index && stringFlag(args, 'policy'))
            throw new UsageError('--policy applies to --index; give --index PATH too');
        const top = resolve(ctx.cwd, args.positionals[0] ?? '.');
        const { checkPullRequest } = await import('./chunks/check-pull-request.js').then(function (n) { return n.a; });
        const { RepoGitCli } = await import('./chunks/repo-git-cli.js');
        const { nodeProcessRunner } = await import('./chunks/runner.js');
        const { gatesText } = await import('./chunks/render-text.js');
        const result = await checkPullRequest({
            top,
            base,
            baseName: '--base',
            head: stringFlag(args, 'head'),
            versionGate: !boolFlag(args, 'no-version-gate'),
            changelog: boolFlag(args, 'changelog'),
            index: index && resolve(ctx.cwd, index),
            policy: parsePolicy(stringFlag(args, 'policy')),
        }, { ...ctx.deps, repoGit: new RepoGitCli(nodeProcessRunner) });
        const { report } = result;
        ctx.out(boolFlag(args, 'json') ? json({ passed: report.passed, failures: report.failures, base: result.base, head: result.head, checks: report.checks }) : gatesText(report, result));
        return report.passed ? ExitCode.Ok : ExitCode.CheckFailed;
    },
};

const publishCommand = {
    name: 'publish',
    summary: 'Publish a pack version to a registry in S3 or a folder',
    usage: '<pack-dir> --registry s3://BUCKET/PREFIX|file:///PATH|PATH [--base-url URL] [--git-url URL --git-ref SHA] [--format tar.gz|zip] [--skip-existing] [--dry-run] [--json]',
    description: [
        'Builds the archive, uploads it to packs/<ref>/<version>/, writes the version\'s immutable entry.json,',
        'then regenerates index.json and packs/<ref>/index.json from every entry object (archives first, index',
        'last). Re-publishing the same content is a no-op; different content under a published version is',
        'refused (exit 1) and nothing is overwritten. Concurrent publishers never lose an entry: index writes',
        'are compare-and-swap, and each publisher re-lists the entries after writing until the index has them all.',
        'A folder registry without --base-url records file:// URLs: a local development registry. S3 credentials',
        'come only from the standard AWS chain (environment, profile, OIDC web identity).',
    ].join('\n'),
    options: {
        registry: { type: 'string', value: 'LOCATION', help: 's3://bucket/prefix, file:///path or a folder (created if missing)' },
        'base-url': { type: 'string', value: 'URL', help: 'https URL the registry root is served from (archive URLs are built from it)' },
        'registry-name': { type: 'string', value: 'NAME', help: 'registry_name of a new index (default: the base URL\'s host and path)' },
        'git-url': { type: 'string', value: 'URL', help: 'also record a git source: the https URL of the pack repository' },
        'git-ref': { type: 'string', value: 'SHA', help: 'archive (and, with --git-url, pin) this 40-character commit' },
        format: { type: 'string', value: 'F', help: 'tar.gz (default) or zip' },
        'no-git': { type: 'boolean', help: 'archive the files on disk even inside a git work tree' },
        exclude: { type: 'string', multiple: true, value: 'PATTERN', help: 'leave out paths matching this gitignore pattern (repeatable)' },
        meta: { type: 'string', multiple: true, value: 'KEY=VALUE', help: 'add a field to the entry\'s meta (repeatable)' },
        region: { type: 'string', value: 'REGION', help: 'AWS region of the bucket (default: AWS_REGION or the profile)' },
        endpoint: { type: 'string', value: 'URL', help: 'endpoint of an S3-compatible store (MinIO, R2, Ceph...)' },
        'force-path-style': { type: 'boolean', help: 'address the bucket as ENDPOINT/BUCKET (most S3-compatible stores)' },
        'skip-existing': { type: 'boolean', help: 'check the registry first; if this tree is already published, build nothing' },
        'dry-run': { type: 'boolean', help: 'build and compare with the registry, write nothing' },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [packDir] = positionals(this, args, ['pack-dir']);
        const registry = stringFlag(args, 'registry');
        if (registry === undefined)
            throw new UsageError('--registry is required: s3://bucket/prefix, file:///path or a folder such as ./registry');
        const { parseEpoch, parseFormat } = await import('./chunks/build.js');
        const { publish } = await import('./chunks/publish.js').then(function (n) { return n.at; });
        const { publishText } = await import('./chunks/report2.js');
        const result = await publish({
            packDir,
            registry,
            baseUrl: stringFlag(args, 'base-url'),
            registryName: stringFlag(args, 'registry-name'),
            gitUrl: stringFlag(args, 'git-url'),
            gitRef: stringFlag(args, 'git-ref'),
            format: parseFormat(stringFlag(args, 'format'), '--format'),
            noGit: boolFlag(args, 'no-git'),
            exclude: listFlag(args, 'exclude'),
            meta: parseMetaPairs(listFlag(args, 'meta'), '--meta'),
            mtime: parseEpoch(ctx.env.SOURCE_DATE_EPOCH, 'SOURCE_DATE_EPOCH'),
            connection: { region: stringFlag(args, 'region'), endpoint: stringFlag(args, 'endpoint'), forcePathStyle: boolFlag(args, 'force-path-style') },
            skipExisting: boolFlag(args, 'skip-existing'),
            dryRun: boolFlag(args, 'dry-run'),
            now: new Date(),
            cwd: ctx.cwd,
        }, ctx.deps);
        ctx.out(boolFlag(args, 'json') ? json(result) : publishText(result));
        return ExitCode.Ok;
    },
};

const registriesCommand = {
    name: 'registries',
    summary: 'List the configured registries and whether each answers with a valid index',
    usage: '[--config FILE] [--json]',
    description: [
        'Prints priority, name, URL and status (online with its pack count, or the error) of every enabled',
        'index in the registry config (--config, then ATTUNE__PACK_REGISTRY__* variables), fetched in',
        'parallel. Exits 1 when any registry is not online.',
    ].join('\n'),
    options: { ...REGISTRY_OPTIONS, json: { type: 'boolean', help: 'print the result as JSON' } },
    async run(args, ctx) {
        positionals(this, args, []);
        const { registryStatuses } = await import('./chunks/registry-commands.js');
        const statuses = await registryStatuses(await registrySourcesFromFlags(args, ctx));
        if (boolFlag(args, 'json'))
            ctx.out(json(statuses));
        else if (statuses.length === 0)
            ctx.out('no registry configured: give --config FILE or set ATTUNE__PACK_REGISTRY__INDICES\n');
        else
            ctx.out(statuses.map((s) => `${s.priority}\t${s.name}\t${s.url}\t${s.online ? `online (${s.packs} packs)` : `ERROR: ${s.error}`}\n`).join(''));
        return statuses.every((s) => s.online) ? ExitCode.Ok : ExitCode.CheckFailed;
    },
};

const releaseAssetCommand = {
    name: 'release-asset',
    summary: 'Attach an archive to the GitHub release of a tag',
    usage: '<archive> --tag TAG [--repository OWNER/NAME] [--token-env NAME] [--api-url URL] [--json]',
    description: [
        'Uploads the archive (streamed) as an asset of the release of --tag in --repository (default',
        'GITHUB_REPOSITORY), creating the release, named after the tag, when there is none; the tag must',
        'exist. A released archive never changes: an asset of the same name with the same sha256 is a',
        'no-op (already published), one with other bytes fails with both checksums (exit 5) and nothing',
        'is uploaded. Prints the download URL (the archive install source URL) and the checksum.',
        'The token comes from GITHUB_TOKEN (or GH_TOKEN, or the variable --token-env names).',
    ].join('\n'),
    options: {
        tag: { type: 'string', value: 'TAG', help: 'the release tag (must exist)' },
        repository: { type: 'string', value: 'O/R', help: 'the GitHub repository (default GITHUB_REPOSITORY)' },
        ...GITHUB_OPTIONS,
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [archive] = positionals(this, args, ['archive']);
        const tag = stringFlag(args, 'tag');
        if (!tag)
            throw new UsageError('--tag TAG is required: the release to attach the archive to');
        const { parseRepoName } = await import('./chunks/github-api.js');
        const repository = stringFlag(args, 'repository') ?? ctx.env.GITHUB_REPOSITORY;
        if (!repository)
            throw new UsageError('--repository OWNER/NAME is required (or set GITHUB_REPOSITORY)');
        const settings = {
            archivePath: resolve(ctx.cwd, archive),
            tag,
            repository: parseRepoName(repository, stringFlag(args, 'repository') ? '--repository' : 'GITHUB_REPOSITORY'),
        };
        const { api } = await cliGitHubApi(args, ctx.env, 'release-asset');
        const { attachReleaseAsset } = await import('./chunks/release-asset.js');
        const { releaseAssetText } = await import('./chunks/release-report.js');
        const result = await attachReleaseAsset(settings, { logger: ctx.deps.logger, github: api });
        ctx.out(boolFlag(args, 'json') ? json(result) : releaseAssetText(result));
        return ExitCode.Ok;
    },
};

const searchCommand = {
    name: 'search',
    summary: 'Find packs by ref, label, description or keyword across registries',
    usage: '<keyword> [--registry NAME] [--config FILE] [--json]',
    description: [
        'Case-insensitive substring match on ref, label, description and keywords, in every enabled',
        'registry (or only --registry NAME). Prints ref, version, description and registry, by registry',
        'priority. A registry that cannot be read is reported on stderr and skipped.',
    ].join('\n'),
    options: {
        ...REGISTRY_OPTIONS,
        registry: { type: 'string', value: 'NAME', help: 'search only this registry' },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [keyword] = positionals(this, args, ['keyword']);
        const { searchRegistries } = await import('./chunks/registry-commands.js');
        const result = await searchRegistries(await registrySourcesFromFlags(args, ctx), keyword, stringFlag(args, 'registry'));
        for (const u of result.unavailable)
            ctx.deps.logger.warning(`registry "${u.registry}" was not searched: ${u.error}`);
        if (boolFlag(args, 'json'))
            ctx.out(json(result));
        else
            ctx.out(result.hits.map((h) => `${h.ref}\t${h.version}\t${h.description}\t${h.registry}\n`).join('') || `no pack matches "${keyword}"\n`);
        return ExitCode.Ok;
    },
};

const showCommand = {
    name: 'show',
    summary: 'Print the registry entry a pack ref resolves to',
    usage: '<ref> [--registry NAME] [--config FILE] [--json]',
    description: [
        'Resolves <ref> as an install would (registries by priority, first match wins, fail closed) and',
        'prints its entry, the registry it came from and the lower-priority registries it shadows.',
    ].join('\n'),
    options: {
        ...REGISTRY_OPTIONS,
        registry: { type: 'string', value: 'NAME', help: 'look only in this registry' },
        json: { type: 'boolean', help: 'print the result as JSON' },
    },
    async run(args, ctx) {
        const [ref] = positionals(this, args, ['ref']);
        const { showPack } = await import('./chunks/registry-commands.js');
        const result = await showPack(await registrySourcesFromFlags(args, ctx), ref, stringFlag(args, 'registry'));
        const report = { registry: result.source.name, shadowed: result.shadowed, entry: result.entry };
        if (boolFlag(args, 'json'))
            ctx.out(json(report));
        else {
            const e = result.entry;
            const lines = [
                `${e.ref} ${e.version} (registry "${report.registry}")`,
                `  ${e.label}: ${e.description}`,
                ...e.install_sources.map((s) => `  ${s.type} ${s.url}${s.type === 'git' ? ` @ ${s.ref}` : ''}  ${s.checksum}`),
                ...(report.shadowed.length > 0 ? [`  shadows the same ref in: ${report.shadowed.join(', ')}`] : []),
                '',
            ];
            ctx.out(lines.join('\n'));
        }
        return ExitCode.Ok;
    },
};

const tagVersionCommand = {
    name: 'tag-version',
    summary: "Create the v<version> tag when a commit raises pack.yaml's version",
    usage: '[PACK-DIR...] --before REV [--sha REV] [--repository OWNER/NAME] [--tag-format F] [--token-env NAME] [--api-url URL] [--json]',
    description: [
        "For each pack folder (default .), compares pack.yaml's version at --sha (default HEAD) with the",
        'one at --before (semver); a raised version, or a pack new since --before, gets the tag --tag-format',
        'names (default v{version}; {ref}-v{version} for several packs in one repository) at --sha,',
        'created through the GitHub API in --repository (default GITHUB_REPOSITORY). --before "" or all',
        'zeros means no earlier commit. A tag already at --sha is left alone; one at another commit fails',
        '(exit 5) before any tag is created: a released version is immutable. Tags made with a workflow\'s',
        'GITHUB_TOKEN start no other workflow; use a GitHub App or fine-grained token for that.',
        'The token comes from GITHUB_TOKEN (or GH_TOKEN, or the variable --token-env names).',
    ].join('\n'),
    options: {
        before: { type: 'string', value: 'REV', help: 'the commit before the push ("" or zeros: none)' },
        sha: { type: 'string', value: 'REV', help: 'the commit to tag (default HEAD)' },
        repository: { type: 'string', value: 'O/R', help: 'the GitHub repository to tag (default GITHUB_REPOSITORY)' },
        'tag-format': { type: 'string', value: 'F', help: 'tag name with {version} and optionally {ref} (default v{version})' },
        ...GITHUB_OPTIONS,
        json: { type: 'boolean', help: 'print the results as JSON' },
    },
    async run(args, ctx) {
        const before = stringFlag(args, 'before');
        if (before === undefined)
            throw new UsageError('--before REV is required: the commit to compare pack.yaml with (give --before "" when there is none)');
        const { parseRepoName } = await import('./chunks/github-api.js');
        const repository = stringFlag(args, 'repository') ?? ctx.env.GITHUB_REPOSITORY;
        if (!repository)
            throw new UsageError('--repository OWNER/NAME is required (or set GITHUB_REPOSITORY)');
        const settings = {
            top: ctx.cwd,
            packDirs: args.positionals,
            before,
            sha: stringFlag(args, 'sha') ?? 'HEAD',
            tagFormat: stringFlag(args, 'tag-format'),
            repository: parseRepoName(repository, stringFlag(args, 'repository') ? '--repository' : 'GITHUB_REPOSITORY'),
        };
        const { api } = await cliGitHubApi(args, ctx.env, 'tag-version');
        const { tagRaisedVersions } = await import('./chunks/tag-version.js');
        const { tagResultsText } = await import('./chunks/tag-report.js');
        const { RepoGitCli } = await import('./chunks/repo-git-cli.js');
        const { nodeProcessRunner } = await import('./chunks/runner.js');
        const results = await tagRaisedVersions(settings, { ...ctx.deps, repoGit: new RepoGitCli(nodeProcessRunner), github: api });
        ctx.out(boolFlag(args, 'json') ? json(results) : tagResultsText(results));
        return ExitCode.Ok;
    },
};

const validateCommand = {
    name: 'validate',
    summary: 'Check a pack directory: pack.yaml, components and test entry points',
    usage: '<pack-dir> [--json]',
    description: [
        'Reads pack.yaml (or pack.yml) and checks it against the pack schema: ref, semver version, label,',
        'description, runtime_deps, dependencies (list or object form) and the testing section. Every',
        'problem is reported at once with its file, line, column and what to write instead. Older',
        'StackStorm-style manifests load with warnings (name instead of label, python_versions, no license).',
        'Lists the components (actions, sensors, triggers, rules, workflows) as the index will.',
        'Exits 1 when there are errors; warnings alone do not fail.',
    ].join('\n'),
    options: {
        json: { type: 'boolean', help: 'print the full result (manifest, contents, errors, warnings) as JSON' },
    },
    async run(args, ctx) {
        const [dir] = positionals(this, args, ['pack-dir']);
        const { COMPONENT_KINDS, formatProblem, validatePack } = await import('./chunks/pack.js');
        // The command prints the problems itself (grouped), so the core's per-problem log is muted.
        const result = await validatePack(resolve(ctx.cwd, dir), silentLogger);
        ctx.out(boolFlag(args, 'json') ? json(result) : render(result, formatProblem, COMPONENT_KINDS));
        return result.valid ? ExitCode.Ok : ExitCode.CheckFailed;
    },
};
function render(result, formatProblem, kinds) {
    const where = (p) => formatProblem(join(result.packDir, p.file ?? 'pack.yaml'), p);
    const lines = [];
    const name = result.manifest ? `${result.manifest.ref} ${result.manifest.version}` : result.packDir;
    lines.push(`${result.valid ? 'valid' : 'INVALID'}: ${name} (${result.file})`);
    if (result.contents) {
        const counts = kinds.map((kind) => `${result.contents[kind].length} ${kind}`).join(', ');
        lines.push(`  contents: ${counts}`);
    }
    if (result.errors.length > 0)
        lines.push(`errors (${result.errors.length}):`, ...result.errors.map((p) => `  ${where(p)}`));
    if (result.warnings.length > 0)
        lines.push(`warnings (${result.warnings.length}):`, ...result.warnings.map((p) => `  ${where(p)}`));
    return `${lines.join('\n')}\n`;
}

/** packreg's version; a test keeps it equal to package.json. */
const VERSION = '0.1.0';

/** Exit codes as the help and README show them (values from core/errors.ts ExitCode). */
const EXIT_CODES_HELP = [
    'Exit codes:',
    '  0   success',
    '  1   the check failed (checksum mismatch, pack not valid, published version differs)',
    '  2   usage error (unknown flag, malformed value)',
    '  3   input error (missing or unreadable file, invalid pack, output exists, no such bucket, refused credentials)',
    '  4   remote or tool failure (git, network, object store)',
    '  5   integrity failure (content does not match its checksum)',
    '  70  internal error (a bug: please report it)',
    '  130 interrupted by SIGINT (143: SIGTERM); temporary files were removed',
].join('\n');

/** `packreg help`: the command list. */
function generalHelp(commands) {
    const width = Math.max(...commands.map((c) => c.name.length));
    return [
        `packreg ${VERSION}: CI toolkit for Attune pack registries`,
        '',
        'Usage: packreg <command> [options]',
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
        `  ${'help'.padEnd(width)}  Show help for a command: packreg help <command>`,
        '',
        'Results go to standard output, logs and errors to standard error.',
        '',
        EXIT_CODES_HELP,
        '',
    ].join('\n');
}
/** `packreg help <command>`. */
function commandHelp(command) {
    const entries = Object.entries(command.options).map(([name, spec]) => {
        const flag = `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
        return [flag, spec.help];
    });
    const width = Math.max(...entries.map(([flag]) => flag.length));
    return [
        `Usage: packreg ${command.name} ${command.usage}`,
        '',
        command.summary + '.',
        '',
        command.description,
        '',
        'Options:',
        ...entries.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
        '',
    ].join('\n');
}

/** Logs to standard error so standard output carries only results. */
function stderrLogger(write, debug) {
    return {
        debug: (m) => {
            if (debug)
                write(`debug: ${m}\n`);
        },
        info: (m) => write(`${m}\n`),
        warning: (m) => write(`warning: ${m}\n`),
        error: (m) => write(`error: ${m}\n`),
    };
}

/** Every command, in help order. */
const COMMANDS = [
    validateCommand,
    checksumCommand,
    archiveCommand,
    indexEntryCommand,
    indexUpdateCommand,
    indexMergeCommand,
    indexValidateCommand,
    publishCommand,
    registriesCommand,
    searchCommand,
    showCommand,
    fetchCommand,
    installCommand,
    verifyCommand,
    releaseAssetCommand,
    handoffCommand,
    prCheckCommand,
    tagVersionCommand,
];
/** Run `packreg <argv...>` and return the exit code. Never exits the process itself. */
async function runCli(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h')
        return help(rest[0], io);
    if (name === '--version' || name === 'version') {
        io.stdout(`${VERSION}\n`);
        return ExitCode.Ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    try {
        if (!command)
            throw new UsageError(`unknown command "${name}"; run "packreg help" for the list`);
        if (rest.includes('--help') || rest.includes('-h'))
            return help(name, io);
        const args = parseCommandArgs(command, rest);
        const deps = io.deps ?? defaultDeps(stderrLogger(io.stderr, io.env.PACKREG_DEBUG === '1'));
        return await command.run(args, { deps, cwd: io.cwd, env: io.env, out: io.stdout });
    }
    catch (error) {
        io.stderr(`packreg ${name}: error: ${messageOf(error)}\n`);
        if (!(error instanceof PackregError))
            io.stderr(`${error instanceof Error ? error.stack : String(error)}\n`);
        return exitCodeOf(error);
    }
}
function help(name, io) {
    if (name === undefined) {
        io.stdout(generalHelp(COMMANDS));
        return ExitCode.Ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
        io.stderr(`packreg help: unknown command "${name}"; run "packreg help" for the list\n`);
        return ExitCode.Usage;
    }
    io.stdout(commandHelp(command));
    return ExitCode.Ok;
}

// An interrupted build must not leave a partial archive behind; an install stops its
// processes and removes its staging folder first (see interrupts.ts).
installInterruptHandlers();
process.exitCode = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
});
