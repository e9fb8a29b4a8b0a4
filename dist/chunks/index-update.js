import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { U as UsageError, I as InputError } from './errors.js';
import { w as writeTextAtomic } from './atomic-file.js';
import { c as compareByteOrder } from './runtime.js';
import { s as stringifyHistory, h as historyPath, r as readHistory } from './history.js';
import { r as readCheckedIndex, e as emitText, i as indexPieces, p as packAt } from './index-stream.js';
import { p as planUpsert, s as sameContent, I as INDEX_FORMAT_VERSION } from './upsert-plan.js';
import { e as entryProblems, f as formatIndexProblems, i as indexProblems } from './index-rules.js';
import { h as highest } from './versions.js';
import 'node:crypto';
import 'node:fs/promises';
import './_commonjsHelpers.js';
import './index.js';
import './canonical-json.js';
import './json-text.js';

/**
 * Upsert entries into an index and the per-pack histories beside it. The existing index
 * must validate (it is never rewritten otherwise); each ref's top-level entry is its
 * highest version by semver precedence; output is canonical and deterministic, and
 * `last_updated` moves only when index.json's packs change. The index is streamed entry by
 * entry, so memory stays near the file's size. Histories are written first and the index
 * last, each atomically.
 */
async function updateIndex(settings, logger) {
    checkEntries(settings.entries, settings.policy);
    const indexPath = resolve(settings.indexPath);
    const outputPath = resolve(settings.outputPath ?? settings.indexPath);
    const inPlace = indexPath === outputPath;
    const current = existsSync(indexPath) ? await readCheckedIndex(indexPath, settings.policy) : undefined;
    const header = current ? headerOf(current) : newHeader(indexPath, settings);
    const listed = new Map((current?.packs ?? []).map((p) => [p.ref, p]));
    // The current top-level entry of a touched ref, parsed once (entries are parsed on demand).
    const tops = new Map();
    const top = (ref) => {
        if (!tops.has(ref))
            tops.set(ref, current && listed.has(ref) ? packAt(current.scanned, listed.get(ref).slice) : undefined);
        return tops.get(ref);
    };
    const histories = await currentHistories(indexPath, top, settings);
    const plan = planUpsert(histories.versions, settings.entries, settings.force);
    for (const item of plan.items)
        if (item.action === 'replaced')
            logger.warning(`${item.ref}@${item.version}: ${item.reason}`);
    const latest = new Map([...plan.histories].map(([ref, versions]) => [ref, highest(versions)]));
    const contentChanged = [...latest].some(([ref, entry]) => {
        const before = top(ref);
        return before === undefined || !sameContent(before, entry);
    });
    const next = { ...header, last_updated: contentChanged ? timestamp(settings.now) : header.last_updated };
    const refs = [...new Set([...listed.keys(), ...latest.keys()])].sort(compareByteOrder);
    const entries = function* () {
        for (const ref of refs)
            yield latest.get(ref) ?? packAt(current.scanned, listed.get(ref).slice);
    };
    const files = [];
    // A ref that gains or changes no version keeps its history as it is: re-publishing the entry
    // index.json already lists must not create a history file (the run is a no-op).
    const touched = new Set(plan.items.filter((i) => i.action === 'added' || i.action === 'replaced').map((i) => i.ref));
    const kept = [...plan.histories].filter(([ref]) => touched.has(ref) || histories.texts.has(ref));
    const historyTexts = new Map(kept.map(([ref, versions]) => [ref, stringifyHistory({ ref, versions })]));
    for (const [ref, text] of historyTexts)
        if (!inPlace || histories.texts.get(ref) !== text)
            files.push(historyPath(outputPath, ref));
    const write = !settings.dryRun && plan.refused === 0;
    if (write)
        for (const [ref, text] of historyTexts)
            if (files.includes(historyPath(outputPath, ref)))
                await writeTextAtomic(historyPath(outputPath, ref), text, 'pack history');
    const indexChanged = await emitText(outputPath, indexPieces(next, entries()), { previous: inPlace ? current?.scanned.bytes : undefined, dryRun: !write, what: 'index' });
    if (indexChanged)
        files.push(outputPath);
    return {
        indexPath: outputPath,
        created: !current,
        changed: files.length > 0,
        written: write && files.length > 0,
        dryRun: settings.dryRun,
        refused: plan.refused,
        plan: plan.items,
        files,
        lastUpdated: next.last_updated,
    };
}
function checkEntries(entries, policy) {
    if (entries.length === 0)
        throw new UsageError('no entries to add: give a pack directory with source flags, or --entry FILE');
    entries.forEach((entry, i) => {
        const problems = entryProblems(entry, policy);
        if (problems.length > 0) {
            const name = typeof entry?.ref === 'string' ? `${entry.ref}@${String(entry.version)}` : `#${i + 1}`;
            throw new InputError(`entry ${name} is not a valid Attune index entry (policy ${policy}); nothing was written:\n${formatIndexProblems(problems)}`);
        }
    });
}
function headerOf(current) {
    const h = current.scanned.header;
    return { registry_name: h.registry_name, registry_url: h.registry_url, version: h.version, last_updated: h.last_updated };
}
function newHeader(path, s) {
    if (!s.registryName || !s.registryUrl) {
        throw new UsageError(`index ${path} does not exist; to create it, give --registry-name and --registry-url (https)`);
    }
    const header = { registry_name: s.registryName, registry_url: s.registryUrl, version: INDEX_FORMAT_VERSION, last_updated: timestamp(s.now) };
    const problems = indexProblems({ ...header, packs: [] }, s.policy);
    if (problems.length > 0)
        throw new UsageError(`cannot create ${path}:\n${formatIndexProblems(problems)}`);
    return header;
}
/** Each touched ref's versions: its history file, plus its index entry if the history lacks it. */
async function currentHistories(indexPath, top, s) {
    const versions = new Map();
    const texts = new Map();
    for (const ref of new Set(s.entries.map((e) => e.ref))) {
        const read = await readHistory(historyPath(indexPath, ref), ref, s.policy);
        const known = [...(read?.history.versions ?? [])];
        const listed = top(ref);
        if (listed && !known.some((v) => v.version === listed.version))
            known.push(listed);
        versions.set(ref, known);
        if (read)
            texts.set(ref, read.text);
    }
    return { versions, texts };
}
/** ISO 8601 in UTC to the second, as the standard index writes it. */
function timestamp(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export { timestamp, updateIndex };
