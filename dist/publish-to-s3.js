import { r as runAction, b as PublishToS3 } from './chunks/run-action.js';
import { parseEpoch, parseFormat } from './chunks/build.js';
import { p as parseMetaPairs } from './chunks/meta-pairs.js';
import { p as publish } from './chunks/publish.js';
import { publishText, publishMarkdown } from './chunks/report2.js';
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
import 'node:path';
import './chunks/errors.js';
import './chunks/byte-reader.js';
import './chunks/runner.js';
import 'node:child_process';
import './chunks/atomic-file.js';
import 'node:crypto';
import 'node:fs';
import './chunks/git-tree.js';
import './chunks/fs-tree.js';
import './chunks/index2.js';
import 'process';
import 'buffer';
import './chunks/manifest.js';
import './chunks/runtime.js';
import './chunks/index.js';
import './chunks/problem.js';
import './chunks/yaml-source.js';
import './chunks/index3.js';
import './chunks/pack-source.js';
import './chunks/packignore.js';
import './chunks/algorithms.js';
import './chunks/entry-builder.js';
import './chunks/file-digest.js';
import './chunks/pack-files.js';
import './chunks/index-rules.js';
import './chunks/layout.js';
import 'node:timers/promises';
import './chunks/loadSharedConfigFiles.js';
import './chunks/readFile.js';
import './chunks/configLoader.js';
import './chunks/chain.js';
import './chunks/CredentialsProviderError.js';
import './chunks/hex-encoding.js';
import 'stream';
import './chunks/node-http-handler.js';
import 'node:https';
import './chunks/EventStreamSerdeConfig.js';
import './chunks/setCredentialFeature.js';
import 'node:process';
import './chunks/upsert-plan.js';
import './chunks/canonical-json.js';
import './chunks/versions.js';
import './chunks/history.js';
import './chunks/json-text.js';
import './chunks/index-stream.js';
import './chunks/index-update.js';

const { inputs: I, outputs: O } = PublishToS3;
await runAction(PublishToS3, async ({ inputs, deps, output, summary }) => {
    const result = await publish({
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
    }, deps);
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
