import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { entryProblems } from '../../src/core/index/validate-index.js';
import { cliCommand } from '../helpers/cli.js';
import { framedChecksum } from '../helpers/framed-reference.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { tempDirs } from '../helpers/temp.js';
import { APACHE_LICENSE, INDEX_SCHEMA, MIT_LICENSE, readJson, STANDARD_INDEX } from './index-fixtures.js';

const REAL_INDEX = readJson<{ packs: Record<string, unknown>[] }>(STANDARD_INDEX);
const SCHEMA = readJson<{ $id: string }>(INDEX_SCHEMA);

const packreg = cliCommand('index-entry');

/** The fixture's schema, compiled here with ajv directly: the entry definition ("#/$defs/pack"). */
function schemaEntryValidator(): (value: unknown) => boolean {
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(SCHEMA);
  const validate = ajv.getSchema(`${SCHEMA.$id}#/$defs/pack`)!;
  return (value) => {
    if (validate(value) !== true) throw new Error(JSON.stringify(validate.errors));
    return true;
  };
}

/** A pack using every fallback of the builder, in a subdirectory of its repository. */
const RICH: Record<string, string> = {
  'pack.yaml': `ref: rich
name: Rich Pack
version: 1.2.3
description: Everything an index entry can carry \u2014 in one pack
author: Example Team
email: team@example.com
keywords: []
tags: [from-tags]
meta:
  keywords: [zeta, 42, alpha, zeta, 7.5, Beta]
  documentation_url: https://docs.example.com/rich
  use_case: Open tickets when monitoring alerts fire
  category: monitoring
runtime_deps: [shell, python3, shell]
dependencies:
  packs: [http, core]
  nodejs_version: ">=20"
  python_version: "3.11"
  attune_version: ">=1.0.0"
`,
  'actions/run.yaml': 'ref: rich.run\nname: not_this\nlabel: Run label\ndescription: Run it\nentry_point: run.sh\n',
  'actions/run.sh': '#!/bin/sh\necho run\n',
  'actions/deploy.yml': 'name: deploy\nlabel: Deploy label\n',
  'actions/nameless.yaml': 'description: Named after its file\nentry_point: nameless.sh\n',
  'actions/other.yaml': 'ref: otherpack.thing\ndescription: A foreign prefix stays\n',
  'actions/zed.yaml': 'name: Zed\ndescription: Upper case sorts first by bytes\n',
  'actions/flow.yaml': 'ref: rich.flow\ndescription: A workflow action\nworkflow_file: workflows/flow.yaml\n',
  'actions/workflows/flow.yaml': 'version: 1.0\ntasks:\n  - name: step\n',
  'actions/README.md': '# not a component\n',
  'sensors/watch.yaml': 'name: rich.watch\nentry_point: watch.py\n',
  'triggers/fired.yaml': 'ref: rich.fired\nlabel: Fired label\n',
  'rules/on_fire.yaml': 'name: on_fire\ndescription: Route fired events\n',
  'rules/notes.json': '{"name": "not a rule"}\n',
  'workflows/nightly.yaml': 'ref: rich.nightly\ndescription: Nightly job\n',
};

/** Keywords from tags (numbers too), list dependencies, a top-level category, its own LICENSE. */
const TAGGED: Record<string, string> = {
  'pack.yaml': `ref: tagged
label: Tagged
version: 0.1.0
description: Keywords from tags
author: Example Team
category: networking
meta:
  category: not-this-one
tags: [net, 10, net, dns]
dependencies: [core, "http@>=1.0.0"]
`,
  LICENSE: APACHE_LICENSE,
};

function under(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [`${prefix}/${path}`, text]));
}

