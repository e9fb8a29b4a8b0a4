import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const tagVersionCommand: Command = {
  name: 'tag-version',
  summary: "Create the v<version> tag when a commit raises pack.yaml's version",
  usage: '',
  description: 'Not implemented yet.',
  options: {},
  async run() {
    throw new UsageError('tag-version is not implemented yet');
  },
};
