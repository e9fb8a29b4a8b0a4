import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstallSpec } from '../../src/core/client/install-spec.js';
import { ExitCode } from '../../src/core/errors.js';
import { failure } from '../helpers/failure.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

describe('install specs', () => {
  const cwd = temp.make();
  mkdirSync(join(cwd, 'mypack'));
  writeFileSync(join(cwd, 'mypack-1.0.0.tar.gz'), '');
  writeFileSync(join(cwd, 'notes.txt'), '');

  it.each([
    ['slack', { kind: 'registry', ref: 'slack', range: { kind: 'latest' } }],
    ['slack@latest', { kind: 'registry', ref: 'slack', range: { kind: 'latest' } }],
    ['slack@2.1.0', { kind: 'registry', ref: 'slack', range: { kind: 'exact', version: '2.1.0' } }],
    ['slack@^2.0.0', { kind: 'registry', ref: 'slack', range: { kind: 'range', range: '^2.0.0' } }],
    ['slack@~2.1.0', { kind: 'registry', ref: 'slack', range: { kind: 'range', range: '~2.1.0' } }],
    ['https://github.com/example/pack-slack.git', { kind: 'git', url: 'https://github.com/example/pack-slack.git' }],
    ['git+https://git.example.com/packs/slack', { kind: 'git', url: 'https://git.example.com/packs/slack' }],
    ['https://example.com/packs/slack-2.1.0.tar.gz', { kind: 'archive-url', url: 'https://example.com/packs/slack-2.1.0.tar.gz' }],
    ['https://example.com/packs/slack-2.1.0.zip', { kind: 'archive-url', url: 'https://example.com/packs/slack-2.1.0.zip' }],
    ['mypack', { kind: 'directory', path: join(cwd, 'mypack') }],
    ['./mypack-1.0.0.tar.gz', { kind: 'archive-file', path: join(cwd, 'mypack-1.0.0.tar.gz') }],
  ])('reads %s', (spec, expected) => {
    expect(parseInstallSpec(spec, { cwd })).toEqual(expected);
  });

  it('takes --ref for git URLs only', () => {
    expect(parseInstallSpec('https://github.com/e/p.git', { cwd, gitRef: 'v2.1.0' })).toEqual({ kind: 'git', url: 'https://github.com/e/p.git', ref: 'v2.1.0' });
    expect(failure(() => parseInstallSpec('slack', { cwd, gitRef: 'main' }))).toEqual({ code: ExitCode.Usage, message: expect.stringContaining('--ref main applies to git URLs only') });
  });

  it('prefers an existing directory over a registry ref of the same name, and --no-registry never reinterprets a name', () => {
    expect(parseInstallSpec('mypack', { cwd, noRegistry: true })).toEqual({ kind: 'directory', path: join(cwd, 'mypack') });
    expect(failure(() => parseInstallSpec('slack', { cwd, noRegistry: true }))).toEqual({ code: ExitCode.Usage, message: expect.stringContaining('--no-registry forbids') });
  });

  it.each([
    ['slack@two', ExitCode.Usage, 'not a version or a version range'],
    ['Slack', ExitCode.Usage, 'not a pack ref'],
    ['https://user:token@example.com/p.git', ExitCode.Usage, 'carries credentials'],
    ['https://example.com/packs/slack', ExitCode.Usage, 'cannot tell a git repository from an archive'],
    ['./missing-dir', ExitCode.Input, 'does not exist'],
    ['other.tar.gz', ExitCode.Input, 'does not exist'],
    ['notes.txt', ExitCode.Input, 'not an archive'],
    ['', ExitCode.Usage, 'an install spec is required'],
  ])('refuses %j', (spec, code, message) => {
    expect(failure(() => parseInstallSpec(spec, { cwd }))).toEqual({ code, message: expect.stringContaining(message) });
  });

  it('never echoes the credentials of a URL', () => {
    expect(failure(() => parseInstallSpec('https://user:s3cret-token@example.com/p.git', { cwd })).message).not.toContain('s3cret-token');
  });
});
