// What a command reads and writes: injected so that commands stay testable and the binary
// decides colour from the real streams.
import type { Paint } from "./output/colour.js";

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Colours for stdout and for stderr (each only on a terminal, never with NO_COLOR). */
  out: Paint;
  err: Paint;
  debug: boolean;
}

export function writeLine(stream: NodeJS.WritableStream, text = ""): void {
  stream.write(`${text}\n`);
}
