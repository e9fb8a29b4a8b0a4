import { repoText } from './github-api.js';
import { e as entryName } from './pull-request-body.js';
import './errors.js';
import 'node:path';

/** One line saying what happened, with the pull request's address. */
function handoffText(result, subject) {
    const repo = repoText(subject.repository);
    const name = entryName(subject.entry);
    const pr = result.pullRequest ? `pull request #${result.pullRequest.number} (${result.pullRequest.url})` : '';
    switch (result.result) {
        case 'opened':
            return `opened ${pr} in ${repo} adding ${name} (branch ${result.branch})\n`;
        case 'updated':
            return `updated ${pr} in ${repo}: branch ${result.branch} now adds ${name}\n`;
        case 'exists':
            return `${pr} in ${repo} already proposes ${name}; nothing pushed\n`;
        case 'unchanged':
            return `${repo} already lists ${name} on ${subject.baseBranch ?? 'main'}; nothing to do\n`;
        case 'dispatched':
            return `sent repository_dispatch "${subject.eventType ?? 'pack-updated'}" with ${name} to ${repo}\n`;
    }
}
/** The job summary: the same, as markdown with a link. */
function handoffMarkdown(result, subject) {
    const pr = result.pullRequest ? `[#${result.pullRequest.number}](${result.pullRequest.url})` : '';
    const repo = `\`${repoText(subject.repository)}\``;
    const name = `**${entryName(subject.entry)}**`;
    const line = {
        opened: `Opened pull request ${pr} in ${repo} adding ${name}.`,
        updated: `Updated pull request ${pr} in ${repo}: its branch \`${result.branch}\` now adds ${name}.`,
        exists: `Pull request ${pr} in ${repo} already proposes ${name}; nothing was pushed.`,
        unchanged: `${repo} already lists ${name} on \`${subject.baseBranch ?? 'main'}\`; nothing to do.`,
        dispatched: `Sent \`repository_dispatch\` event \`${subject.eventType ?? 'pack-updated'}\` with ${name} to ${repo}.`,
    }[result.result];
    return `### packreg: registry handoff (${result.result})\n\n${line}\n`;
}

export { handoffMarkdown, handoffText };
