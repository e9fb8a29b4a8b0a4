/**
 * What is installed in a packs directory: `<packsDir>/<ref>/metadata.json`, written when a
 * pack is registered, and the pack's own pack.yaml for packs installed some other way.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError, UsageError, fsInputError, messageOf } from '../errors.js';

/** Installation metadata, in the shape of the specification's "Pack Storage Location". */
export interface InstallMetadata {
  pack_ref: string;
  version: string;
  /** ISO 8601 time of the install. */
  installed_at: string;
  /** Where the content came from: `git` (url and ref), `archive` (url), `local` (a path). */
  installed_from: { type: string; url: string; ref?: string };
  /** `algorithm:hex` of what was installed, null when nothing was checked. */
  checksum: string | null;
  /** The registry the pack was resolved from, null for a direct install. */
  registry: string | null;
}

/** The file registration writes into an installed pack (specification, "Pack Storage Location"). */
export const METADATA_FILE = 'metadata.json';

/**
 * A directory name that stays inside the packs directory: no separators, not `.` or `..`,
 * and no leading `-` or `.` (hidden files and option-like names are never packs).
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * The version of the pack installed at `<packsDir>/<ref>`: metadata.json `version`, else its
 * pack.yaml (or pack.yml) `version`; undefined when no pack is there. A ref that is not a
 * single safe path segment is a UsageError; a present but unreadable or malformed file is an
 * InputError naming it.
 */
export async function installedVersion(packsDir: string, ref: string): Promise<string | undefined> {
  if (!SAFE_SEGMENT.test(ref)) {
    throw new UsageError(`pack ref ${JSON.stringify(ref)} cannot name a directory in the packs directory ${packsDir}: use a single name of letters, digits, ".", "_" and "-", like "core"`);
  }
  const packDir = join(packsDir, ref);
  const metadata = await readInstallMetadata(packDir);
  if (metadata) {
    // A copied or renamed directory would otherwise answer for the wrong pack.
    if (metadata.pack_ref !== ref) {
      throw new InputError(`installation metadata ${join(packDir, METADATA_FILE)} is for pack ${JSON.stringify(metadata.pack_ref)}, not ${JSON.stringify(ref)}; reinstall the pack or rename its directory`);
    }
    return metadata.version;
  }
  return manifestVersion(packDir, ref);
}

/**
 * The metadata.json of an installed pack, or undefined when there is none. Malformed JSON or
 * a field of the wrong type is an InputError naming the file and the field.
 */
export async function readInstallMetadata(packDir: string): Promise<InstallMetadata | undefined> {
  const file = join(packDir, METADATA_FILE);
  const text = await readOptional(file, 'installation metadata');
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`installation metadata ${file} is not valid JSON (${messageOf(error)}); fix it or reinstall the pack`, { cause: error });
  }
  return metadataShape(data, file);
}

/** Check the parsed metadata field by field and keep only the known fields. */
function metadataShape(data: unknown, file: string): InstallMetadata {
  const bad = (field: string, expected: string): InputError =>
    new InputError(`installation metadata ${file}: ${field} must be ${expected}; fix it or reinstall the pack`);
  if (!isRecord(data)) throw bad('the top level', 'a JSON object');
  const text = (value: unknown, field: string): string => {
    if (typeof value !== 'string' || value === '') throw bad(field, 'a non-empty string');
    return value;
  };
  // checksum and registry are null for direct installs; older writers may have left them out.
  const nullable = (value: unknown, field: string): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw bad(field, 'a string or null');
    return value;
  };
  const from = data.installed_from;
  if (!isRecord(from)) throw bad('installed_from', 'an object with type and url');
  const source: InstallMetadata['installed_from'] = { type: text(from.type, 'installed_from.type'), url: text(from.url, 'installed_from.url') };
  if (from.ref !== undefined) source.ref = text(from.ref, 'installed_from.ref');
  return {
    pack_ref: text(data.pack_ref, 'pack_ref'),
    version: text(data.version, 'version'),
    installed_at: text(data.installed_at, 'installed_at'),
    installed_from: source,
    checksum: nullable(data.checksum, 'checksum'),
    registry: nullable(data.registry, 'registry'),
  };
}

/**
 * The `version` of an installed pack's pack.yaml (pack.yml as Attune's fallback), undefined
 * when neither exists. Only that field is read: an installed pack was validated when it was
 * installed, and a later schema change must not make its dependants uninstallable.
 */
async function manifestVersion(packDir: string, ref: string): Promise<string | undefined> {
  for (const name of ['pack.yaml', 'pack.yml']) {
    const file = join(packDir, name);
    const text = await readOptional(file, 'installed pack manifest');
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = parse(text);
    } catch (error) {
      // The yaml package appends a source excerpt after the first line: keep the message on one line.
      const reason = messageOf(error).split('\n')[0]!.replace(/:$/, '');
      throw new InputError(`installed pack manifest ${file} is not valid YAML (${reason}); fix it or reinstall pack ${ref}`, { cause: error });
    }
    const version = isRecord(data) ? data.version : undefined;
    if (typeof version !== 'string' || version === '') {
      // A number here (version: 1.0) has already lost its text, so it cannot be trusted either.
      throw new InputError(`installed pack manifest ${file} has no version string (expected e.g. version: "1.0.0"); fix it or reinstall pack ${ref}`);
    }
    return version;
  }
  return undefined;
}

/** The file's text, or undefined when it (or its directory) does not exist. */
async function readOptional(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw fsInputError(error, what, file);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
