import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { InputError, UsageError } from '../errors.js';

/** What the user asked to install, before any registry is read. */
export type InstallSpec =
  /** A registry lookup: `ref`, `ref@latest`, `ref@1.2.3`, `ref@^1.2.0`. */
  | { readonly kind: 'registry'; readonly ref: string; readonly range: VersionWanted }
  /** A git repository URL, at `--ref` (else its default branch). */
  | { readonly kind: 'git'; readonly url: string; readonly ref?: string }
  /** An archive at an https (or, when allowed, http) URL. */
  | { readonly kind: 'archive-url'; readonly url: string }
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'archive-file'; readonly path: string };

/** Which version of a registry pack: the newest, one exact version, or the newest in a range. */
export type VersionWanted = { readonly kind: 'latest' } | { readonly kind: 'exact'; readonly version: string } | { readonly kind: 'range'; readonly range: string };

const REF = /^[a-z][a-z0-9_-]*$/;
const ARCHIVE_NAME = /\.(tar\.gz|tgz|zip)$/i;

/** How {@link parseInstallSpec} may read a spec. */
export interface SpecOptions {
  readonly cwd: string;
  /** `--ref`: the branch, tag or commit of a git source. */
  readonly gitRef?: string;
  /** `--no-registry`: never look a name up in a registry (and never reinterpret one). */
  readonly noRegistry?: boolean;
  /** Read the spec as a registry reference only (a pack dependency must never match a local path). */
  readonly registryOnly?: boolean;
}

/**
 * Read an install spec. A URL is a git repository when it ends in `.git` (or starts with
 * `git+`), else an archive when its path ends in `.tar.gz`, `.tgz` or `.zip`; an existing
 * path is a directory or a local archive; anything else must be a registry reference.
 */
export function parseInstallSpec(spec: string, options: SpecOptions): InstallSpec {
  const text = spec.trim();
  if (text === '') throw new UsageError('an install spec is required: a pack ref (ref, ref@1.2.3, ref@^1.2), a git or archive URL, or a local path');
  const parsed = options.registryOnly
    ? refSpec(text, options)
    : /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? urlSpec(text, options) : (pathSpec(text, options) ?? refSpec(text, options));
  if (options.gitRef !== undefined && parsed.kind !== 'git') throw new UsageError(`--ref ${options.gitRef} applies to git URLs only; "${text}" is ${describeKind(parsed)}`);
  return parsed;
}

function urlSpec(text: string, options: SpecOptions): InstallSpec {
  const raw = text.startsWith('git+') ? text.slice(4) : text;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new UsageError(`"${text}" is not a valid URL`, { cause: error });
  }
  if (url.username || url.password) throw new UsageError(`"${url.host}${url.pathname}": the URL carries credentials; put tokens in registry headers, never in URLs`);
  if (text.startsWith('git+') || url.pathname.endsWith('.git')) return { kind: 'git', url: raw, ref: options.gitRef };
  if (ARCHIVE_NAME.test(url.pathname)) return { kind: 'archive-url', url: raw };
  throw new UsageError(`${text}: cannot tell a git repository from an archive; a git URL ends in .git (or starts with git+), an archive URL in .tar.gz, .tgz or .zip`);
}

function pathSpec(text: string, options: SpecOptions): InstallSpec | undefined {
  const path = resolve(options.cwd, text);
  const info = statSync(path, { throwIfNoEntry: false });
  if (info?.isDirectory()) return { kind: 'directory', path };
  if (info?.isFile()) {
    if (!ARCHIVE_NAME.test(path)) throw new InputError(`${path} is a file but not an archive; give a pack directory or a .tar.gz, .tgz or .zip file`);
    return { kind: 'archive-file', path };
  }
  // A spec that looks like a path must not silently become a registry lookup.
  if (text.includes('/') || text.startsWith('.') || ARCHIVE_NAME.test(text)) throw new InputError(`${path} does not exist; check the path`);
  return undefined;
}

function refSpec(text: string, options: SpecOptions): InstallSpec {
  const at = text.indexOf('@');
  const ref = at < 0 ? text : text.slice(0, at);
  const wanted = at < 0 ? 'latest' : text.slice(at + 1);
  if (options.noRegistry) {
    throw new UsageError(`"${text}" is not an existing path or a URL, and --no-registry forbids looking it up in a registry; give a path or URL, or drop --no-registry`);
  }
  if (!REF.test(ref)) throw new UsageError(`"${ref}" is not a pack ref (lower-case letters, digits, '_' and '-', starting with a letter) nor an existing path or URL`);
  return { kind: 'registry', ref, range: parseWanted(wanted, text) };
}

/** `latest`, an exact semantic version, or a semver range. */
export function parseWanted(wanted: string, spec: string): VersionWanted {
  if (wanted === 'latest' || wanted === '') return { kind: 'latest' };
  const exact = semver.valid(wanted);
  if (exact !== null && exact === wanted) return { kind: 'exact', version: exact };
  if (semver.validRange(wanted) !== null) return { kind: 'range', range: wanted };
  throw new UsageError(`"${spec}": "${wanted}" is not a version or a version range; write ref@1.2.3, ref@^1.2.0, ref@~1.2.0 or ref@latest`);
}

function describeKind(spec: InstallSpec): string {
  return { registry: 'a registry reference', git: 'a git URL', 'archive-url': 'an archive URL', directory: 'a directory', 'archive-file': 'a local archive' }[spec.kind];
}
