// Builds a JsonNode tree from a JavaScript value (a policy given as an object instead of text).
import type { JsonNode, JsonObjectEntry } from "./types.js";
import { MAX_JSON_DEPTH, UNKNOWN_LOC } from "./types.js";
import { jsonPathAppend } from "./path.js";

/** Thrown by `jsonNodeFromValue` for values JSON cannot represent; `path` names where. */
export interface JsonValueError {
  jsonValueError: true;
  message: string;
  path: string;
}

export function isJsonValueError(value: unknown): value is JsonValueError {
  return typeof value === "object" && value !== null && "jsonValueError" in value;
}

function valueError(message: string, path: string): never {
  const error: JsonValueError = { jsonValueError: true, message, path };
  throw error;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return String(value);
  if (typeof value === "object")
    return value === null ? "null" : (value.constructor?.name ?? "object");
  return typeof value;
}

/**
 * Converts a JSON-compatible value to a `JsonNode`. Every location is `UNKNOWN_LOC`
 * (`line: 0` means "position unknown"). Iterative, so deep values cannot overflow the stack.
 * Throws a `JsonValueError` (see `isJsonValueError`) for cycles, nesting deeper than `MAX_JSON_DEPTH`
 * and values JSON has no form for (undefined, functions, symbols, bigints, NaN, Infinity).
 * Only own enumerable string keys are read, so `__proto__` is an ordinary key.
 */
export function jsonNodeFromValue(value: unknown): JsonNode {
  const onPath = new Set<object>();
  interface Pending {
    value: unknown;
    path: string;
    depth: number;
    attach: (node: JsonNode) => void;
  }
  let root: JsonNode | undefined;
  const work: (Pending | { leave: object })[] = [
    { value, path: "$", depth: 0, attach: (n) => (root = n) },
  ];
  while (work.length > 0) {
    const item = work.pop()!;
    if ("leave" in item) {
      onPath.delete(item.leave);
      continue;
    }
    const { value: v, path, depth, attach } = item;
    switch (typeof v) {
      case "string":
        attach({ type: "string", value: v, loc: UNKNOWN_LOC });
        continue;
      case "boolean":
        attach({ type: "boolean", value: v, loc: UNKNOWN_LOC });
        continue;
      case "number":
        if (!Number.isFinite(v)) valueError(`${describe(v)} is not a JSON number`, path);
        attach({ type: "number", value: v, raw: JSON.stringify(v), loc: UNKNOWN_LOC });
        continue;
      case "object":
        break;
      default:
        valueError(`${describe(v)} is not a JSON value`, path);
    }
    if (v === null) {
      attach({ type: "null", loc: UNKNOWN_LOC });
      continue;
    }
    if (depth >= MAX_JSON_DEPTH)
      valueError(`Nesting is deeper than the limit of ${MAX_JSON_DEPTH} levels`, path);
    if (onPath.has(v)) valueError("Circular reference", path);
    onPath.add(v);
    work.push({ leave: v });
    if (Array.isArray(v)) {
      const items: JsonNode[] = new Array<JsonNode>(v.length);
      attach({ type: "array", items, loc: UNKNOWN_LOC });
      for (let i = v.length - 1; i >= 0; i--) {
        work.push({
          value: v[i],
          path: jsonPathAppend(path, i),
          depth: depth + 1,
          attach: (n) => (items[i] = n),
        });
      }
    } else {
      const keys = Object.keys(v);
      const entries: JsonObjectEntry[] = keys.map((key) => ({
        key,
        keyLoc: UNKNOWN_LOC,
        value: { type: "null", loc: UNKNOWN_LOC },
      }));
      attach({ type: "object", entries, loc: UNKNOWN_LOC });
      for (let i = keys.length - 1; i >= 0; i--) {
        const entry = entries[i]!;
        const key = keys[i]!;
        work.push({
          value: (v as Record<string, unknown>)[key],
          path: jsonPathAppend(path, key),
          depth: depth + 1,
          attach: (n) => (entry.value = n),
        });
      }
    }
  }
  return root!;
}
