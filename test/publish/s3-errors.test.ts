import { describe, expect, it } from '@jest/globals';
import { ExitCode } from '../../src/core/errors.js';
import { isNotFound, isPreconditionFailed, s3Error } from '../../src/core/store/s3-errors.js';

/** An error shaped as the AWS SDK v3 throws them (service errors carry name and $metadata). */
function sdkError(name: string, status?: number, message = `${name} happened`): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('S3 errors by cause', () => {
  it.each([
    ['NoSuchBucket', 404, ExitCode.Input, /bucket does not exist/],
    ['InvalidAccessKeyId', 403, ExitCode.Input, /refused the credentials.*InvalidAccessKeyId.*AWS_ACCESS_KEY_ID/],
    ['SignatureDoesNotMatch', 403, ExitCode.Input, /refused the credentials/],
    ['AccessDenied', 403, ExitCode.Input, /refused the credentials/],
    ['Unknown', 403, ExitCode.Input, /HTTP 403/],
    ['CredentialsProviderError', undefined, ExitCode.Input, /no AWS credentials found/],
    ['PermanentRedirect', 301, ExitCode.Input, /another region/],
    ['InternalError', 500, ExitCode.Remote, /HTTP 500 InternalError.*re-running the publish completes it/],
    ['SlowDown', 503, ExitCode.Remote, /HTTP 503/],
    ['TimeoutError', undefined, ExitCode.Remote, /TimeoutError/],
  ])('%s (HTTP %s) is exit %s with a message that says what to do', (name, status, code, message) => {
    const cause = sdkError(name, status);
    const error = s3Error(cause, 'write', 's3://b/reg/index.json');
    expect(error.exitCode).toBe(code);
    expect(error.message).toMatch(/^write s3:\/\/b\/reg\/index\.json/);
    expect(error.message).toMatch(message);
    expect(error.cause).toBe(cause);
  });

  it('a missing region is a usage error naming --region', () => {
    const error = s3Error(new Error('Region is missing'), 'list', 's3://b/');
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toMatch(/--region.*AWS_REGION/);
  });

  it('tells a missing object from a missing bucket', () => {
    expect(isNotFound(sdkError('NoSuchKey', 404))).toBe(true);
    expect(isNotFound(sdkError('NotFound', 404))).toBe(true);
    expect(isNotFound(sdkError('NoSuchBucket', 404))).toBe(false);
    expect(isNotFound(sdkError('InternalError', 500))).toBe(false);
  });

  it('recognises a refused precondition (412, or 409 for a conditional write in flight)', () => {
    expect(isPreconditionFailed(sdkError('PreconditionFailed', 412))).toBe(true);
    expect(isPreconditionFailed(sdkError('ConditionalRequestConflict', 409))).toBe(true);
    expect(isPreconditionFailed(sdkError('AccessDenied', 403))).toBe(false);
  });
});
