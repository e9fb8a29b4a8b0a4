import { join, posix } from 'node:path';
import { f as findSpecialFiles } from './fs-tree.js';
import { P as PACKIGNORE, e as excludeFilter } from './packignore.js';
import { a as assertPackDirectory, i as inventory, d as directoryPackFiles } from './pack-files.js';
import { r as readManifestSource, a as analyzeManifest } from './manifest.js';
import { f as formatProblem } from './problem.js';

/**
 * Validate a pack directory: its manifest, its components and its declared test entry
 * points. Invalid content is reported in the result (and logged), never thrown; the
 * caller decides the exit code. Throws an InputError only when the directory is missing,
 * is not a directory, has no pack.yaml, or cannot be read.
 */
async function validatePack(packDir, logger) {
    logger.debug(`validating pack ${packDir}`);
    await assertPackDirectory(packDir);
    const files = directoryPackFiles(packDir);
    const { file, text } = await readManifestSource(files, packDir);
    const analysis = analyzeManifest(text, file);
    const { manifest } = analysis;
    // Components are read even when the manifest is broken, so one run reports everything.
    const { contents, problems } = await inventory(files, manifest?.ref ?? '');
    const entryPointErrors = manifest?.testing ? await checkEntryPoints(files, manifest.testing.runners, analysis, file) : [];
    const specialErrors = await checkSpecialFiles(packDir, files);
    const result = {
        packDir,
        file: join(packDir, file),
        ...(manifest ? { manifest, contents } : {}),
        errors: [...analysis.errors, ...problems, ...entryPointErrors, ...specialErrors],
        warnings: analysis.warnings,
        valid: false,
    };
    result.valid = result.errors.length === 0;
    report(result, logger);
    return result;
}
/**
 * An error for each symlink, hard link, device, FIFO or socket in the pack (what
 * `.packignore` leaves out is not part of the pack, so it is not checked).
 */
async function checkSpecialFiles(packDir, files) {
    const packignore = (await files.listFiles('')).includes(PACKIGNORE) ? await files.readText(PACKIGNORE) : undefined;
    return findSpecialFiles(packDir, excludeFilter(packignore, [])).map((special) => ({
        path: '',
        file: special.path,
        message: `this is ${special.kind}; Attune packs may contain only regular files and directories`,
        fix: 'replace it with a regular file, or list it in .packignore if it is not part of the pack',
    }));
}
/** An error for each test runner whose entry point is not in the pack. */
async function checkEntryPoints(files, runners, analysis, file) {
    const problems = [];
    for (const [name, runner] of Object.entries(runners)) {
        const reason = await entryPointProblem(files, runner);
        if (!reason)
            continue;
        const path = ['testing', 'runners', name, 'entry_point'];
        problems.push({ path: path.join('.'), file, ...analysis.locate(path), ...reason });
    }
    return problems;
}
/** Why a runner's entry point cannot run, or undefined when it exists. */
async function entryPointProblem(files, runner) {
    const path = posix.normalize(runner.entryPoint);
    const shown = JSON.stringify(runner.entryPoint);
    if (posix.isAbsolute(path) || path === '..' || path.startsWith('../')) {
        return { message: `${shown} is outside the pack`, fix: 'use a path relative to the pack root, e.g. "tests/run_tests.sh"' };
    }
    const dir = posix.dirname(path);
    if ((await files.listFiles(dir === '.' ? '' : dir)).includes(posix.basename(path)))
        return undefined;
    // unittest and pytest also accept a directory of tests; a script must be a file.
    if (runner.type !== 'script' && (await files.listFiles(path)).length > 0)
        return undefined;
    return {
        message: `${shown} does not exist in the pack`,
        fix: `create ${path} or point entry_point at the existing test ${runner.type === 'script' ? 'script' : 'file'}`,
    };
}
/** Log each problem where CI will show it, then one summary line. */
function report(result, logger) {
    const where = (p) => join(result.packDir, p.file ?? 'pack.yaml');
    for (const p of result.warnings)
        logger.warning(formatProblem(where(p), p));
    for (const p of result.errors)
        logger.error(formatProblem(where(p), p));
    const name = result.manifest ? `${result.manifest.ref} ${result.manifest.version}` : result.packDir;
    const counts = `${result.errors.length} error(s), ${result.warnings.length} warning(s)`;
    logger.info(`pack ${name}: ${result.valid ? 'valid' : 'invalid'} (${counts})`);
}

export { validatePack as v };
