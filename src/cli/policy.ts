import { UsageError } from '../core/errors.js';
import { INDEX_POLICIES } from '../core/index/policy.js';
import type { IndexPolicy } from '../core/index/policy.js';

/** --policy, default custom. */
export function parsePolicy(value: string | undefined, what = '--policy'): IndexPolicy {
  const policy = value ?? 'custom';
  if ((INDEX_POLICIES as readonly string[]).includes(policy)) return policy as IndexPolicy;
  throw new UsageError(`${what}: "${policy}" is not a policy; use standard or custom`);
}
