import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliCommand } from '../helpers/cli.js';
import { createRepo } from '../helpers/git-repo.js';
import type { TreeSpec } from '../helpers/temp.js';
import { tempDirs, tempTree } from '../helpers/temp.js';

const packreg = cliCommand('index-entry');

const MIT = `MIT License

Copyright (c) 2026 Example Team

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
`;
const APACHE = '\n                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/\n';
const PROPRIETARY = 'Copyright (c) 2026 Example Corp. All rights reserved.\n';

const BASE = 'ref: lic\nlabel: Licensed\nversion: 1.0.0\ndescription: License fallbacks\nauthor: Example Team\n';
const URL = 'https://github.com/example/lic.git';
const ARCHIVE = ['--archive-url', 'https://example.com/lic.tar.gz', '--archive-checksum', `sha256:${'d'.repeat(64)}`];

describe('index-entry: license, else meta.license, else the repository LICENSE, else NOASSERTION', () => {
  const temp = tempDirs();
  afterAll(() => temp.cleanup());

  /** The license of the entry built at a commit of a repository holding `files`, for the pack at `pack`. */
  async function licenseOf(files: TreeSpec, pack = '.'): Promise<string> {
    const repo = createRepo(temp);
    const sha = repo.commit(files);
    const result = await packreg([pack, '--git-url', URL, '--git-ref', sha], repo.dir);
    if (result.code !== 0) throw new Error(result.stderr);
    return (JSON.parse(result.stdout) as { license: string }).license;
  }

  it.each<[string, TreeSpec, string, string]>([
    ['pack.yaml license wins over everything', { 'pack.yaml': `${BASE}license: BSD-3-Clause\nmeta:\n  license: MIT\n`, LICENSE: APACHE }, '.', 'BSD-3-Clause'],
    ['then meta.license', { 'pack.yaml': `${BASE}meta:\n  license: ISC\n`, LICENSE: APACHE }, '.', 'ISC'],
    ['an empty license falls through, as the builder\'s "or" does', { 'pack.yaml': `${BASE}license: ""\nmeta:\n  license: ISC\n` }, '.', 'ISC'],
    ['then an Apache-2.0 LICENSE at the pack root (the repository top)', { 'pack.yaml': BASE, LICENSE: APACHE }, '.', 'Apache-2.0'],
    ['an MIT LICENSE.md at the pack root', { 'pack.yaml': BASE, 'LICENSE.md': MIT }, '.', 'MIT'],
    ['a COPYING file', { 'pack.yaml': BASE, COPYING: APACHE }, '.', 'Apache-2.0'],
    ['a pack in a subdirectory: its own LICENSE first', { LICENSE: MIT, 'packs/lic/pack.yaml': BASE, 'packs/lic/LICENSE': APACHE }, 'packs/lic', 'Apache-2.0'],
    ['a pack in a subdirectory: else the repository top\'s (MIT)', { LICENSE: MIT, 'packs/lic/pack.yaml': BASE }, 'packs/lic', 'MIT'],
    ['a pack in a subdirectory: else the repository top\'s (Apache-2.0)', { LICENSE: APACHE, 'packs/lic/pack.yaml': BASE }, 'packs/lic', 'Apache-2.0'],
    ['a LICENSE in a sibling folder does not count', { 'other/LICENSE': MIT, 'packs/lic/pack.yaml': BASE }, 'packs/lic', 'NOASSERTION'],
    ['no license and no LICENSE: NOASSERTION', { 'pack.yaml': BASE }, '.', 'NOASSERTION'],
    ['a LICENSE with an unknown text: NOASSERTION', { 'pack.yaml': BASE, LICENSE: PROPRIETARY }, '.', 'NOASSERTION'],
  ])('%s', async (_what, files, pack, license) => {
    expect(await licenseOf(files, pack)).toBe(license);
  });

  it('the LICENSE is read at the pinned commit, not from the work tree', async () => {
    const repo = createRepo(temp);
    const sha = repo.commit({ 'pack.yaml': BASE, LICENSE: APACHE });
    writeFileSync(join(repo.dir, 'LICENSE'), MIT);
    const result = await packreg(['.', '--git-url', URL, '--git-ref', sha], repo.dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { license: string }).license).toBe('Apache-2.0');
  });

  it('an untracked LICENSE in the work tree does not count', async () => {
    const repo = createRepo(temp);
    const sha = repo.commit({ 'pack.yaml': BASE });
    writeFileSync(join(repo.dir, 'LICENSE'), MIT);
    const result = await packreg(['.', '--git-url', URL, '--git-ref', sha], repo.dir);
    expect((JSON.parse(result.stdout) as { license: string }).license).toBe('NOASSERTION');
  });

  it('an archive-only entry reads the LICENSE beside pack.yaml in the directory', async () => {
    const dir = tempTree(temp, { 'pack.yaml': BASE, LICENSE: MIT });
    const result = await packreg([dir, ...ARCHIVE], '/');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { license: string }).license).toBe('MIT');
    const bare = tempTree(temp, { 'pack.yaml': BASE });
    expect((JSON.parse((await packreg([bare, ...ARCHIVE], '/')).stdout) as { license: string }).license).toBe('NOASSERTION');
  });
});
