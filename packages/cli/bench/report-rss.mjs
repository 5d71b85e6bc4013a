// Preloaded into the measured process (node --import): reports its peak resident set size.
process.on("exit", () => {
  process.stderr.write(`\nIAMSPEC_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
