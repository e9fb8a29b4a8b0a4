import { resolve, posix, relative, isAbsolute, sep } from 'node:path';
import { I as InputError, U as UsageError, P as PackregError, m as messageOf } from './errors.js';
import { p as parseYamlSource, h as hasMappingRoot, t as toPlainData } from './yaml-source.js';
import { s as skippedGate, g as gateCheck, G as GATE_TITLES, a as gateReport } from './report.js';
import { c as changedPacks } from './changed-packs.js';
import { isApiStatus, repoText } from './github-api.js';
import { s as semver } from './index.js';
import { I as INDEX_FORMAT_VERSION, s as sameContent, d as describeDifferences } from './upsert-plan.js';
import { p as parseHistory } from './history.js';
import { s as scanIndex, c as checkScanned, p as packAt } from './index-stream.js';
import { P as PACKS_PREFIX } from './layout.js';
import 'node:fs/promises';
import './index2.js';
import { i as isStrictSemver } from './runtime.js';

/**
 * Read the version from a pack.yaml's text. Only `ref`/`name` and `version` matter here: the
 * rest of the manifest is validate's business, and a manifest broken elsewhere must not
 * hide whether its version went up.
 */
function packVersionOf(text) {
    const source = parseYamlSource(text);
    if (source.errors.length > 0) {
        const first = source.errors[0];
        return { line: first.line, problem: `is not valid YAML (line ${first.line}: ${first.message})` };
    }
    if (!hasMappingRoot(source))
        return { line: 1, problem: 'is not a mapping of keys to values' };
    const { data, problem } = toPlainData(source);
    if (problem)
        return { line: 1, problem: problem.message };
    const raw = data;
    const named = typeof raw.ref === 'string' ? raw.ref : typeof raw.name === 'string' ? raw.name : undefined;
    const ref = named === undefined ? {} : { ref: named };
    const line = source.locate(['version']).line;
    if (typeof raw.version === 'string')
        return { ...ref, version: raw.version, line };
    if (raw.version === undefined || raw.version === null)
        return { ...ref, line: 1, problem: 'has no version; add version: MAJOR.MINOR.PATCH (e.g. version: 1.0.0)' };
    return { ...ref, line, problem: `has version ${JSON.stringify(raw.version)}, which is not a string; write it quoted as MAJOR.MINOR.PATCH (e.g. version: "1.0.0")` };
}

/** Resolve both commits and list the changed paths; a missing commit says how to fetch it. */
async function resolveRange(settings, git) {
    const folder = resolve(settings.top);
    const location = await git.locate(folder);
    if (!location)
        throw new InputError(`${folder} is not a git work tree; check out the repository (actions/checkout with fetch-depth: 0) before checking a pull request`);
    const base = await commitOf(git, location.top, settings.base, settings.baseName ?? 'base');
    const head = await commitOf(git, location.top, settings.head ?? 'HEAD', 'head');
    const paths = new Set(await git.changedPaths(location.top, base, head));
    return { top: location.top, prefix: location.prefix, base, head, paths };
}
async function commitOf(git, top, rev, name) {
    try {
        return await git.resolveCommit(top, rev);
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        // No cause: git's own message names --git-ref (another command's flag), which would mislead here.
        throw new InputError(`${name} "${rev}" names no commit in ${top}; a shallow checkout lacks the base branch: use actions/checkout with fetch-depth: 0 (or fetch the commit) and run again`);
    }
}
/** `path` (relative to the repository top) as seen from the checked folder `prefix`. */
function shownPath(prefix, path) {
    if (prefix === '')
        return path === '' ? '.' : path;
    if (path === prefix)
        return '.';
    return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : path;
}
/** `name` inside the folder `dir` ('' for the top). */
function inFolder(dir, name) {
    return dir === '' ? name : `${dir}/${name}`;
}

