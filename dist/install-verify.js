import { tmpdir } from 'node:os';
import { join, resolve, posix } from 'node:path';
import { r as runAction, c as InstallVerify, d as setFailed, e as error, w as warning } from './chunks/run-action.js';
import { p as pullRequestBase } from './chunks/github-context.js';
import { loadRegistryConfig } from './chunks/registry-commands.js';
import { E as ExitCode, U as UsageError } from './chunks/errors.js';
import { nodeHttpClient } from './chunks/node-http-client.js';
import { p as parseSetupTimeout } from './chunks/settings.js';
import { readFile } from 'node:fs/promises';
import { d as distExports } from './chunks/index2.js';
import { c as changedPacks } from './chunks/changed-packs.js';
import { installPack } from './chunks/install.js';
import { nodeCommandRunner } from './chunks/command.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'http';
import 'https';
import './chunks/index4.js';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:util';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
import './chunks/_commonjsHelpers.js';
import 'node:tls';
import 'node:zlib';
import 'node:perf_hooks';
import 'node:util/types';
import 'node:worker_threads';
import 'node:url';
import 'node:async_hooks';
import 'node:console';
import 'node:dns';
import 'string_decoder';
import 'child_process';
import 'timers';
import './chunks/deps.js';
import './chunks/byte-reader.js';
import './chunks/runner.js';
import 'node:child_process';
import './chunks/atomic-file.js';
import 'node:crypto';
import 'node:fs';
import './chunks/github-api.js';
import './chunks/octokit-api.js';
import './chunks/problem.js';
import './chunks/resolve.js';
import './chunks/index.js';
import './chunks/versions.js';
import 'node:https';
import 'node:timers/promises';
import './chunks/work-pool.js';
import './chunks/http-errors.js';
import 'process';
import 'buffer';
import './chunks/logger.js';
import './chunks/validate.js';
import './chunks/fs-tree.js';
import './chunks/packignore.js';
import './chunks/index3.js';
import './chunks/pack-files.js';
import './chunks/runtime.js';
import './chunks/yaml-source.js';
import './chunks/manifest.js';
import './chunks/algorithms.js';
import 'node:stream/promises';
import './chunks/git-tree.js';
import './chunks/fetch.js';
import './chunks/build.js';
import './chunks/pack-source.js';
import './chunks/file-digest.js';
import './chunks/registry-sources.js';
import './chunks/history.js';
import './chunks/canonical-json.js';
import './chunks/json-text.js';
import './chunks/index-rules.js';

const ICONS = { passed: '✅', warned: '⚠️', failed: '❌', skipped: '⏭️' };
/** Escape a value for one markdown table cell. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
/** The job summary of install-verify: per pack, a table of steps, then one of test runners. */
function verifyMarkdown(result, listOnly) {
    const title = `### packreg install-verify: ${listOnly ? 'packs to verify' : result.passed ? 'passed' : 'failed'}`;
    if (listOnly || result.packs.length === 0) {
        const rows = result.matrix.include.map((e) => `| ${cell(e.pack)} | \`${cell(e.path)}\` |`);
        return [title, '', rows.length === 0 ? 'No pack to verify.' : ['| pack | path |', '|---|---|', ...rows].join('\n'), ''].join('\n');
    }
    return [title, '', ...result.packs.flatMap((report) => packSection(report)), ''].join('\n');
}
function packSection(report) {
    const name = report.ref ? `${report.ref} ${report.version}` : report.spec;
    const verdict = report.passed ? (report.dryRun ? 'verified (dry run)' : `installed to \`${report.installedTo}\``) : `**failed**: ${cell(report.error ?? '')}`;
    const steps = report.steps.map((s) => `| ${s.name} | ${ICONS[s.status]} ${s.status} | ${(s.durationMs / 1000).toFixed(2)} s | ${cell(notable(s.details))} |`);
    const section = [`#### ${cell(name)}: ${verdict}`, '', '| step | status | time | details |', '|---|---|---|---|', ...steps, ''];
    if (report.tests && report.tests.runners.length > 0)
        section.push(...runnerTable(report.tests.runners), '');
    return [...report.dependencies.flatMap(packSection), ...section];
}
/** Warnings and errors first; info only when there is nothing else to say. */
function notable(details) {
    const important = details.filter((d) => d.level !== 'info');
    return (important.length > 0 ? important : details.slice(0, 2)).map((d) => d.message).join('\n');
}
function runnerTable(runners) {
    const rows = runners.map((r) => `| ${cell(r.name)} | ${r.type} \`${cell(r.entryPoint)}\` | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.timedOut ? 'timed out' : r.exitCode} | ${(r.durationMs / 1000).toFixed(2)} s |`);
    return ['| runner | command | passed | failed | skipped | exit | time |', '|---|---|---|---|---|---|---|', ...rows];
}

/**
 * Install (by default: verify, as a dry run) each pack in turn and collect the results. A
 * failing pack does not stop the others: a pull request gets every pack's verdict at once.
 */
