// The parser's shared readers of one element: strings, pattern lists and objects with known keys,
// each reporting grammar errors with the JSON path and, for text, the line and column.
import type { Diagnostic, PatternList, SourceLocation } from "../types.js";
import type { JsonLoc, JsonNode, JsonObjectEntry } from "../json/types.js";
import { jsonPathAppend } from "../json/path.js";
import { closestName } from "../closest-name.js";

export type ObjectNode = Extract<JsonNode, { type: "object" }>;

export interface Context {
  diagnostics: Diagnostic[];
  source?: string;
}

export function locOf(path: string, loc: JsonLoc): SourceLocation {
  return loc.line > 0 ? { path, line: loc.line, column: loc.column } : { path };
}

export function report(
  ctx: Context,
  code: string,
  message: string,
  path: string,
  loc: JsonLoc,
  hint?: string,
): void {
  ctx.diagnostics.push({
    code,
    severity: "ERROR",
    message,
    ...locOf(path, loc),
    ...(hint !== undefined ? { hint } : {}),
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
  });
}

export function typeName(node: JsonNode): string {
  return node.type === "object"
    ? "an object"
    : node.type === "array"
      ? "an array"
      : node.type === "null"
        ? "null"
        : `a ${node.type}`;
}

/** Reads an object's entries by name, reporting duplicates and (when `known` is given) unknown names. */
export function readEntries(
  ctx: Context,
  node: ObjectNode,
  path: string,
  known: readonly string[] | undefined,
  what: string,
): Map<string, JsonObjectEntry> {
  const byName = new Map<string, JsonObjectEntry>();
  for (const entry of node.entries) {
    if (byName.has(entry.key)) {
      report(
        ctx,
        "DUPLICATE_ELEMENT",
        `Duplicate key "${entry.key}" in ${what}: AWS rejects new policies with duplicated elements`,
        jsonPathAppend(path, entry.key),
        entry.keyLoc,
        "Merge the values into one element",
      );
      continue;
    }
    byName.set(entry.key, entry);
    if (known !== undefined && !known.includes(entry.key)) {
      const fixed =
        known.find(
          (k) =>
            k.toLowerCase() === entry.key.toLowerCase() ||
            `${k}s`.toLowerCase() === entry.key.toLowerCase(),
        ) ?? closestName(entry.key, known);
      report(
        ctx,
        "INVALID_POLICY_ELEMENT",
        `"${entry.key}" is not an element of ${what}`,
        jsonPathAppend(path, entry.key),
        entry.keyLoc,
        fixed !== undefined ? `Did you mean "${fixed}"?` : `Valid elements: ${known.join(", ")}`,
      );
    }
  }
  return byName;
}

export function readString(ctx: Context, entry: JsonObjectEntry, path: string): string | undefined {
  if (entry.value.type === "string") return entry.value.value;
  report(
    ctx,
    "DATA_TYPE_MISMATCH",
    `"${entry.key}" must be a string, not ${typeName(entry.value)}`,
    path,
    entry.value.loc,
  );
  return undefined;
}

/** `"x"` or `["x", …]` of strings; a one-element array and the bare string are equivalent (docs/evaluation-rules.md §1.1). */
export function readPatternList(
  ctx: Context,
  entry: JsonObjectEntry,
  path: string,
): PatternList | undefined {
  const node = entry.value;
  if (node.type === "string") {
    return { patterns: [node.value], locs: [locOf(path, node.loc)], loc: locOf(path, node.loc) };
  }
  if (node.type !== "array") {
    report(
      ctx,
      "DATA_TYPE_MISMATCH",
      `"${entry.key}" must be a string or an array of strings, not ${typeName(node)}`,
      path,
      node.loc,
    );
    return undefined;
  }
  const patterns: string[] = [];
  const locs: SourceLocation[] = [];
  let ok = true;
  node.items.forEach((item, i) => {
    const itemPath = jsonPathAppend(path, i);
    if (item.type !== "string") {
      report(
        ctx,
        "DATA_TYPE_MISMATCH",
        `Each "${entry.key}" entry must be a string, not ${typeName(item)}`,
        itemPath,
        item.loc,
      );
      ok = false;
      return;
    }
    patterns.push(item.value);
    locs.push(locOf(itemPath, item.loc));
  });
  return ok ? { patterns, locs, loc: locOf(path, node.loc) } : undefined;
}
