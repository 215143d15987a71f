// Preloaded with `node --import` into a benchmarked child process: on exit it prints the
// process's peak resident memory on stderr, where scripts/bench.mjs reads it.
process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss-mb ${process.resourceUsage().maxRSS / 1024}\n`);
});
