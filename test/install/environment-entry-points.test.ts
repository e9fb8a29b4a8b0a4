/** The environment step's entry point checks: every action's and sensor's entry point exists in the pack, shell ones executable. */
import { readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { checkEntryPoints, setUpEnvironment } from '../../src/core/install/environment.js';
import { tempDirs, writeTree } from '../helpers/temp.js';
import { packYaml, realDeps, writePack } from './environment-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const SHELL_PACK = 'runtime_deps: [shell]\n';

describe('setUpEnvironment: entry points', () => {
  test('entry points that exist, shell ones executable, pass without running anything', async () => {
    const pack = await writePack(temp, {
      'pack.yaml': packYaml(SHELL_PACK),
      'actions/run.yaml': 'name: run\nrunner_type: shell\nentry_point: run.sh\n',
      'actions/run.sh': { content: '#!/bin/sh\necho hi\n', executable: true },
      'actions/greet.yml': 'name: greet\nrunner_type: python-script\nentry_point: greet.py\n',
      'actions/greet.py': 'print("hi")\n',
      'actions/shared.yaml': 'name: shared\nrunner_type: local-shell-script\nentry_point: ../scripts/shared.sh\n',
      'scripts/shared.sh': { content: '#!/bin/sh\n', executable: true },
      'actions/flow.yaml': 'name: flow\nrunner_type: workflow\nentry_point: workflows/flow.yaml\n',
      'actions/workflows/flow.yaml': 'version: 1.0\n',
      'actions/cmd.yaml': 'name: cmd\nrunner_type: local-shell-cmd\nparameters: {cmd: {default: ls}}\n',
      'sensors/watch.yaml': 'class_name: Watch\nentry_point: watch.sh\n',
      'sensors/watch.sh': { content: '#!/bin/sh\n', executable: true },
    });
    const outcome = await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv: { PATH: process.env.PATH } }, realDeps());
    expect(outcome).toEqual({
      status: 'passed',
      details: [{ level: 'info', message: '5 entry point(s) of actions/ and sensors/ exist in the pack, shell ones executable' }],
      processes: [],
    });
  });

  test('missing, non-executable, outside and non-file entry points are errors naming the component file and line', async () => {
    const base = temp.make('packreg-entries-');
    writeTree(base, { 'elsewhere.sh': { content: '#!/bin/sh\n', executable: true } });
    const dir = join(base, 'pack');
    const pack = await writePack(dir, {
      'pack.yaml': packYaml(SHELL_PACK),
      'actions/missing.yaml': 'name: missing\nrunner_type: shell\nentry_point: gone.sh\n',
      'actions/noexec.yaml': 'name: noexec\nrunner_type: remote-shell-script\nentry_point: noexec.py\n',
      'actions/noexec.py': 'print(1)\n',
      'actions/escape.yaml': 'name: escape\ndescription: x\nentry_point: ../../elsewhere.sh\n',
      'actions/absolute.yaml': 'name: absolute\nentry_point: /bin/sh\n',
      'actions/link.yaml': 'name: link\nentry_point: link.sh\n',
      'actions/folder.yaml': 'name: folder\nentry_point: lib\n',
      'actions/lib/helper.py': '\n',
      'sensors/poll.yml': 'class_name: Poll\n\nentry_point: poll.sh\n',
      'sensors/poll.sh': '#!/bin/sh\n',
      // Not checked: nested component files, files that do not parse, components without entry_point.
      'actions/sub/nested.yaml': 'entry_point: nowhere.sh\n',
      'actions/broken.yaml': 'name: [broken\nentry_point: nowhere.sh\n',
      'actions/plain.yaml': 'name: plain\nrunner_type: local-shell-cmd\n',
    });
    symlinkSync(join(base, 'elsewhere.sh'), join(dir, 'actions', 'link.sh'));
    const before = readdirSync(dir, { recursive: true });

    const outcome = await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv: {} }, realDeps());

    expect(outcome.status).toBe('failed');
    expect(outcome.processes).toEqual([]);
    expect(outcome.details).toEqual([
      { level: 'error', file: 'actions/absolute.yaml', line: 2, message: 'actions/absolute.yaml: entry_point "/bin/sh" is outside the pack (it resolves to /bin/sh from the pack root); put the file inside the pack and give its path relative to actions/' },
      { level: 'error', file: 'actions/escape.yaml', line: 3, message: 'actions/escape.yaml: entry_point "../../elsewhere.sh" is outside the pack (it resolves to ../elsewhere.sh from the pack root); put the file inside the pack and give its path relative to actions/' },
      { level: 'error', file: 'actions/folder.yaml', line: 2, message: 'actions/folder.yaml: entry_point "lib" names actions/lib, which is not a file; point it at the script to run' },
      { level: 'error', file: 'actions/link.yaml', line: 2, message: 'actions/link.yaml: entry_point "link.sh" names actions/link.sh, a link that leads outside the pack; put the file inside the pack and give its path relative to actions/' },
      { level: 'error', file: 'actions/missing.yaml', line: 3, message: 'actions/missing.yaml: entry_point "gone.sh" names actions/gone.sh, which does not exist in the pack; add the file or correct entry_point (it is relative to actions/)' },
      { level: 'error', file: 'actions/noexec.yaml', line: 3, message: 'actions/noexec.yaml: actions/noexec.py is not executable, so the shell runner cannot start it; run "chmod +x actions/noexec.py" and commit the mode (git add --chmod=+x actions/noexec.py)' },
      { level: 'error', file: 'sensors/poll.yml', line: 3, message: 'sensors/poll.yml: sensors/poll.sh is not executable, so the shell runner cannot start it; run "chmod +x sensors/poll.sh" and commit the mode (git add --chmod=+x sensors/poll.sh)' },
    ]);
    expect(readdirSync(dir, { recursive: true })).toEqual(before);
  });

  test('checkEntryPoints counts the entry points it looked at', async () => {
    const pack = await writePack(temp, {
      'pack.yaml': packYaml(),
      'actions/a.yaml': 'entry_point: a.sh\n',
      'actions/a.sh': { content: '#!/bin/sh\n', executable: true },
      'actions/b.yaml': 'entry_point: ""\n',
    });
    expect(await checkEntryPoints(pack.dir)).toEqual({ checked: 1, details: [] });
  });

  test('a pack with nothing to set up (no Python, no package.json, no entry points) is skipped', async () => {
    const pack = await writePack(temp, { 'pack.yaml': packYaml(SHELL_PACK), 'rules/r.yaml': 'name: r\n', 'actions/plain.yaml': 'name: plain\nrunner_type: local-shell-cmd\n' });
    const outcome = await setUpEnvironment({ packDir: pack.dir, manifest: pack.manifest, callerEnv: {} }, realDeps());
    expect(outcome).toEqual({
      status: 'skipped',
      details: [{ level: 'info', message: 'nothing to set up: not a Python pack (no requirements.txt, python runtime_deps, python_version or Python test runner), no package.json, and no entry points' }],
      processes: [],
    });
  });
});