/** The changelog files a pack may keep, as StackStorm Exchange accepts them. */
const CHANGELOG_NAMES = ['CHANGES.md', 'CHANGELOG.md'];
/**
 * The changelog gate: a changed pack must also change CHANGES.md or CHANGELOG.md in its own
 * folder (the repository's top for a pack at the top). Deleted packs are not checked.
 */
function changelogGate(changes, range) {
    const kept = changes.filter((c) => c.head);
    if (kept.length === 0)
        return skippedGate('changelog', 'no pack changed');
    return gateCheck('changelog', kept.map((change) => changelogDetail(change, range)));
}
function changelogDetail(change, range) {
    const files = CHANGELOG_NAMES.map((name) => inFolder(change.dir, name));
    const shown = files.map((file) => shownPath(range.prefix, file));
    const pack = packVersionOf(change.head.text).ref ?? shownPath(range.prefix, change.dir);
    const changed = files.findIndex((file) => range.paths.has(file));
    if (changed >= 0)
        return { pack, file: shown[changed], message: `${shown[changed]} changed`, level: 'info' };
    return {
        pack,
        file: shown[0],
        message: `the pack changed but neither ${shown[0]} nor ${shown[1]} did; describe the change in one of them (create ${shown[0]} if the pack has no changelog)`,
        level: 'error',
    };
}

/** The manifest names a pack folder may hold, in the order they are looked for. */
const MANIFEST_NAMES = ['pack.yaml', 'pack.yml'];
/**
 * Every pack folder the pull request changes (found as install-verify finds them, by
 * {@link changedPacks}), plus the folders whose manifest it deletes. The manifests are read
 * from the commits, not the work tree. A warning notes when head is not the checkout, since
 * pack folders are found in the checked-out files.
 */
async function packChanges(range, deps, workspace, baseName) {
    if ((await deps.repoGit.head(range.top)) !== range.head) {
        deps.logger.warning(`head ${range.head} is not the checked-out commit; pack folders are found in the checked-out files, so check out head for exact results`);
    }
    const listed = await changedPacks({ workspace, base: range.base, head: range.head, baseName }, deps.git);
    const dirs = new Set(listed.map((p) => (p.path === '.' ? range.prefix : posix.join(range.prefix, p.path))));
    for (const path of range.paths) {
        if (!MANIFEST_NAMES.includes(posix.basename(path)))
            continue;
        const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
        if (inside(range.prefix, dir))
            dirs.add(dir);
    }
    const changes = [];
    for (const dir of [...dirs].sort()) {
        const head = await manifestAt(deps.repoGit, range.top, range.head, dir);
        const base = await manifestAt(deps.repoGit, range.top, range.base, dir);
        if (head || base)
            changes.push({ dir, head, base });
    }
    return changes;
}
/** Whether `dir` is `prefix` or below it. */
function inside(prefix, dir) {
    return prefix === '' || dir === prefix || dir.startsWith(`${prefix}/`);
}
/** The first manifest name present in `dir` at `rev`. */
async function manifestAt(repoGit, top, rev, dir) {
    for (const name of MANIFEST_NAMES) {
        const file = inFolder(dir, name);
        const bytes = await repoGit.readFile(top, rev, file);
        if (bytes)
            return { file, text: bytes.toString('utf8') };
    }
    return undefined;
}

