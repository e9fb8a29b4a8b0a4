import { basename } from 'node:path';
import { repoText } from './github-api.js';
import './errors.js';

/** attachReleaseAsset's result as lines (the CLI's output). */
function releaseAssetText(result) {
    return [result.archiveUrl, `  checksum  ${result.checksum}`, `  release   ${result.releaseUrl}${result.alreadyPublished ? ' (already published; nothing uploaded)' : ''}`, ''].join('\n');
}
/** attachReleaseAsset's result as a job summary table. */
function releaseAssetMarkdown(settings, result) {
    const rows = [
        ['Release', `[${settings.tag}](${result.releaseUrl}) of ${repoText(settings.repository)}`],
        ['Archive', `[${basename(settings.archivePath)}](${result.archiveUrl})`],
        ['Checksum', `\`${result.checksum}\``],
        ['Upload', result.alreadyPublished ? 'already published with these bytes: nothing uploaded' : 'uploaded'],
    ];
    return ['### packreg: GitHub release asset', '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`), ''].join('\n');
}

export { releaseAssetMarkdown, releaseAssetText };
