import { resolve } from 'node:path';
import { g as gitTree, t as treeDigest } from './git-tree.js';
import { I as InputError, U as UsageError } from './errors.js';
import { f as formatDigest } from './algorithms.js';
import { d as digestFile } from './file-digest.js';
import { d as directoryPackFiles, i as inventory } from './pack-files.js';
import { r as readManifestSource, p as parseManifest } from './manifest.js';
import { f as formatProblem } from './problem.js';
import { a as assertDirectory } from './fs-tree.js';
import './index3.js';
import { e as entryProblems, f as formatIndexProblems } from './index-rules.js';

/**
 * {@link PackFiles} over the tree tracked at a commit, so the manifest and the component
 * inventory of an index entry describe exactly the commit its git source pins.
 */
async function gitPackFiles(git, location, commit) {
    const blobs = await git.listTree(location.top, commit, location.prefix);
    const strip = location.prefix === '' ? 0 : location.prefix.length + 1;
    const byPath = new Map();
    for (const blob of blobs)
        if (blob.mode === '100644' || blob.mode === '100755')
            byPath.set(blob.path.slice(strip), blob);
    return {
        async listFiles(dir) {
            const prefix = dir === '' ? '' : `${dir.replace(/\/$/, '')}/`;
            const names = [];
            for (const path of byPath.keys()) {
                if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
                    names.push(path.slice(prefix.length));
            }
            return names;
        },
        async readText(path) {
            const blob = byPath.get(path);
            if (!blob)
                throw new InputError(`${path} is not tracked at commit ${commit}`);
            const parts = [];
            for await (const object of git.readBlobs(location.top, [blob.oid]))
                for await (const chunk of object.chunks)
                    parts.push(chunk);
            return Buffer.concat(parts).toString('utf8');
        },
    };
}

/** File names GitHub (and so Attune's builder) looks at for a repository's license. */
const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'LICENCE.md', 'COPYING', 'COPYING.md', 'COPYING.txt'];
/** Distinctive phrases of common licenses, most specific first, with GitHub's SPDX ids. */
const SIGNATURES = [
    ['AGPL-3.0', [/GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3/i]],
    ['LGPL-3.0', [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/i]],
    ['LGPL-2.1', [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1/i]],
    ['GPL-3.0', [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i]],
    ['GPL-2.0', [/GNU GENERAL PUBLIC LICENSE\s+Version 2/i]],
    ['Apache-2.0', [/Apache License,?\s+Version 2\.0/i]],
    ['MPL-2.0', [/Mozilla Public License,?\s+(Version|v\.?)\s*2\.0/i]],
    ['Unlicense', [/This is free and unencumbered software released into the public domain/i]],
    ['ISC', [/Permission to use, copy, modify, and\/?o?r? distribute this software for any\s+purpose with or without fee/i]],
    ['MIT', [/Permission is hereby granted, free of charge/i, /THE SOFTWARE IS PROVIDED "AS IS"/i]],
    ['BSD-3-Clause', [/Redistribution and use in source and binary forms/i, /Neither the name/i]],
    ['BSD-2-Clause', [/Redistribution and use in source and binary forms/i]],
];
/**
 * The SPDX id of a license text, for the phrases of common licenses; undefined when the
 * text is not recognised (the entry then says NOASSERTION, as Attune's builder does).
 */
function detectLicense(text) {
    const flat = text.replace(/\s+/g, ' ');
    return SIGNATURES.find(([, patterns]) => patterns.every((p) => p.test(flat)))?.[0];
}

/**
 * Check an install source URL: https, with a host, and no credentials, query or fragment
 * (Attune installers refuse them: credentials travel in headers, and a query or fragment
 * would make the same source look different). `what` names the flag or input. With
 * `allowFile`, a plain file:/// URL passes too (local development registries).
 */
