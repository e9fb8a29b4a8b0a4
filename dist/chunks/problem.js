/**
 * One problem as one line, e.g.
 * `pack.yaml:3:10 version: "1.0" is not a semantic version. Fix: write MAJOR.MINOR.PATCH, e.g. "1.0.0".`
 * `file` is printed as given, so the caller chooses between a relative and a full path.
 */
function formatProblem(file, p) {
    const where = p.line === undefined ? file : `${file}:${p.line}:${p.column ?? 1}`;
    const subject = p.path === '' ? '' : ` ${p.path}`;
    const fix = p.fix === '' ? '' : ` Fix: ${sentence(p.fix)}`;
    return `${where}${subject}: ${sentence(p.message)}${fix}`;
}
/** End a phrase with a period unless it already ends a sentence. */
function sentence(text) {
    return /[.!?]$/.test(text) ? text : `${text}.`;
}
/** Give every problem the file it came from, keeping a file it already names. */
function inFile(file, problems) {
    return problems.map((p) => ({ ...p, file: p.file ?? file }));
}

export { formatProblem as f, inFile as i };
