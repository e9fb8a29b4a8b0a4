import { realpath, stat, readFile, rm, writeFile, lstat, readdir, mkdir, mkdtemp, cp, rename, chmod } from 'node:fs/promises';
import { isAbsolute, resolve, posix, join, relative, sep, dirname } from 'node:path';
import { U as UsageError, I as InputError, f as fsInputError, m as messageOf, E as ExitCode, P as PackregError, e as exitCodeOf } from './errors.js';
import { d as debugOnly } from './logger.js';
import { v as validatePack } from './validate.js';
import { f as formatProblem } from './problem.js';
import { s as semver } from './index.js';
import { d as directoryPackFiles, a as assertPackDirectory } from './pack-files.js';
import { c as compareByteOrder } from './runtime.js';
import { p as parseYamlSource, h as hasMappingRoot } from './yaml-source.js';
import { D as DEFAULT_SETUP_TIMEOUT_SECONDS, i as isSetupTimeout, M as MAX_SETUP_TIMEOUT_SECONDS } from './settings.js';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { s as sha256Hex } from './algorithms.js';
import { d as distExports } from './index2.js';
import { w as writeTextAtomic } from './atomic-file.js';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { F as FramedHasher } from './git-tree.js';
import { p as parseInstallSpec, f as fetchPack } from './fetch.js';
import { o as openPackSource } from './pack-source.js';
import './fs-tree.js';
import './packignore.js';
import './index3.js';
import './_commonjsHelpers.js';
import './manifest.js';
import 'process';
import 'buffer';
import 'node:stream';
import 'node:zlib';
import './byte-reader.js';
import './work-pool.js';
import './build.js';
import 'node:os';
import './file-digest.js';
import './http-errors.js';
import './runner.js';
import 'node:child_process';
import './registry-sources.js';
import './history.js';
import './canonical-json.js';
import './json-text.js';
import './index-rules.js';
import './versions.js';
import './resolve.js';

/**
 * Environments for code packreg runs but does not trust: a pack's tests and its dependency
 * installers. They start from an allow-list of the caller's variables, so a secret
 * (GITHUB_TOKEN, AWS_*, a registry token, anything else) never reaches them by accident.
 */
/** Variables every child keeps: where programs are, who and where the user is, the locale. */
const BASE_VARIABLES = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TERM'];
/** Locale categories (LC_ALL, LC_CTYPE...). */
const LOCALE_PATTERN = /^LC_[A-Z]+$/;
/**
 * What package installers need beyond the base: their own settings (pip's index and
 * find-links, npm's registry), proxies and CA bundles. Tests do not get these.
 */
const INSTALLER_PATTERN = /^(PIP_[A-Z0-9_]+|npm_config_[a-z0-9_-]+|NPM_CONFIG_[A-Z0-9_-]+|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy|SSL_CERT_(FILE|DIR)|REQUESTS_CA_BUNDLE|NODE_EXTRA_CA_CERTS|PIP_CONFIG_FILE)$/;
/** Installer settings that carry credentials stay behind even for installers. */
const CREDENTIAL_PATTERN = /(TOKEN|PASSWORD|SECRET|_AUTH|AUTHTOKEN)/i;
/**
 * pip runs inside the staged copy of a pack, so a relative `PIP_FIND_LINKS` folder or
 * `PIP_CONFIG_FILE` written for the caller's directory would be looked up there: make them
 * absolute against `cwd` (URLs stay as they are).
 */
function withAbsolutePipPaths(caller, cwd) {
    const absolute = (value) => (/^[a-z][a-z0-9+.-]*:/i.test(value) || isAbsolute(value) ? value : resolve(cwd, value));
    const out = { ...caller };
    if (caller.PIP_FIND_LINKS)
        out.PIP_FIND_LINKS = caller.PIP_FIND_LINKS.split(/\s+/).filter(Boolean).map(absolute).join(' ');
    if (caller.PIP_CONFIG_FILE && caller.PIP_CONFIG_FILE !== 'os.devnull')
        out.PIP_CONFIG_FILE = absolute(caller.PIP_CONFIG_FILE);
    return out;
}
/**
 * The environment for a child process: the allow-listed part of `caller`, then `extra`
 * (the pack's own variables, a private TMPDIR), which wins.
 */
function cleanEnvironment(caller, purpose, extra = {}) {
    const env = {};
    for (const [name, value] of Object.entries(caller)) {
        if (value === undefined)
            continue;
        if (BASE_VARIABLES.includes(name) || LOCALE_PATTERN.test(name) || (purpose === 'installer' && INSTALLER_PATTERN.test(name) && !CREDENTIAL_PATTERN.test(name))) {
            env[name] = value;
        }
    }
    return { ...env, ...extra };
}
/** `dir` in front of a PATH value (for a venv's bin/ or node_modules/.bin). */
function prependPath(env, ...dirs) {
    return [...dirs, ...(env.PATH ? [env.PATH] : [])].join(':');
}

/** Same rule as pack.yaml `ref` (see the manifest schema). */
const REF_PATTERN = /^[a-z][a-z0-9_-]*$/;
/**
 * Parse a pack dependency: `core`, `core@1.2.3`, `core@^1.0.0`, `core@>=1.0.0 <2.0.0`.
 * Anything else is a UsageError naming the entry.
 */
function parsePackRequirement(text) {
    const at = text.indexOf('@');
    const ref = (at < 0 ? text : text.slice(0, at)).trim();
    const range = at < 0 ? '*' : text.slice(at + 1).trim();
    if (!REF_PATTERN.test(ref)) {
        throw invalid(text, `${JSON.stringify(ref)} is not a pack ref (lowercase letters, digits, "_" and "-", starting with a letter)`);
    }
    // semver reads an empty range as "*": "core@" is more likely a version left out by mistake.
    if (range === '' || semver.validRange(range) === null) {
        throw invalid(text, `${JSON.stringify(range)} is not a semver range`);
    }
    return { ref, range };
}
function invalid(text, reason) {
    return new UsageError(`pack.yaml dependencies.packs entry ${JSON.stringify(text)} is not valid: ${reason}; write "ref" or "ref@range", e.g. "core", "core@1.2.3" or "core@^1.0.0"`);
}

/**
 * The result of an install or verify: every step with its status, duration and details, the
 * test counts, and the external processes run (so packreg's own overhead can be measured).
 */
/** The installation workflow's steps, in order (specification, "Installation Workflow"). */
/** Measure a step: its duration and a report built from what it found. */
function stepReport(name, status, startedAt, details) {
    return { name, status, durationMs: Math.round(performance.now() - startedAt), details };
}
/** The status of a step from its details: failed on an error, warned on a warning. */
function statusOf(details) {
    if (details.some((d) => d.level === 'error'))
        return 'failed';
    return details.some((d) => d.level === 'warning') ? 'warned' : 'passed';
}

/**
 * Step 4 of the installation workflow, "Check Dependencies": the Attune version, the
 * runtimes in `runtime_deps` and their version ranges, and the packs the pack needs.
 */
const TOOLS = {
    // Python 2 printed its version to stderr: the runner's output holds both streams.
    python: { command: 'python3', args: ['--version'], label: 'Python', fix: 'install Python 3 or put python3 on the PATH packreg runs with', version: /Python\s+(\d+\.\d+(?:\.\d+)?)/, rangeField: 'python_version' },
    node: { command: 'node', args: ['--version'], label: 'Node.js', fix: 'install Node.js or put node on the PATH packreg runs with', version: /^v?(\d+\.\d+\.\d+)/m, rangeField: 'nodejs_version' },
    shell: { command: '/bin/sh', args: ['-c', 'exit 0'], label: 'a POSIX shell', fix: 'install a POSIX shell as /bin/sh' },
};
/** runtime_deps names packreg knows how to check (compared in lower case). */
const RUNTIMES = { python: 'python', python3: 'python', nodejs: 'node', node: 'node', shell: 'shell' };
const PROBE_TIMEOUT_MS = 30_000;
const MANIFEST$1 = 'pack.yaml';
/** Installed versions are facts, not candidates: a 1.1.0-rc.1 Attune does satisfy ">=1.0.0". */
const CHECK = { includePrerelease: true };
/**
 * Check a pack's dependencies. Problems become details (errors fail the step, an unknown
 * runtime only warns); `missingPacks` lists the pack dependencies to install with --with-deps.
 * An unreadable packs directory entry is thrown by `installed` as it comes.
 */
