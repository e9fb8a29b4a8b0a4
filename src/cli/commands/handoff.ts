import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const handoffCommand: Command = {
  name: 'handoff',
  summary: 'Hand an index entry to a registry repository (pull request or dispatch)',
  usage: '',
  description: 'Not implemented yet.',
  options: {},
  async run() {
    throw new UsageError('handoff is not implemented yet');
  },
};