/** The hidden first line that identifies packreg's pull request comment, so re-runs update it. */
const COMMENT_MARKER = '<!-- packreg:pr-checks -->';
/** Details listed per gate; the rest are counted (a comment holds at most 65536 characters). */
const MAX_DETAILS = 50;
/** The report as markdown, for the job summary. */
function gatesMarkdown(report, context) {
    const heading = report.passed ? '### ✅ packreg: pull request checks passed' : `### ❌ packreg: pull request checks failed (${report.failures} problem${report.failures === 1 ? '' : 's'})`;
    return [
        heading,
        '',
        `Base \`${context.base.slice(0, 12)}\` → head \`${context.head.slice(0, 12)}\``,
        '',
        '| Check | Result |',
        '|---|---|',
        ...report.checks.map((c) => `| ${GATE_TITLES[c.name]} | ${cell(statusText(c))} |`),
        '',
        ...report.checks.filter((c) => c.status !== 'skipped').flatMap(checkSection),
    ].join('\n');
}
/** The report as the pull request comment: the summary behind the marker. */
function commentMarkdown(report, context) {
    return `${COMMENT_MARKER}\n${gatesMarkdown(report, context)}`;
}
function statusText(check) {
    if (check.status === 'skipped')
        return `⏭️ skipped: ${check.details[0]?.message ?? ''}`;
    const errors = check.details.filter((d) => d.level === 'error').length;
    return check.status === 'failed' ? `❌ ${errors} problem${errors === 1 ? '' : 's'}` : '✅ passed';
}
function checkSection(check) {
    // Problems first: with many details, the ones that matter must not be cut off.
    const ordered = [...check.details].sort((a, b) => rank(a) - rank(b));
    const shown = ordered.slice(0, MAX_DETAILS).map(detailLine);
    if (ordered.length > MAX_DETAILS)
        shown.push(`- … and ${ordered.length - MAX_DETAILS} more`);
    return [`#### ${GATE_TITLES[check.name]}`, '', ...shown, ''];
}
const RANK = { error: 0, warning: 1, info: 2 };
const rank = (d) => RANK[d.level];
const ICON = { error: '❌', warning: '⚠️', info: '✅' };
function detailLine(d) {
    const what = [d.pack && `**${escape(d.pack)}**`, d.file && `\`${d.file.replace(/`/g, "'")}\``].filter(Boolean).join(' ');
    return `- ${ICON[d.level]} ${what ? `${what}: ` : ''}${escape(d.message)}`;
}
/**
 * Text from pack files and indices (a pull request's own content) made inert: no HTML, no
 * links or emphasis, no line breaks that end the list item.
 */
function escape(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]]/g, '\\$&')
        .replace(/\r?\n\s*/g, ' ');
}
function cell(text) {
    return escape(text).replace(/\|/g, '\\|');
}

/**
 * Keep one packreg comment on pull request `prNumber`: the comment that starts with
 * {@link COMMENT_MARKER} is updated (only when its body differs), else one is created. The
 * marker is added when `markdown` lacks it. A 403 or 404 (a fork's read-only token, a
 * repository the token cannot see) is a warning and `{ posted: false }`: the checks' result
 * stands. Other API failures throw.
 */
async function upsertPullRequestComment(github, repo, prNumber, markdown, logger) {
    const body = markdown.startsWith(COMMENT_MARKER) ? markdown : `${COMMENT_MARKER}\n${markdown}`;
    try {
        const existing = (await github.listComments(repo, prNumber)).find(isOurs);
        if (existing && normalized(existing.body) === normalized(body)) {
            logger.info(`the pull request comment is up to date: ${existing.url}`);
            return { posted: true, action: 'unchanged', id: existing.id, url: existing.url };
        }
        const comment = existing ? await github.updateComment(repo, existing.id, body) : await github.createComment(repo, prNumber, body);
        logger.info(`${existing ? 'updated' : 'created'} the pull request comment: ${comment.url}`);
        return { posted: true, action: existing ? 'updated' : 'created', id: comment.id, url: comment.url };
    }
    catch (error) {
        if (!isApiStatus(error, 403, 404))
            throw error;
        const reason = `no comment on pull request #${prNumber} in ${repoText(repo)} (${error.message}); a pull request from a fork runs with a read-only token that may not comment: the results are in the job summary`;
        logger.warning(reason);
        return { posted: false, reason };
    }
}
/** packreg's comment starts with the marker; a reply quoting it does not. */
const isOurs = (comment) => comment.body.trimStart().startsWith(COMMENT_MARKER);
/** GitHub may store line ends as CRLF and drop trailing blanks; neither is a change. */
const normalized = (text) => text.replace(/\r\n/g, '\n').trimEnd();

