import { ExitCode } from '../../core/errors.js';
import { boolFlag, listFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';

export const archiveCommand: Command = {
  name: 'archive',
  summary: 'Build a reproducible .tar.gz or .zip of a pack',
  usage: '<pack-dir> [--format tar.gz|zip] [--out FILE] [--force] [--git-ref REV] [--no-git] [--exclude PATTERN]... [--tag TAG] [--json]',
  description: [
    'Every entry sits under one top-level directory <ref>-<version>/; the default file name is',
    '<ref>-<version>.<format> in the current directory. The same content gives byte-identical archives',
    'whatever mtimes, umask, owner, directory order, time zone or locale (entry time SOURCE_DATE_EPOCH,',
    'else 1980-01-01; modes 0644/0755; uid/gid 0). In a git work tree the files tracked at HEAD (or',
    '--git-ref) are archived, like git archive; elsewhere every regular file except .git/. The pack\'s',
    '.packignore (gitignore syntax) and --exclude patterns leave files out. Prints the archive path,',
    'its sha256 (the archive install source checksum) and the framed checksum of the archived tree.',
    '--tag fails the build, before anything is written, unless the tag names pack.yaml\'s version',
    '(v1.2.3, 1.2.3, <ref>-v1.2.3 or <ref>/v1.2.3; refs/tags/ in front is accepted).',
  ].join('\n'),
  options: {
    format: { type: 'string', value: 'F', help: 'tar.gz (default) or zip' },
    out: { type: 'string', value: 'FILE', help: 'output file (default ./<ref>-<version>.<format>)' },
    force: { type: 'boolean', help: 'replace an existing output file' },
    'git-ref': { type: 'string', value: 'REV', help: 'archive the tree tracked at this commit' },
    'no-git': { type: 'boolean', help: 'archive the files on disk even inside a git work tree' },
    exclude: { type: 'string', multiple: true, value: 'PATTERN', help: 'leave out paths matching this gitignore pattern (repeatable)' },
    tag: { type: 'string', value: 'TAG', help: "fail unless this release tag names pack.yaml's version" },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [packDir] = positionals(this, args, ['pack-dir']);
    // Loaded on demand: the CLI starts faster when a command does not need the pack model.
    const { buildArchive, parseEpoch, parseFormat } = await import('../../core/archive/build.js');
    const result = await buildArchive(
      {
        packDir,
        format: parseFormat(stringFlag(args, 'format'), '--format'),
        out: stringFlag(args, 'out'),
        force: boolFlag(args, 'force'),
        gitRef: stringFlag(args, 'git-ref'),
        noGit: boolFlag(args, 'no-git'),
        exclude: listFlag(args, 'exclude'),
        mtime: parseEpoch(ctx.env.SOURCE_DATE_EPOCH, 'SOURCE_DATE_EPOCH'),
        cwd: ctx.cwd,
        tag: stringFlag(args, 'tag'),
      },
      ctx.deps,
    );
    if (boolFlag(args, 'json')) ctx.out(json(result));
    else {
      ctx.out(
        [
          result.path,
          `  checksum            ${result.checksum}`,
          `  directory-checksum  ${result.directoryChecksum}`,
          `  files ${result.files}, ${result.size} bytes, from ${result.commit ? `commit ${result.commit}` : 'files on disk'}`,
          '',
        ].join('\n'),
      );
    }
    return ExitCode.Ok;
  },
};