function checkSourceUrl(value, what, options = {}) {
    let url;
    try {
        url = new URL(value);
    }
    catch (error) {
        throw new UsageError(`${what}: "${value}" is not a URL; write e.g. https://github.com/owner/pack.git`, { cause: error });
    }
    const fix = 'give the plain https URL';
    if (options.allowFile && url.protocol === 'file:' && !url.hostname && !url.search && !url.hash)
        return value;
    if (url.protocol !== 'https:')
        throw new UsageError(`${what}: ${url.protocol}// URLs are not accepted; Attune installers fetch install sources over https: ${fix}`);
    if (url.username || url.password)
        throw new UsageError(`${what}: the URL carries credentials; never put secrets in an index: ${fix} (installers send credentials in headers)`);
    if (url.search || value.includes('?'))
        throw new UsageError(`${what}: the URL has a query string; ${fix} without "?..."`);
    if (url.hash || value.includes('#'))
        throw new UsageError(`${what}: the URL has a fragment; ${fix} without "#..."`);
    if (!url.hostname)
        throw new UsageError(`${what}: the URL has no host`);
    return value;
}

const COMMIT_SHA = /^[0-9a-f]{40}$/;
/**
 * Build one index entry the way Attune's index builder does: fields from pack.yaml with the
 * builder's fallbacks, contents from the component files, the git source's framed tree
 * checksum computed at the pinned commit and the archive source's sha256 of the archive
 * bytes. Nothing is downloaded; no checksum serves both sources.
 */
