import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const releaseAssetCommand: Command = {
  name: 'release-asset',
  summary: 'Attach an archive to the GitHub release of a tag',
  usage: '',
  description: 'Not implemented yet.',
  options: {},
  async run() {
    throw new UsageError('release-asset is not implemented yet');
  },
};
