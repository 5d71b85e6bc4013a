// JSON documents with positions: syntax errors name line and column, and a JSON path
// reported by core (`$.cases[3].action`) can be turned back into a line and column.
import { jsonPathSegments, jsonValueFromNode, locateJsonPath, parseJson } from "@iamspec/core";
import { inputError } from "../errors.js";
import { findImpreciseNumber, impreciseMessage, mayHoldImpreciseNumber } from "./exact-numbers.js";

export interface Position {
  line: number;
  column: number;
}

export interface ParsedDocument {
  value: unknown;
  /** Line and column of the value at a JSON path, or of its nearest existing ancestor. */
  locate(path: string): Position | undefined;
}

/**
 * Parses JSON text strictly; a syntax error becomes a one-line input error with line and column.
 * `exactNumbers` (requests, test files) refuses numbers that a double would round.
 */
export function parseJsonDocument(
  text: string,
  file: string,
  options: { exactNumbers?: boolean } = {},
): ParsedDocument {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    throw inputError(`invalid JSON: ${lowerFirst(message)}`, { file, line, column });
  }
  const root = parsed.root;
  if (options.exactNumbers && mayHoldImpreciseNumber(text)) {
    const imprecise = findImpreciseNumber(root);
    if (imprecise) throw inputError(impreciseMessage(imprecise.raw), { file, ...imprecise });
  }
  return {
    value: jsonValueFromNode(root),
    locate: (path) => locateJsonPath(root, path),
  };
}

/** `$.a[0]["b.c"]` -> ["a", 0, "b.c"]. */
export const pathSegments = jsonPathSegments;

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