/** `packs/<ref>/index.json` beside the index: every version of one pack. */
function historyFile(files, ref) {
    const dir = posix.dirname(files.index);
    return `${dir === '.' ? '' : `${dir}/`}${PACKS_PREFIX}${ref}/index.json`;
}
/** The ref whose history `path` is, or undefined. */
function historyRef(files, path) {
    const dir = posix.dirname(files.index);
    const below = dir === '.' ? path : path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
    return below === undefined ? undefined : /^packs\/([^/]+)\/index\.json$/.exec(below)?.[1];
}
/**
 * index.json at `rev`. With `strict`, every reason it is not a valid index is an error
 * detail (the head must validate); otherwise what parses is taken as it is (the base branch's
 * index is not this pull request's doing).
 */
async function indexAt(repoGit, top, rev, files, strict) {
    const bytes = await repoGit.readFile(top, rev, files.index);
    const empty = { top: new Map(), scope: 'https' };
    if (!bytes)
        return { exists: false, ...empty, problems: [] };
    const file = files.shown(files.index);
    const problem = (message) => ({ file, message, level: strict ? 'error' : 'warning' });
    let scanned;
    try {
        scanned = scanIndex(bytes, file);
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        return { exists: true, ...empty, problems: [problem(error.message)] };
    }
    const problems = [];
    const version = scanned.header.version;
    if (version !== undefined && version !== INDEX_FORMAT_VERSION)
        problems.push(problem(`is index format version ${JSON.stringify(version)}; packreg reads format "1.0" only`));
    const checked = checkScanned(scanned, files.policy);
    if (strict)
        problems.push(...checked.problems.map((p) => problem(`${p.path || '/'}: ${p.message}`)));
    const entries = new Map();
    for (const slice of scanned.packs ?? []) {
        const entry = entryOf(() => packAt(scanned, slice));
        if (entry)
            entries.set(entry.ref, entry);
    }
    return { exists: true, top: entries, scope: checked.scope, problems };
}
/**
 * The versions in the histories of `refs` at `rev`. With `strict`, an invalid history is an
 * error detail in `problems`; what can still be read of it is used either way.
 */
async function historiesAt(repoGit, top, rev, refs, files, options) {
    const result = { versions: new Map(), unreadable: new Set() };
    for (const ref of refs) {
        const file = historyFile(files, ref);
        const bytes = await repoGit.readFile(top, rev, file);
        if (!bytes)
            continue;
        const entries = historyEntries(bytes.toString('utf8'), ref, files.shown(file), files.policy, options);
        if (!entries)
            result.unreadable.add(ref);
        for (const entry of entries ?? [])
            result.versions.set(versionKey(entry.ref, entry.version), { ref: entry.ref, version: entry.version, entry, file });
    }
    return result;
}
/** A history's entries of `ref`; undefined when it is not JSON. */
function historyEntries(text, ref, shown, policy, options) {
    if (options.strict) {
        try {
            return parseHistory(text, shown, ref, policy, options.scope).versions;
        }
        catch (error) {
            if (!(error instanceof InputError))
                throw error;
            options.problems.push({ pack: ref, file: shown, message: error.message, level: 'error' });
        }
    }
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    const list = value?.versions;
    return (Array.isArray(list) ? list : []).map((item) => entryOf(() => item)).filter((e) => e !== undefined && e.ref === ref);
}
/** `read()` as an entry when it is an object with a string ref and version; undefined otherwise. */
function entryOf(read) {
    try {
        const value = read();
        return value && typeof value === 'object' && typeof value.ref === 'string' && typeof value.version === 'string' ? value : undefined;
    }
    catch (error) {
        if (error instanceof InputError || error instanceof SyntaxError)
            return undefined;
        throw error;
    }
}
/** The key of one released version. */
const versionKey = (ref, version) => `${ref}@${version}`;

