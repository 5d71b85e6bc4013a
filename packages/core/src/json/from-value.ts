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
 * (`line: 0` means "position unknown"). Recursion stops at `MAX_JSON_DEPTH` levels, so deep values
 * cannot overflow the stack. Throws a `JsonValueError` (see `isJsonValueError`) for cycles, nesting
 * deeper than `MAX_JSON_DEPTH` and values JSON has no form for (undefined, functions, symbols,
 * bigints, NaN, Infinity). Only own enumerable string keys are read, so `__proto__` is an ordinary key.
 */
export function jsonNodeFromValue(value: unknown): JsonNode {
  // The keys from the root to the value being converted: the JSON path is built only for an error
  // (building it for every node cost more than the conversion itself).
  const keys: (string | number)[] = [];
  const onPath = new Set<object>();
  const fail = (message: string): never => {
    let path = "$";
    for (const key of keys) path = jsonPathAppend(path, key);
    return valueError(message, path);
  };
  const convert = (v: unknown, depth: number): JsonNode => {
    switch (typeof v) {
      case "string":
        return { type: "string", value: v, loc: UNKNOWN_LOC };
      case "boolean":
        return { type: "boolean", value: v, loc: UNKNOWN_LOC };
      case "number":
        if (!Number.isFinite(v)) fail(`${describe(v)} is not a JSON number`);
        return { type: "number", value: v, raw: JSON.stringify(v), loc: UNKNOWN_LOC };
      case "object":
        break;
      default:
        fail(`${describe(v)} is not a JSON value`);
    }
    if (v === null) return { type: "null", loc: UNKNOWN_LOC };
    if (depth >= MAX_JSON_DEPTH)
      fail(`Nesting is deeper than the limit of ${MAX_JSON_DEPTH} levels`);
    if (onPath.has(v as object)) fail("Circular reference");
    onPath.add(v as object);
    let node: JsonNode;
    if (Array.isArray(v)) {
      const items: JsonNode[] = [];
      for (let i = 0; i < v.length; i++) {
        keys.push(i);
        items.push(convert(v[i], depth + 1));
        keys.pop();
      }
      node = { type: "array", items, loc: UNKNOWN_LOC };
    } else {
      const entries: JsonObjectEntry[] = [];
      for (const key of Object.keys(v as object)) {
        keys.push(key);
        const child = convert((v as Record<string, unknown>)[key], depth + 1);
        keys.pop();
        entries.push({ key, keyLoc: UNKNOWN_LOC, value: child });
      }
      node = { type: "object", entries, loc: UNKNOWN_LOC };
    }
    onPath.delete(v as object);
    return node;
  };
  return convert(value, 0);
}
