import { archiveSettings } from '../action-kit/archive-inputs.js';
import { runAction } from '../action-kit/run-action.js';
import { archiveSummary } from '../action-kit/summaries.js';
import { BuildArchive } from '../contract/actions.js';
import { buildArchive } from '../core/archive/build.js';

const O = BuildArchive.outputs;

await runAction(BuildArchive, async ({ inputs, deps, output, summary }) => {
  const result = await buildArchive(archiveSettings(inputs), deps);
  output(O.path, result.path);
  output(O.checksum, result.checksum);
  output(O.directoryChecksum, result.directoryChecksum);
  output(O.size, result.size);
  output(O.files, result.files);
  output(O.ref, result.ref);
  output(O.version, result.version);
  await summary(archiveSummary(result));
});
