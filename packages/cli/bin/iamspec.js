#!/usr/bin/env node
// The `iamspec` binary: the built CLI. If it cannot even load (not built, a dependency
// missing), say so in one line and exit 2 rather than print a module-loader stack trace.
try {
  await import("../dist/run.js");
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`iamspec: cannot start: ${message.split("\n")[0]}\n`);
  if (process.argv.includes("--debug") && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}
