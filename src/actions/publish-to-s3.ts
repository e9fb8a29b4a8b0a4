import { runAction } from '../action-kit/run-action.js';
import { PublishToS3 } from '../contract/actions.js';
import { parseEpoch, parseFormat } from '../core/archive/build.js';
import { parseMetaPairs } from '../core/index/meta-pairs.js';
import { publish } from '../core/publish/publish.js';
import { publishMarkdown, publishText } from '../core/publish/report.js';

const { inputs: I, outputs: O } = PublishToS3;

await runAction(PublishToS3, async ({ inputs, deps, output, summary }) => {
  const result = await publish(
    {
      packDir: inputs.optional(I.packDir) ?? '.',
      registry: inputs.required(I.registry),
      baseUrl: inputs.optional(I.baseUrl),
      registryName: inputs.optional(I.registryName),
      gitUrl: inputs.optional(I.gitUrl),
      gitRef: inputs.optional(I.gitRef),
      format: parseFormat(inputs.optional(I.format), `input ${I.format}`),
      exclude: inputs.lines(I.exclude),
      meta: parseMetaPairs(inputs.lines(I.meta), `input ${I.meta}`),
      mtime: parseEpoch(inputs.optional(I.sourceDateEpoch) ?? process.env.SOURCE_DATE_EPOCH, `input ${I.sourceDateEpoch} (or SOURCE_DATE_EPOCH)`),
      connection: { region: inputs.optional(I.region), endpoint: inputs.optional(I.endpoint), forcePathStyle: inputs.boolean(I.forcePathStyle, false) },
      skipExisting: inputs.boolean(I.skipExisting, false),
      dryRun: inputs.boolean(I.dryRun, false),
      now: new Date(),
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      names: { registry: `input ${I.registry}`, baseUrl: `input ${I.baseUrl}` },
    },
    deps,
  );
  deps.logger.info(publishText(result));
  output(O.archiveUrl, result.archiveUrl);
  output(O.checksum, result.checksum);
  output(O.treeChecksum, result.treeChecksum);
  output(O.indexUrl, result.indexUrl);
  output(O.alreadyPublished, result.alreadyPublished);
  output(O.ref, result.ref);
  output(O.version, result.version);
  await summary(publishMarkdown(result));
});
