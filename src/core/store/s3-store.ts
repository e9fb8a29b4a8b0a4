import { createReadStream } from 'node:fs';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Logger } from '../logger.js';
import { INDEX_KEY } from '../registry/layout.js';
import type { ObjectHead, ObjectStore, PutBody, PutOptions, StoredObject } from './object-store.js';
import { isPreconditionFailed, isNotFound, s3Error } from './s3-errors.js';

/** Where the registry is in S3 and how to reach the store. */
export interface S3Location {
  readonly bucket: string;
  /** Key prefix of the registry root: '' or ending in '/'. */
  readonly prefix: string;
}

/** How to reach an S3-compatible store. Credentials come from the AWS default chain only. */
export interface S3Connection {
  /** AWS region; default from the AWS chain (AWS_REGION, profile). */
  readonly region?: string;
  /** Endpoint of an S3-compatible store (MinIO, R2, Ceph...), e.g. https://minio.example.com. */
  readonly endpoint?: string;
  /** Address buckets as endpoint/bucket instead of bucket.endpoint (most non-AWS stores need it). */
  readonly forcePathStyle?: boolean;
}

/** Archives at least this large are sent as a multipart upload. */
export const MULTIPART_THRESHOLD = 64 * 1024 * 1024;
const PART_SIZE = 16 * 1024 * 1024;

/** Tuning for tests: a small threshold exercises multipart uploads with small files. */
export interface S3StoreOptions {
  readonly multipartThreshold?: number;
  readonly partSize?: number;
}

/**
 * A registry in an S3 bucket (or any S3-compatible store). Exclusive create is `HEAD`, then
 * `PUT` with `If-None-Match: *`; compare-and-swap is `PUT` with `If-Match: <ETag>`. Many
 * compatible stores ignore both headers, which is why the publisher verifies and repeats
 * instead of trusting them. Every upload carries its sha256 (`x-amz-checksum-sha256`, or per
 * part for multipart uploads) so the store rejects corrupted bodies, and in `x-amz-meta-sha256`
 * so a later HEAD can compare content without downloading it.
 */
export class S3Store implements ObjectStore {
  readonly location: string;

  constructor(
    private readonly client: S3Client,
    private readonly where: S3Location,
    private readonly logger: Logger,
    private readonly options: S3StoreOptions = {},
  ) {
    this.location = `s3://${where.bucket}/${where.prefix}`;
  }

  async check(): Promise<void> {
    // A listing narrowed to one key: proves the bucket exists and the credentials may list it.
    // (MaxKeys is not used: some compatible stores mishandle it.)
    await this.send('list', '', () => this.client.send(new ListObjectsV2Command({ Bucket: this.where.bucket, Prefix: this.key(INDEX_KEY) })));
  }

  async get(key: string): Promise<StoredObject | undefined> {
    // The body is read inside send(): a connection dropped mid-body is a store failure too.
    return this.send(
      'read',
      key,
      async () => {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.where.bucket, Key: this.key(key) }));
        if (!response.Body) return undefined;
        return { bytes: Buffer.from(await response.Body.transformToByteArray()), tag: response.ETag ?? '' };
      },
      true,
    );
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    const response = await this.send('inspect', key, () => this.client.send(new HeadObjectCommand({ Bucket: this.where.bucket, Key: this.key(key) })), true);
    if (!response) return undefined;
    return { size: response.ContentLength ?? 0, sha256: response.Metadata?.sha256 };
  }

  async *list(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.send('list', prefix, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.where.bucket, Prefix: this.key(prefix), ContinuationToken: token })),
      );
      for (const item of page.Contents ?? []) if (item.Key) yield item.Key.slice(this.where.prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async create(key: string, body: PutBody, options: PutOptions): Promise<'created' | 'exists'> {
    // HEAD first: stores that ignore If-None-Match would otherwise overwrite silently.
    if (await this.head(key)) return 'exists';
    const written = await this.put(key, body, options, { IfNoneMatch: '*' });
    return written ? 'created' : 'exists';
  }

  async replace(key: string, bytes: Buffer, tag: string | undefined, options: PutOptions): Promise<boolean> {
    return this.put(key, { bytes }, options, tag === undefined ? { IfNoneMatch: '*' } : { IfMatch: tag });
  }

  /** One upload; false when the store refused its precondition. */
  private async put(key: string, body: PutBody, options: PutOptions, condition: Pick<PutObjectCommandInput, 'IfMatch' | 'IfNoneMatch'>): Promise<boolean> {
    const params: PutObjectCommandInput = {
      Bucket: this.where.bucket,
      Key: this.key(key),
      ContentType: options.contentType,
      CacheControl: options.cacheControl,
      Metadata: { sha256: options.sha256 },
      ...condition,
    };
    const threshold = this.options.multipartThreshold ?? MULTIPART_THRESHOLD;
    try {
      if ('file' in body && body.size >= threshold) await this.multipart(key, body.file, params);
      else {
        const payload = 'bytes' in body ? body.bytes : createReadStream(body.file);
        const checksum = Buffer.from(options.sha256, 'hex').toString('base64');
        await this.client.send(new PutObjectCommand({ ...params, Body: payload, ContentLength: 'bytes' in body ? body.bytes.length : body.size, ChecksumSHA256: checksum }));
      }
      return true;
    } catch (error) {
      if (isPreconditionFailed(error)) return false;
      throw s3Error(error, 'write', this.describe(key));
    }
  }

  private async multipart(key: string, file: string, params: PutObjectCommandInput): Promise<void> {
    this.logger.debug(`multipart upload of ${this.describe(key)}`);
    // Each part carries its own sha256, which the store checks; the whole-object sha256 is in the metadata.
    const upload = new Upload({
      client: this.client,
      params: { ...params, Body: createReadStream(file), ChecksumAlgorithm: 'SHA256' },
      partSize: this.options.partSize ?? PART_SIZE,
      queueSize: 4,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  /** Run one request, mapping failures to typed errors; with `missingOk`, 404 is undefined. */
  private async send<T>(action: string, key: string, request: () => Promise<T>, missingOk = false): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (missingOk && isNotFound(error)) return undefined as T;
      throw s3Error(error, action, this.describe(key));
    }
  }

  private key(key: string): string {
    return this.where.prefix + key;
  }

  private describe(key: string): string {
    return `s3://${this.where.bucket}/${this.key(key)}`;
  }
}

/** A client for the AWS default credential chain; checksums only where the request needs them. */
export function createS3Client(connection: S3Connection): S3Client {
  return new S3Client({
    region: connection.region,
    endpoint: connection.endpoint,
    forcePathStyle: connection.forcePathStyle,
    // packreg sends each upload's sha256 itself; the SDK's own default streams aws-chunked
    // bodies with trailing checksums, which many S3-compatible stores mishandle.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
