import { installInterruptHandlers } from './interrupts.js';
import { runCli } from './run.js';

// An interrupted build must not leave a partial archive behind; an install stops its
// processes and removes its staging folder first (see interrupts.ts).
installInterruptHandlers();

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