async function buildIndexEntry(settings, deps) {
    checkSourceRules(settings);
    const packDir = resolve(settings.cwd, settings.packDir);
    assertDirectory(packDir, 'pack directory');
    const pinned = settings.gitUrl ? await pinCommit(settings, packDir, deps) : undefined;
    const files = pinned ? await gitPackFiles(deps.git, pinned.location, pinned.commit) : directoryPackFiles(packDir);
    const manifest = await readManifest(files, pinned ? `commit ${pinned.commit} of ${packDir}` : packDir, deps);
    const contents = await readContents(files, manifest);
    const sources = [];
    if (pinned && settings.gitUrl) {
        const tree = await gitTree(deps.git, pinned.location, pinned.commit, deps.logger);
        const checksum = formatDigest(await treeDigest(tree));
        sources.push({ type: 'git', url: settings.gitUrl, ref: pinned.ref, checksum });
    }
    if (settings.archiveUrl)
        sources.push({ type: 'archive', url: settings.archiveUrl, checksum: await archiveChecksum(settings) });
    const license = manifest.license ?? (await repositoryLicense(files, pinned, deps)) ?? 'NOASSERTION';
    const entry = assemble(manifest, contents, sources, license, settings, pinned?.commit);
    const problems = entryProblems(entry, 'custom', '', settings.scope);
    if (problems.length > 0) {
        throw new InputError(`the entry built from ${packDir} is not a valid Attune index entry:\n${formatIndexProblems(problems)}\nFix pack.yaml (or the flags) and try again`);
    }
    return { entry, commit: pinned?.commit };
}
function checkSourceRules(s) {
    // Half a source first: "--git-ref needs --git-url" helps more than "no source at all".
    if (s.gitRef && !s.gitUrl)
        throw new UsageError('--git-ref needs --git-url: the https URL of the repository');
    if (!s.archiveUrl && (s.archiveChecksum || s.archiveFile))
        throw new UsageError('--archive-checksum and --archive-file need --archive-url');
    if (!s.gitUrl && !s.archiveUrl)
        throw new UsageError('an entry needs at least one install source: give --git-url with --git-ref, and/or --archive-url');
    if (s.gitUrl && !s.gitRef)
        throw new UsageError('--git-url needs --git-ref: the full 40-character commit SHA the source pins');
    if (s.archiveUrl && !s.archiveChecksum === !s.archiveFile) {
        throw new UsageError('--archive-url needs exactly one of --archive-checksum sha256:HEX or --archive-file FILE');
    }
    if (s.archiveChecksum && s.archiveChecksum.algorithm !== 'sha256') {
        throw new UsageError(`--archive-checksum must be sha256 (the index schema accepts only sha256), got ${s.archiveChecksum.algorithm}`);
    }
    if (s.gitUrl)
        checkSourceUrl(s.gitUrl, '--git-url');
    if (s.archiveUrl)
        checkSourceUrl(s.archiveUrl, '--archive-url', { allowFile: s.scope === 'local' });
}
async function pinCommit(s, packDir, deps) {
    const location = await deps.git.locate(packDir);
    if (!location)
        throw new InputError(`--git-url: ${packDir} is not inside a git work tree, so the tree at --git-ref cannot be hashed; run in a clone of the pack repository`);
    const rev = s.gitRef;
    const commit = await deps.git.resolveCommit(location.top, rev);
    if (COMMIT_SHA.test(rev))
        return { location, commit, ref: commit };
    if (!s.allowMutableRef) {
        throw new UsageError(`--git-ref "${rev}" is not a full commit SHA (it resolves to ${commit} today, but a tag or branch can move). ` +
            `Pin the commit: --git-ref ${commit}, or pass --allow-mutable-ref for a development index`);
    }
    deps.logger.warning(`git source ref "${rev}" is mutable (now ${commit}); production indices must pin a 40-character commit SHA`);
    return { location, commit, ref: rev };
}
async function readManifest(files, where, deps) {
    const { file, text } = await readManifestSource(files, where);
    const parsed = parseManifest(text, file);
    for (const warning of parsed.warnings)
        deps.logger.warning(formatProblem(file, warning));
    if (!parsed.manifest) {
        throw new InputError(`${file} in ${where} is not a valid pack manifest:\n${parsed.errors.map((p) => `  ${formatProblem(file, p)}`).join('\n')}`);
    }
    if (!parsed.manifest.author)
        throw new InputError(`${file} in ${where} has no author; an index entry needs one: add author: "Your Name"`);
    return parsed.manifest;
}
async function readContents(files, manifest) {
    const { contents, problems } = await inventory(files, manifest.ref);
    if (problems.length > 0) {
        throw new InputError(`the pack's components have problems:\n${problems.map((p) => `  ${formatProblem(p.file ?? '', p)}`).join('\n')}`);
    }
    return contents;
}
async function archiveChecksum(s) {
    if (s.archiveChecksum)
        return formatDigest(s.archiveChecksum);
    return formatDigest(await digestFile(resolve(s.cwd, s.archiveFile), 'sha256'));
}
/** The repository's license: a LICENSE file at the pack root, else at the repository top. */
async function repositoryLicense(files, pinned, deps) {
    const places = [files];
    if (pinned && pinned.location.prefix !== '')
        places.push(await gitPackFiles(deps.git, { top: pinned.location.top, prefix: '' }, pinned.commit));
    for (const place of places) {
        const names = await place.listFiles('');
        const name = LICENSE_FILES.find((n) => names.includes(n));
        if (name)
            return detectLicense(await place.readText(name));
    }
    return undefined;
}
function assemble(m, contents, sources, license, s, commit) {
    const raw = m.raw;
    const category = text(raw.category) ?? text(m.meta?.category) ?? 'uncategorized';
    const meta = { category, ...(commit ? { commit } : {}), ...(s.meta ?? {}) };
    const gitUrl = sources.find((x) => x.type === 'git')?.url;
    const entry = {
        ref: m.ref,
        label: m.label,
        description: m.description,
        version: m.version,
        author: m.author,
        license,
        keywords: m.keywords,
        runtime_deps: m.runtimeDeps,
        install_sources: sources,
        contents: contents,
        meta,
    };
    const repository = m.repository ?? (gitUrl ? gitUrl.replace(/\.git$/, '') : undefined);
    if (repository)
        entry.repository = repository;
    if (m.email)
        entry.email = m.email;
    if (m.homepage)
        entry.homepage = m.homepage;
    if (m.useCase)
        entry.use_case = m.useCase;
    if (m.dependencies)
        entry.dependencies = m.dependencies;
    return entry;
}
function text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}

var entryBuilder = /*#__PURE__*/Object.freeze({
    __proto__: null,
    buildIndexEntry: buildIndexEntry
});

export { buildIndexEntry as b, checkSourceUrl as c, entryBuilder as e };