async function checkDependencies(settings, deps) {
    const { manifest } = settings;
    const declared = manifest.dependencies ?? {};
    if (nothingDeclared(manifest)) {
        return { status: 'passed', details: [{ level: 'info', message: 'no dependencies declared' }], processes: [], missingPacks: [] };
    }
    const details = attuneDetails(declared.attune_version, settings.attuneVersion);
    const needs = toolNeeds(manifest, details);
    const processes = [];
    const results = await Promise.all([...needs].map(async ([tool, reasons]) => {
        const result = await probe(tool, settings, deps);
        return { tool, reasons, result };
    }));
    for (const { tool, reasons, result } of results) {
        const spec = TOOLS[tool];
        processes.push({ step: 'dependencies', command: [spec.command, ...spec.args], code: result.code, durationMs: Math.round(result.durationMs) });
        details.push(...toolDetails(spec, reasons, result, spec.rangeField ? declared[spec.rangeField] : undefined));
    }
    const missingPacks = await checkPacks(declared.packs ?? [], settings.installed, details);
    return { status: statusOf(details), details, processes, missingPacks };
}
function nothingDeclared(manifest) {
    const d = manifest.dependencies ?? {};
    return manifest.runtimeDeps.length === 0 && d.attune_version === undefined && d.python_version === undefined && d.nodejs_version === undefined && (d.packs ?? []).length === 0;
}
function attuneDetails(range, version) {
    if (range === undefined)
        return [];
    const field = `dependencies.attune_version ${JSON.stringify(range)}`;
    if (semver.validRange(range) === null)
        return [error(`pack.yaml ${field} is not a semver range; write it like ">=0.1.0" or "^1.0.0"`)];
    if (version === undefined)
        return [{ level: 'info', message: `${field} not checked: pass --attune-version to check it` }];
    if (semver.valid(version) === null)
        return [{ level: 'error', message: `--attune-version ${JSON.stringify(version)} is not a semantic version; pass the Attune version like 0.2.0` }];
    if (!semver.satisfies(version, range, CHECK)) {
        return [error(`pack.yaml dependencies.attune_version requires Attune ${JSON.stringify(range)} but --attune-version is ${version}; install on a matching Attune or use a version of the pack made for Attune ${version}`)];
    }
    return [{ level: 'info', message: `Attune ${version} satisfies ${field}` }];
}
/** Which tools to run and why (for messages); unknown runtimes become warnings in `details`. */
function toolNeeds(manifest, details) {
    const needs = new Map();
    const need = (tool, reason) => void needs.set(tool, [...(needs.get(tool) ?? []), reason]);
    for (const name of manifest.runtimeDeps) {
        const tool = RUNTIMES[name.toLowerCase()];
        if (tool)
            need(tool, `runtime_deps ${JSON.stringify(name)}`);
        else
            details.push({ level: 'warning', message: `unknown runtime dependency ${JSON.stringify(name)}: packreg cannot check it (it knows python3, nodejs and shell)`, file: MANIFEST$1 });
    }
    // A version range is checked even when runtime_deps forgot the runtime it is about.
    if (manifest.dependencies?.python_version !== undefined)
        need('python', 'dependencies.python_version');
    if (manifest.dependencies?.nodejs_version !== undefined)
        need('node', 'dependencies.nodejs_version');
    return needs;
}
function probe(tool, settings, deps) {
    const spec = TOOLS[tool];
    deps.logger.debug(`dependencies: running ${[spec.command, ...spec.args].join(' ')}`);
    // cwd "/": the probes read no files, and it exists wherever packreg runs.
    return deps.runner.run(spec.command, spec.args, { cwd: '/', env: settings.env, timeoutMs: PROBE_TIMEOUT_MS, signal: settings.signal, maxOutputBytes: 64 * 1024 });
}
/** What one tool's run says about the pack's needs for it. */
function toolDetails(spec, reasons, result, range) {
    const commandLine = spec.command === '/bin/sh' ? '/bin/sh' : `${spec.command} ${spec.args.join(' ')}`;
    const why = reasons.join(' and ');
    if (result.notStarted)
        return [error(`${spec.command} is required by ${why} but could not be run (${result.notStarted}); ${spec.fix}`)];
    if (result.aborted)
        return [error(`${commandLine} was stopped because packreg was interrupted`)];
    if (result.timedOut)
        return [error(`${commandLine} did not finish within ${PROBE_TIMEOUT_MS / 1000}s; check the ${spec.label} installation on PATH`)];
    if (result.code !== 0)
        return [error(`${commandLine} exited with code ${result.code} (${tail(result.output)}); ${spec.fix}`)];
    if (!spec.version)
        return [{ level: 'info', message: `${commandLine} runs (${why})` }];
    const found = spec.version.exec(result.output)?.[1];
    const version = found === undefined ? null : semver.coerce(found);
    if (!version)
        return [error(`cannot read the ${spec.label} version from the output of ${commandLine}: ${JSON.stringify(tail(result.output))}; ${spec.fix}`)];
    if (range === undefined)
        return [{ level: 'info', message: `${spec.label} ${found} found (${why})` }];
    return [rangeDetail(spec, found, version.version, range)];
}
function rangeDetail(spec, found, version, range) {
    const field = `dependencies.${spec.rangeField} ${JSON.stringify(range)}`;
    const semverRange = toSemverRange(range);
    if (semverRange === undefined) {
        return error(`pack.yaml ${field} is not a version range packreg can check; use a semver range like ">=3.9", or PEP 440 clauses (~=, ==, >=, <=, >, <) joined by commas like ">=3.9,<4"`);
    }
    if (!semver.satisfies(version, semverRange, CHECK)) {
        return error(`pack.yaml ${field} requires ${spec.label} ${JSON.stringify(range)} but ${spec.command} on PATH is ${found}; install a matching ${spec.label} or put it first on PATH`);
    }
    return { level: 'info', message: `${spec.label} ${found} satisfies ${field}` };
}
/**
 * A version range as a semver range. Python packs write PEP 440 specifiers, which semver
 * would misread ("~=3.9" is ">=3.9, <4" in PEP 440 but "<3.10" in semver), so a range with a
 * comma, `~=`, `==` or `!=` is converted clause by clause. Anything else is read as semver,
 * where the two agree except at a partial upper bound ("<=3.11" takes in 3.11.7 in semver,
 * not in PEP 440). Undefined when it cannot be read.
 */
function toSemverRange(text) {
    const trimmed = text.trim();
    const range = /,|~=|==|!=/.test(trimmed) ? pep440Range(trimmed) : trimmed;
    return range !== undefined && range !== '' && semver.validRange(range) !== null ? range : undefined;
}
function pep440Range(text) {
    const clauses = text.split(',').map(pep440Clause);
    return clauses.every((c) => c !== undefined) ? clauses.join(' ') : undefined;
}
/** One PEP 440 clause as semver comparators; `!=` and `===` have no semver form. */
function pep440Clause(clause) {
    const m = /^(~=|==|>=|<=|>|<)\s*(\d+(?:\.\d+){0,2})(\.\*)?$/.exec(clause.trim());
    if (!m)
        return undefined;
    const [, op, written, star] = m;
    const parts = written.split('.').map(Number);
    if (op === '~=') {
        // "~=3.9" is ">=3.9, ==3.*": the last component may grow, the ones before it are fixed.
        if (star || parts.length < 2)
            return undefined;
        return `>=${padded(parts)} <${padded(bumpLast(parts.slice(0, -1)))}`;
    }
    if (star)
        return op === '==' ? `>=${padded(parts)} <${padded(bumpLast(parts))}` : undefined;
    // PEP 440 pads with zeros: "==3.11" is exactly 3.11.0, "<=3.11" excludes 3.11.1.
    return `${op === '==' ? '=' : op}${padded(parts)}`;
}
function padded(parts) {
    return [...parts, 0, 0, 0].slice(0, 3).join('.');
}
function bumpLast(parts) {
    return [...parts.slice(0, -1), parts.at(-1) + 1];
}
/** Check each `dependencies.packs` entry against the packs directory. */
async function checkPacks(entries, installed, details) {
    const missing = [];
    for (const text of entries) {
        let requirement;
        try {
            requirement = parsePackRequirement(text);
        }
        catch (e) {
            // Reported with the rest, so one run shows every problem in pack.yaml.
            if (!(e instanceof UsageError))
                throw e;
            details.push(error(e.message));
            continue;
        }
        const { ref, range } = requirement;
        const version = await installed(ref);
        if (version === undefined) {
            missing.push({ ref, range });
            details.push(error(`pack dependency ${ref} is not installed in the packs directory (pack.yaml dependencies.packs requires ${JSON.stringify(text)}); install it first or pass --with-deps`));
        }
        else if (!semver.satisfies(version, range, CHECK)) {
            missing.push({ ref, range, installed: version });
            details.push(error(`pack dependency ${ref} must be ${JSON.stringify(range)} (pack.yaml dependencies.packs) but version ${version} is installed; install a matching version first, or pass --with-deps --force to replace it`));
        }
        else {
            details.push({ level: 'info', message: `pack dependency ${ref} ${version} satisfies ${JSON.stringify(range)}` });
        }
    }
    return missing;
}
function error(message) {
    return { level: 'error', message, file: MANIFEST$1 };
}
/** The last few hundred characters of output, on one line, for a message. */
function tail(output) {
    const text = output.trim().replace(/\s+/g, ' ');
    return text.length > 300 ? `...${text.slice(-300)}` : text;
}

/** Component kinds whose files name an entry point the runtime starts. */
const ENTRY_KINDS = ['actions', 'sensors'];
/** Runner types that execute the entry point as a program, so it needs its execute bit. */
const SHELL_RUNNERS = new Set(['shell', 'local-shell-script', 'remote-shell-script']);
/**
 * Check every `entry_point` of the top-level `.yaml`/`.yml` files of `actions/` and
 * `sensors/`: the file, relative to that component's folder (as StackStorm and Attune resolve
 * it), must exist inside the pack, and a shell entry point (runner_type shell,
 * local-shell-script or remote-shell-script, or a `.sh` file) must be executable. Component
 * files that do not parse are skipped: validation reports them.
 */
