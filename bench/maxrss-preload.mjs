// Loaded with `node --import` into packreg's process when GNU time is not available: prints
// the process's peak memory (max RSS, KiB) to stderr as it exits, for bench/tasks.mjs.
process.on('exit', () => {
  process.stderr.write(`\nbench-maxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
