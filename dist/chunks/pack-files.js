import { c as compareByteOrder } from './runtime.js';
import { p as parseYamlSource, h as hasMappingRoot, t as toPlainData } from './yaml-source.js';
import { readFile, readdir, stat } from 'node:fs/promises';
import { posix, resolve, relative, isAbsolute, sep, join } from 'node:path';
import { f as fsInputError, I as InputError } from './errors.js';

/** The five component kinds of an Attune index entry's `contents`, in index order. */
const COMPONENT_KINDS = ['actions', 'sensors', 'triggers', 'rules', 'workflows'];
/**
 * List a pack's components the way Attune's index builder does: the top-level `.yaml`/`.yml`
 * files of `actions/`, `sensors/`, `triggers/`, `rules/` and `workflows/` (subdirectories
 * are not read), an action with `workflow_file` counted as a workflow.
 * `packRef` is stripped from names written as `<packRef>.<name>`; pass '' to strip nothing.
 */
async function inventory(files, packRef) {
    const found = emptyKinds();
    const problems = [];
    for (const kind of COMPONENT_KINDS) {
        const names = (await files.listFiles(kind)).filter((n) => /\.ya?ml$/.test(n)).sort(compareByteOrder);
        for (const name of names) {
            const file = `${kind}/${name}`;
            const read = readComponent(await files.readText(file), file, name, packRef);
            if ('problem' in read) {
                problems.push(read.problem);
                continue;
            }
            const target = kind === 'actions' && read.isWorkflow ? 'workflows' : kind;
            found[target].push({ entry: read.entry, file });
        }
    }
    const contents = emptyKinds();
    for (const kind of COMPONENT_KINDS) {
        const sorted = found[kind].sort((a, b) => compareByteOrder(a.entry.name, b.entry.name) || compareByteOrder(a.file, b.file));
        problems.push(...duplicateProblems(kind, sorted));
        contents[kind] = sorted.map((f) => f.entry);
    }
    return { contents, problems };
}
function emptyKinds() {
    return { actions: [], sensors: [], triggers: [], rules: [], workflows: [] };
}
/** Parse one component file into its index entry, or the problem that prevents it. */
function readComponent(text, file, fileName, packRef) {
    const source = parseYamlSource(text);
    const [syntax] = source.errors;
    if (syntax)
        return { problem: { ...syntax, file } };
    if (!hasMappingRoot(source)) {
        return {
            problem: {
                path: '',
                file,
                ...source.locate([]),
                message: `${file} is empty or its top level is not a mapping of keys`,
                fix: 'write the component as "key: value" lines, e.g. name and description',
            },
        };
    }
    const { data, problem } = toPlainData(source);
    if (problem)
        return { problem: { ...problem, file } };
    const fields = data;
    const name = componentName(fields, fileName, packRef);
    if (name === '') {
        return {
            problem: {
                path: 'ref',
                file,
                ...source.locate(['ref']),
                message: 'the component name is empty once the pack ref prefix is removed',
                fix: `write ref: "${packRef || 'my_pack'}.<name>" with a name after the dot`,
            },
        };
    }
    return { entry: { name, description: firstText(fields.description, fields.label) ?? '' }, isWorkflow: !!fields.workflow_file };
}
/** `ref`, else `name`, else the file name without extension; then without `<packRef>.`. */
function componentName(fields, fileName, packRef) {
    const name = firstText(fields.ref, fields.name) ?? fileName.replace(/\.ya?ml$/, '');
    const prefix = `${packRef}.`;
    return packRef !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}
/** The first non-empty string, like the builder's `a or b`. */
function firstText(...values) {
    return values.find((v) => typeof v === 'string' && v !== '');
}
/** One problem per entry whose name repeats an earlier one of the same kind (`sorted` is by name). */
function duplicateProblems(kind, sorted) {
    const problems = [];
    for (let i = 1; i < sorted.length; i++) {
        const [previous, current] = [sorted[i - 1], sorted[i]];
        if (previous.entry.name !== current.entry.name)
            continue;
        const first = sorted.find((f) => f.entry.name === current.entry.name) ?? previous;
        problems.push({
            path: '',
            file: current.file,
            message: `${kind} name "${current.entry.name}" is already used by ${first.file}`,
            fix: 'rename one of them (ref or name) so each name is unique within its kind',
        });
    }
    return problems;
}

/** {@link PackFiles} backed by a directory on disk. File-system failures become InputErrors. */
function directoryPackFiles(root) {
    return {
        async listFiles(dir) {
            const full = inside(root, dir);
            try {
                const entries = await readdir(full, { withFileTypes: true });
                // Symlinks are not regular files: a pack must not contain them, so they are not listed.
                return entries.filter((e) => e.isFile()).map((e) => e.name);
            }
            catch (error) {
                const code = error.code;
                if (code === 'ENOENT' || code === 'ENOTDIR')
                    return [];
                throw fsInputError(error, 'pack directory', full);
            }
        },
        async readText(path) {
            const full = inside(root, path);
            try {
                return await readFile(full, 'utf8');
            }
            catch (error) {
                throw fsInputError(error, 'pack file', full);
            }
        },
    };
}
/** The on-disk path of a pack-relative path, refusing paths that would leave the pack. */
function inside(root, path) {
    const normalized = posix.normalize(path === '' ? '.' : path);
    const full = resolve(root, normalized);
    const rel = relative(resolve(root), full);
    if (isAbsolute(normalized) || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        throw new InputError(`path ${path} is outside the pack ${root}; use a path relative to the pack root`);
    }
    return join(root, normalized);
}
/**
 * Make sure `packDir` is an existing directory, so a typo in a path is reported as such
 * rather than as "pack.yaml not found". Throws an InputError otherwise.
 */
async function assertPackDirectory(packDir) {
    let isDirectory;
    try {
        isDirectory = (await stat(packDir)).isDirectory();
    }
    catch (error) {
        throw fsInputError(error, 'pack directory', packDir);
    }
    if (!isDirectory) {
        throw new InputError(`pack directory ${packDir} is a file, not a directory; pass the directory that contains pack.yaml`);
    }
}

export { COMPONENT_KINDS as C, assertPackDirectory as a, directoryPackFiles as d, inventory as i };
