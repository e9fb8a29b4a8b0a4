import { resolve, join } from 'node:path';
import { r as runAction, I as IndexEntry } from './chunks/run-action.js';
import { e as entrySummary } from './chunks/summaries.js';
import { w as writeTextAtomic } from './chunks/atomic-file.js';
import { p as parseDigest } from './chunks/algorithms.js';
import { s as stringifyCanonical, c as canonicalEntry } from './chunks/canonical-json.js';
import { b as buildIndexEntry } from './chunks/entry-builder.js';
import { p as parseMetaPairs } from './chunks/meta-pairs.js';
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
import 'node:crypto';
import 'node:fs';
import './chunks/git-tree.js';
import './chunks/fs-tree.js';
import './chunks/file-digest.js';
import './chunks/pack-files.js';
import './chunks/runtime.js';
import './chunks/index.js';
import './chunks/yaml-source.js';
import './chunks/index2.js';
import 'process';
import 'buffer';
import './chunks/manifest.js';
import './chunks/problem.js';
import './chunks/index3.js';
import './chunks/index-rules.js';

const { inputs: I, outputs: O } = IndexEntry;
await runAction(IndexEntry, async ({ inputs, deps, output, summary }) => {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const checksum = inputs.optional(I.archiveChecksum);
    const { entry } = await buildIndexEntry({
        packDir: inputs.optional(I.packDir) ?? '.',
        gitUrl: inputs.optional(I.gitUrl),
        gitRef: inputs.optional(I.gitRef),
        allowMutableRef: inputs.boolean(I.allowMutableRef, false),
        archiveUrl: inputs.optional(I.archiveUrl),
        archiveChecksum: checksum === undefined ? undefined : parseDigest(checksum, `input ${I.archiveChecksum}`),
        archiveFile: inputs.optional(I.archiveFile),
        meta: parseMetaPairs(inputs.lines(I.meta), `input ${I.meta}`),
        cwd: workspace,
    }, deps);
    const text = stringifyCanonical(canonicalEntry(entry));
    const path = resolve(workspace, inputs.optional(I.output) ?? join(process.env.RUNNER_TEMP ?? workspace, 'entry.json'));
    await writeTextAtomic(path, text, `input ${I.output}`);
    output(O.entry, text.trimEnd());
    output(O.path, path);
    output(O.ref, entry.ref);
    output(O.version, entry.version);
    await summary(entrySummary(entry, path));
});
