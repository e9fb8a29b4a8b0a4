/**
 * One finding about a pack, located precisely enough for an editor or a CI annotation
 * to jump to it, and phrased so the maintainer knows what to write instead.
 */
export interface Problem {
  /** Dotted path of the offending value, e.g. "testing.runners.python.timeout"; "" for the whole file. */
  path: string;
  /** 1-based line of the value (or of its parent when the value is missing). */
  line?: number;
  /** 1-based column, with {@link Problem.line}. */
  column?: number;
  /** What is wrong, without a trailing period. */
  message: string;
  /** What to write instead, without a trailing period. */
  fix: string;
  /**
   * The file the problem is in, relative to the pack root ("pack.yaml", "actions/run.yaml").
   * Set by the pack functions so callers that gather problems from many files can tell them apart.
   */
  file?: string;
}

/**
 * One problem as one line, e.g.
 * `pack.yaml:3:10 version: "1.0" is not a semantic version. Fix: write MAJOR.MINOR.PATCH, e.g. "1.0.0".`
 * `file` is printed as given, so the caller chooses between a relative and a full path.
 */
export function formatProblem(file: string, p: Problem): string {
  const where = p.line === undefined ? file : `${file}:${p.line}:${p.column ?? 1}`;
  const subject = p.path === '' ? '' : ` ${p.path}`;
  const fix = p.fix === '' ? '' : ` Fix: ${sentence(p.fix)}`;
  return `${where}${subject}: ${sentence(p.message)}${fix}`;
}

/** End a phrase with a period unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Give every problem the file it came from, keeping a file it already names. */
export function inFile(file: string, problems: Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, file: p.file ?? file }));
}
