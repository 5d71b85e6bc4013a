import type { ParseOptions, ParseResult } from "../types.js";

/** Parses a policy document (JSON text or a value) into the normalised AST, with diagnostics. */
export function parsePolicy(_input: unknown, _options?: ParseOptions): ParseResult {
  throw new Error("parsePolicy: not implemented yet");
}
