// Converts a JsonNode back to a plain value. Objects have a null prototype, so keys such as
// `__proto__` or `constructor` are ordinary data; for duplicate keys the last one wins (as JSON.parse).
import type { JsonNode, JsonValueLike } from "./types.js";

export function jsonValueFromNode(node: JsonNode): JsonValueLike {
  let root: JsonValueLike = null;
  const work: { node: JsonNode; attach: (value: JsonValueLike) => void }[] = [
    { node, attach: (v) => (root = v) },
  ];
  while (work.length > 0) {
    const { node: n, attach } = work.pop()!;
    switch (n.type) {
      case "object": {
        const obj = Object.create(null) as { [key: string]: JsonValueLike };
        attach(obj);
        // Keys are set in document order now; values are filled as the stack unwinds (last duplicate wins).
        for (const entry of n.entries) obj[entry.key] = null;
        for (let i = n.entries.length - 1; i >= 0; i--) {
          const entry = n.entries[i]!;
          work.push({ node: entry.value, attach: (v) => (obj[entry.key] = v) });
        }
        break;
      }
      case "array": {
        const arr: JsonValueLike[] = new Array<JsonValueLike>(n.items.length);
        attach(arr);
        n.items.forEach((item, i) => work.push({ node: item, attach: (v) => (arr[i] = v) }));
        break;
      }
      case "null":
        attach(null);
        break;
      default:
        attach(n.value);
    }
  }
  return root;
}
