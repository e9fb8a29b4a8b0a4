/**
 * The Attune index format (`index.json`), as the standard index and its schema define it.
 * Field names are the wire names.
 */

/** A git install source: a repository pinned to a commit, with the framed tree checksum. */
export interface GitSource {
  type: 'git';
  url: string;
  /** The commit (a 40-character SHA in production indices). */
  ref: string;
  /** `sha256:<hex>` framed checksum of the tree at `ref`. */
  checksum: string;
}

/** An archive install source, with the sha256 of the exact archive bytes. */
export interface ArchiveSource {
  type: 'archive';
  url: string;
  checksum: string;
}

export type InstallSource = GitSource | ArchiveSource;

/** One component listed in `contents`. */
export interface IndexComponent {
  name: string;
  description: string;
}

/** The five component kinds, always all present. */
export interface IndexContents {
  actions: IndexComponent[];
  sensors: IndexComponent[];
  triggers: IndexComponent[];
  rules: IndexComponent[];
  workflows: IndexComponent[];
}

/** `dependencies` of an entry. */
export interface IndexDependencies {
  attune_version?: string;
  python_version?: string;
  nodejs_version?: string;
  packs?: string[];
}

/** One pack entry. */
export interface IndexEntry {
  ref: string;
  label: string;
  description: string;
  version: string;
  author: string;
  license: string;
  keywords: string[];
  runtime_deps: string[];
  install_sources: InstallSource[];
  contents: IndexContents;
  meta?: Record<string, unknown>;
  repository?: string;
  email?: string;
  homepage?: string;
  use_case?: string;
  dependencies?: IndexDependencies;
}

/** A whole index file. */
export interface RegistryIndex {
  registry_name: string;
  registry_url: string;
  version: '1.0';
  last_updated: string;
  packs: IndexEntry[];
}

/** The only index format version there is. */
export const INDEX_FORMAT_VERSION = '1.0';