/**
 * The registry gate: released versions are immutable. Comparing index.json and the pack
 * histories beside it at base and head, a released ref@version may not change or disappear,
 * no pack may leave index.json or have its listed version go down, and the head index and
 * histories must validate. New versions pass and are listed.
 */
async function registryGate(range, files, repoGit) {
    const head = await indexAt(repoGit, range.top, range.head, files, true);
    const indexShown = files.shown(files.index);
    if (!head.exists) {
        return gateCheck('registry', [{ file: indexShown, message: `${indexShown} does not exist at head ${range.head.slice(0, 12)}; set the index to the path of index.json relative to the checked folder`, level: 'error' }]);
    }
    const base = await indexAt(repoGit, range.top, range.base, files, false);
    const refs = refsToRead(range, files, base, head);
    const problems = [...head.problems, ...base.problems];
    const headHistories = await historiesAt(repoGit, range.top, range.head, refs, files, { strict: true, scope: head.scope, problems });
    const baseHistories = await historiesAt(repoGit, range.top, range.base, refs, files, { strict: false, scope: base.scope, problems: [] });
    const headVersions = withIndex(headHistories.versions, head, files);
    const baseVersions = withIndex(baseHistories.versions, base, files);
    const details = [
        ...problems,
        ...(base.exists ? [] : [{ file: indexShown, message: `${indexShown} is new`, level: 'info' }]),
        ...consistency(head, headHistories.versions, files),
        ...listedChanges(base, head, indexShown),
        ...releasedChanges(baseVersions, headVersions, headHistories.unreadable, files),
    ];
    if (!details.some((d) => d.level !== 'warning'))
        details.push({ file: indexShown, message: 'no released entry changed', level: 'info' });
    return gateCheck('registry', details);
}
/** Refs whose history may differ: histories the pull request touches, and refs whose index entry changed. */
function refsToRead(range, files, base, head) {
    const refs = new Set();
    for (const path of range.paths) {
        const ref = historyRef(files, path);
        if (ref)
            refs.add(ref);
    }
    for (const ref of new Set([...base.top.keys(), ...head.top.keys()])) {
        const a = base.top.get(ref);
        const b = head.top.get(ref);
        if (!a || !b || !equalEntries(a, b))
            refs.add(ref);
    }
    return [...refs].sort();
}
/** Every version known at one commit: the histories, and index.json's entry of refs without one there. */
function withIndex(histories, index, files) {
    const all = new Map(histories);
    for (const [ref, entry] of index.top) {
        const key = versionKey(ref, entry.version);
        if (!all.has(key))
            all.set(key, { ref, version: entry.version, entry, file: files.index });
    }
    return all;
}
/** index.json's entry of a ref must be the same entry its history holds. */
function consistency(head, histories, files) {
    const refsWithHistory = new Set([...histories.values()].map((v) => v.ref));
    const out = [];
    for (const [ref, entry] of head.top) {
        if (!refsWithHistory.has(ref))
            continue;
        const history = files.shown(historyFile(files, ref));
        const kept = histories.get(versionKey(ref, entry.version));
        const pack = versionKey(ref, entry.version);
        if (!kept)
            out.push({ pack, file: history, message: `${ref} ${entry.version} is listed in ${files.shown(files.index)} but missing from ${history}; write both with index-update`, level: 'error' });
        else if (!equalEntries(kept.entry, entry)) {
            out.push({ pack, file: history, message: `${ref} ${entry.version} in ${files.shown(files.index)} differs from its entry in ${history} (${differences(kept.entry, entry)}); write both with index-update`, level: 'error' });
        }
    }
    return out;
}
/** A pack may not leave index.json, and its listed (highest) version may not go down. */
function listedChanges(base, head, indexShown) {
    const out = [];
    for (const [ref, was] of base.top) {
        const now = head.top.get(ref);
        if (!now) {
            out.push({ pack: ref, file: indexShown, message: `${ref} is no longer listed in ${indexShown}; released packs stay in the registry: restore its entry (${was.version})`, level: 'error' });
        }
        else if (semver.valid(was.version) && semver.valid(now.version) && semver.lt(now.version, was.version)) {
            out.push({
                pack: ref,
                file: indexShown,
                message: `${ref}'s version in ${indexShown} went down from ${was.version} to ${now.version}; the index lists each pack's highest version: restore ${was.version}`,
                level: 'error',
            });
        }
    }
    return out;
}
/** Released versions may not change or disappear; new ones are listed. */
function releasedChanges(base, head, unreadable, files) {
    const out = [];
    for (const [key, was] of [...base].sort(([a], [b]) => a.localeCompare(b))) {
        const now = head.get(key);
        if (!now) {
            if (unreadable.has(was.ref))
                continue; // already reported as invalid; its versions are unknown
            out.push({
                pack: key,
                file: files.shown(was.file),
                message: `${was.ref} ${was.version} is released but was removed from ${files.shown(was.file)}; released versions stay so that installs pinned to them keep working: restore it (if the base branch moved on, merge it into this branch first)`,
                level: 'error',
            });
        }
        else if (!equalEntries(was.entry, now.entry)) {
            out.push({
                pack: key,
                file: files.shown(now.file),
                message: `${was.ref} ${was.version} is released; its entry may not change (${differences(was.entry, now.entry)}); publish a new version instead`,
                level: 'error',
            });
        }
    }
    for (const [key, now] of [...head].sort(([a], [b]) => a.localeCompare(b))) {
        if (!base.has(key))
            out.push({ pack: key, file: files.shown(now.file), message: `${now.ref} ${now.version}: new version`, level: 'info' });
    }
    return out;
}
/** Equal content (meta key order aside); entries too malformed to canonicalize compare as JSON. */
function equalEntries(a, b) {
    try {
        return sameContent(a, b);
    }
    catch {
        return JSON.stringify(a) === JSON.stringify(b);
    }
}
/** What differs, in words. */
function differences(published, candidate) {
    try {
        return describeDifferences(published, candidate).join('; ');
    }
    catch {
        return 'the entry differs';
    }
}

