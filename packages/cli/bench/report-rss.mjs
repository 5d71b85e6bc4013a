// Preloaded into the measured process (node --import): reports its peak resident set size and
// the CPU time of all its threads (user + system).
process.on("exit", () => {
  const usage = process.resourceUsage();
  process.stderr.write(
    `\nIAMSPEC_BENCH_MAX_RSS_KB=${usage.maxRSS} IAMSPEC_BENCH_CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`,
  );
});
