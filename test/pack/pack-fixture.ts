import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A pack written to a fresh temporary directory; call `remove` when done. */
export interface TempPack {
  dir: string;
  remove(): void;
}

/** Write `files` (pack-relative path → text) under a new temporary directory. */
export function writePack(files: Record<string, string>): TempPack {
  const dir = mkdtempSync(join(tmpdir(), 'packreg-pack-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A complete Attune-style pack exercising every rule of the index builder's inventory. */
export const ATTUNE_PACK: Record<string, string> = {
  'pack.yaml': `ref: demo_pack
label: Demo Pack
description: Demonstrates every kind of component
version: 1.2.0
author: Example Team
email: team@example.com
license: Apache-2.0
keywords: [monitoring, alerts, 2024, Alerts, monitoring]
runtime_deps: [shell, python3, shell]
dependencies:
  attune_version: ">=1.0.0"
  packs: [core@^1.0.0]
testing:
  enabled: true
  discovery: {method: directory, path: tests}
  runners:
    python: {type: unittest, entry_point: tests/test_pack.py, timeout: 120, result_format: simple}
    shell:
      type: script
      entry_point: tests/run_tests.sh
      timeout: 60
      result_format: simple
  min_pass_rate: 1.0
  on_failure: block
`,
  'actions/zeta.yaml': 'ref: demo_pack.zeta\ndescription: Last by name\nrunner_type: shell\n',
  'actions/Beta.yaml': 'name: Beta\ndescription: Upper-case sorts before lower-case in byte order\n',
  'actions/alpha.yml': 'ref: demo_pack.alpha\nlabel: Alpha from its label\n',
  'actions/no_meta.yaml': 'runner_type: shell\nentry_point: no_meta.sh\n',
  'actions/no_meta.sh': '#!/bin/sh\necho hi\n',
  'actions/deploy.yaml': 'ref: demo_pack.deploy\ndescription: Deploys in steps\nworkflow_file: workflows/deploy.workflow.yaml\n',
  'actions/workflows/deploy.workflow.yaml': 'ref: demo_pack.graph_only\ndescription: must not be listed\n',
  'actions/nested/hidden.yaml': 'ref: demo_pack.hidden\ndescription: must not be listed\n',
  'sensors/watcher.yaml': 'ref: demo_pack.watcher\ndescription: Watches things\n',
  'triggers/tick.yaml': 'name: tick\ndescription: Fires every minute\n',
  'rules/on_tick.yaml': 'ref: demo_pack.on_tick\ndescription: Runs zeta on each tick\n',
  'rules/foreign.yaml': 'ref: core.echo_rule\ndescription: Another pack prefix stays\n',
  'workflows/nightly.yaml': 'ref: demo_pack.nightly\ndescription: |\n  Runs every night\n',
  'tests/test_pack.py': 'import unittest\n',
  'tests/run_tests.sh': '#!/bin/sh\necho "Total Tests: 1"\n',
};

/** An older StackStorm-style pack: `name` instead of ref/label, python_versions, tags, no license. */
export const STACKSTORM_PACK: Record<string, string> = {
  'pack.yaml': `---
name: legacy_pack
description: A pack from the StackStorm Exchange
keywords: []
tags:
  - chatops
  - 2
version: 0.3.1
python_versions:
  - "3"
stackstorm_version: ">=3.0.0"
author: StackStorm contributors
email: info@stackstorm.com
contributors:
  - someone
`,
  'actions/post.yaml': 'name: post\ndescription: Post a message\nrunner_type: python-script\n',
};
