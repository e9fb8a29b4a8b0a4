import { removePendingTemporaryFiles } from '../core/fs/atomic-file.js';
import { runCli } from './run.js';

// An interrupted build must not leave a partial archive behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removePendingTemporaryFiles();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
