// From a JSON path back to the text: a problem reported at `$.cases[3].expected` can be shown at
// its line and column when the caller kept `parseJson`'s node tree.
import type { JsonNode } from "./types.js";

/** `$.a[0]["b.c"]` -> ["a", 0, "b.c"] (the paths `jsonPathAppend` writes). */
export function jsonPathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of path.replace(/^\$/, "").matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(`"${match[3]}"`) as string);
  }
  return segments;
}

/**
 * Line and column (1-based) of the value at a JSON path, or of its nearest existing ancestor
 * (a missing `expected` is shown at its case); undefined for a tree built without positions.
 */
export function locateJsonPath(
  root: JsonNode,
  path: string,
): { line: number; column: number } | undefined {
  let node: JsonNode = root;
  for (const segment of jsonPathSegments(path)) {
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
