import { B as BuildArchive } from './run-action.js';
import { parseEpoch, parseFormat } from './build.js';

const I = BuildArchive.inputs;
/** Archive settings from the build-archive inputs (shared by build-archive and the root action). */
function archiveSettings(inputs) {
    return {
        packDir: inputs.optional(I.packDir) ?? '.',
        format: parseFormat(inputs.optional(I.format), `input ${I.format}`),
        out: inputs.optional(I.out),
        gitRef: inputs.optional(I.gitRef),
        noGit: inputs.boolean(I.noGit, false),
        exclude: inputs.lines(I.exclude),
        force: inputs.boolean(I.force, false),
        mtime: parseEpoch(inputs.optional(I.sourceDateEpoch) ?? process.env.SOURCE_DATE_EPOCH, `input ${I.sourceDateEpoch} (or SOURCE_DATE_EPOCH)`),
        cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
        tag: inputs.optional(I.tag),
    };
}

export { archiveSettings as a };
