// Entry of the `iamspec` binary (bin/iamspec.js imports the built file).
import { main } from "./main.js";
import { colourWanted, paint } from "./output/colour.js";

const argv = process.argv.slice(2);

// A closed pipe (`iamspec eval ... | head`) is a normal way to stop reading, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const exitCode = await main(argv, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  out: paint(colourWanted(process.stdout)),
  err: paint(colourWanted(process.stderr)),
  debug: argv.includes("--debug"),
});
process.exitCode = exitCode;
