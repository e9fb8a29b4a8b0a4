import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/core/errors.js';
import { parsePackRequirement } from '../../src/core/install/pack-requirement.js';

describe('parsePackRequirement', () => {
  it.each([
    ['core', { ref: 'core', range: '*' }],
    ['core@1.2.3', { ref: 'core', range: '1.2.3' }],
    ['core@^1.0.0', { ref: 'core', range: '^1.0.0' }],
    ['core@>=1.0.0 <2.0.0', { ref: 'core', range: '>=1.0.0 <2.0.0' }],
    ['my_pack-2@~1.4', { ref: 'my_pack-2', range: '~1.4' }],
    [' core @ ^1.0.0 ', { ref: 'core', range: '^1.0.0' }],
  ])('reads %j', (text, expected) => {
    expect(parsePackRequirement(text)).toEqual(expected);
  });

  it.each([
    ['core@latest', '"latest" is not a semver range'],
    ['core@', '"" is not a semver range'],
    ['core@>=1,<2', '">=1,<2" is not a semver range'],
    ['Core@1.0.0', '"Core" is not a pack ref'],
    ['../core', '"../core" is not a pack ref'],
    ['@1.0.0', '"" is not a pack ref'],
    ['', '"" is not a pack ref'],
  ])('refuses %j with a UsageError naming it and dependencies.packs', (text, reason) => {
    let caught: unknown;
    try {
      parsePackRequirement(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const message = (caught as Error).message;
    expect(message).toContain(`pack.yaml dependencies.packs entry ${JSON.stringify(text)} is not valid`);
    expect(message).toContain(reason);
    expect(message).toContain('e.g. "core", "core@1.2.3" or "core@^1.0.0"');
  });
});
