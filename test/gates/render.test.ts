import { describe, expect, it } from '@jest/globals';
import { COMMENT_MARKER, commentMarkdown, gatesMarkdown } from '../../src/core/gates/render-markdown.js';
import { gatesText } from '../../src/core/gates/render-text.js';
import type { GateDetail } from '../../src/core/gates/report.js';
import { gateCheck, gateReport, skippedGate } from '../../src/core/gates/report.js';

/** The job summary, the comment and the CLI text of a report. */
const context = { base: 'a'.repeat(40), head: 'b'.repeat(40) };

describe('rendering the report', () => {
  it('makes text from the pull request inert: no HTML, links, emphasis or broken list items', () => {
    const report = gateReport([gateCheck('version', [{ pack: 'x_<img src=y>[a](http://e)', file: 'p`q/pack.yaml', message: 'has version "1.0" *loud*\nnext line', level: 'error' }])]);
    expect(gatesMarkdown(report, context)).toContain('- ❌ **x\\_&lt;img src=y&gt;\\[a\\](http://e)** `p\'q/pack.yaml`: has version "1.0" \\*loud\\* next line\n');
  });

  it('counts gates, lists problems first and cuts long lists, keeping the comment under GitHub\'s size limit', () => {
    const many: GateDetail[] = Array.from({ length: 500 }, (_, i) => ({ pack: `p${i}@1.0.0`, message: `p${i} 1.0.0: new version`, level: 'info' }));
    const report = gateReport([skippedGate('version', 'no pack changed'), gateCheck('registry', [...many, { file: 'index.json', message: '/packs/3: bad', level: 'error' }])]);
    expect(report).toMatchObject({ passed: false, failures: 1 });
    const comment = commentMarkdown(report, context);
    expect(comment.startsWith(`${COMMENT_MARKER}\n### ❌ packreg: pull request checks failed (1 problem)\n`)).toBe(true);
    expect(comment).toContain('| Version increment | ⏭️ skipped: no pack changed |\n| Released entries | ❌ 1 problem |');
    expect(comment).toContain('#### Released entries\n\n- ❌ `index.json`: /packs/3: bad\n- ✅ **p0@1.0.0**: p0 1.0.0: new version\n');
    expect(comment).toContain('- … and 451 more');
    expect(comment.match(/^- [✅❌] /gm)).toHaveLength(50);
    expect(comment.length).toBeLessThan(65536);
  });

  it('writes plain text for the command line', () => {
    const report = gateReport([gateCheck('version', [{ pack: 'a', file: 'pack.yaml', line: 5, message: '1.0.0 → 1.1.0', level: 'info' }]), skippedGate('changelog', 'turned off')]);
    expect(gatesText(report, context)).toBe(
      ['pull request checks passed: base aaaaaaaaaaaa, head bbbbbbbbbbbb', 'Version increment: passed', '  ok  a (pack.yaml:5): 1.0.0 → 1.1.0', 'Changelog: skipped (turned off)', ''].join('\n'),
    );
  });
});
