// @iamspec/cli as a library: run the CLI in-process (the binary is bin/iamspec.js).
export { main, commands } from "./main.js";
export type { Io } from "./io.js";
export type { ExitCode } from "./errors.js";
