import { join, resolve } from 'node:path';
import { runAction } from '../action-kit/run-action.js';
import { entrySummary } from '../action-kit/summaries.js';
import { IndexEntry } from '../contract/actions.js';
import { writeTextAtomic } from '../core/fs/atomic-file.js';
import { parseDigest } from '../core/hash/algorithms.js';
import { canonicalEntry, stringifyCanonical } from '../core/index/canonical-json.js';
import { buildIndexEntry } from '../core/index/entry-builder.js';
import { parseMetaPairs } from '../core/index/meta-pairs.js';

const { inputs: I, outputs: O } = IndexEntry;

await runAction(IndexEntry, async ({ inputs, deps, output, summary }) => {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const checksum = inputs.optional(I.archiveChecksum);
  const { entry } = await buildIndexEntry(
    {
      packDir: inputs.optional(I.packDir) ?? '.',
      gitUrl: inputs.optional(I.gitUrl),
      gitRef: inputs.optional(I.gitRef),
      allowMutableRef: inputs.boolean(I.allowMutableRef, false),
      archiveUrl: inputs.optional(I.archiveUrl),
      archiveChecksum: checksum === undefined ? undefined : parseDigest(checksum, `input ${I.archiveChecksum}`),
      archiveFile: inputs.optional(I.archiveFile),
      meta: parseMetaPairs(inputs.lines(I.meta), `input ${I.meta}`),
      cwd: workspace,
    },
    deps,
  );
  const text = stringifyCanonical(canonicalEntry(entry));
  const path = resolve(workspace, inputs.optional(I.output) ?? join(process.env.RUNNER_TEMP ?? workspace, 'entry.json'));
  await writeTextAtomic(path, text, `input ${I.output}`);
  output(O.entry, text.trimEnd());
  output(O.path, path);
  output(O.ref, entry.ref);
  output(O.version, entry.version);
  await summary(entrySummary(entry, path));
});
