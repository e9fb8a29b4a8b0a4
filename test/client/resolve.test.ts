import { describe, expect, it } from '@jest/globals';
import type { IndexSource } from '../../src/core/client/resolve.js';
import { resolveFromRegistries } from '../../src/core/client/resolve.js';
import { ExitCode, RemoteError } from '../../src/core/errors.js';
import type { IndexEntry, RegistryIndex } from '../../src/core/index/model.js';
import { realEntry } from '../index/index-fixtures.js';

const entry = (ref: string, version: string): IndexEntry => ({ ...realEntry(), ref, version });

/** A registry listing the given entries (the highest of each ref in its index, all in its history). */
function registry(name: string, priority: number, entries: IndexEntry[], options: { broken?: Error; history?: boolean } = {}): IndexSource & { historyReads: string[] } {
  const historyReads: string[] = [];
  return {
    name,
    url: `https://${name}.example.com/index.json`,
    priority,
    historyReads,
    async index(): Promise<RegistryIndex> {
      if (options.broken) throw options.broken;
      const top = new Map<string, IndexEntry>();
      for (const e of entries) if (!top.has(e.ref) || e.version > top.get(e.ref)!.version) top.set(e.ref, e);
      return { registry_name: name, registry_url: `https://${name}.example.com/`, version: '1.0', last_updated: '2026-01-01T00:00:00Z', packs: [...top.values()] };
    },
    async history(ref) {
      historyReads.push(ref);
      return options.history === false ? undefined : entries.filter((e) => e.ref === ref);
    },
  };
}

const latest = { kind: 'latest' } as const;

describe('resolution across registries', () => {
  it('takes the first registry by priority that lists the ref, and names the ones it shadows', async () => {
    const official = registry('official', 1, [entry('slack', '2.1.0')]);
    const internal = registry('internal', 2, [entry('slack', '9.0.0'), entry('jira', '1.0.0')]);
    const result = await resolveFromRegistries('slack', latest, [internal, official]);
    expect({ from: result.source.name, version: result.entry.version, shadowed: result.shadowed }).toEqual({ from: 'official', version: '2.1.0', shadowed: ['internal'] });
    expect((await resolveFromRegistries('jira', latest, [internal, official])).source.name).toBe('internal');
  });

  it('fails closed: an unreadable higher-priority registry stops resolution (exit 4), naming it', async () => {
    const broken = registry('official', 1, [], { broken: new Error('HTTP 503') });
    const internal = registry('internal', 2, [entry('slack', '2.1.0')]);
    const error = await resolveFromRegistries('slack', latest, [internal, broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).message).toMatch(/registry "official" \(https:\/\/official\.example\.com\/index\.json\) cannot be used: HTTP 503\. Resolution stops here/);
  });

  it('--registry pins one registry (case-insensitive name), and an unknown name lists the configured ones', async () => {
    const official = registry('official', 1, [entry('slack', '2.1.0')], { broken: new Error('down') });
    const internal = registry('Internal', 2, [entry('slack', '3.0.0')]);
    expect((await resolveFromRegistries('slack', latest, [official, internal], 'internal')).entry.version).toBe('3.0.0');
    await expect(resolveFromRegistries('slack', latest, [official, internal], 'nope')).rejects.toMatchObject({ exitCode: ExitCode.Usage, message: expect.stringContaining('configured: official, Internal') });
  });

  it('finds an older exact version or the highest in a range in the per-pack history', async () => {
    const r = registry('official', 1, [entry('slack', '1.0.0'), entry('slack', '1.4.2'), entry('slack', '2.0.0'), entry('slack', '2.1.0')]);
    expect((await resolveFromRegistries('slack', { kind: 'exact', version: '1.0.0' }, [r])).entry.version).toBe('1.0.0');
    expect((await resolveFromRegistries('slack', { kind: 'range', range: '^1.0.0' }, [r])).entry.version).toBe('1.4.2');
    expect((await resolveFromRegistries('slack', { kind: 'range', range: '~2.1.0' }, [r])).entry.version).toBe('2.1.0');
  });

  it('reads no history when the top entry already answers', async () => {
    const r = registry('official', 1, [entry('slack', '1.0.0'), entry('slack', '2.1.0')]);
    await resolveFromRegistries('slack', { kind: 'range', range: '>=2.0.0' }, [r]);
    expect(r.historyReads).toEqual([]);
  });

  it('a registry that lists the ref owns it: a missing version is an error listing what it has, not a fall-through', async () => {
    const official = registry('official', 1, [entry('slack', '2.1.0'), entry('slack', '2.0.0')]);
    const internal = registry('internal', 2, [entry('slack', '1.0.0')]);
    await expect(resolveFromRegistries('slack', { kind: 'exact', version: '1.0.0' }, [official, internal])).rejects.toMatchObject({
      exitCode: ExitCode.Input,
      message: expect.stringMatching(/registry "official" lists slack but no version 1\.0\.0 \(it has 2\.1\.0, 2\.0\.0\)/),
    });
  });

  it('a ref in no registry is exit 3 naming every registry searched', async () => {
    await expect(resolveFromRegistries('nope', latest, [registry('a', 1, []), registry('b', 2, [])])).rejects.toMatchObject({ exitCode: ExitCode.Input, message: expect.stringContaining('searched "a", "b"') });
  });
});
