import { checksumSummary } from '../action-kit/summaries.js';
import { runAction } from '../action-kit/run-action.js';
import { Checksum } from '../contract/actions.js';
import { computeChecksum } from '../core/checksum/compute.js';
import { parseAlgorithm, parseDigest } from '../core/hash/algorithms.js';
import { resolve } from 'node:path';

const { inputs: I, outputs: O } = Checksum;

await runAction(Checksum, async ({ inputs, deps, output, summary, fail }) => {
  const algorithm = inputs.optional(I.algorithm);
  const expect = inputs.optional(I.expect);
  const result = await computeChecksum(
    {
      path: resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), inputs.required(I.path)),
      algorithm: algorithm === undefined ? undefined : parseAlgorithm(algorithm, `input ${I.algorithm}`),
      expect: expect === undefined ? undefined : parseDigest(expect, `input ${I.expect}`),
      gitRef: inputs.optional(I.gitRef),
    },
    deps,
  );
  output(O.checksum, result.checksum);
  output(O.algorithm, result.algorithm);
  output(O.hex, result.hex);
  if (result.match !== undefined) output(O.match, result.match);
  await summary(checksumSummary(result));
  if (result.match === false) fail(`checksum mismatch for ${result.path}: expected ${result.expected}, actual ${result.checksum}`);
});
