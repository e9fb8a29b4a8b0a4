import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const prCheckCommand: Command = {
  name: 'pr-check',
  summary: 'Pull request gates: version increment, immutable releases, changelog',
  usage: '',
  description: 'Not implemented yet.',
  options: {},
  async run() {
    throw new UsageError('pr-check is not implemented yet');
  },
};
