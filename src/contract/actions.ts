/**
 * The one place that names every action's inputs and outputs. Entries read inputs and set
 * outputs through these constants, and a test checks them against each action.yml
 * (`actions/<name>/action.yml` ↔ `src/actions/<name>.ts` ↔ `dist/<name>.js`).
 */

/** An action's name and the names of its inputs and outputs. */
export interface ActionContract {
  /** Folder name under actions/, entry file name under src/actions/ and dist/. */
  readonly name: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
  /** The issue that implements it, while it only declares its interface. */
  readonly pendingIssue?: number;
}

export const BuildArchive = {
  name: 'build-archive',
  inputs: {
    packDir: 'pack-dir',
    format: 'format',
    out: 'out',
    gitRef: 'git-ref',
    noGit: 'no-git',
    exclude: 'exclude',
    force: 'force',
    sourceDateEpoch: 'source-date-epoch',
  },
  outputs: {
    path: 'path',
    checksum: 'checksum',
    directoryChecksum: 'directory-checksum',
    size: 'size',
    files: 'files',
    ref: 'ref',
    version: 'version',
  },
} as const satisfies ActionContract;

export const Checksum = {
  name: 'checksum',
  inputs: { path: 'path', algorithm: 'algorithm', expect: 'expect', gitRef: 'git-ref' },
  outputs: { checksum: 'checksum', algorithm: 'algorithm', hex: 'hex', match: 'match' },
} as const satisfies ActionContract;

export const IndexEntry = {
  name: 'index-entry',
  inputs: {
    packDir: 'pack-dir',
    gitUrl: 'git-url',
    gitRef: 'git-ref',
    archiveUrl: 'archive-url',
    archiveChecksum: 'archive-checksum',
    archiveFile: 'archive-file',
    allowMutableRef: 'allow-mutable-ref',
    meta: 'meta',
    output: 'output',
  },
  outputs: { entry: 'entry', path: 'path', ref: 'ref', version: 'version' },
} as const satisfies ActionContract;

export const IndexUpdate = {
  name: 'index-update',
  inputs: {
    index: 'index',
    entries: 'entries',
    registryName: 'registry-name',
    registryUrl: 'registry-url',
    policy: 'policy',
    output: 'output',
    dryRun: 'dry-run',
    force: 'force',
  },
  outputs: { changed: 'changed', plan: 'plan' },
} as const satisfies ActionContract;

export const PublishToS3 = {
  name: 'publish-to-s3',
  inputs: {
    packDir: 'pack-dir',
    registry: 'registry',
    baseUrl: 'base-url',
    registryName: 'registry-name',
    gitUrl: 'git-url',
    gitRef: 'git-ref',
    format: 'format',
    exclude: 'exclude',
    meta: 'meta',
    sourceDateEpoch: 'source-date-epoch',
    region: 'region',
    endpoint: 'endpoint',
    forcePathStyle: 'force-path-style',
    skipExisting: 'skip-existing',
    dryRun: 'dry-run',
  },
  outputs: {
    archiveUrl: 'archive-url',
    checksum: 'checksum',
    treeChecksum: 'tree-checksum',
    indexUrl: 'index-url',
    alreadyPublished: 'already-published',
    ref: 'ref',
    version: 'version',
  },
} as const satisfies ActionContract;

export const InstallVerify = {
  name: 'install-verify',
  inputs: {
    spec: 'spec',
    changed: 'changed',
    baseRef: 'base-ref',
    listOnly: 'list-only',
    config: 'config',
    registry: 'registry',
    attuneVersion: 'attune-version',
    skipTests: 'skip-tests',
    skipDeps: 'skip-deps',
    withDeps: 'with-deps',
    dryRun: 'dry-run',
    packsDir: 'packs-dir',
    venvCache: 'venv-cache',
  },
  outputs: { result: 'result', passed: 'passed', matrix: 'matrix' },
} as const satisfies ActionContract;

/** The root action (`action.yml` at the top): the pack-release pipeline in one step. */
export const Release = {
  name: 'release',
  inputs: { ...BuildArchive.inputs },
  outputs: {
    archivePath: 'archive-path',
    archiveChecksum: 'archive-checksum',
    directoryChecksum: 'directory-checksum',
    ref: 'ref',
    version: 'version',
  },
} as const satisfies ActionContract;

/** Every action under actions/. */
export const ACTIONS: readonly ActionContract[] = [BuildArchive, Checksum, IndexEntry, IndexUpdate, PublishToS3, InstallVerify];
