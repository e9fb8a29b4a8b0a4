import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError, UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
import { checkSourceUrl } from '../index/source-urls.js';
import { DirectoryStore } from './dir-store.js';
import type { ObjectStore } from './object-store.js';
import { createS3Client, S3Store } from './s3-store.js';
import type { S3Connection, S3StoreOptions } from './s3-store.js';

/** Where a registry lives: a bucket and key prefix, or a local folder. */
export type RegistryLocation =
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string }
  | { readonly kind: 'directory'; readonly path: string };

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parse `s3://bucket/prefix`, `file:///path` or a local path (relative to `cwd`). `what`
 * names the flag or input in messages.
 */
export function parseRegistryLocation(value: string, cwd: string, what: string): RegistryLocation {
  if (value.startsWith('s3://')) return parseS3(value, what);
  if (value.startsWith('file:')) {
    let path: string;
    try {
      path = fileURLToPath(value);
    } catch (error) {
      throw new UsageError(`${what}: "${value}" is not a usable file URL; write file:///absolute/path`, { cause: error });
    }
    return directory(path, what);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new UsageError(`${what}: "${value}" is not a registry location; write s3://bucket/prefix, file:///path or a folder path`);
  }
  return directory(resolve(cwd, value), what);
}

function parseS3(value: string, what: string): RegistryLocation {
  const rest = value.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new UsageError(`${what}: "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, dots and hyphens); write s3://bucket/prefix`);
  }
  const segments = path.split('/').filter((s, i, all) => !(s === '' && i === all.length - 1));
  if (path !== '' && segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new UsageError(`${what}: the key prefix "${path}" has an empty, "." or ".." segment or a backslash; write a plain prefix such as s3://${bucket}/registry`);
  }
  return { kind: 's3', bucket, prefix: path === '' ? '' : `${segments.join('/')}/` };
}

function directory(path: string, what: string): RegistryLocation {
  let info;
  try {
    info = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    // ENOTDIR: a parent is a file; EACCES: not reachable. Either way the folder cannot be used.
    throw new InputError(`${what}: ${path} cannot be used as a registry folder (${(error as NodeJS.ErrnoException).code ?? 'error'}: a part of the path is a file or not accessible)`, { cause: error });
  }
  if (info && !info.isDirectory()) throw new InputError(`${what}: ${path} is a file; give a folder (created if missing), s3://bucket/prefix or file:///path`);
  return { kind: 'directory', path };
}

/** A registry location as text: `s3://bucket/prefix/` or the folder path. */
export function describeLocation(location: RegistryLocation): string {
  return location.kind === 's3' ? `s3://${location.bucket}/${location.prefix}` : location.path;
}

/**
 * The public URL of the registry root, ending in `/`: the given https base URL; for a folder
 * without one, its file:// URL (a local development registry); for a bucket on AWS, its
 * virtual-hosted https URL. Other S3-compatible stores need an explicit base URL.
 */
export function registryBaseUrl(location: RegistryLocation, baseUrl: string | undefined, connection: S3Connection, what: string): string {
  if (baseUrl !== undefined) {
    checkSourceUrl(baseUrl, what);
    return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }
  if (location.kind === 'directory') return `${pathToFileURL(location.path).href}/`;
  if (connection.endpoint || location.bucket.includes('.')) {
    throw new UsageError(`${what} is required for this bucket: give the https URL the registry root is served from (a CDN, website endpoint or the store's public URL)`);
  }
  const host = connection.region ? `s3.${connection.region}.amazonaws.com` : 's3.amazonaws.com';
  return `https://${location.bucket}.${host}/${location.prefix}`;
}

/**
 * Open the store a location names. (Static imports on purpose: an action bundle inlines
 * dynamic imports after its top-level await, where they would not be initialised yet.)
 */
export async function openStore(location: RegistryLocation, connection: S3Connection, logger: Logger, options?: S3StoreOptions): Promise<ObjectStore> {
  if (location.kind === 'directory') return new DirectoryStore(location.path);
  return new S3Store(createS3Client(connection), location, logger, options);
}
