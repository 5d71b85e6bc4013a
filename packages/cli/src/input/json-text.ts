// JSON documents with positions: syntax errors name line and column, and a JSON path
// reported by core (`$.cases[3].action`) can be turned back into a line and column.
import { jsonValueFromNode, parseJson } from "@iamspec/core";
import type { JsonNode } from "@iamspec/core";
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
    locate: (path) => locateNode(root, pathSegments(path)),
  };
}

/** `$.a[0]["b.c"]` -> ["a", 0, "b.c"]. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of path.replace(/^\$/, "").matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(`"${match[3]}"`) as string);
  }
  return segments;
}

function locateNode(root: JsonNode, segments: readonly (string | number)[]): Position | undefined {
  let node: JsonNode = root;
  for (const segment of segments) {
    let next: JsonNode | undefined;
    if (node.type === "array" && typeof segment === "number") next = node.items[segment];
    if (node.type === "object" && typeof segment === "string") {
      // The last duplicate wins, as in JSON.parse.
      next = node.entries.findLast((entry) => entry.key === segment)?.value;
    }
    if (!next) break;
    node = next;
  }
  return node.loc.line > 0 ? { line: node.loc.line, column: node.loc.column } : undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
