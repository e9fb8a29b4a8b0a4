import { archiveSettings } from '../action-kit/archive-inputs.js';
import { runAction } from '../action-kit/run-action.js';
import { archiveSummary } from '../action-kit/summaries.js';
import { Release } from '../contract/actions.js';
import { buildArchive } from '../core/archive/build.js';

const O = Release.outputs;

/**
 * The root action: the pack-release pipeline in one step. Today it checks pack.yaml and
 * builds and checksums the archive; publishing and the index entry join as their issues land.
 */
await runAction(Release, async ({ inputs, deps, output, summary }) => {
  const result = await buildArchive(archiveSettings(inputs), deps);
  output(O.archivePath, result.path);
  output(O.archiveChecksum, result.checksum);
  output(O.directoryChecksum, result.directoryChecksum);
  output(O.ref, result.ref);
  output(O.version, result.version);
  await summary(archiveSummary(result));
});
