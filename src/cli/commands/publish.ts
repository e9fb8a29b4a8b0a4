import { ExitCode, UsageError } from '../../core/errors.js';
import { parseMetaPairs } from '../../core/index/meta-pairs.js';
import { boolFlag, listFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Publish a pack version to a registry in S3 or a folder',
  usage:
    '<pack-dir> --registry s3://BUCKET/PREFIX|file:///PATH|PATH [--base-url URL] [--git-url URL --git-ref SHA] [--format tar.gz|zip] [--skip-existing] [--dry-run] [--json]',
  description: [
    'Builds the archive, uploads it to packs/<ref>/<version>/, writes the version\'s immutable entry.json,',
    'then regenerates index.json and packs/<ref>/index.json from every entry object (archives first, index',
    'last). Re-publishing the same content is a no-op; different content under a published version is',
    'refused (exit 1) and nothing is overwritten. Concurrent publishers never lose an entry: index writes',
    'are compare-and-swap, and each publisher re-lists the entries after writing until the index has them all.',
    'A folder registry without --base-url records file:// URLs: a local development registry. S3 credentials',
    'come only from the standard AWS chain (environment, profile, OIDC web identity).',
  ].join('\n'),
  options: {
    registry: { type: 'string', value: 'LOCATION', help: 's3://bucket/prefix, file:///path or a folder (created if missing)' },
    'base-url': { type: 'string', value: 'URL', help: 'https URL the registry root is served from (archive URLs are built from it)' },
    'registry-name': { type: 'string', value: 'NAME', help: 'registry_name of a new index (default: the base URL\'s host and path)' },
    'git-url': { type: 'string', value: 'URL', help: 'also record a git source: the https URL of the pack repository' },
    'git-ref': { type: 'string', value: 'SHA', help: 'archive (and, with --git-url, pin) this 40-character commit' },
    format: { type: 'string', value: 'F', help: 'tar.gz (default) or zip' },
    'no-git': { type: 'boolean', help: 'archive the files on disk even inside a git work tree' },
    exclude: { type: 'string', multiple: true, value: 'PATTERN', help: 'leave out paths matching this gitignore pattern (repeatable)' },
    meta: { type: 'string', multiple: true, value: 'KEY=VALUE', help: 'add a field to the entry\'s meta (repeatable)' },
    region: { type: 'string', value: 'REGION', help: 'AWS region of the bucket (default: AWS_REGION or the profile)' },
    endpoint: { type: 'string', value: 'URL', help: 'endpoint of an S3-compatible store (MinIO, R2, Ceph...)' },
    'force-path-style': { type: 'boolean', help: 'address the bucket as ENDPOINT/BUCKET (most S3-compatible stores)' },
    'skip-existing': { type: 'boolean', help: 'check the registry first; if this tree is already published, build nothing' },
    'dry-run': { type: 'boolean', help: 'build and compare with the registry, write nothing' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [packDir] = positionals(this, args, ['pack-dir']);
    const registry = stringFlag(args, 'registry');
    if (registry === undefined) throw new UsageError('--registry is required: s3://bucket/prefix, file:///path or a folder such as ./registry');
    const { parseEpoch, parseFormat } = await import('../../core/archive/build.js');
    const { publish } = await import('../../core/publish/publish.js');
    const { publishText } = await import('../../core/publish/report.js');
    const result = await publish(
      {
        packDir,
        registry,
        baseUrl: stringFlag(args, 'base-url'),
        registryName: stringFlag(args, 'registry-name'),
        gitUrl: stringFlag(args, 'git-url'),
        gitRef: stringFlag(args, 'git-ref'),
        format: parseFormat(stringFlag(args, 'format'), '--format'),
        noGit: boolFlag(args, 'no-git'),
        exclude: listFlag(args, 'exclude'),
        meta: parseMetaPairs(listFlag(args, 'meta'), '--meta'),
        mtime: parseEpoch(ctx.env.SOURCE_DATE_EPOCH, 'SOURCE_DATE_EPOCH'),
        connection: { region: stringFlag(args, 'region'), endpoint: stringFlag(args, 'endpoint'), forcePathStyle: boolFlag(args, 'force-path-style') },
        skipExisting: boolFlag(args, 'skip-existing'),
        dryRun: boolFlag(args, 'dry-run'),
        now: new Date(),
        cwd: ctx.cwd,
      },
      ctx.deps,
    );
    ctx.out(boolFlag(args, 'json') ? json(result) : publishText(result));
    return ExitCode.Ok;
  },
};
