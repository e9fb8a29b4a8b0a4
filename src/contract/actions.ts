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
    tag: 'tag',
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
    push: 'push',
    branch: 'branch',
    maxAttempts: 'max-attempts',
    commitMessage: 'commit-message',
  },
  outputs: { changed: 'changed', plan: 'plan', commit: 'commit', attempts: 'attempts' },
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
    setupTimeout: 'setup-timeout',
  },
  outputs: { result: 'result', passed: 'passed', matrix: 'matrix' },
} as const satisfies ActionContract;

/** Hand an index entry to the registry repository: a pull request, or a repository_dispatch event. */
export const RegistryHandoff = {
  name: 'registry-handoff',
  inputs: {
    entry: 'entry',
    mode: 'mode',
    repository: 'repository',
    token: 'token',
    index: 'index',
    branch: 'branch',
    eventType: 'event-type',
    policy: 'policy',
    gitUrl: 'git-url',
  },
  outputs: { result: 'result', pullRequestUrl: 'pull-request-url', pullRequestNumber: 'pull-request-number', branch: 'branch' },
} as const satisfies ActionContract;

/** Pull request gates: version increment, immutable releases, changelog; one updated comment. */
export const PrChecks = {
  name: 'pr-checks',
  inputs: {
    baseRef: 'base-ref',
    versionGate: 'version-gate',
    changelog: 'changelog',
    comment: 'comment',
    token: 'token',
    index: 'index',
    policy: 'policy',
  },
  outputs: { result: 'result', failures: 'failures', commentUrl: 'comment-url' },
} as const satisfies ActionContract;

/** Create the v<version> tag when a merge raises pack.yaml's version. */
export const TagVersion = {
  name: 'tag-version',
  inputs: {
    packDir: 'pack-dir',
    before: 'before',
    sha: 'sha',
    tagFormat: 'tag-format',
    token: 'token',
    repository: 'repository',
  },
  outputs: { tags: 'tags', created: 'created' },
} as const satisfies ActionContract;

/** Attach the archive to the GitHub release of a tag (created when missing). */
export const GithubRelease = {
  name: 'github-release',
  inputs: {
    archive: 'archive',
    tag: 'tag',
    token: 'token',
    repository: 'repository',
  },
  outputs: { archiveUrl: 'archive-url', releaseUrl: 'release-url', alreadyPublished: 'already-published' },
} as const satisfies ActionContract;

/**
 * The root action (`action.yml` at the top): the pack-release pipeline in one step. Its inputs
 * are the separate actions' inputs under the same names; where two actions use one name for
 * different things, the registry repository's take a `registry-` prefix.
 */
export const Release = {
  name: 'release',
  inputs: {
    ...BuildArchive.inputs,
    publish: 'publish',
    token: 'token',
    registry: 'registry',
    baseUrl: 'base-url',
    registryName: 'registry-name',
    region: 'region',
    endpoint: 'endpoint',
    forcePathStyle: 'force-path-style',
    skipExisting: 'skip-existing',
    gitUrl: 'git-url',
    archiveUrl: 'archive-url',
    meta: 'meta',
    allowMutableRef: 'allow-mutable-ref',
    entryOutput: 'entry-output',
    handoff: 'handoff',
    registryRepository: 'registry-repository',
    registryToken: 'registry-token',
    registryIndex: 'registry-index',
    registryBranch: 'registry-branch',
    eventType: 'event-type',
    policy: 'policy',
    registryGitUrl: 'registry-git-url',
  },
  outputs: {
    archivePath: 'archive-path',
    archiveChecksum: 'archive-checksum',
    directoryChecksum: 'directory-checksum',
    ref: 'ref',
    version: 'version',
    archiveUrl: 'archive-url',
    alreadyPublished: 'already-published',
    entry: 'entry',
    entryPath: 'entry-path',
    handoffResult: 'handoff-result',
    pullRequestUrl: 'pull-request-url',
  },
} as const satisfies ActionContract;

/** Every action under actions/. */
export const ACTIONS: readonly ActionContract[] = [BuildArchive, Checksum, IndexEntry, IndexUpdate, PublishToS3, InstallVerify, RegistryHandoff, PrChecks, TagVersion, GithubRelease];