async function checkEntryPoints(packDir) {
    const entries = await readEntryPoints(packDir);
    const packReal = await realpath(packDir);
    const details = [];
    for (const entry of entries) {
        const problem = await entryProblem(packDir, packReal, entry);
        if (problem)
            details.push({ level: 'error', message: `${entry.file}: ${problem}`, file: entry.file, ...(entry.line ? { line: entry.line } : {}) });
    }
    return { checked: entries.length, details };
}
async function readEntryPoints(packDir) {
    const files = directoryPackFiles(packDir);
    const found = [];
    for (const kind of ENTRY_KINDS) {
        const names = (await files.listFiles(kind)).filter((n) => /\.ya?ml$/.test(n)).sort(compareByteOrder);
        for (const name of names) {
            const file = `${kind}/${name}`;
            const text = await files.readText(file).catch(() => undefined);
            const source = text === undefined ? undefined : parseYamlSource(text);
            if (!source || source.errors.length > 0 || !hasMappingRoot(source))
                continue;
            const entry = source.doc.get('entry_point');
            if (typeof entry !== 'string' || entry.trim() === '')
                continue;
            const runner = source.doc.get('runner_type');
            const shell = (typeof runner === 'string' && SHELL_RUNNERS.has(runner)) || entry.endsWith('.sh');
            found.push({ kind, file, line: source.locate(['entry_point']).line, entry, shell });
        }
    }
    return found;
}
/** Why `entry` cannot be started, or undefined when it can. */
async function entryProblem(packDir, packReal, entry) {
    const target = posix.normalize(posix.join(entry.kind, entry.entry));
    const named = `entry_point "${entry.entry}"`;
    const keepInside = `put the file inside the pack and give its path relative to ${entry.kind}/`;
    if (posix.isAbsolute(entry.entry) || target === '..' || target.startsWith('../')) {
        return `${named} is outside the pack (it resolves to ${posix.isAbsolute(entry.entry) ? entry.entry : target} from the pack root); ${keepInside}`;
    }
    const full = join(packDir, ...target.split('/'));
    let mode;
    try {
        const info = await stat(full);
        if (!info.isFile())
            return `${named} names ${target}, which is not a file; point it at the script to run`;
        mode = info.mode;
    }
    catch {
        return `${named} names ${target}, which does not exist in the pack; add the file or correct entry_point (it is relative to ${entry.kind}/)`;
    }
    if (!isInside(packReal, await realpath(full)))
        return `${named} names ${target}, a link that leads outside the pack; ${keepInside}`;
    if (entry.shell && (mode & 0o111) === 0) {
        return `${target} is not executable, so the shell runner cannot start it; run "chmod +x ${target}" and commit the mode (git add --chmod=+x ${target})`;
    }
    return undefined;
}
function isInside(root, path) {
    const rel = relative(root, path);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Last lines of a failed command's output quoted in its error detail. */
const TAIL_LINES = 20;
/**
 * First lines quoted too when the output is longer: some tools state the cause first and then
 * print pages of usage (npm ci with a lock file out of sync).
 */
const HEAD_LINES = 5;
/**
 * Run `step` in the pack folder, record it as a process of the environment step, and on
 * failure add an error detail with the command, its exit code and its last output lines.
 * A command still running after the context's time limit is killed with its process group
 * (an installer stuck on an unreachable index must not hold a CI job for hours).
 * Returns whether it succeeded, and its result.
 */
async function runEnvironmentCommand(context, step) {
    const shown = displayCommand(step.command, step.args);
    context.logger.info(`running ${shown}`);
    const lines = lineForwarder((line) => context.logger.debug(line));
    const timeoutSeconds = context.setupTimeoutSeconds ?? DEFAULT_SETUP_TIMEOUT_SECONDS;
    const result = await context.runner.run(step.command, step.args, {
        cwd: context.packDir,
        env: step.env,
        timeoutMs: timeoutSeconds * 1000,
        signal: context.signal,
        onOutput: lines.push,
    });
    lines.flush();
    context.processes.push({ step: 'environment', command: [step.command, ...step.args], code: result.code, durationMs: Math.round(result.durationMs) });
    const ok = result.code === 0 && !result.notStarted && !result.aborted && !result.timedOut;
    if (!ok)
        context.details.push({ level: 'error', message: failureMessage(shown, result, step.fix, timeoutSeconds), ...(step.file ? { file: step.file } : {}) });
    return { ok, result };
}
/** Why a command failed, in one message a CI log and a job summary can show as is. */
function failureMessage(shown, result, fix, timeoutSeconds) {
    if (result.notStarted)
        return `${shown} could not start: ${result.notStarted}; ${fix}`;
    if (result.aborted)
        return `${shown} was stopped because packreg was interrupted`;
    // The limit is a packreg setting, so say where to raise it (the CLI flag, the install-verify input).
    const ending = result.timedOut ? `timed out after ${timeoutSeconds} s` : `failed with exit code ${result.code}`;
    const advice = result.timedOut ? `${fix} (raise the limit with --setup-timeout or the setup-timeout input)` : fix;
    const quoted = quoteOutput(result.output);
    return `${shown} ${ending}; ${advice}${quoted === '' ? ' (it printed nothing)' : `. Output:\n${quoted}`}`;
}
/** The output's last lines, and its first ones when lines were left out between. */
function quoteOutput(text) {
    const trimmed = text.replace(/\s+$/, '');
    if (trimmed === '')
        return '';
    const lines = trimmed.split(/\r?\n/);
    if (lines.length <= HEAD_LINES + TAIL_LINES)
        return lines.join('\n');
    const omitted = lines.length - HEAD_LINES - TAIL_LINES;
    return [...lines.slice(0, HEAD_LINES), `… ${omitted} line(s) left out …`, ...lines.slice(-TAIL_LINES)].join('\n');
}
/** A command as a user would type it, arguments with spaces quoted. */
function displayCommand(command, args) {
    return [command, ...args].map((part) => (/[\s"'\\]/.test(part) || part === '' ? JSON.stringify(part) : part)).join(' ');
}
/** Chunks of output in, whole lines out (a chunk may end mid-line). */
function lineForwarder(emit) {
    let pending = '';
    return {
        push: (text) => {
            const lines = (pending + text).split(/\r?\n/);
            pending = lines.pop() ?? '';
            for (const line of lines)
                emit(line);
        },
        flush: () => {
            if (pending !== '')
                emit(pending);
            pending = '';
        },
    };
}

/** Lock files `npm ci` installs from exactly; either makes the install reproducible. */
const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json'];
/** True when `path` is a regular file (links followed). */
async function isRegularFile(path) {
    try {
        return (await stat(path)).isFile();
    }
    catch {
        return false;
    }
}
/** True when the pack has a package.json, so its Node.js dependencies must be installed. */
async function isNodePack(packDir) {
    return isRegularFile(join(packDir, 'package.json'));
}
/**
 * Install the pack's node_modules: `npm ci` when a lock file pins them, else `npm install`,
 * both without audit and funding requests. A failure is an error detail.
 */
async function installNodeModules(context, callerEnv) {
    const lockFile = (await Promise.all(LOCK_FILES.map(async (name) => ((await isRegularFile(join(context.packDir, name))) ? name : undefined)))).find((name) => name !== undefined);
    const command = lockFile ? 'ci' : 'install';
    // npm's own settings and proxies pass; its update check would only slow a CI run down.
    const env = cleanEnvironment(callerEnv, 'installer', { npm_config_update_notifier: 'false' });
    const { ok } = await runEnvironmentCommand(context, {
        command: 'npm',
        args: [command, '--no-audit', '--no-fund'],
        env,
        fix: lockFile
            ? `check that ${lockFile} matches package.json (run npm install and commit the lock file) and that the registry is reachable`
            : 'check the dependencies in package.json and that the registry is reachable',
        file: lockFile ?? 'package.json',
    });
    if (ok) {
        const how = lockFile ? `npm ci installed the versions pinned by ${lockFile}` : 'npm install installed the dependencies of package.json (no lock file: commit package-lock.json for reproducible installs)';
        context.details.push({ level: 'info', message: `${how} into node_modules` });
    }
    return ok;
}

/** Where a pack's venv lives, relative to the pack root. */
const VENV_FOLDER = '.venv';
/** The requirements file pip installs, relative to the pack root. */
const REQUIREMENTS_FILE = 'requirements.txt';
const PYTHON_RUNTIMES = new Set(['python', 'python3']);
/**
 * True when the pack needs a Python environment: it has a requirements.txt, names python
 * or python3 in runtime_deps, sets dependencies.python_version, or tests with unittest or
 * pytest.
 */
function isPythonPack(manifest, hasRequirements) {
    return (hasRequirements ||
        manifest.runtimeDeps.some((dep) => PYTHON_RUNTIMES.has(dep.toLowerCase())) ||
        !!manifest.dependencies?.python_version ||
        Object.values(manifest.testing?.runners ?? {}).some((runner) => runner.type === 'unittest' || runner.type === 'pytest'));
}
/** The bytes of the pack's requirements.txt, or undefined when it has none. */
async function readRequirements(packDir) {
    const file = join(packDir, REQUIREMENTS_FILE);
    try {
        if (!(await stat(file)).isFile())
            return undefined;
    }
    catch {
        return undefined;
    }
    return readFile(file);
}
/**
 * `<python> --version`, e.g. "Python 3.11.7", or undefined after an error detail when the
 * interpreter is missing or fails.
 */
async function probePython(context, python, env) {
    const { ok, result } = await runEnvironmentCommand(context, {
        command: python,
        args: ['--version'],
        env,
        fix: `the pack needs Python 3: install it or point packreg at the interpreter (${python} was used)`,
    });
    const version = result.output.trim().split(/\r?\n/).pop() ?? '';
    return ok && version !== '' ? version : undefined;
}
/**
 * A new venv at `<packDir>/.venv` with requirements.txt installed into it when `withRequirements`.
 * A failure leaves an error detail and no venv folder, so nothing half-made can be mistaken for
 * a working environment.
 */
async function buildVenv(context, python, env, withRequirements) {
    const venvDir = join(context.packDir, VENV_FOLDER);
    await rm(venvDir, { recursive: true, force: true });
    const created = await runEnvironmentCommand(context, {
        command: python,
        // Without requirements there is nothing for pip to install: leaving it out saves the
        // seconds ensurepip takes (most of a venv's creation time).
        args: ['-m', 'venv', ...(withRequirements ? [] : ['--without-pip']), venvDir],
        env,
        fix: 'check that the venv module is installed for this Python (Debian and Ubuntu: apt-get install python3-venv)',
    });
    const installed = created.ok &&
        (!withRequirements ||
            (await runEnvironmentCommand(context, {
                command: join(venvDir, 'bin', 'python'),
                args: ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', REQUIREMENTS_FILE],
                env,
                fix: 'check that every requirement in requirements.txt exists and is reachable from the configured package index (PIP_INDEX_URL, PIP_FIND_LINKS, pip.conf)',
                file: REQUIREMENTS_FILE,
            })).ok);
    if (!installed)
        await rm(venvDir, { recursive: true, force: true });
    return installed;
}
/** True when the venv's interpreter is there (its bin/python link leads to a file). */
async function venvPythonExists(venvDir) {
    try {
        return (await stat(join(venvDir, 'bin', 'python'))).isFile();
    }
    catch {
        return false;
    }
}

/** Most files one requirements.txt may pull in: far above any real layering, a stop for loops through links. */
const MAX_FILES = 100;
/** The closure of `<packDir>/requirements.txt`, whose bytes the caller has read already. */
async function requirementsClosure(packDir, requirements) {
    const root = join(packDir, 'requirements.txt');
    const records = [];
    const included = [];
    const seen = new Set([resolve(root)]);
    const queue = [{ file: root, text: requirements.toString('utf8') }];
    records.push(record('requirements.txt', requirements));
    while (queue.length > 0 && seen.size <= MAX_FILES) {
        const { file, text } = queue.shift();
        for (const target of includedBy(text)) {
            const place = where(target, file);
            if (place.url !== undefined) {
                if (!included.includes(place.url))
                    included.push(place.url);
                // A remote file is not fetched here: it is keyed by its address only.
                records.push(record(place.url, 'remote'));
                continue;
            }
            if (seen.has(place.path))
                continue;
            seen.add(place.path);
            const shown = relative(packDir, place.path).startsWith('..') ? place.path : relative(packDir, place.path);
            included.push(shown);
            const bytes = await readFile(place.path).catch(() => undefined);
            records.push(record(shown, bytes ?? 'missing'));
            if (bytes !== undefined)
                queue.push({ file: place.path, text: bytes.toString('utf8') });
        }
    }
    const sha256 = included.length === 0 ? digest([requirements]) : digest(records);
    return { sha256, included };
}
/**
 * The files a requirements text names with -r/--requirement and -c/--constraint, in order.
 * Lines are joined where they end in a backslash and comments (`#` at the start or after
 * whitespace) dropped, as pip does; the option may be glued to its value (`-rbase.txt`) or
 * given with `=` (`--requirement=base.txt`).
 */
function includedBy(text) {
    const targets = [];
    const joined = text.replace(/\\\r?\n/g, '');
    for (const raw of joined.split(/\r?\n/)) {
        const line = raw.replace(/(^|\s)#.*$/, '').trim();
        const match = /^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?<=^-[rc]))(\S.*)$/.exec(line);
        if (match)
            targets.push(match[1].trim());
    }
    return targets;
}
/** Where an included name points: a path (relative to the including file) or a remote URL. */
function where(target, from) {
    if (/^file:/i.test(target))
        return { path: fileURLToPath(target) };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target))
        return { url: target };
    return { path: isAbsolute(target) ? target : resolve(dirname(from), target) };
}
/** One file's record in the digest: its name, then its length and bytes, or why there are none. */
function record(name, content) {
    if (typeof content === 'string')
        return Buffer.from(`${name}\0${content}\0`, 'utf8');
    return Buffer.concat([Buffer.from(`${name}\0${content.length}\0`, 'utf8'), content]);
}
function digest(parts) {
    const hash = createHash('sha256');
    for (const part of parts)
        hash.update(part);
    return hash.digest('hex');
}

/** The file packreg writes into a finished venv, saying what it was built from. */
const VENV_MARKER = 'packreg-venv.json';
/**
 * The cache key of a venv: readable Python version, then a hash of both inputs, e.g.
 * `py3.11.7-0123456789abcdef`. Safe as a folder name.
 */
function venvKey(requirementsSha256, python) {
    const version = /\d+(?:\.\d+)*/.exec(python)?.[0] ?? 'unknown';
    return `py${version}-${sha256Hex(`${requirementsSha256 ?? 'none'}\n${python}`).slice(0, 16)}`;
}
/** The marker of the venv in `venvDir`, or undefined when there is none or it is not packreg's. */
async function readVenvMarker(venvDir) {
    let data;
    try {
        data = JSON.parse(await readFile(join(venvDir, VENV_MARKER), 'utf8'));
    }
    catch {
        return undefined;
    }
    if (typeof data !== 'object' || data === null)
        return undefined;
    const fields = data;
    const hash = fields.requirements_sha256;
    if ((hash !== null && typeof hash !== 'string') || typeof fields.python !== 'string' || typeof fields.key !== 'string' || typeof fields.path !== 'string')
        return undefined;
    return { requirements_sha256: hash, python: fields.python, key: fields.key, path: fields.path };
}
/** Write `marker` into `venvDir`; last, so only a finished venv has one. */
async function writeVenvMarker(venvDir, marker) {
    await writeFile(join(venvDir, VENV_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}
/** True when `marker` was built from `inputs`. */
function markerMatches(marker, inputs) {
    return marker !== undefined && marker.requirements_sha256 === inputs.requirements_sha256 && marker.python === inputs.python && marker.key === inputs.key;
}

/** Files larger than this are not scripts venv or pip wrote: left alone. */
const MAX_REWRITE_BYTES = 1024 * 1024;
/**
 * Make a venv copied from `from` work at `to`, where it now is (`venvDir`).
 *
 * A venv embeds its absolute path: the shebangs of console scripts in `bin/` (pip, and
 * every script a requirement installs), the activate scripts, and the `command` line of
 * `pyvenv.cfg`. Every occurrence of `from` in the regular files directly in `bin/` and in
 * `pyvenv.cfg` is replaced by `to`. Symbolic links (bin/python) are left as they are; files
 * over 1 MiB or holding a NUL byte (compiled programs) are skipped. packreg's marker file,
 * when present, records `to` as the venv's path.
 *
 * Not rewritten: `.pyc` caches (they only name source files in tracebacks) and `.pth` files
 * of editable installs. Throws an InputError when `venvDir` has no pyvenv.cfg or a path is
 * not absolute; nothing is changed then.
 */
async function relocateVenv(venvDir, from, to) {
    if (!isAbsolute(venvDir) || !isAbsolute(from) || !isAbsolute(to)) {
        throw new InputError(`relocating a venv needs absolute paths, got venv ${venvDir}, from ${from}, to ${to}; resolve them first`);
    }
    await assertVenv(venvDir);
    const [oldPath, newPath] = [resolve(from), resolve(to)];
    if (oldPath === newPath)
        return;
    for (const file of await filesToRewrite(venvDir))
        await replaceInFile(file, oldPath, newPath);
    // packreg's marker names the path the venv works at: it moves with the venv.
    const marker = await readVenvMarker(venvDir);
    if (marker)
        await writeVenvMarker(venvDir, { ...marker, path: newPath });
}
async function assertVenv(venvDir) {
    const config = join(venvDir, 'pyvenv.cfg');
    let isFile;
    try {
        isFile = (await lstat(config)).isFile();
    }
    catch (error) {
        if (error.code === 'ENOENT')
            isFile = false;
        else
            throw fsInputError(error, 'venv configuration', config);
    }
    if (!isFile)
        throw new InputError(`${venvDir} is not a Python venv: ${config} is missing; pass the folder python3 -m venv created`);
}
/** pyvenv.cfg and the regular files directly in bin/. */
async function filesToRewrite(venvDir) {
    const bin = join(venvDir, 'bin');
    const entries = await readdir(bin, { withFileTypes: true }).catch((error) => {
        if (error.code === 'ENOENT')
            return [];
        throw fsInputError(error, 'venv bin folder', bin);
    });
    // Dirent.isFile() is false for a symbolic link, so bin/python is never opened through it.
    return [join(venvDir, 'pyvenv.cfg'), ...entries.filter((e) => e.isFile()).map((e) => join(bin, e.name))];
}
async function replaceInFile(file, oldPath, newPath) {
    if ((await lstat(file)).size > MAX_REWRITE_BYTES)
        return;
    const bytes = await readFile(file);
    if (bytes.includes(0))
        return;
    // latin1 maps bytes to characters one to one, so the text round-trips whatever its encoding;
    // the paths are turned into the same byte-characters as their UTF-8 form.
    const text = bytes.toString('latin1');
    const replaced = text.replace(pathPattern(Buffer.from(oldPath, 'utf8').toString('latin1')), () => Buffer.from(newPath, 'utf8').toString('latin1'));
    // writeFile on the existing file keeps its mode (pip's scripts stay executable).
    if (replaced !== text)
        await writeFile(file, Buffer.from(replaced, 'latin1'));
}
/**
 * `path` as a whole path: not the tail of a longer one (/x/a/.venv for /a/.venv) nor the head
 * of a sibling (/a/.venv2); /a/.venv/bin/python matches.
 */
function pathPattern(path) {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\w.\\-/])${escaped}(?![\\w.\\-])`, 'g');
}

/**
 * Put a venv built from the same `inputs` at `venvDir` without running venv or pip: keep the
 * pack's own, else copy the first match from `places` (previous installs, then the cache) and
 * relocate it. Returns where it came from, or undefined when there was none to reuse.
 */
async function reuseVenv(context, venvDir, inputs, places) {
    for (const candidate of candidates(venvDir, inputs.key, places)) {
        const marker = await readVenvMarker(candidate.dir);
        if (!markerMatches(marker, inputs) || !(await venvPythonExists(candidate.dir)))
            continue;
        try {
            if (candidate.source === 'pack')
                await relocateVenv(venvDir, marker.path, venvDir);
            else
                await copyVenv(candidate.dir, marker, venvDir);
        }
        catch (error) {
            await rm(venvDir, { recursive: true, force: true });
            context.details.push({ level: 'warning', message: `could not reuse the venv at ${candidate.dir}: ${messageOf(error)}; looking further or building a new one` });
            continue;
        }
        const where = candidate.source === 'pack' ? `the pack's existing ${VENV_FOLDER}` : `${candidate.dir} (${candidate.source === 'cache' ? 'the venv cache' : 'a previous install'})`;
        context.details.push({ level: 'info', message: `reused the venv from ${where}: it was built from the same ${describeInputs(inputs)}, so venv and pip did not run` });
        return candidate.source;
    }
    return undefined;
}
/** The pack's own venv, then each previous install's, then the cache entry for `key`. */
function candidates(venvDir, key, places) {
    const list = [{ source: 'pack', dir: venvDir }];
    for (const previous of places.reuseFrom ?? []) {
        const dir = join(resolve(previous), VENV_FOLDER);
        if (dir !== venvDir)
            list.push({ source: 'previous', dir });
    }
    if (places.venvCache !== undefined)
        list.push({ source: 'cache', dir: join(resolve(places.venvCache), key) });
    return list;
}
/** Copy the venv in `from` to `to` and make it work there. */
async function copyVenv(from, marker, to) {
    await rm(to, { recursive: true, force: true });
    // verbatimSymlinks: bin/python -> python3 must stay relative, or the copy would run the original.
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
    await relocateVenv(to, marker.path, to);
}
/**
 * Store a copy of the fresh venv at `venvDir` as `<venvCache>/<key>`: copied into a temporary
 * folder of the cache, relocated to its final path, then renamed into place, so readers only
 * ever see a finished entry. When another process stored the same key first, its entry stays.
 * A cache that cannot be written is a warning, not a failure.
 */
