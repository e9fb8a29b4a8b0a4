import { resolve } from 'node:path';
import { runAction } from '../action-kit/run-action.js';
import { IndexUpdate } from '../contract/actions.js';
import { UsageError } from '../core/errors.js';
import { readEntryFile } from '../core/index/entry-files.js';
import { updateIndex } from '../core/index/index-update.js';
import type { IndexEntry } from '../core/index/model.js';
import { planMarkdown, planText } from '../core/index/plan-text.js';
import { INDEX_POLICIES } from '../core/index/validate-index.js';

const { inputs: I, outputs: O } = IndexUpdate;

await runAction(IndexUpdate, async ({ inputs, deps, output, summary, fail }) => {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  inputs.required(I.entries);
  const files = inputs.lines(I.entries);
  if (files.length === 0) throw new UsageError(`input ${I.entries} lists no entry files; give one path per line`);
  const entries: IndexEntry[] = [];
  for (const file of files) entries.push(...(await readEntryFile(resolve(workspace, file))));
  const outputPath = inputs.optional(I.output);
  const result = await updateIndex(
    {
      indexPath: resolve(workspace, inputs.required(I.index)),
      outputPath: outputPath && resolve(workspace, outputPath),
      entries,
      registryName: inputs.optional(I.registryName),
      registryUrl: inputs.optional(I.registryUrl),
      policy: inputs.choice(I.policy, INDEX_POLICIES, 'custom'),
      dryRun: inputs.boolean(I.dryRun, false),
      force: inputs.boolean(I.force, false),
      now: new Date(),
    },
    deps.logger,
  );
  deps.logger.info(planText(result));
  output(O.changed, result.changed);
  output(O.plan, JSON.stringify(result.plan));
  await summary(planMarkdown(result));
  if (result.refused > 0) fail(`index-update: ${result.refused} entry(ies) refused; nothing was written (see the plan in the job summary)`);
});
