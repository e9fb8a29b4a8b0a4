import { readFile } from 'node:fs/promises';
import { fsInputError, InputError } from '../errors.js';
import type { IndexProblem } from './index-rules.js';
import { checkScanned } from './index-stream.js';
import { scanIndex } from './index-scan.js';
import type { IndexPolicy } from './policy.js';

export { entryProblems, formatIndexProblems, indexProblems, type IndexProblem } from './index-rules.js';
export { INDEX_POLICIES, type IndexPolicy } from './policy.js';

/** The outcome of `packreg index-validate`. */
export interface IndexValidation {
  readonly file: string;
  readonly policy: IndexPolicy;
  readonly valid: boolean;
  readonly packs: number;
  readonly problems: IndexProblem[];
  /**
   * A local development registry: its registry_url is a file:// URL, and its sources may be
   * too. It is checked with file:// URLs allowed; installable on this machine only.
   */
  readonly local: boolean;
}

/** Check an index file entry by entry; malformed JSON is reported as a problem with its line and column. */
export async function validateIndexFile(path: string, policy: IndexPolicy): Promise<IndexValidation> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fsInputError(error, 'index', path);
  }
  let scanned;
  let checked;
  try {
    scanned = scanIndex(bytes, path);
    // Entries are parsed here, one at a time: a syntax error inside one is malformed JSON too.
    checked = checkScanned(scanned, policy);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { file: path, policy, valid: false, packs: 0, problems: [{ path: '', message: error.message }], local: false };
  }
  const { problems, packs, scope } = checked;
  return { file: path, policy, valid: problems.length === 0, packs: scanned.packs?.length ?? packs.length, problems, local: scope === 'local' };
}

export { loadIndex } from './index-stream.js';
