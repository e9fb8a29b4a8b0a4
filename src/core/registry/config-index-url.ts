import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where an index may live: https, http (accepted here and flagged; the client refuses it
 * unless allow_http), a file:// URL, or a path. A query is allowed on http(s) URLs (signed or
 * versioned static hosting); a fragment is refused, since it is never sent to the server and
 * is always a mistake. Credentials in the URL are refused: tokens belong in headers, where
 * they are not logged and not sent on to redirect targets.
 */

/** A usable index location, normalized. */
export interface IndexLocation {
  /** The URL's href, or the absolute path for a path. */
  readonly url: string;
  /** Names derived from it, best first: the host (or file name), then host and path. */
  readonly names: readonly string[];
}

/** Why a written location is unusable, and what to write instead. */
export interface LocationProblem {
  readonly problem: string;
  readonly fix: string;
}

/** A URL scheme of two or more letters, so a Windows drive (`C:\`) reads as a path. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:/;

/**
 * Check and normalize an index location. Relative paths are resolved against `base` (the
 * config file's folder, or the working directory for the environment form).
 */
export function checkIndexLocation(written: string, base: string): IndexLocation | LocationProblem {
  const text = written.trim();
  if (text === '') return { problem: 'is empty', fix: 'give an https:// URL, a file:// URL or a path to an index.json' };
  if (isAbsolute(text) || !SCHEME.test(text)) return pathLocation(text, base);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `${shownLocation(text)} is not a valid URL`, fix: 'write an absolute URL such as https://registry.example.com/index.json' };
  }
  if (url.username || url.password) {
    return {
      problem: `${shownLocation(text)} contains credentials (user:password@)`,
      fix: 'remove them from the URL and send the token as a header instead, e.g. headers: {Authorization: "Bearer ${REGISTRY_TOKEN}"}',
    };
  }
  if (url.hash || url.href.endsWith('#')) {
    return { problem: `${shownLocation(text)} has a #fragment, which is never sent to the server`, fix: 'remove the # and what follows it' };
  }
  if (url.protocol === 'file:') return fileLocation(url, text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: `${shownLocation(text)} uses the unsupported scheme ${url.protocol}`, fix: 'use an https:// URL, a file:// URL or a path' };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { url: url.href, names: [url.host, `${url.host}${path}`] };
}

/** A file:// URL: local only, no query. */
function fileLocation(url: URL, text: string): IndexLocation | LocationProblem {
  if (url.host !== '' && url.host !== 'localhost') {
    return {
      problem: `${shownLocation(text)} names the host "${url.host}"; file URLs are read from this machine`,
      fix: `write three slashes for an absolute path, e.g. file:///${url.host}${url.pathname}`,
    };
  }
  if (url.search) return { problem: `${shownLocation(text)} has a ?query, which a file URL cannot use`, fix: 'remove the ? and what follows it' };
  const path = fileURLToPath(url);
  return { url: url.href, names: [localName(path), path] };
}

/** A path, resolved against `base`. `~` is not expanded: nothing here runs a shell. */
function pathLocation(text: string, base: string): IndexLocation | LocationProblem {
  if (text.startsWith('~')) {
    return { problem: `${JSON.stringify(text)} starts with ~, which is not expanded`, fix: 'write the full path, e.g. /home/me/registry/index.json' };
  }
  const path = resolve(base, text);
  return { url: path, names: [localName(path), path] };
}

/**
 * A location as it may appear in an error: never userinfo or a query, which may carry
 * tokens. Works on text that does not parse as a URL too.
 */
export function shownLocation(text: string): string {
  const shown = text.replace(/^([A-Za-z][A-Za-z0-9+.-]+:\/\/)[^/?#]*@/, '$1').replace(/\?[^#]*/, '?…');
  return JSON.stringify(shown);
}

/**
 * Give each index a unique name (case-insensitively): the names given first, then derived
 * ones, each the first of its candidates not taken, else the first candidate with -2, -3…
 * Returns the names in the input order. Duplicate given names are the caller's to report.
 */
export function assignNames(entries: readonly { readonly given?: string; readonly derived: readonly string[] }[]): string[] {
  const taken = new Set(entries.flatMap((e) => (e.given === undefined ? [] : [e.given.toLowerCase()])));
  return entries.map((entry) => {
    if (entry.given !== undefined) return entry.given;
    const first = entry.derived[0] ?? 'index';
    let name = entry.derived.find((candidate) => !taken.has(candidate.toLowerCase()));
    for (let n = 2; name === undefined; n++) if (!taken.has(`${first}-${n}`.toLowerCase())) name = `${first}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** A local index's short name: its file name, or its folder's for the usual `<folder>/index.json`. */
function localName(path: string): string {
  const name = basename(path);
  return name === 'index.json' ? basename(dirname(path)) || name : name;
}
