/**
 * Step 4 of the installation workflow, "Check Dependencies": the Attune version, the
 * runtimes in `runtime_deps` and their version ranges, and the packs the pack needs.
 */
import semver from 'semver';
import { UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PackManifest } from '../pack/index.js';
import type { CommandResult, CommandRunner } from '../process/command.js';
import { parsePackRequirement } from './pack-requirement.js';
import { statusOf, type ProcessRecord, type StepDetail, type StepStatus } from './report.js';

/** What the dependencies step checks, and against what. */
export interface DependencySettings {
  readonly manifest: PackManifest;
  /** `--attune-version`; without it `dependencies.attune_version` is reported as not checked. */
  readonly attuneVersion?: string;
  /** The installed version of a pack in the packs directory, undefined when it is not there. */
  readonly installed: (ref: string) => Promise<string | undefined>;
  /** The whole environment of `python3 --version` and `node --version` (PATH decides which one runs). */
  readonly env: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** A pack dependency that is absent (`installed` undefined) or installed at a version outside `range`. */
export interface MissingPack {
  ref: string;
  range: string;
  installed?: string;
}

export interface DependencyOutcome {
  status: StepStatus;
  details: StepDetail[];
  processes: ProcessRecord[];
  /** For `--with-deps`: the packs to install before this one. */
  missingPacks: MissingPack[];
}

type Tool = 'python' | 'node' | 'shell';

interface ToolSpec {
  readonly command: string;
  /** Fixed arguments: nothing from the pack reaches a command line. */
  readonly args: readonly string[];
  readonly label: string;
  readonly fix: string;
  /** Where the version is in the output; absent when only "does it run" matters. */
  readonly version?: RegExp;
  readonly rangeField?: 'python_version' | 'nodejs_version';
}

const TOOLS: Record<Tool, ToolSpec> = {
  // Python 2 printed its version to stderr: the runner's output holds both streams.
  python: { command: 'python3', args: ['--version'], label: 'Python', fix: 'install Python 3 or put python3 on the PATH packreg runs with', version: /Python\s+(\d+\.\d+(?:\.\d+)?)/, rangeField: 'python_version' },
  node: { command: 'node', args: ['--version'], label: 'Node.js', fix: 'install Node.js or put node on the PATH packreg runs with', version: /^v?(\d+\.\d+\.\d+)/m, rangeField: 'nodejs_version' },
  shell: { command: '/bin/sh', args: ['-c', 'exit 0'], label: 'a POSIX shell', fix: 'install a POSIX shell as /bin/sh' },
};

/** runtime_deps names packreg knows how to check (compared in lower case). */
const RUNTIMES: Record<string, Tool> = { python: 'python', python3: 'python', nodejs: 'node', node: 'node', shell: 'shell' };

const PROBE_TIMEOUT_MS = 30_000;
const MANIFEST = 'pack.yaml';
/** Installed versions are facts, not candidates: a 1.1.0-rc.1 Attune does satisfy ">=1.0.0". */
const CHECK = { includePrerelease: true };

/**
 * Check a pack's dependencies. Problems become details (errors fail the step, an unknown
 * runtime only warns); `missingPacks` lists the pack dependencies to install with --with-deps.
 * An unreadable packs directory entry is thrown by `installed` as it comes.
 */
export async function checkDependencies(settings: DependencySettings, deps: { runner: CommandRunner; logger: Logger }): Promise<DependencyOutcome> {
  const { manifest } = settings;
  const declared = manifest.dependencies ?? {};
  if (nothingDeclared(manifest)) {
    return { status: 'passed', details: [{ level: 'info', message: 'no dependencies declared' }], processes: [], missingPacks: [] };
  }
  const details: StepDetail[] = attuneDetails(declared.attune_version, settings.attuneVersion);
  const needs = toolNeeds(manifest, details);
  const processes: ProcessRecord[] = [];
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

function nothingDeclared(manifest: PackManifest): boolean {
  const d = manifest.dependencies ?? {};
  return manifest.runtimeDeps.length === 0 && d.attune_version === undefined && d.python_version === undefined && d.nodejs_version === undefined && (d.packs ?? []).length === 0;
}

function attuneDetails(range: string | undefined, version: string | undefined): StepDetail[] {
  if (range === undefined) return [];
  const field = `dependencies.attune_version ${JSON.stringify(range)}`;
  if (semver.validRange(range) === null) return [error(`pack.yaml ${field} is not a semver range; write it like ">=0.1.0" or "^1.0.0"`)];
  if (version === undefined) return [{ level: 'info', message: `${field} not checked: pass --attune-version to check it` }];
  if (semver.valid(version) === null) return [{ level: 'error', message: `--attune-version ${JSON.stringify(version)} is not a semantic version; pass the Attune version like 0.2.0` }];
  if (!semver.satisfies(version, range, CHECK)) {
    return [error(`pack.yaml dependencies.attune_version requires Attune ${JSON.stringify(range)} but --attune-version is ${version}; install on a matching Attune or use a version of the pack made for Attune ${version}`)];
  }
  return [{ level: 'info', message: `Attune ${version} satisfies ${field}` }];
}

/** Which tools to run and why (for messages); unknown runtimes become warnings in `details`. */
function toolNeeds(manifest: PackManifest, details: StepDetail[]): Map<Tool, string[]> {
  const needs = new Map<Tool, string[]>();
  const need = (tool: Tool, reason: string): void => void needs.set(tool, [...(needs.get(tool) ?? []), reason]);
  for (const name of manifest.runtimeDeps) {
    const tool = RUNTIMES[name.toLowerCase()];
    if (tool) need(tool, `runtime_deps ${JSON.stringify(name)}`);
    else details.push({ level: 'warning', message: `unknown runtime dependency ${JSON.stringify(name)}: packreg cannot check it (it knows python3, nodejs and shell)`, file: MANIFEST });
  }
  // A version range is checked even when runtime_deps forgot the runtime it is about.
  if (manifest.dependencies?.python_version !== undefined) need('python', 'dependencies.python_version');
  if (manifest.dependencies?.nodejs_version !== undefined) need('node', 'dependencies.nodejs_version');
  return needs;
}

function probe(tool: Tool, settings: DependencySettings, deps: { runner: CommandRunner; logger: Logger }): Promise<CommandResult> {
  const spec = TOOLS[tool];
  deps.logger.debug(`dependencies: running ${[spec.command, ...spec.args].join(' ')}`);
  // cwd "/": the probes read no files, and it exists wherever packreg runs.
  return deps.runner.run(spec.command, spec.args, { cwd: '/', env: settings.env, timeoutMs: PROBE_TIMEOUT_MS, signal: settings.signal, maxOutputBytes: 64 * 1024 });
}

/** What one tool's run says about the pack's needs for it. */
function toolDetails(spec: ToolSpec, reasons: string[], result: CommandResult, range: string | undefined): StepDetail[] {
  const commandLine = spec.command === '/bin/sh' ? '/bin/sh' : `${spec.command} ${spec.args.join(' ')}`;
  const why = reasons.join(' and ');
  if (result.notStarted) return [error(`${spec.command} is required by ${why} but could not be run (${result.notStarted}); ${spec.fix}`)];
  if (result.aborted) return [error(`${commandLine} was stopped because packreg was interrupted`)];
  if (result.timedOut) return [error(`${commandLine} did not finish within ${PROBE_TIMEOUT_MS / 1000}s; check the ${spec.label} installation on PATH`)];
  if (result.code !== 0) return [error(`${commandLine} exited with code ${result.code} (${tail(result.output)}); ${spec.fix}`)];
  if (!spec.version) return [{ level: 'info', message: `${commandLine} runs (${why})` }];
  const found = spec.version.exec(result.output)?.[1];
  const version = found === undefined ? null : semver.coerce(found);
  if (!version) return [error(`cannot read the ${spec.label} version from the output of ${commandLine}: ${JSON.stringify(tail(result.output))}; ${spec.fix}`)];
  if (range === undefined) return [{ level: 'info', message: `${spec.label} ${found} found (${why})` }];
  return [rangeDetail(spec, found!, version.version, range)];
}

function rangeDetail(spec: ToolSpec, found: string, version: string, range: string): StepDetail {
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
export function toSemverRange(text: string): string | undefined {
  const trimmed = text.trim();
  const range = /,|~=|==|!=/.test(trimmed) ? pep440Range(trimmed) : trimmed;
  return range !== undefined && range !== '' && semver.validRange(range) !== null ? range : undefined;
}

function pep440Range(text: string): string | undefined {
  const clauses = text.split(',').map(pep440Clause);
  return clauses.every((c) => c !== undefined) ? clauses.join(' ') : undefined;
}

/** One PEP 440 clause as semver comparators; `!=` and `===` have no semver form. */
function pep440Clause(clause: string): string | undefined {
  const m = /^(~=|==|>=|<=|>|<)\s*(\d+(?:\.\d+){0,2})(\.\*)?$/.exec(clause.trim());
  if (!m) return undefined;
  const [, op, written, star] = m as unknown as [string, string, string, string | undefined];
  const parts = written.split('.').map(Number);
  if (op === '~=') {
    // "~=3.9" is ">=3.9, ==3.*": the last component may grow, the ones before it are fixed.
    if (star || parts.length < 2) return undefined;
    return `>=${padded(parts)} <${padded(bumpLast(parts.slice(0, -1)))}`;
  }
  if (star) return op === '==' ? `>=${padded(parts)} <${padded(bumpLast(parts))}` : undefined;
  // PEP 440 pads with zeros: "==3.11" is exactly 3.11.0, "<=3.11" excludes 3.11.1.
  return `${op === '==' ? '=' : op}${padded(parts)}`;
}

function padded(parts: number[]): string {
  return [...parts, 0, 0, 0].slice(0, 3).join('.');
}

function bumpLast(parts: number[]): number[] {
  return [...parts.slice(0, -1), parts.at(-1)! + 1];
}

/** Check each `dependencies.packs` entry against the packs directory. */
async function checkPacks(entries: readonly string[], installed: DependencySettings['installed'], details: StepDetail[]): Promise<MissingPack[]> {
  const missing: MissingPack[] = [];
  for (const text of entries) {
    let requirement;
    try {
      requirement = parsePackRequirement(text);
    } catch (e) {
      // Reported with the rest, so one run shows every problem in pack.yaml.
      if (!(e instanceof UsageError)) throw e;
      details.push(error(e.message));
      continue;
    }
    const { ref, range } = requirement;
    const version = await installed(ref);
    if (version === undefined) {
      missing.push({ ref, range });
      details.push(error(`pack dependency ${ref} is not installed in the packs directory (pack.yaml dependencies.packs requires ${JSON.stringify(text)}); install it first or pass --with-deps`));
    } else if (!semver.satisfies(version, range, CHECK)) {
      missing.push({ ref, range, installed: version });
      details.push(error(`pack dependency ${ref} must be ${JSON.stringify(range)} (pack.yaml dependencies.packs) but version ${version} is installed; install a matching version first, or pass --with-deps --force to replace it`));
    } else {
      details.push({ level: 'info', message: `pack dependency ${ref} ${version} satisfies ${JSON.stringify(range)}` });
    }
  }
  return missing;
}

function error(message: string): StepDetail {
  return { level: 'error', message, file: MANIFEST };
}

/** The last few hundred characters of output, on one line, for a message. */
function tail(output: string): string {
  const text = output.trim().replace(/\s+/g, ' ');
  return text.length > 300 ? `...${text.slice(-300)}` : text;
}
