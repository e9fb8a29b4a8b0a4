import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/core/errors.js';
import { archiveKey, entryKey, historyKey, objectUrl, parseEntryKey } from '../../src/core/registry/layout.js';
import { parseRegistryLocation, registryBaseUrl } from '../../src/core/store/registry-location.js';
import { failure } from '../helpers/failure.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

describe('registry locations', () => {
  it('reads s3://bucket/prefix with and without a prefix or trailing slash', () => {
    expect(parseRegistryLocation('s3://my-bucket', '/', 'R')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: '' });
    expect(parseRegistryLocation('s3://my-bucket/', '/', 'R')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: '' });
    expect(parseRegistryLocation('s3://my-bucket/a/b', '/', 'R')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: 'a/b/' });
    expect(parseRegistryLocation('s3://my-bucket/a/b/', '/', 'R')).toEqual({ kind: 's3', bucket: 'my-bucket', prefix: 'a/b/' });
  });

  it('reads file:// URLs and paths relative to the working directory', () => {
    const dir = temp.make();
    expect(parseRegistryLocation(`file://${dir}/reg`, '/', 'R')).toEqual({ kind: 'directory', path: `${dir}/reg` });
    expect(parseRegistryLocation('reg', dir, 'R')).toEqual({ kind: 'directory', path: join(dir, 'reg') });
  });

  it.each([
    ['s3://bucket/a/../b', /"\.\." segment/],
    ['s3://bucket/../b', /"\.\." segment/],
    ['s3://bucket/a//b', /empty/],
    ['s3://bucket/./b', /"\." /],
    ['s3://Bad_Bucket/x', /not a valid bucket name/],
    ['s3://ab/x', /not a valid bucket name/],
    ['https://example.com/reg', /not a registry location/],
  ])('refuses %s as a usage error naming the input', (value, message) => {
    const error = failure(() => parseRegistryLocation(value, '/', 'input registry'));
    expect(error.code).toBe(ExitCode.Usage);
    expect(error.message).toMatch(/^input registry: /);
    expect(error.message).toMatch(message);
  });

  it('refuses a path that is a file (exit 3)', () => {
    const file = join(temp.make(), 'index.json');
    writeFileSync(file, '{}');
    const error = failure(() => parseRegistryLocation(file, '/', '--registry'));
    expect(error).toEqual({ code: ExitCode.Input, message: expect.stringContaining(`${file} is a file`) });
  });
});

describe('base URLs', () => {
  const bucket = { kind: 's3', bucket: 'packs', prefix: 'v1/' } as const;

  it('takes an https base URL and ends it with a slash', () => {
    expect(registryBaseUrl(bucket, 'https://cdn.example.com/v1', {}, 'B')).toBe('https://cdn.example.com/v1/');
    expect(registryBaseUrl(bucket, 'https://cdn.example.com/v1/', {}, 'B')).toBe('https://cdn.example.com/v1/');
  });

  it('defaults to the bucket URL on AWS, and to a file:// URL for a folder', () => {
    expect(registryBaseUrl(bucket, undefined, {}, 'B')).toBe('https://packs.s3.amazonaws.com/v1/');
    expect(registryBaseUrl(bucket, undefined, { region: 'eu-west-1' }, 'B')).toBe('https://packs.s3.eu-west-1.amazonaws.com/v1/');
    expect(registryBaseUrl({ kind: 'directory', path: '/srv/my reg' }, undefined, {}, 'B')).toBe('file:///srv/my%20reg/');
  });

  it.each([
    ['http://cdn.example.com/', /https/],
    ['https://user:pw@cdn.example.com/', /credentials/],
    ['https://cdn.example.com/?x=1', /query/],
    ['not a url', /is not a URL/],
  ])('refuses base URL %s', (value, message) => {
    const error = failure(() => registryBaseUrl(bucket, value, {}, '--base-url'));
    expect(error.code).toBe(ExitCode.Usage);
    expect(error.message).toMatch(message);
  });

  it('needs a base URL for a custom endpoint or a dotted bucket name', () => {
    expect(failure(() => registryBaseUrl(bucket, undefined, { endpoint: 'https://minio.local' }, '--base-url')).message).toMatch(/--base-url is required/);
    expect(failure(() => registryBaseUrl({ kind: 's3', bucket: 'packs.example.com', prefix: '' }, undefined, {}, '--base-url')).code).toBe(ExitCode.Usage);
  });
});

describe('layout', () => {
  it('names every object of a version under packs/<ref>/<version>/', () => {
    expect(historyKey('hello')).toBe('packs/hello/index.json');
    expect(entryKey('hello', '1.0.0')).toBe('packs/hello/1.0.0/entry.json');
    expect(archiveKey('hello', '1.0.0', 'tar.gz')).toBe('packs/hello/1.0.0/hello-1.0.0.tar.gz');
    expect(parseEntryKey('packs/hello/1.0.0/entry.json')).toEqual({ ref: 'hello', version: '1.0.0' });
    expect(parseEntryKey('packs/hello/index.json')).toBeUndefined();
    expect(parseEntryKey('packs/hello/1.0.0/hello-1.0.0.tar.gz')).toBeUndefined();
  });

  it('percent-encodes each key segment in URLs (a version may hold +)', () => {
    expect(objectUrl('https://cdn.example.com/v1/', archiveKey('hello', '1.0.0+build.5', 'zip'))).toBe('https://cdn.example.com/v1/packs/hello/1.0.0%2Bbuild.5/hello-1.0.0%2Bbuild.5.zip');
  });
});
