/**
 * A pack that reaches the install as an archive keeps the execute bits its shell entry points
 * need: the example pack is archived by the built CLI, extracted by extractArchive, and set up.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { extractArchive } from '../../src/core/extract/extract.js';
import { checkEntryPoints, setUpEnvironment } from '../../src/core/install/environment.js';
import { loadManifest } from '../../src/core/pack/index.js';
import { tempDirs } from '../helpers/temp.js';
import { commandsOf, realDeps } from './environment-fixtures.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** `packreg archive examples/packs/hello --no-git` with the built CLI, then extracted; the extracted pack root. */
async function archivedHello(format: 'tar.gz' | 'zip'): Promise<string> {
  const dir = temp.make('packreg-env-archive-');
  const archive = join(dir, `hello.${format}`);
  execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'archive', 'examples/packs/hello', '--no-git', '--format', format, '--out', archive], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: 'ignore',
  });
  return (await extractArchive(archive, join(dir, 'extracted'))).root;
}

describe('setUpEnvironment: a pack extracted from its archive', () => {
  test.each(['tar.gz', 'zip'] as const)('from a %s archive, actions/shout.sh stays executable and every entry point checks out', async (format) => {
    const root = await archivedHello(format);
    expect(statSync(join(root, 'actions', 'shout.sh')).mode & 0o777).toBe(0o755);
    expect(await checkEntryPoints(root)).toEqual({ checked: 4, details: [] });

    // The check is what would catch a lost bit.
    chmodSync(join(root, 'actions', 'shout.sh'), 0o644);
    expect((await checkEntryPoints(root)).details).toEqual([expect.objectContaining({ level: 'error', file: 'actions/shout.yaml', message: expect.stringContaining('chmod +x actions/shout.sh') })]);
  });

  test('the whole step on the extracted hello pack (python3 runtime, no requirements.txt) builds a bare venv and passes', async () => {
    const root = await archivedHello('tar.gz');
    const { manifest } = await loadManifest(root);
    const outcome = await setUpEnvironment({ packDir: root, manifest: manifest!, callerEnv: { PATH: process.env.PATH, HOME: temp.make('packreg-home-') } }, realDeps());

    expect(outcome.status).toBe('passed');
    expect(commandsOf(outcome.processes, root)).toEqual(['python3 --version', 'python3 -m venv --without-pip <pack>/.venv']);
    expect(outcome.details.map((d) => d.message)).toEqual([
      expect.stringMatching(/^created \.venv from no requirements\.txt and Python 3\.\d+\.\d+$/),
      '4 entry point(s) of actions/ and sensors/ exist in the pack, shell ones executable',
    ]);
    expect(JSON.parse(readFileSync(join(root, '.venv', 'packreg-venv.json'), 'utf8'))).toMatchObject({ requirements_sha256: null, path: join(root, '.venv'), key: outcome.venvKey });
  });
});
