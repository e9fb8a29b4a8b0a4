/** Exit codes as the help and README show them (values from core/errors.ts ExitCode). */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0   success',
  '  1   the check failed (checksum mismatch, pack not valid, published version differs)',
  '  2   usage error (unknown flag, malformed value)',
  '  3   input error (missing or unreadable file, invalid pack, output exists, no such bucket, refused credentials)',
  '  4   remote or tool failure (git, network, object store)',
  '  5   integrity failure (content does not match its checksum)',
  '  70  internal error (a bug: please report it)',
  '  130 interrupted by SIGINT (143: SIGTERM); temporary files were removed',
].join('\n');