/**
 * The version gate, as chart-testing's version-increment check: every changed pack must
 * raise its semver version above the base branch's (build metadata does not count). A new
 * pack passes with any valid version; a deleted one has nothing to check.
 */
function versionGate(changes, prefix) {
    if (changes.length === 0)
        return skippedGate('version', 'no pack changed');
    return gateCheck('version', changes.map((change) => packVersionDetail(change, prefix)));
}
function packVersionDetail(change, prefix) {
    const folder = shownPath(prefix, change.dir);
    if (!change.head)
        return { pack: packName(change.base, folder), file: shownPath(prefix, change.base.file), message: `the pack in ${folder} is deleted; nothing to check`, level: 'info' };
    const file = shownPath(prefix, change.head.file);
    const head = packVersionOf(change.head.text);
    const where = { pack: head.ref ?? folder, file, ...(head.line ? { line: head.line } : {}) };
    if (head.problem || head.version === undefined)
        return { ...where, message: `${file} ${head.problem ?? 'has no version'}`, level: 'error' };
    if (!isStrictSemver(head.version)) {
        return { ...where, message: `version ${JSON.stringify(head.version)} in ${file} is not a semantic version; write MAJOR.MINOR.PATCH (e.g. 1.0.0)`, level: 'error' };
    }
    if (!change.base)
        return { ...where, message: `new pack at ${head.version}`, level: 'info' };
    const base = packVersionOf(change.base.text);
    if (base.version === undefined || !isStrictSemver(base.version)) {
        return { ...where, message: `the base branch's ${shownPath(prefix, change.base.file)} has no valid version to compare with; ${head.version} is accepted`, level: 'warning' };
    }
    if (semver.gt(head.version, base.version))
        return { ...where, message: `${base.version} → ${head.version}`, level: 'info' };
    return { ...where, message: notRaised(head.version, base.version, file), level: 'error' };
}
/** Why `head` does not pass `base`, and how to fix it. */
function notRaised(head, base, file) {
    const how = `raise version in ${file} above ${base}, e.g. ${semver.inc(base, 'patch')}`;
    if (semver.lt(head, base))
        return `version ${head} is below the base branch's ${base}; ${how}`;
    const build = head !== base ? ' (build metadata does not count)' : '';
    return `version ${head} is not above the base branch's ${base}${build}; a changed pack needs a new version: ${how}`;
}
function packName(manifest, folder) {
    const version = manifest ? packVersionOf(manifest.text) : {};
    return version.ref ?? folder;
}

