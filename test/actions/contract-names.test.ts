import { describe, expect, it } from '@jest/globals';
import { declared } from '../../src/action-kit/contract-names.js';
import { Checksum } from '../../src/contract/actions.js';
import { InternalError } from '../../src/core/errors.js';

describe('declared', () => {
  it('passes the names a contract declares', () => {
    expect(declared(Checksum, 'inputs', 'path')).toBe('path');
    expect(declared(Checksum, 'outputs', 'match')).toBe('match');
  });

  it('refuses an input or output the contract does not declare, naming it', () => {
    expect(() => declared(Checksum, 'inputs', 'match')).toThrow(new InternalError('checksum uses input match, which its action.yml does not declare'));
    expect(() => declared(Checksum, 'outputs', 'paht')).toThrow(InternalError);
  });
});
