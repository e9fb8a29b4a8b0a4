import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { f as fsInputError, U as UsageError } from './errors.js';
import { f as formatDigest } from './algorithms.js';
import { d as digestFile } from './file-digest.js';
import { o as openPackSource } from './pack-source.js';
import { t as treeDigest } from './git-tree.js';

/** Compute a file or directory checksum, and compare it when `expect` is given. */
async function computeChecksum(settings, deps) {
    const path = resolve(settings.path);
    const info = await stat(path).catch((error) => {
        throw fsInputError(error, 'path', path);
    });
    const result = info.isDirectory() ? await directoryChecksum(path, settings, deps) : await fileChecksum(path, settings);
    if (!settings.expect)
        return result;
    const expected = formatDigest(settings.expect);
    return { ...result, expected, match: expected === result.checksum };
}
async function fileChecksum(path, settings) {
    if (settings.gitRef !== undefined) {
        throw new UsageError(`--git-ref applies to directories; ${path} is a file. Drop --git-ref, or give the pack directory`);
    }
    const algorithm = settings.expect?.algorithm ?? settings.algorithm ?? 'sha256';
    if (settings.expect && settings.algorithm && settings.algorithm !== settings.expect.algorithm) {
        throw new UsageError(`--algorithm ${settings.algorithm} contradicts --expect ${settings.expect.algorithm}:...; give one of them`);
    }
    const digest = await digestFile(path, algorithm);
    return { path, kind: 'file', algorithm, hex: digest.hex, checksum: formatDigest(digest), bytes: digest.size };
}
async function directoryChecksum(path, settings, deps) {
    const requested = settings.expect?.algorithm ?? settings.algorithm;
    if (requested && requested !== 'sha256') {
        throw new UsageError(`directory checksums are always sha256 (the framed attune-pack-file-v1 checksum); drop --algorithm ${requested}`);
    }
    const source = await openPackSource({ packDir: path, gitRef: settings.gitRef }, deps.git, deps.logger);
    const digest = await treeDigest(await source.tree());
    return {
        path,
        kind: source.kind,
        algorithm: 'sha256',
        hex: digest.hex,
        checksum: formatDigest(digest),
        bytes: digest.bytes,
        files: digest.files,
        commit: source.commit,
    };
}

export { computeChecksum as c };
