import { c as checksumSummary } from './chunks/summaries.js';
import { r as runAction, C as Checksum } from './chunks/run-action.js';
import { c as computeChecksum } from './chunks/compute.js';
import { p as parseDigest, a as parseAlgorithm } from './chunks/algorithms.js';
import { resolve } from 'node:path';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'http';
import 'https';
import './chunks/index4.js';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:util';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
import './chunks/_commonjsHelpers.js';
import 'node:tls';
import 'node:zlib';
import 'node:perf_hooks';
import 'node:util/types';
import 'node:worker_threads';
import 'node:url';
import 'node:async_hooks';
import 'node:console';
import 'node:dns';
import 'string_decoder';
import 'child_process';
import 'timers';
import './chunks/deps.js';
import 'node:fs/promises';
import 'node:os';
import './chunks/errors.js';
import './chunks/byte-reader.js';
import './chunks/runner.js';
import 'node:child_process';
import './chunks/atomic-file.js';
import 'node:crypto';
import 'node:fs';
import './chunks/file-digest.js';
import './chunks/pack-source.js';
import './chunks/fs-tree.js';
import './chunks/git-tree.js';
import './chunks/packignore.js';
import './chunks/index3.js';

const { inputs: I, outputs: O } = Checksum;
await runAction(Checksum, async ({ inputs, deps, output, summary, fail }) => {
    const algorithm = inputs.optional(I.algorithm);
    const expect = inputs.optional(I.expect);
    const result = await computeChecksum({
        path: resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), inputs.required(I.path)),
        algorithm: algorithm === undefined ? undefined : parseAlgorithm(algorithm, `input ${I.algorithm}`),
        expect: expect === undefined ? undefined : parseDigest(expect, `input ${I.expect}`),
        gitRef: inputs.optional(I.gitRef),
    }, deps);
    output(O.checksum, result.checksum);
    output(O.algorithm, result.algorithm);
    output(O.hex, result.hex);
    if (result.match !== undefined)
        output(O.match, result.match);
    await summary(checksumSummary(result));
    if (result.match === false)
        fail(`checksum mismatch for ${result.path}: expected ${result.expected}, actual ${result.checksum}`);
});
