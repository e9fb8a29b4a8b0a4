import type { ReleaseResult } from './release-pipeline.js';

const PUBLISHED = { 'github-release': 'the GitHub release', s3: 'the S3 registry', none: 'nowhere (publish: none)' } as const;

/** The publish and entry part of the job summary (the archive and handoff have their own). */
export function releaseMarkdown(result: ReleaseResult): string {
  const lines = [
    '### Release',
    '',
    `| | |`,
    `|---|---|`,
    `| Published to | ${PUBLISHED[result.publish]}${result.alreadyPublished ? ' (already there with these bytes: nothing uploaded)' : ''} |`,
    `| Archive URL | ${result.archiveUrl ? `\`${result.archiveUrl}\`` : '(none)'} |`,
    `| Entry | \`${result.entryPath}\` |`,
    `| Sources | ${result.entry.install_sources.map((s) => `${s.type} \`${s.url}\``).join('<br>')} |`,
    '',
  ];
  return lines.join('\n') + '\n';
}

/** One line for logs. */
export function releaseText(result: ReleaseResult): string {
  const where = result.archiveUrl ? ` at ${result.archiveUrl}` : '';
  return `${result.entry.ref}@${result.entry.version}: published to ${PUBLISHED[result.publish]}${where}${result.alreadyPublished ? ' (already published)' : ''}; entry ${result.entryPath}`;
}
