import { InputError, RemoteError, UsageError } from '../errors.js';
import type { PackregError } from '../errors.js';

/** What the SDK's errors carry (service errors and client-side ones alike). */
interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const CREDENTIAL_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired', 'AccessDenied', 'AllAccessDisabled']);
const CREDENTIALS_HELP =
  'packreg takes credentials only from the standard AWS chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ' +
  'AWS_PROFILE, or OIDC via aws-actions/configure-aws-credentials; check them and the bucket policy';

function parts(error: unknown): { code: string; status?: number; message: string } {
  const e = (error ?? {}) as SdkError;
  return { code: e.name ?? e.code ?? 'Error', status: e.$metadata?.httpStatusCode, message: e.message ?? String(error) };
}

/** A missing object (never a missing bucket: that is an error of its own). */
export function isNotFound(error: unknown): boolean {
  const { code, status } = parts(error);
  return code !== 'NoSuchBucket' && (code === 'NoSuchKey' || code === 'NotFound' || status === 404);
}

/** The store refused a conditional write because its condition did not hold. */
export function isPreconditionFailed(error: unknown): boolean {
  const { code, status } = parts(error);
  return status === 412 || code === 'PreconditionFailed' || status === 409 || code === 'ConditionalRequestConflict';
}

/**
 * A typed error for a failed request: a missing bucket, refused credentials or a wrong
 * region are the user's to fix (exit 3), anything else is the store failing (exit 4). The
 * message names the object and the cause, and never any credential.
 */
export function s3Error(error: unknown, action: string, object: string): PackregError {
  const { code, status, message } = parts(error);
  const where = `${action} ${object}`;
  if (code === 'NoSuchBucket') return new InputError(`${where}: the bucket does not exist; create it, or fix the bucket name in the registry`, { cause: error });
  if (code === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new InputError(`${where}: no AWS credentials found. ${CREDENTIALS_HELP}`, { cause: error });
  }
  if (CREDENTIAL_CODES.has(code) || status === 401 || status === 403) {
    return new InputError(`${where}: the store refused the credentials or permissions (${code === 'Unknown' || code === 'Error' ? `HTTP ${status}` : code}). ${CREDENTIALS_HELP}`, { cause: error });
  }
  if (/region is missing/i.test(message)) return new UsageError(`${where}: no AWS region; set the region input (--region) or AWS_REGION`, { cause: error });
  if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || status === 301) {
    return new InputError(`${where}: the bucket is in another region (${code}); set the region input (--region) to the bucket's region`, { cause: error });
  }
  const detail = status ? `HTTP ${status} ${code}` : code;
  return new RemoteError(`${where} failed: ${detail}: ${message}. The store may be unavailable; nothing further was written, so re-running the publish completes it`, { cause: error });
}
