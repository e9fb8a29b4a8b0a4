import { s as semver } from './index.js';
import { I as InputError, U as UsageError, R as RemoteError, m as messageOf } from './errors.js';
import { n as newestFirst } from './versions.js';

/**
 * Resolve `ref` by registry priority, first match wins. Fail closed: a registry that
 * cannot be fetched or does not validate stops resolution with its error; only a clean
 * "this index does not list the ref" moves on to the next. Once a registry lists the ref it
 * owns it: a version it does not have is an error, not a reason to look further.
 */
async function resolveFromRegistries(ref, wanted, sources, pinned) {
    const candidates = pick(sources, pinned);
    for (let i = 0; i < candidates.length; i++) {
        const source = candidates[i];
        const top = (await load(source)).packs.find((p) => p.ref === ref);
        if (!top)
            continue;
        const entry = await choose(source, top, wanted);
        return { entry, source, shadowed: await alsoListing(ref, candidates.slice(i + 1)) };
    }
    const searched = candidates.map((s) => `"${s.name}"`).join(', ');
    throw new InputError(`pack "${ref}" is not in any registry (searched ${searched || 'none: no registry is configured'}); check the name with "packreg search"`);
}
function pick(sources, pinned) {
    const ordered = [...sources].sort((a, b) => a.priority - b.priority);
    if (pinned === undefined)
        return ordered;
    const chosen = ordered.filter((s) => s.name.toLowerCase() === pinned.toLowerCase());
    if (chosen.length === 0)
        throw new UsageError(`--registry ${pinned}: no registry has that name; configured: ${ordered.map((s) => s.name).join(', ') || 'none'}`);
    return chosen;
}
async function load(source) {
    try {
        return await source.index();
    }
    catch (error) {
        throw new RemoteError(`registry "${source.name}" (${source.url}) cannot be used: ${messageOf(error)}. Resolution stops here instead of taking the pack from a lower-priority registry; fix or disable it, or pick one with --registry NAME`, { cause: error });
    }
}
async function choose(source, top, wanted) {
    if (wanted.kind === 'latest')
        return top;
    const fits = (v) => (wanted.kind === 'exact' ? v === wanted.version : semver.satisfies(v, wanted.range));
    // The top entry is the highest version, so when it fits it is the answer for a range too.
    if (fits(top.version))
        return top;
    const versions = [...((await source.history(top.ref)) ?? [top])].sort(newestFirst);
    const found = versions.find((e) => fits(e.version));
    if (found)
        return found;
    const want = wanted.kind === 'exact' ? wanted.version : wanted.range;
    throw new InputError(`registry "${source.name}" lists ${top.ref} but no version ${want} (it has ${versions.map((e) => e.version).join(', ')}); pick one of those, or another registry with --registry NAME`);
}
/** Names of the registries that also list `ref`; one that cannot be read is skipped here. */
async function alsoListing(ref, rest) {
    const found = await Promise.all(rest.map(async (s) => ((await s.index().catch(() => undefined))?.packs.some((p) => p.ref === ref) ? s.name : undefined)));
    return found.filter((name) => name !== undefined);
}

export { resolveFromRegistries as r };
