// TypeScript literal text for JSON values, on one line (prettier lays it out).
import type { JsonNode } from "../analysis/json-node.js";

export function literalFromNode(node: JsonNode): string {
  switch (node.type) {
    case "object": {
      // A duplicate key keeps its last value, as JSON.parse (and AWS) read it; TS rejects duplicates.
      const last = new Map(node.entries.map((e) => [e.key, e.value]));
      return `{ ${[...last].map(([k, v]) => `${propertyKey(k)}: ${literalFromNode(v)}`).join(", ")} }`;
    }
    case "array":
      return `[${node.items.map(literalFromNode).join(", ")}]`;
    case "string":
      return JSON.stringify(node.value);
    case "number":
      return node.raw;
    case "boolean":
      return String(node.value);
    case "null":
      return "null";
  }
}

export function propertyKey(key: string): string {
  // `__proto__: x` in a literal would set the prototype; a computed key defines a property.
  if (key === "__proto__") return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

export function stringTuple(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}
