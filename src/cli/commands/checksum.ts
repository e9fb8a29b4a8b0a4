import { resolve } from 'node:path';
import { computeChecksum } from '../../core/checksum/compute.js';
import { ExitCode } from '../../core/errors.js';
import { parseAlgorithm, parseDigest } from '../../core/hash/algorithms.js';
import { boolFlag, positionals, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { json } from '../output.js';

export const checksumCommand: Command = {
  name: 'checksum',
  summary: 'Checksum a file (its bytes) or a pack directory (the framed tree checksum)',
  usage: '<path> [--algorithm A] [--expect A:HEX] [--git-ref REV] [--json]',
  description: [
    'A file: the hash of its bytes (sha256 by default; also sha512, sha1, md5).',
    'A directory: the framed directory checksum (attune-pack-file-v1, always sha256) of its regular files,',
    'with .git/ left out; symlinks, hard links, devices and FIFOs are refused. With --git-ref, the tree',
    'tracked at that commit is hashed instead (what a clone contains, without export-ignore paths), so',
    'untracked node_modules/ or .venv/ never change it. Prints algorithm:hex.',
    'With --expect, exits 0 on a match and 1 on a mismatch, printing expected and actual.',
  ].join('\n'),
  options: {
    algorithm: { type: 'string', value: 'A', help: 'sha256 (default), sha512, sha1 or md5; files only' },
    expect: { type: 'string', value: 'A:HEX', help: 'compare with this checksum (lower-case hex)' },
    'git-ref': { type: 'string', value: 'REV', help: 'hash the tree tracked at this commit (directories)' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  async run(args, ctx) {
    const [path] = positionals(this, args, ['path']);
    const algorithm = stringFlag(args, 'algorithm');
    const expect = stringFlag(args, 'expect');
    const result = await computeChecksum(
      {
        path: resolve(ctx.cwd, path),
        algorithm: algorithm === undefined ? undefined : parseAlgorithm(algorithm),
        expect: expect === undefined ? undefined : parseDigest(expect),
        gitRef: stringFlag(args, 'git-ref'),
      },
      ctx.deps,
    );
    if (boolFlag(args, 'json')) ctx.out(json(result));
    else if (result.match === false) ctx.out(`MISMATCH ${result.path}\n  expected ${result.expected}\n  actual   ${result.checksum}\n`);
    else ctx.out(`${result.checksum}${result.match ? '  OK' : ''}\n`);
    return result.match === false ? ExitCode.CheckFailed : ExitCode.Ok;
  },
};