async function storeInCache(context, venvDir, inputs, venvCache) {
    const cache = resolve(venvCache);
    const final = join(cache, inputs.key);
    if (markerMatches(await readVenvMarker(final), inputs))
        return;
    let temporary;
    try {
        await mkdir(cache, { recursive: true });
        temporary = await mkdtemp(join(cache, `.${inputs.key}.tmp-`));
        await cp(venvDir, temporary, { recursive: true, verbatimSymlinks: true });
        await relocateVenv(temporary, venvDir, final);
        if (await renameUnlessTaken(temporary, final)) {
            temporary = undefined;
            context.details.push({ level: 'info', message: `stored a copy of the venv in the cache as ${final}` });
        }
        else {
            context.logger.debug(`another process stored ${final} first; keeping its copy`);
        }
    }
    catch (error) {
        context.details.push({ level: 'warning', message: `could not store the venv in the cache ${cache}: ${messageOf(error)}; check that the folder is writable` });
    }
    finally {
        if (temporary !== undefined)
            await rm(temporary, { recursive: true, force: true });
    }
}
/** Rename `from` to `to`; false when `to` already exists with content (another process won). */
async function renameUnlessTaken(from, to) {
    try {
        await rename(from, to);
        return true;
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST')
            return false;
        throw error;
    }
}
/** "requirements.txt (sha256 ab12…) and Python 3.11.7" for messages. */
function describeInputs(inputs) {
    const requirements = inputs.requirements_sha256 === null ? 'no requirements.txt' : `requirements.txt (sha256 ${inputs.requirements_sha256.slice(0, 12)}…)`;
    return `${requirements} and ${inputs.python}`;
}