/**
 * Run the pull request gates between base and head: the version gate and the changelog gate
 * over the changed packs, and, given an index, the registry gate over released entries. Then
 * post the report as the pull request's one packreg comment, when asked. Failed gates are in
 * the report, not thrown; a comment the token may not post is a warning.
 */
async function checkPullRequest(settings, deps) {
    if (settings.comment && !deps.github)
        throw new UsageError('commenting on the pull request needs the GitHub API: give a token');
    if (settings.comment && !(Number.isInteger(settings.comment.pullRequest) && settings.comment.pullRequest > 0)) {
        throw new UsageError(`pull request number ${settings.comment.pullRequest} is not a positive integer`);
    }
    const baseName = settings.baseName ?? 'base';
    const range = await resolveRange({ ...settings, baseName }, deps.git);
    const files = settings.index === undefined ? undefined : registryFiles(settings, range);
    const changes = settings.versionGate || settings.changelog ? await packChanges(range, deps, resolve(settings.top), baseName) : [];
    const checks = [
        settings.versionGate ? versionGate(changes, range.prefix) : skippedGate('version', 'turned off'),
        settings.changelog ? changelogGate(changes, range) : skippedGate('changelog', 'turned off'),
    ];
    if (files)
        checks.push(await registryGate(range, files, deps.repoGit));
    const report = gateReport(checks);
    deps.logger.info(`pull request checks ${report.passed ? 'passed' : `failed with ${report.failures} problem(s)`} (base ${range.base.slice(0, 12)}, head ${range.head.slice(0, 12)})`);
    const comment = settings.comment && (await postComment(settings.comment, report, range, deps));
    return { report, base: range.base, head: range.head, ...(comment ? { comment } : {}) };
}
/** Where the registry's index is in the repository. */
function registryFiles(settings, range) {
    const index = settings.index;
    const inside = relative(resolve(settings.top), resolve(settings.top, index));
    if (index.trim() === '' || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        throw new UsageError(`index "${index}" is not a file inside ${resolve(settings.top)}; give the path of index.json relative to it`);
    }
    return {
        index: posix.join(range.prefix, inside.split(sep).join('/')),
        policy: settings.policy ?? 'custom',
        shown: (path) => shownPath(range.prefix, path),
    };
}
/** Post the report; an API failure other than a permission one is returned as `failed`, so the summary is still written. */
async function postComment(target, report, range, deps) {
    try {
        return await upsertPullRequestComment(deps.github, target.repository, target.pullRequest, commentMarkdown(report, range), deps.logger);
    }
    catch (error) {
        if (!(error instanceof PackregError))
            throw error;
        return { posted: false, reason: `the pull request comment could not be posted: ${messageOf(error)}`, failed: true };
    }
}

var checkPullRequest$1 = /*#__PURE__*/Object.freeze({
    __proto__: null,
    checkPullRequest: checkPullRequest
});

export { checkPullRequest$1 as a, checkPullRequest as c, gatesMarkdown as g };
