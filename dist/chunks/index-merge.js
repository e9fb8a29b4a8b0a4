import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { s as semver } from './index.js';
import { U as UsageError } from './errors.js';
import { c as compareByteOrder } from './runtime.js';
import { timestamp } from './index-update.js';
import { r as readCheckedIndex, e as emitText, i as indexPieces, p as packAt } from './index-stream.js';
import { s as sameContent } from './upsert-plan.js';
import './_commonjsHelpers.js';
import './atomic-file.js';
import 'node:crypto';
import 'node:fs/promises';
import './history.js';
import './canonical-json.js';
import './json-text.js';
import './index-rules.js';
import './versions.js';

/**
 * Merge indices: every input must validate; a ref present in several inputs takes its
 * highest version (ties: the first input wins); the registry identity comes from the first
 * input. The output is replaced atomically only after everything succeeded, and left
 * untouched (last_updated included) when its packs already equal the merge.
 */
async function mergeIndices(settings) {
    if (settings.inputs.length === 0)
        throw new UsageError('index-merge needs at least one input index');
    const inputs = [];
    for (const input of settings.inputs)
        inputs.push({ path: resolve(input), checked: await readCheckedIndex(resolve(input), settings.policy, 'input index') });
    const chosen = new Map();
    for (const from of inputs) {
        for (const info of from.checked.packs) {
            const best = chosen.get(info.ref);
            if (!best || semver.gt(info.version, best.info.version))
                chosen.set(info.ref, { info, from });
        }
    }
    const refs = [...chosen.keys()].sort(compareByteOrder);
    const entries = function* () {
        for (const ref of refs) {
            const { info, from } = chosen.get(ref);
            yield packAt(from.checked.scanned, info.slice);
        }
    };
    const output = resolve(settings.output);
    const previous = existsSync(output) ? await readCheckedIndex(output, settings.policy, 'existing output').catch(() => undefined) : undefined;
    const first = inputs[0].checked.scanned.header;
    const header = {
        registry_name: first.registry_name,
        registry_url: first.registry_url,
        version: '1.0',
        last_updated: previous && samePacks(previous, entries()) ? previous.scanned.header.last_updated : timestamp(settings.now),
    };
    // An output that is not a valid index (or not a file at all) is never equal to the merge:
    // the write reports a directory clearly instead of a raw EISDIR from reading it here.
    const previousBytes = previous?.scanned.bytes;
    const changed = await emitText(output, indexPieces(header, entries()), { previous: previousBytes, dryRun: false, what: 'output index' });
    return {
        output,
        changed,
        packs: refs.length,
        sources: refs.map((ref) => ({ ref, version: chosen.get(ref).info.version, input: chosen.get(ref).from.path })),
    };
}
/** Whether an existing index holds exactly these entries (compared one at a time). */
function samePacks(previous, entries) {
    let i = 0;
    for (const entry of entries) {
        const info = previous.packs[i++];
        if (!info)
            return false;
        const old = packAt(previous.scanned, info.slice);
        if (!sameContent(old, entry))
            return false;
    }
    return i === previous.packs.length;
}

export { mergeIndices };
