import { inputError } from "../errors.js";
import { positionAt } from "./text-position.js";

/** JSON.parse with the error turned into file:line:col (V8 reports "at position N"). */
export function parseJsonText(file: string, text: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const position = at ? positionAt(text, Number(at[1])) : { line: 1, column: 1 };
    const short = message.replace(/\s*\(line \d+ column \d+\)$/, "").replace(/ in JSON at position \d+.*$/, "");
    throw inputError(
      { file, line: position.line + lineOffset, column: position.column, path: "$" },
      `invalid JSON: ${short}`,
      "JSON_SYNTAX_ERROR",
    );
  }
}
