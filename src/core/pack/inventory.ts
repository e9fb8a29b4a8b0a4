import { compareByteOrder } from './byte-order.js';
import type { PackFiles } from './pack-files.js';
import type { Problem } from './problem.js';
import { hasMappingRoot, parseYamlSource, toPlainData } from './yaml-source.js';

/** The five component kinds of an Attune index entry's `contents`, in index order. */
export const COMPONENT_KINDS = ['actions', 'sensors', 'triggers', 'rules', 'workflows'] as const;

/** One of {@link COMPONENT_KINDS}. */
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** One component as an index entry lists it. */
export interface ComponentEntry {
  /** Name without the `<pack ref>.` prefix. */
  name: string;
  /** `description`, else `label`, else "". */
  description: string;
}

/** An index entry's `contents`: every kind present, each list sorted by name in byte order. */
export type PackContents = Record<ComponentKind, ComponentEntry[]>;

/** The result of {@link inventory}. */
export interface InventoryResult {
  contents: PackContents;
  /** Errors: component files that do not parse, names that are empty or repeated within a kind. */
  problems: Problem[];
}

/** A listed component and the file it came from, kept until duplicates are checked. */
interface Found {
  entry: ComponentEntry;
  file: string;
}

/**
 * List a pack's components the way Attune's index builder does: the top-level `.yaml`/`.yml`
 * files of `actions/`, `sensors/`, `triggers/`, `rules/` and `workflows/` (subdirectories
 * are not read), an action with `workflow_file` counted as a workflow.
 * `packRef` is stripped from names written as `<packRef>.<name>`; pass '' to strip nothing.
 */
export async function inventory(files: PackFiles, packRef: string): Promise<InventoryResult> {
  const found = emptyKinds<Found>();
  const problems: Problem[] = [];
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
  const contents = emptyKinds<ComponentEntry>();
  for (const kind of COMPONENT_KINDS) {
    const sorted = found[kind].sort((a, b) => compareByteOrder(a.entry.name, b.entry.name) || compareByteOrder(a.file, b.file));
    problems.push(...duplicateProblems(kind, sorted));
    contents[kind] = sorted.map((f) => f.entry);
  }
  return { contents, problems };
}

function emptyKinds<T>(): Record<ComponentKind, T[]> {
  return { actions: [], sensors: [], triggers: [], rules: [], workflows: [] };
}

type ReadComponent = { entry: ComponentEntry; isWorkflow: boolean } | { problem: Problem };

/** Parse one component file into its index entry, or the problem that prevents it. */
function readComponent(text: string, file: string, fileName: string, packRef: string): ReadComponent {
  const source = parseYamlSource(text);
  const [syntax] = source.errors;
  if (syntax) return { problem: { ...syntax, file } };
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
  if (problem) return { problem: { ...problem, file } };
  const fields = data as Record<string, unknown>;
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
function componentName(fields: Record<string, unknown>, fileName: string, packRef: string): string {
  const name = firstText(fields.ref, fields.name) ?? fileName.replace(/\.ya?ml$/, '');
  const prefix = `${packRef}.`;
  return packRef !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** The first non-empty string, like the builder's `a or b`. */
function firstText(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v !== '');
}

/** One problem per entry whose name repeats an earlier one of the same kind (`sorted` is by name). */
function duplicateProblems(kind: ComponentKind, sorted: Found[]): Problem[] {
  const problems: Problem[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [previous, current] = [sorted[i - 1], sorted[i]];
    if (previous.entry.name !== current.entry.name) continue;
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