async function verifyPacks(settings, deps) {
    const targets = settings.changed ? (await changedPacks(settings.changed, deps.git)).map((p) => p.path) : [...settings.specs];
    const matrix = { include: await Promise.all(targets.map((path) => matrixEntry(path, settings.install.cwd))) };
    if (targets.length === 0)
        deps.logger.info(settings.changed ? `no pack changed since ${settings.changed.base}` : 'no pack to verify');
    const packs = [];
    if (!settings.listOnly) {
        for (const spec of targets)
            packs.push(await installPack({ ...settings.install, spec }, deps));
    }
    const failed = packs.find((p) => !p.passed);
    return { passed: !failed, exitCode: failed?.exitCode ?? ExitCode.Ok, matrix, packs, paths: targets };
}
/** A matrix entry: the ref from the folder's pack.yaml when it is a folder that has one. */
async function matrixEntry(path, cwd) {
    for (const name of ['pack.yaml', 'pack.yml']) {
        const text = await readFile(join(resolve(cwd, path), name), 'utf8').catch(() => undefined);
        if (text === undefined)
            continue;
        const ref = parseQuietly(text)?.ref;
        return { pack: typeof ref === 'string' ? ref : path, path };
    }
    return { pack: path, path };
}
function parseQuietly(text) {
    try {
        return distExports.parse(text);
    }
    catch {
        return undefined; // the install reports the broken pack.yaml properly
    }
}

const { inputs: I, outputs: O } = InstallVerify;
await runAction(InstallVerify, async ({ inputs, deps, output, summary, signal }) => {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const changed = inputs.boolean(I.changed, false);
    const specs = inputs.lines(I.spec);
    if (!changed && specs.length === 0)
        throw new UsageError(`input ${I.spec} is empty and ${I.changed} is false: give pack refs or paths (one per line), or set ${I.changed}: true`);
    if (changed && specs.length > 0)
        throw new UsageError(`inputs ${I.spec} and ${I.changed} exclude each other: either list packs, or verify the changed ones`);
    const setupTimeoutSeconds = parseSetupTimeout(inputs.optional(I.setupTimeout), `input ${I.setupTimeout}`);
    // A registry input is the environment form of the config: index URLs in priority order.
    const registry = inputs.optional(I.registry);
    const env = registry ? { ...process.env, ATTUNE__PACK_REGISTRY__INDICES: registry } : process.env;
    const config = await loadRegistryConfig(inputs.optional(I.config), env, workspace, deps.logger);
    const listOnly = inputs.boolean(I.listOnly, false);
    const temp = process.env.RUNNER_TEMP ?? tmpdir();
    const result = await verifyPacks({
        specs,
        changed: changed ? changeBase(workspace, pullRequestBase(inputs.optional(I.baseRef), I.baseRef)) : undefined,
        listOnly,
        install: {
            noRegistry: false,
            allowUnverified: false,
            client: { config, ca: undefined, cacheDir: undefined },
            cwd: workspace,
            packsDir: resolve(workspace, inputs.optional(I.packsDir) ?? join(temp, 'packreg-packs')),
            force: false,
            skipDeps: inputs.boolean(I.skipDeps, false),
            withDeps: inputs.boolean(I.withDeps, false),
            skipTests: inputs.boolean(I.skipTests, false),
            dryRun: inputs.boolean(I.dryRun, true),
            attuneVersion: inputs.optional(I.attuneVersion),
            venvCache: inputs.optional(I.venvCache),
            setupTimeoutSeconds,
            callerEnv: process.env,
            tempDir: temp,
            signal,
        },
    }, { ...deps, http: nodeHttpClient(deps.logger), runner: nodeCommandRunner });
    output(O.matrix, JSON.stringify(result.matrix));
    await summary(verifyMarkdown(result, listOnly));
    // list-only installs nothing, so it has no result to report: only the matrix
    if (listOnly)
        return;
    annotate(result);
    output(O.result, JSON.stringify({ passed: result.passed, packs: result.packs }));
    output(O.passed, result.passed);
    if (!result.passed) {
        const failed = result.packs.filter((p) => !p.passed).map((p) => `${p.ref ?? p.spec}: ${p.error ?? 'failed'}`);
        setFailed(`install-verify: ${failed.join('; ')}`);
        process.exitCode = result.exitCode;
    }
}, { interruptible: true });
/** Changed packs are found by comparing the workspace with `base`. */
function changeBase(workspace, base) {
    return { workspace, base: base.rev, baseName: base.name };
}
/** Errors as annotations, on the file and line when a pack folder in the workspace is known. */
function annotate(result) {
    result.packs.forEach((report, i) => {
        const folder = result.paths[i];
        for (const step of report.steps) {
            for (const detail of step.details) {
                if (detail.level === 'info')
                    continue;
                const where = detail.file && folder && isLocal(report) ? { file: posix.join(folder, detail.file), startLine: detail.line } : {};
                const message = `${report.ref ?? report.spec}: ${step.name}: ${detail.message}`;
                if (detail.level === 'error')
                    error(message, where);
                else
                    warning(message, where);
            }
        }
    });
}
function isLocal(report) {
    return report.source?.type === 'directory';
}