describe('index-entry fills every field as Attune\'s builder does', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());
  let repo: TestRepo;
  let sha: string;
  let richText: string;
  let rich: Record<string, unknown>;
  let tagged: Record<string, unknown>;

  beforeAll(async () => {
    repo = createRepo(temp);
    sha = repo.commit({ LICENSE: MIT_LICENSE, 'README.md': '# packs\n', ...under('packs/rich', RICH), ...under('packs/tagged', TAGGED) });
    const a = await packreg(['packs/rich', '--git-url', 'https://github.com/example/rich.git', '--git-ref', sha], repo.dir);
    if (a.code !== 0) throw new Error(a.stderr);
    richText = a.stdout;
    rich = JSON.parse(a.stdout) as Record<string, unknown>;
    const b = await packreg(['packs/tagged', '--git-url', 'https://github.com/example/tagged.git', '--git-ref', sha], repo.dir);
    if (b.code !== 0) throw new Error(b.stderr);
    tagged = JSON.parse(b.stdout) as Record<string, unknown>;
  });

  it('equals the entry built by hand from the builder rules (rich pack in a subdirectory)', () => {
    expect(rich).toStrictEqual({
      ref: 'rich',
      label: 'Rich Pack', // no label: name
      description: 'Everything an index entry can carry \u2014 in one pack',
      version: '1.2.3',
      author: 'Example Team',
      license: 'MIT', // no license, no meta.license, no LICENSE in the pack: the repository's
      keywords: ['42', '7.5', 'Beta', 'alpha', 'zeta'], // keywords empty: meta.keywords, as strings, unique, sorted
      runtime_deps: ['python3', 'shell'],
      install_sources: [{ type: 'git', url: 'https://github.com/example/rich.git', ref: sha, checksum: framedChecksum(RICH) }],
      contents: {
        actions: [
          { name: 'Zed', description: 'Upper case sorts first by bytes' },
          { name: 'deploy', description: 'Deploy label' },
          { name: 'nameless', description: 'Named after its file' },
          { name: 'otherpack.thing', description: 'A foreign prefix stays' },
          { name: 'run', description: 'Run it' },
        ],
        sensors: [{ name: 'watch', description: '' }],
        triggers: [{ name: 'fired', description: 'Fired label' }],
        rules: [{ name: 'on_fire', description: 'Route fired events' }],
        workflows: [
          { name: 'flow', description: 'A workflow action' },
          { name: 'nightly', description: 'Nightly job' },
        ],
      },
      meta: { category: 'monitoring', commit: sha },
      repository: 'https://github.com/example/rich',
      email: 'team@example.com',
      homepage: 'https://docs.example.com/rich',
      use_case: 'Open tickets when monitoring alerts fire',
      dependencies: { attune_version: '>=1.0.0', python_version: '3.11', nodejs_version: '>=20', packs: ['http', 'core'] },
    });
  });

  it('equals the entry built by hand (tags, list dependencies, top-level category, LICENSE at the pack root)', () => {
    expect(tagged).toStrictEqual({
      ref: 'tagged',
      label: 'Tagged',
      description: 'Keywords from tags',
      version: '0.1.0',
      author: 'Example Team',
      license: 'Apache-2.0', // the pack's own LICENSE wins over the repository top's MIT
      keywords: ['10', 'dns', 'net'],
      runtime_deps: [],
      install_sources: [{ type: 'git', url: 'https://github.com/example/tagged.git', ref: sha, checksum: framedChecksum(TAGGED) }],
      contents: { actions: [], sensors: [], triggers: [], rules: [], workflows: [] },
      meta: { category: 'networking', commit: sha },
      repository: 'https://github.com/example/tagged',
      dependencies: { packs: ['core', 'http@>=1.0.0'] },
    });
  });

  it('numbers in the dependencies object become strings, as the builder\'s str() makes them', async () => {
    const numeric = RICH['pack.yaml'].replace('nodejs_version: ">=20"', 'nodejs_version: 20').replace('python_version: "3.11"', 'python_version: 3.11');
    const commit = repo.commit({ 'packs/numeric/pack.yaml': numeric.replace('ref: rich', 'ref: numeric') });
    const result = await packreg(['packs/numeric', '--git-url', 'https://github.com/example/numeric.git', '--git-ref', commit], repo.dir);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { dependencies: unknown }).dependencies).toStrictEqual({
      attune_version: '>=1.0.0',
      python_version: '3.11',
      nodejs_version: '20',
      packs: ['http', 'core'],
    });
  });

  it('a bare pack: label from the ref, keywords given directly, top-level homepage/use_case/repository win over meta', async () => {
    const commit = repo.commit({
      'packs/bare/pack.yaml': `ref: bare
version: 2.0.0-rc.1
description: Bare
author: Solo
keywords: [b, 1, a, b]
tags: [not-used]
homepage: https://bare.example.com
use_case: Top-level use case
repository: https://gitlab.com/example/bare
meta:
  documentation_url: https://docs.example.com/not-used
  use_case: not used
  keywords: [not-used]
`,
    });
    const result = await packreg(['packs/bare', '--git-url', 'https://github.com/example/bare.git', '--git-ref', commit], repo.dir);
    if (result.code !== 0) throw new Error(result.stderr);
    const bare = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(bare).toMatchObject({
      label: 'bare',
      version: '2.0.0-rc.1',
      license: 'MIT',
      keywords: ['1', 'a', 'b'],
      homepage: 'https://bare.example.com',
      use_case: 'Top-level use case',
      repository: 'https://gitlab.com/example/bare',
      meta: { category: 'uncategorized', commit },
    });
    expect(bare).not.toHaveProperty('email');
    expect(bare).not.toHaveProperty('dependencies');
    expect(Object.keys(bare).slice(-4)).toEqual(['meta', 'repository', 'homepage', 'use_case']);
  });

  it('the meta the real index has beyond ours is host-only (default_branch, stars)', () => {
    const realMeta = new Set(REAL_INDEX.packs.flatMap((p) => Object.keys(p.meta as object)));
    const ours = Object.keys(rich.meta as object);
    expect([...realMeta].filter((k) => !ours.includes(k)).sort()).toEqual(['default_branch', 'stars']);
  });

  it('keys come in the real index\'s order, at every level', () => {
    for (const real of REAL_INDEX.packs) {
      const realKeys = Object.keys(real);
      // Our keys, restricted to the ones this real entry has, in the same order as the real entry's.
      expect(Object.keys(rich).filter((k) => realKeys.includes(k))).toEqual(realKeys.filter((k) => k in rich));
    }
    // Every real entry has meta before repository/email/homepage/dependencies, as ours does.
    const real = REAL_INDEX.packs.find((p) => 'dependencies' in p && 'homepage' in p)!;
    expect(Object.keys(rich).filter((k) => k !== 'use_case')).toEqual(Object.keys(real));
    const source = (x: Record<string, unknown>): string[] => Object.keys((x.install_sources as object[])[0]);
    expect(source(rich)).toEqual(source(real));
    expect(Object.keys(rich.contents as object)).toEqual(Object.keys(real.contents as object));
    expect(Object.keys((rich.contents as { actions: object[] }).actions[0])).toEqual(Object.keys((real.contents as { actions: object[] }).actions[0]));
    expect(Object.keys(rich.dependencies as object)).toEqual(['attune_version', 'python_version', 'nodejs_version', 'packs']);
  });

  it('the printed text is exactly what Python\'s json.dumps(indent=2) writes for it', () => {
    const script = 'import json,sys; print(json.dumps(json.loads(sys.stdin.buffer.read().decode("utf-8")), indent=2))';
    expect(execFileSync('python3', ['-c', script], { input: richText }).toString('utf8')).toBe(richText);
    expect(richText).toContain('\\u2014');
  });

  it('validates against the fixture schema\'s entry definition, and packreg\'s own checks', () => {
    const validate = schemaEntryValidator();
    expect(validate(rich)).toBe(true);
    expect(validate(tagged)).toBe(true);
    expect(entryProblems(rich, 'standard')).toEqual([]);
    expect(entryProblems(tagged, 'standard')).toEqual([]);
  });
});