/**
 * Give the pack a venv at `<packDir>/.venv` with its requirements.txt installed: reused when
 * one was built from the same requirements (requirements.txt and the files it includes with
 * -r and -c) and Python (see venv-reuse.ts), else built with
 * `python3 -m venv` and pip, marked, and copied into the cache. Failures are error details.
 */
async function setUpPython(context, settings) {
    // An installer environment: pip's offline settings (PIP_NO_INDEX, PIP_FIND_LINKS, its
    // config file) and proxies pass, the caller's secrets do not.
    const env = cleanEnvironment(settings.callerEnv, 'installer');
    const { requirements } = settings;
    const python = await probePython(context, settings.python, env);
    if (python === undefined)
        return {};
    const closure = requirements === undefined ? undefined : await requirementsClosure(context.packDir, requirements);
    if (closure !== undefined && closure.included.length > 0)
        context.logger.debug(`the venv key covers requirements.txt and what it includes: ${closure.included.join(', ')}`);
    const requirementsSha256 = closure?.sha256 ?? null;
    const inputs = { requirements_sha256: requirementsSha256, python, key: venvKey(requirementsSha256, python) };
    const venvDir = join(context.packDir, VENV_FOLDER);
    const reused = await reuseVenv(context, venvDir, inputs, settings);
    if (reused)
        return { venvDir, venvKey: inputs.key, reused };
    if (!(await buildVenv(context, settings.python, env, requirements !== undefined)))
        return {};
    await writeVenvMarker(venvDir, { ...inputs, path: venvDir });
    context.details.push({ level: 'info', message: `created ${VENV_FOLDER} from ${describeInputs(inputs)}` });
    if (settings.venvCache !== undefined)
        await storeInCache(context, venvDir, inputs, settings.venvCache);
    return { venvDir, venvKey: inputs.key };
}

/**
 * Step 5 of the installation workflow, "Setup Worker Environment": the pack's Python venv,
 * its node_modules, and a check that every entry point can be started.
 */
/**
 * Set up what the pack needs to run: for a Python pack (requirements.txt, a python runtime
 * dependency, python_version or a unittest/pytest runner) a venv with its requirements,
 * reused when one was built from the same inputs; for a pack with package.json its
 * node_modules (`npm ci` with a lock file, else `npm install`); and a check that the entry
 * points of actions and sensors exist in the pack, shell ones executable.
 *
 * Failures of the tools and of the checks are error details (status `failed`); a pack with
 * none of the three is `skipped`. Each command may run `setupTimeoutSeconds`; one that runs
 * longer is killed and fails the step. Throws an InputError when `packDir` is not an existing
 * absolute folder or a reuse path is relative, a UsageError when `setupTimeoutSeconds` is not
 * a positive whole number; nothing is written then.
 */
async function setUpEnvironment(settings, deps) {
    await assertSettings(settings);
    const context = { packDir: settings.packDir, runner: deps.runner, logger: deps.logger, signal: settings.signal, setupTimeoutSeconds: settings.setupTimeoutSeconds, details: [], processes: [] };
    const requirements = await readRequirements(settings.packDir);
    const python = isPythonPack(settings.manifest, requirements !== undefined);
    const venv = python ? await setUpPython(context, { ...settings, python: settings.python ?? 'python3', requirements }) : {};
    const node = await isNodePack(settings.packDir);
    if (node && !settings.signal?.aborted)
        await installNodeModules(context, settings.callerEnv);
    const entries = await checkEntryPoints(settings.packDir);
    context.details.push(...entries.details);
    if (entries.checked > 0 && entries.details.length === 0)
        context.details.push({ level: 'info', message: `${entries.checked} entry point(s) of actions/ and sensors/ exist in the pack, shell ones executable` });
    if (!python && !node && entries.checked === 0) {
        const message = 'nothing to set up: not a Python pack (no requirements.txt, python runtime_deps, python_version or Python test runner), no package.json, and no entry points';
        return { status: 'skipped', details: [{ level: 'info', message }], processes: [] };
    }
    return { status: statusOf(context.details), details: context.details, processes: context.processes, ...venv };
}
async function assertSettings(settings) {
    const timeout = settings.setupTimeoutSeconds;
    if (timeout !== undefined && !isSetupTimeout(timeout))
        throw new UsageError(`setupTimeoutSeconds ${timeout} is not a whole number of seconds from 1 to ${MAX_SETUP_TIMEOUT_SECONDS}; pass one (or leave it out for the default)`);
    const paths = [['packDir', settings.packDir], ...(settings.reuseFrom ?? []).map((dir) => ['reuseFrom', dir])];
    if (settings.venvCache !== undefined)
        paths.push(['venvCache', settings.venvCache]);
    for (const [name, path] of paths) {
        if (!isAbsolute(path))
            throw new InputError(`${name} ${path} is a relative path; the environment step needs absolute paths (venvs embed them), so resolve it first`);
    }
    await assertPackDirectory(settings.packDir);
}

/**
 * What is installed in a packs directory: `<packsDir>/<ref>/metadata.json`, written when a
 * pack is registered, and the pack's own pack.yaml for packs installed some other way.
 */
/** The file registration writes into an installed pack (specification, "Pack Storage Location"). */
const METADATA_FILE = 'metadata.json';
/**
 * A directory name that stays inside the packs directory: no separators, not `.` or `..`,
 * and no leading `-` or `.` (hidden files and option-like names are never packs).
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/**
 * The version of the pack installed at `<packsDir>/<ref>`: metadata.json `version`, else its
 * pack.yaml (or pack.yml) `version`; undefined when no pack is there. A ref that is not a
 * single safe path segment is a UsageError; a present but unreadable or malformed file is an
 * InputError naming it.
 */
async function installedVersion(packsDir, ref) {
    if (!SAFE_SEGMENT.test(ref)) {
        throw new UsageError(`pack ref ${JSON.stringify(ref)} cannot name a directory in the packs directory ${packsDir}: use a single name of letters, digits, ".", "_" and "-", like "core"`);
    }
    const packDir = join(packsDir, ref);
    const metadata = await readInstallMetadata(packDir);
    if (metadata) {
        // A copied or renamed directory would otherwise answer for the wrong pack.
        if (metadata.pack_ref !== ref) {
            throw new InputError(`installation metadata ${join(packDir, METADATA_FILE)} is for pack ${JSON.stringify(metadata.pack_ref)}, not ${JSON.stringify(ref)}; reinstall the pack or rename its directory`);
        }
        return metadata.version;
    }
    return manifestVersion(packDir, ref);
}
/**
 * The metadata.json of an installed pack, or undefined when there is none. Malformed JSON or
 * a field of the wrong type is an InputError naming the file and the field.
 */
async function readInstallMetadata(packDir) {
    const file = join(packDir, METADATA_FILE);
    const text = await readOptional(file, 'installation metadata');
    if (text === undefined)
        return undefined;
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new InputError(`installation metadata ${file} is not valid JSON (${messageOf(error)}); fix it or reinstall the pack`, { cause: error });
    }
    return metadataShape(data, file);
}
/** Check the parsed metadata field by field and keep only the known fields. */
function metadataShape(data, file) {
    const bad = (field, expected) => new InputError(`installation metadata ${file}: ${field} must be ${expected}; fix it or reinstall the pack`);
    if (!isRecord(data))
        throw bad('the top level', 'a JSON object');
    const text = (value, field) => {
        if (typeof value !== 'string' || value === '')
            throw bad(field, 'a non-empty string');
        return value;
    };
    // checksum and registry are null for direct installs; older writers may have left them out.
    const nullable = (value, field) => {
        if (value === undefined || value === null)
            return null;
        if (typeof value !== 'string')
            throw bad(field, 'a string or null');
        return value;
    };
    const from = data.installed_from;
    if (!isRecord(from))
        throw bad('installed_from', 'an object with type and url');
    const source = { type: text(from.type, 'installed_from.type'), url: text(from.url, 'installed_from.url') };
    if (from.ref !== undefined)
        source.ref = text(from.ref, 'installed_from.ref');
    return {
        pack_ref: text(data.pack_ref, 'pack_ref'),
        version: text(data.version, 'version'),
        installed_at: text(data.installed_at, 'installed_at'),
        installed_from: source,
        checksum: nullable(data.checksum, 'checksum'),
        registry: nullable(data.registry, 'registry'),
    };
}
/**
 * The `version` of an installed pack's pack.yaml (pack.yml as Attune's fallback), undefined
 * when neither exists. Only that field is read: an installed pack was validated when it was
 * installed, and a later schema change must not make its dependants uninstallable.
 */
