import 'node:path';

/** attachReleaseAsset's result as lines (the CLI's output). */
function releaseAssetText(result) {
    return [result.archiveUrl, `  checksum  ${result.checksum}`, `  release   ${result.releaseUrl}${result.alreadyPublished ? ' (already published; nothing uploaded)' : ''}`, ''].join('\n');
}

export { releaseAssetText };
