import { InputError } from '../errors.js';
import { repoText } from '../github/github-api.js';
import type { HandoffDeps, HandoffResult, HandoffSource, ResolvedHandoff } from './handoff-settings.js';

/** GitHub refuses a repository_dispatch body of 64 KB or more. */
const MAX_PAYLOAD = 64 * 1024;

/**
 * Send `repository_dispatch` with `client_payload: { entry, source }`. GitHub allows at most
 * 10 top-level keys in client_payload; packreg uses 2, so a receiving workflow reads
 * `github.event.client_payload.entry`. The event changes nothing by itself: the registry's
 * workflow runs index-update, which commits nothing when the entry is already listed, so a
 * re-sent event (a re-run for the same tag) is a no-op on the receiving side.
 */
export async function handOffByDispatch(s: ResolvedHandoff, deps: HandoffDeps): Promise<HandoffResult> {
  const clientPayload = { entry: s.entry, source: sourceFields(s.source) };
  const size = Buffer.byteLength(JSON.stringify({ event_type: s.eventType, client_payload: clientPayload }));
  if (size >= MAX_PAYLOAD) {
    throw new InputError(`the entry ${s.entry.ref}@${s.entry.version} makes a repository_dispatch body of ${size} bytes; GitHub accepts less than 64 KB. Use mode pull-request instead`);
  }
  deps.logger.info(`sending repository_dispatch "${s.eventType}" with ${s.entry.ref} ${s.entry.version} to ${repoText(s.repository)}`);
  await deps.github.dispatch(s.repository, s.eventType, clientPayload);
  return { result: 'dispatched' };
}

/** The source fields that are set (JSON has no undefined). */
function sourceFields(source: HandoffSource | undefined): HandoffSource {
  return Object.fromEntries(Object.entries(source ?? {}).filter(([, value]) => typeof value === 'string' && value !== '')) as HandoffSource;
}
