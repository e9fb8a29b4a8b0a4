import { describe, expect, it } from '@jest/globals';
import type { IndexUpdateResult } from '../../src/core/index/index-update.js';
import { planMarkdown, planText } from '../../src/core/index/plan-text.js';
import type { PlanItem } from '../../src/core/index/upsert-plan.js';

/** The plan as text (diff-like, for the CLI and the log) and as markdown (the job summary). */

const ITEMS: PlanItem[] = [
  { ref: 'consul', version: '1.1.0', action: 'added', reason: 'new version', latest: true },
  { ref: 'consul', version: '1.0.0', action: 'unchanged', reason: 'already published with the same content', latest: false },
  { ref: 'vault', version: '2.0.0', action: 'replaced', reason: 'REPLACED a published version (--force): git checksum published A, new B', latest: true },
  { ref: 'slack', version: '0.1.0', action: 'refused', reason: 'slack@0.1.0 is already published and versions are immutable: archive url published X|1, new Y', latest: false },
];

function result(overrides: Partial<IndexUpdateResult>): IndexUpdateResult {
  return {
    indexPath: '/reg/index.json',
    created: false,
    changed: true,
    written: true,
    dryRun: false,
    refused: 0,
    plan: ITEMS.slice(0, 3),
    files: ['/reg/packs/consul/index.json', '/reg/index.json'],
    lastUpdated: '2030-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('planText', () => {
  it('one line per ref@version: + added, = unchanged, ~ replaced, with (latest) and the reason; then the files written', () => {
    expect(planText(result({}))).toBe(
      [
        'index /reg/index.json: written',
        '+ consul 1.1.0 (latest): new version',
        '= consul 1.0.0: already published with the same content',
        '~ vault 2.0.0 (latest): REPLACED a published version (--force): git checksum published A, new B',
        '  wrote /reg/packs/consul/index.json',
        '  wrote /reg/index.json',
        '',
      ].join('\n'),
    );
  });

  it('a dry run says so and lists what it would write', () => {
    const text = planText(result({ dryRun: true, written: false, created: true }));
    expect(text.split('\n')[0]).toBe('new index /reg/index.json: dry run, nothing written');
    expect(text).toContain('  would write /reg/index.json\n');
    expect(text).not.toContain('  wrote ');
  });

  it('a refusal: "!" with its reason, "nothing written" and no file lines, even on a dry run', () => {
    for (const dryRun of [false, true]) {
      const text = planText(result({ plan: ITEMS, refused: 1, written: false, dryRun }));
      expect(text.split('\n')[0]).toBe('index /reg/index.json: nothing written');
      expect(text).toContain('! slack 0.1.0: slack@0.1.0 is already published and versions are immutable: archive url published X|1, new Y\n');
      expect(text).not.toMatch(/wrote|would write/);
    }
  });

  it('nothing to do: "no change"', () => {
    const text = planText(result({ plan: [ITEMS[1]], changed: false, written: false, files: [] }));
    expect(text).toBe('index /reg/index.json: no change\n= consul 1.0.0: already published with the same content\n');
  });
});

describe('planMarkdown', () => {
  it('a heading, the outcome and a table row per item, pipes in reasons escaped', () => {
    const md = planMarkdown(result({ plan: ITEMS, refused: 1, written: false }));
    const lines = md.split('\n');
    expect(lines[0]).toBe('### packreg: index update');
    expect(md).toContain('`/reg/index.json`: changed, 1 refused, nothing written');
    expect(lines).toContain('| | ref | version | action | details |');
    expect(lines).toContain('| `+` | consul | 1.1.0 (latest) | added | new version |');
    expect(lines).toContain('| `=` | consul | 1.0.0 | unchanged | already published with the same content |');
    expect(lines).toContain('| `~` | vault | 2.0.0 (latest) | replaced | REPLACED a published version (--force): git checksum published A, new B |');
    expect(lines).toContain('| `!` | slack | 0.1.0 | refused | slack@0.1.0 is already published and versions are immutable: archive url published X\\|1, new Y |');
    // every table row has the same number of unescaped cells
    for (const row of lines.filter((l) => l.startsWith('|'))) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('a dry run is marked in the heading; no change is said', () => {
    const md = planMarkdown(result({ dryRun: true, written: false, changed: false, plan: [ITEMS[1]], files: [] }));
    expect(md.split('\n')[0]).toBe('### packreg: index update (dry run)');
    expect(md).toContain('`/reg/index.json`: no change\n');
  });
});