async function manifestVersion(packDir, ref) {
    for (const name of ['pack.yaml', 'pack.yml']) {
        const file = join(packDir, name);
        const text = await readOptional(file, 'installed pack manifest');
        if (text === undefined)
            continue;
        let data;
        try {
            data = distExports.parse(text);
        }
        catch (error) {
            // The yaml package appends a source excerpt after the first line: keep the message on one line.
            const reason = messageOf(error).split('\n')[0].replace(/:$/, '');
            throw new InputError(`installed pack manifest ${file} is not valid YAML (${reason}); fix it or reinstall pack ${ref}`, { cause: error });
        }
        const version = isRecord(data) ? data.version : undefined;
        if (typeof version !== 'string' || version === '') {
            // A number here (version: 1.0) has already lost its text, so it cannot be trusted either.
            throw new InputError(`installed pack manifest ${file} has no version string (expected e.g. version: "1.0.0"); fix it or reinstall pack ${ref}`);
        }
        return version;
    }
    return undefined;
}
/** The file's text, or undefined when it (or its directory) does not exist. */
async function readOptional(file, what) {
    try {
        return await readFile(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return undefined;
        throw fsInputError(error, what, file);
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Attune's `result_format: simple`: a test runner prints its own counts as lines
 *
 *     Total Tests: 3
 *     Passed: 2
 *     Failed: 1
 *     Skipped: 0
 *
 * and those counts replace the exit code's one-suite verdict.
 */
const FIELDS = { 'Total Tests': 'total', Passed: 'passed', Failed: 'failed', Skipped: 'skipped' };
/**
 * A whole line `<label>: <N>`: indentation and trailing blanks (or a CR) are allowed, other text
 * on the line is not, so "Failed: 2 of 3" or a log line quoting "...Passed: 1" is never read.
 */
const LINE = /^[ \t]*(Total Tests|Passed|Failed|Skipped):[ \t]*(\d+)[ \t]*\r?$/gm;
/**
 * The counts of the `simple` lines in `output`; the last value of each field wins (a runner
 * that prints a block per suite and a final summary is read by its summary). Undefined when
 * none of Total/Passed/Failed appears. A missing Total is passed + failed + skipped; any other
 * missing field is 0.
 */
function parseSimpleResults(output) {
    const found = {};
    for (const match of output.matchAll(LINE)) {
        found[FIELDS[match[1]]] = Number(match[2]);
    }
    if (found.total === undefined && found.passed === undefined && found.failed === undefined)
        return undefined;
    const passed = found.passed ?? 0;
    const failed = found.failed ?? 0;
    const skipped = found.skipped ?? 0;
    return { total: found.total ?? passed + failed + skipped, passed, failed, skipped };
}

const MANIFEST = 'pack.yaml';
/**
 * Run the pack's tests and judge them against `min_pass_rate` (default 1.0) and `on_failure`
 * (default block). Never throws for anything a pack does: a bad entry point, a missing test
 * tool or a hanging test is a failed suite with an error detail. When the step does not fail,
 * those details are demoted to warnings, so `statusOf(details)` agrees with `status`.
 */
async function runPackTests(settings, deps) {
    const testing = settings.testing;
    const skipped = skipReason(testing);
    if (skipped !== undefined || !testing) {
        deps.logger.info(`tests: skipped, ${skipped}`);
        return { status: 'skipped', details: [{ level: 'info', message: `tests skipped: ${skipped}`, file: MANIFEST }], processes: [] };
    }
    const names = Object.keys(testing.runners);
    const runs = [];
    for (const name of names) {
        if (settings.signal?.aborted)
            break;
        runs.push(await runRunner(name, testing.runners[name], settings, deps));
    }
    const details = runs.flatMap((r) => r.details);
    const processes = runs.flatMap((r) => (r.process ? [r.process] : []));
    const tests = testsReport(testing, runs.map((r) => r.report));
    // an abort after the last runner finished cut nothing short: the tests were judged whole
    if (runs.length < names.length || runs.some((r) => r.aborted)) {
        details.push({ level: 'error', message: interruptedMessage(runs, names) });
        return { status: 'failed', details, tests, processes };
    }
    const status = judge(tests, details);
    return { status, details: status === 'failed' ? details : details.map(demote), tests, processes };
}
/** Why nothing runs, or undefined when there are runners to run. */
function skipReason(testing) {
    if (!testing)
        return 'pack.yaml has no testing section';
    if (testing.enabled === false)
        return 'pack.yaml testing.enabled is false';
    if (Object.keys(testing.runners).length === 0)
        return 'pack.yaml testing.runners declares no runner';
    return undefined;
}
function interruptedMessage(runs, names) {
    const last = runs.at(-1);
    const during = last?.aborted ? ` while runner ${last.report.name} was running` : '';
    return `tests interrupted${during}: ${names.length - runs.filter((r) => !r.aborted).length} of ${names.length} runners did not finish`;
}
/** Add the pass-rate verdict to `details` and return the step's status. */
function judge(tests, details) {
    if (tests.passRate < tests.minPassRate) {
        const level = tests.onFailure === 'block' ? 'error' : 'warning';
        details.push({ level, file: MANIFEST, message: passRateMessage(tests) });
        return tests.onFailure === 'block' ? 'failed' : 'warned';
    }
    return details.some((d) => d.level !== 'info') ? 'warned' : 'passed';
}
function passRateMessage(tests) {
    const ran = tests.passed + tests.failed;
    const verdict = tests.onFailure === 'block' ? 'on_failure: block stops the install' : 'on_failure: warn lets the install go on';
    return (`${tests.failed} of ${ran} tests failed (${tests.passed} passed, ${tests.skipped} skipped): pass rate ${percent(tests.passRate)} ` +
        `is below pack.yaml testing.min_pass_rate ${percent(tests.minPassRate)}; ${verdict}. Fix the failing tests (their output is in the log)`);
}
function percent(rate) {
    return `${Number((rate * 100).toFixed(1))}%`;
}
/** A runner problem that did not fail the step is something to look at, not an error. */
function demote(detail) {
    return detail.level === 'error' ? { ...detail, level: 'warning' } : detail;
}
function testsReport(testing, runners) {
    const sum = (field) => runners.reduce((n, r) => n + r[field], 0);
    const passed = sum('passed');
    const failed = sum('failed');
    return {
        total: sum('total'),
        passed,
        failed,
        skipped: sum('skipped'),
        passRate: passed + failed === 0 ? 1 : passed / (passed + failed),
        minPassRate: testing.minPassRate ?? 1,
        onFailure: testing.onFailure ?? 'block',
        runners,
    };
}
/** Check one runner's entry point, run it, and count its results. */
async function runRunner(name, runner, settings, deps) {
    const refused = await entryPointProblem(name, runner.entryPoint, settings.packDir);
    if (refused) {
        deps.logger.info(`tests: runner ${name} not run: ${refused}`);
        return { report: refusedReport(name, runner), details: [{ level: 'error', file: MANIFEST, message: refused }], aborted: false };
    }
    const [command, ...args] = commandFor(runner, settings.venvDir);
    deps.logger.info(`tests: runner ${name} (${runner.type}): ${[command, ...args].join(' ')}`);
    const result = await deps.runner.run(command, args, {
        cwd: settings.packDir,
        env: runnerEnv(settings),
        timeoutMs: runner.timeout * 1000,
        signal: settings.signal,
    });
    const { report, details } = countRun(name, runner, result);
    logResult(report, result, deps.logger);
    const process = { step: 'tests', command: [command, ...args], code: result.code, durationMs: Math.round(result.durationMs) };
    return { report, details, process, aborted: result.aborted };
}
/** Why the entry point cannot run, naming the pack.yaml field; undefined when it can. */
async function entryPointProblem(name, entryPoint, packDir) {
    const field = `${MANIFEST} testing.runners.${name}.entry_point`;
    const inside = relative(packDir, resolve(packDir, entryPoint));
    if (isAbsolute(entryPoint) || inside === '..' || inside.startsWith(`..${sep}`)) {
        return `${field} "${entryPoint}" is outside the pack: write it relative to the pack root, like tests/run_tests.sh`;
    }
    try {
        await stat(join(packDir, inside));
        return undefined;
    }
    catch {
        return `${field} "${entryPoint}" does not exist in the pack: add the file or correct the path`;
    }
}
/** A runner that was not run counts as one failed suite. */
function refusedReport(name, runner) {
    return {
        name,
        type: runner.type,
        entryPoint: runner.entryPoint,
        countedBy: 'exit-code',
        total: 1,
        passed: 0,
        failed: 1,
        skipped: 0,
        exitCode: -1,
        timedOut: false,
        durationMs: 0,
        outputTail: '',
    };
}
/** The command line Attune uses for a runner type. */
function commandFor(runner, venvDir) {
    switch (runner.type) {
        case 'script':
            return [runner.entryPoint.endsWith('.sh') ? '/bin/sh' : '/bin/bash', runner.entryPoint];
        case 'unittest':
            return [venvDir ? join(venvDir, 'bin', 'python3') : 'python3', '-m', 'unittest', runner.entryPoint];
        case 'pytest':
            // found on PATH, where the venv's bin comes first: a pytest installed in the venv wins
            return ['pytest', runner.entryPoint, '-v'];
    }
}
/** With a venv, its bin/ leads PATH and VIRTUAL_ENV names it, as an activated venv would. */
function runnerEnv(settings) {
    if (!settings.venvDir)
        return { ...settings.env };
    return { ...settings.env, PATH: prependPath(settings.env, join(settings.venvDir, 'bin')), VIRTUAL_ENV: settings.venvDir };
}
/** Counts from the `simple` lines when asked for and present, else one suite by exit code. */
function countRun(name, runner, result) {
    const simple = runner.resultFormat === 'simple' && !result.notStarted ? parseSimpleResults(result.output) : undefined;
    const suite = result.code === 0 && !result.timedOut;
    let counts = simple ?? { total: 1, passed: suite ? 1 : 0, failed: suite ? 0 : 1, skipped: 0 };
    const details = [];
    if (result.notStarted) {
        details.push({ level: 'error', message: `runner ${name} could not start: ${result.notStarted}; ${startHint(runner)}` });
    }
    else if (result.timedOut) {
        // a hung test proves nothing passed on its own: the run counts at least one failure
        if (counts.failed === 0)
            counts = { ...counts, failed: 1, total: Math.max(counts.total, counts.passed + counts.skipped + 1) };
        details.push({ level: 'error', message: `runner ${name} timed out after ${runner.timeout}s; its process group was killed` });
    }
    else if (simple && result.code !== 0 && simple.failed === 0 && !result.aborted) {
        details.push({ level: 'warning', message: `runner ${name} exited with code ${result.code} but its output reports 0 failed tests; the counts are trusted, as Attune does` });
    }
    const report = {
        name,
        type: runner.type,
        entryPoint: runner.entryPoint,
        countedBy: simple ? 'simple' : 'exit-code',
        ...counts,
        exitCode: result.code,
        timedOut: result.timedOut,
        durationMs: Math.round(result.durationMs),
        outputTail: lastLines(result.output),
    };
    return { report, details };
}
/** How to make a runner's command available. */
function startHint(runner) {
    switch (runner.type) {
        case 'pytest':
            return 'add pytest to the pack\'s requirements.txt so the environment step installs it, or install pytest where packreg runs';
        case 'unittest':
            return 'install python3 where packreg runs (or let the environment step create the pack\'s venv)';
        case 'script':
            return 'the script runners need /bin/sh and /bin/bash';
    }
}
function logResult(report, result, logger) {
    const seconds = (result.durationMs / 1000).toFixed(1);
    logger.info(`tests: runner ${report.name}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped ` +
        `(counted by ${report.countedBy}, exit code ${report.exitCode}, ${seconds}s)`);
    // the report carries the errors; the output is for whoever reads the log
    if (report.failed > 0 && report.outputTail)
        logger.info(`tests: runner ${report.name} output (last lines):\n${report.outputTail}`);
}
function lastLines(text, count) {
    return text.replace(/\n+$/, '').split('\n').slice(-20).join('\n');
}

/** Where a pack is installed. */
function installedPath(packsDir, ref) {
    return join(packsDir, ref);
}
/** An InputError for a ref that is installed when `--force` was not given. */
function alreadyInstalledError(path, version) {
    const which = version ? ` (version ${version})` : '';
    return new InputError(`${path} is already installed${which}; pass --force to replace it, or remove it first`);
}
/**
 * Move a staged pack to `<packsDir>/<ref>` with its metadata.json. The pack appears whole or
 * not at all: it is renamed into place; a replaced pack is first renamed aside and only
 * removed once the new one is in place, and renamed back if that fails.
 */
async function registerPack(r, logger) {
    const target = installedPath(r.packsDir, r.metadata.pack_ref);
    const existing = await stat(target).catch(() => undefined);
    if (existing && !r.force)
        throw alreadyInstalledError(target, undefined);
    // A venv records its own path: point it at where it will live before it moves there.
    if (r.venvDir)
        await relocateVenv(r.venvDir, r.venvDir, join(target, '.venv'));
    await writeTextAtomic(join(r.staged, METADATA_FILE), `${JSON.stringify(r.metadata, null, 2)}\n`, 'installation metadata');
    if (!existing) {
        await rename(r.staged, target).catch((error) => {
            const code = error.code;
            if (code === 'ENOTEMPTY' || code === 'EEXIST')
                throw alreadyInstalledError(target, undefined);
            throw fsInputError(error, 'packs folder', r.packsDir);
        });
        return target;
    }
    await replace(target, r.staged, r.packsDir, logger);
    return target;
}
async function replace(target, staged, packsDir, logger) {
    const aside = join(packsDir, `.packreg-replaced-${randomBytes(6).toString('hex')}`);
    await rename(target, aside).catch((error) => {
        throw fsInputError(error, 'installed pack', target);
    });
    try {
        await rename(staged, target);
    }
    catch (error) {
        await rename(aside, target);
        throw fsInputError(error, 'packs folder', packsDir);
    }
    logger.info(`replaced the previously installed ${target}`);
    await rm(aside, { recursive: true, force: true });
}

/**
 * Environment artifacts a local pack folder may hold: install rebuilds them, so copying them
 * would only be slow (and a venv does not survive a move anyway).
 */
const LOCAL_ONLY = ['.venv/', 'node_modules/'];
/**
 * Bring the pack tree to `into` (which must not exist): fetched and verified for registry
 * refs, URLs and archives, copied for a local folder. A folder is copied as it would be
 * published (its `.packignore` applies, `.git` never comes along) and the checksum recorded
 * is the framed checksum of exactly the files copied. Its pack.yaml is not read here, so
 * that validation can report every problem with its line.
 */
async function stagePack(settings, into, deps) {
    const spec = parseInstallSpec(settings.spec, { cwd: settings.cwd, gitRef: settings.gitRef, noRegistry: settings.noRegistry, registryOnly: settings.registryOnly });
    if (spec.kind !== 'directory')
        return fetchPack({ ...settings, out: into }, deps);
    const source = await openPackSource({ packDir: spec.path, noGit: true }, deps.git, deps.logger);
    const digest = await copyTree(await source.tree({ packignore: true, patterns: LOCAL_ONLY }), into);
    deps.logger.info(`copied ${digest.files} files of ${spec.path} to the staging folder`);
    return { dir: into, from: 'directory', shadowed: [], source: { type: 'directory', url: spec.path }, checksum: `sha256:${digest.hex}`, fallbacks: [] };
}
/** Write every file of `tree` under `into`, keeping the executable bit; hash as it goes. */
async function copyTree(tree, into) {
    const hasher = new FramedHasher();
    await mkdir(into, { recursive: false });
    for await (const file of tree.files()) {
        const target = join(into, ...file.path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        hasher.begin(file);
        await pipeline(async function* () {
            for await (const chunk of file.content()) {
                hasher.update(chunk);
                yield chunk;
            }
        }, createWriteStream(target, { flags: 'wx' }));
        if (file.executable)
            await chmod(target, 0o755);
    }
    const digest = hasher.digest();
    return { hex: digest.hex, files: digest.files };
}

/**
 * `--with-deps`: resolve each missing pack dependency from the registries and install it
 * (and, first, what it depends on). A ref already being installed further up the chain is a
 * cycle: reported with the whole chain, and nothing of it is installed.
 */
async function installMissingDependencies(missing, target, settings, context, install) {
    const reports = [];
    for (const pack of missing) {
        if (context.chain.includes(pack.ref)) {
            const cycle = [...context.chain.slice(context.chain.indexOf(pack.ref)), pack.ref].join(' -> ');
            return { reports, error: { level: 'error', message: `dependency cycle: ${cycle}; packs cannot depend on each other in a circle, remove one of these dependencies` } };
        }
        const report = await install(dependencySettings(pack, target, settings), { chain: context.chain, lookupDirs: target.lookupDirs });
        reports.push(report);
        if (!report.passed) {
            return { reports, error: { level: 'error', message: `pack dependency ${pack.ref}@${pack.range} could not be installed: ${report.error ?? 'it failed'}` } };
        }
    }
    return { reports };
}
/** The same install, for one dependency, from the registries only, into the target folder. */
function dependencySettings(pack, target, settings) {
    return {
        ...settings,
        spec: pack.range === '*' ? pack.ref : `${pack.ref}@${pack.range}`,
        gitRef: undefined,
        noRegistry: false,
        registryOnly: true,
        allowUnverified: false,
        packsDir: target.packsDir,
        dryRun: false,
        // A wrong version installed is replaced only when the user allowed replacing.
        force: settings.force && pack.installed !== undefined,
    };
}

/**
 * Install a pack the way Attune's installer does (fetch and validate, check dependencies,
 * set up its environment, run its tests, register it), or, with `dryRun`, do all of that in
 * a temporary folder and register nothing. Failures are reported in the result, step by
 * step, with the exit code they map to; nothing is left behind in the packs folder unless
 * the install succeeded.
 */
async function installPack(settings, deps) {
    return installOne(settings, deps, { chain: [], lookupDirs: [resolve(settings.cwd, settings.packsDir)] });
}
/** One install; {@link installMissingDependencies} calls back here for each dependency. */
async function installOne(settings, deps, context) {
    const run = new InstallRun(settings, deps, context);
    return run.execute();
}
/** Collects the steps of one install as they run. */
class InstallRun {
    settings;
    deps;
    context;
    steps = [];
    processes = [];
    dependencies = [];
    packsDir;
    failure;
    fetched;
    staged;
    manifest;
    tests;
    venvDir;
    installedTo;
    work = '';
    constructor(settings, deps, context) {
        this.settings = settings;
        this.deps = deps;
        this.context = context;
        this.packsDir = resolve(settings.cwd, settings.packsDir);
    }
    async execute() {
        try {
            this.work = await this.makeWorkDir();
            await this.step('fetch', () => this.fetch());
            await this.step('dependencies', () => this.checkDependencies());
            await this.step('environment', () => this.environment());
            await this.step('tests', () => this.runTests());
            await this.step('registration', () => this.register());
        }
        catch (error) {
            // Only the work folder could not be made: nothing ran.
            this.fail(error);
        }
        finally {
            await this.cleanup();
        }
        return this.report();
    }
    /** The staging folder: in the packs folder (so registration is one rename), or a temp one for a dry run. */
    async makeWorkDir() {
        const parent = this.settings.dryRun ? this.settings.tempDir : this.packsDir;
        await mkdir(parent, { recursive: true });
        return mkdtemp(join(parent, this.settings.dryRun ? 'packreg-verify-' : '.packreg-install-'));
    }
    /** Run one step unless an earlier one failed; a thrown packreg error fails it with its exit code. */
    async step(name, body) {
        const started = performance.now();
        if (this.failure) {
            this.steps.push(stepReport(name, 'skipped', started, [{ level: 'info', message: 'not run: an earlier step failed' }]));
            return;
        }
        if (this.settings.signal?.aborted) {
            this.failure = { message: 'interrupted (SIGINT or SIGTERM); nothing was registered', exitCode: ExitCode.Interrupted };
            this.steps.push(stepReport(name, 'failed', started, [{ level: 'error', message: this.failure.message }]));
            return;
        }
        try {
            const outcome = await body();
            this.processes.push(...(outcome.processes ?? []));
            this.steps.push(stepReport(name, outcome.status, started, outcome.details));
            if (outcome.status === 'failed')
                this.failStep(name, outcome.details);
        }
        catch (error) {
            if (!(error instanceof PackregError))
                throw error;
            this.steps.push(stepReport(name, 'failed', started, [{ level: 'error', message: error.message }]));
            this.fail(error);
        }
    }
    failStep(name, details) {
        const first = details.find((d) => d.level === 'error')?.message ?? `${name} failed`;
        const interrupted = this.settings.signal?.aborted ?? false;
        // A pip or npm failure is a tool failing; dependency and test failures are checks that failed.
        const exitCode = interrupted ? ExitCode.Interrupted : name === 'environment' ? ExitCode.Remote : ExitCode.CheckFailed;
        this.failure = { message: `${name}: ${first}`, exitCode };
    }
    fail(error) {
        if (!(error instanceof PackregError))
            throw error;
        this.failure ??= { message: error.message, exitCode: exitCodeOf(error) };
    }
    async fetch() {
        const { settings, deps } = this;
        const staged = await stagePack(settings, join(this.work, 'pack'), deps);
        this.staged = staged;
        // The problems travel in the step's details (with the pack-relative file); logging them
        // here too would name the staging copy, a path that is gone once the install ends.
        const validation = await validatePack(staged.dir, debugOnly(deps.logger));
        const details = [
            ...validation.errors.map((p) => problemDetail('error', p)),
            ...validation.warnings.map((p) => problemDetail('warning', p)),
        ];
        const manifest = validation.manifest;
        if (!manifest)
            return { status: 'failed', details };
        const fetched = { ...staged, ref: staged.ref ?? manifest.ref, version: staged.version ?? manifest.version };
        this.fetched = fetched;
        this.manifest = manifest;
        details.unshift({ level: 'info', message: `${fetched.ref}@${fetched.version} from ${describeSource(fetched)}` }, { level: 'info', message: checksumNote(fetched) }, ...fetched.fallbacks.map((message) => ({ level: 'warning', message })));
        this.installedTo = installedPath(this.packsDir, fetched.ref);
        await this.checkNotInstalled(details);
        return { status: statusOf(details), details };
    }
    /** Fail early (before any slow step) when the ref is installed and --force was not given. */
    async checkNotInstalled(details) {
        const target = this.installedTo;
        if (this.settings.force || !(await stat(target).catch(() => undefined)))
            return;
        const error = alreadyInstalledError(target, await installedVersion(this.packsDir, this.fetched.ref).catch(() => undefined));
        if (this.settings.dryRun)
            details.push({ level: 'warning', message: `a real install would fail: ${error.message}` });
        else
            throw error;
    }
    async checkDependencies() {
        if (this.settings.skipDeps)
            return { status: 'skipped', details: [{ level: 'info', message: 'skipped: --skip-deps' }] };
        const check = () => checkDependencies({
            manifest: this.manifest,
            attuneVersion: this.settings.attuneVersion,
            installed: (ref) => this.installedAnywhere(ref),
            env: cleanEnvironment(this.settings.callerEnv, 'tests'),
            signal: this.settings.signal,
        }, this.deps);
        const first = await check();
        if (first.missingPacks.length === 0 || !this.settings.withDeps)
            return first;
        const context = { chain: [...this.context.chain, this.fetched.ref], lookupDirs: this.context.lookupDirs };
        const install = (settings, inner) => installOne(settings, this.deps, inner);
        const installs = await installMissingDependencies(first.missingPacks, this.dependencyTarget(), this.settings, context, install);
        this.dependencies.push(...installs.reports);
        if (installs.error)
            return { status: 'failed', details: [...first.details.filter((d) => d.level !== 'error'), installs.error], processes: first.processes };
        const second = await check();
        return { ...second, processes: [...first.processes, ...second.processes] };
    }
    /** Where --with-deps installs dependencies: the packs folder, or a private one in a dry run. */
    dependencyTarget() {
        if (!this.settings.dryRun)
            return { packsDir: this.packsDir, lookupDirs: [...this.context.lookupDirs] };
        const packsDir = join(this.work, 'dependencies');
        return { packsDir, lookupDirs: [packsDir, ...this.context.lookupDirs] };
    }
    async installedAnywhere(ref) {
        const extra = this.settings.dryRun ? [join(this.work, 'dependencies')] : [];
        for (const dir of [...extra, ...this.context.lookupDirs]) {
            const version = await installedVersion(dir, ref);
            if (version !== undefined)
                return version;
        }
        return undefined;
    }
    async environment() {
        const fetched = this.fetched;
        const reuseFrom = [this.installedTo, ...(fetched.from === 'directory' && fetched.source ? [fetched.source.url] : [])];
        const outcome = await setUpEnvironment({ packDir: fetched.dir, manifest: this.manifest, callerEnv: withAbsolutePipPaths(this.settings.callerEnv, this.settings.cwd), reuseFrom, venvCache: this.settings.venvCache === undefined ? undefined : resolve(this.settings.cwd, this.settings.venvCache), signal: this.settings.signal, setupTimeoutSeconds: this.settings.setupTimeoutSeconds }, this.deps);
        this.venvDir = outcome.venvDir;
        return outcome;
    }
    async runTests() {
        if (this.settings.skipTests)
            return { status: 'skipped', details: [{ level: 'info', message: 'skipped: --skip-tests (the pack was not tested)' }] };
        const fetched = this.fetched;
        const tmp = join(this.work, 'tmp');
        await mkdir(tmp);
        const env = cleanEnvironment(this.settings.callerEnv, 'tests', {
            TMPDIR: tmp,
            ATTUNE_PACK_REF: fetched.ref,
            ATTUNE_PACK_VERSION: fetched.version,
            ATTUNE_PACK_DIR: fetched.dir,
        });
        const outcome = await runPackTests({ packDir: fetched.dir, testing: this.manifest.testing, venvDir: this.venvDir, env, signal: this.settings.signal }, this.deps);
        this.tests = outcome.tests;
        return outcome;
    }
    async register() {
        if (this.settings.dryRun)
            return { status: 'skipped', details: [{ level: 'info', message: `dry run: nothing registered (a real install goes to ${this.installedTo})` }] };
        const fetched = this.fetched;
        const now = this.settings.now?.() ?? new Date();
        const source = fetched.source ?? { type: fetched.from, url: this.settings.spec };
        const target = await registerPack({
            packsDir: this.packsDir,
            staged: fetched.dir,
            force: this.settings.force,
            venvDir: this.venvDir,
            metadata: {
                pack_ref: fetched.ref,
                version: fetched.version,
                installed_at: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
                installed_from: { type: source.type, url: source.url, ...(source.ref ? { ref: source.ref } : {}) },
                checksum: fetched.checksum ?? null,
                registry: fetched.registry ?? null,
            },
        }, this.deps.logger);
        return { status: 'passed', details: [{ level: 'info', message: `installed to ${target}` }] };
    }
    /** Remove the work folder whatever happened; a dry run leaves nothing at all. */
    async cleanup() {
        const started = performance.now();
        if (!this.work)
            return;
        try {
            await rm(this.work, { recursive: true, force: true, maxRetries: 3 });
            this.steps.push(stepReport('cleanup', 'passed', started, [{ level: 'info', message: 'temporary files removed' }]));
        }
        catch (error) {
            this.steps.push(stepReport('cleanup', 'warned', started, [{ level: 'warning', message: `could not remove ${this.work}: ${messageOf(error)}` }]));
        }
    }
    report() {
        const fetched = this.fetched ?? this.staged;
        return {
            spec: this.settings.spec,
            ref: fetched?.ref,
            version: fetched?.version,
            passed: !this.failure,
            exitCode: this.failure?.exitCode ?? ExitCode.Ok,
            dryRun: this.settings.dryRun,
            installedTo: this.installedTo,
            registry: fetched?.registry,
            shadowed: fetched?.shadowed ?? [],
            source: fetched?.source,
            checksum: fetched?.checksum,
            fallbacks: fetched?.fallbacks ?? [],
            // in workflow order: execute() runs them in that order and cleanup comes last
            steps: this.steps,
            tests: this.tests,
            processes: this.processes,
            dependencies: this.dependencies,
            error: this.failure?.message,
        };
    }
}
/** A validation problem as a step detail, keeping its file and line for annotations. */
function problemDetail(level, p) {
    const file = p.file ?? 'pack.yaml';
    return { level, message: formatProblem(file, p), file, line: p.line };
}
/** What the checksum means: verified against a registry entry, or computed over a local copy. */
function checksumNote(fetched) {
    if (!fetched.checksum)
        return 'no checksum to verify (an explicitly unverified source)';
    return fetched.from === 'directory' ? `checksum ${fetched.checksum} of the files copied (a local folder has no registry checksum)` : `checksum ${fetched.checksum} verified`;
}
function describeSource(fetched) {
    if (fetched.registry)
        return `registry "${fetched.registry}" (${fetched.source?.type ?? 'entry'} ${fetched.source?.url ?? ''})`.trim();
    return fetched.source ? `${fetched.source.type} ${fetched.source.url}` : fetched.from;
}

export { installOne, installPack };
