// Rebuilds a policy document from a Policy-shaped object that parsePolicy did not produce (a
// structured clone, a hand-built or forged AST), so that it goes through the grammar checks again
// instead of being trusted. Anything that cannot be read back gives undefined.
import type { JsonValue } from "../types.js";

type Obj = { [key: string]: unknown };

function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function patterns(list: unknown): JsonValue | undefined {
  if (!isObject(list)) return undefined;
  const p = list.patterns;
  return Array.isArray(p) ? (p as JsonValue[]) : (p as JsonValue);
}

function principal(block: unknown): JsonValue | undefined {
  if (!isObject(block)) return undefined;
  if (block.wildcard === true) return "*";
  if (!Array.isArray(block.entries)) return undefined;
  const out: { [key: string]: JsonValue[] } = Object.create(null) as { [key: string]: JsonValue[] };
  for (const entry of block.entries) {
    if (!isObject(entry) || typeof entry.kind !== "string") return undefined;
    (out[entry.kind] ??= []).push(entry.value as JsonValue);
  }
  return out;
}

export function policyToDocument(value: unknown): { [key: string]: JsonValue } | undefined {
  if (!isObject(value) || !Array.isArray(value.statements)) return undefined;
  const statements: JsonValue[] = [];
  for (const s of value.statements) {
    if (!isObject(s)) return undefined;
    const out: { [key: string]: JsonValue } = {};
    if (s.sid !== undefined) out.Sid = s.sid as JsonValue;
    if (s.effect !== undefined) out.Effect = s.effect as JsonValue;
    for (const [field, element] of [
      ["action", "Action"],
      ["notAction", "NotAction"],
      ["resource", "Resource"],
      ["notResource", "NotResource"],
    ] as const) {
      if (s[field] === undefined) continue;
      const p = patterns(s[field]);
      if (p === undefined) return undefined;
      out[element] = p;
    }
    for (const [field, element] of [
      ["principal", "Principal"],
      ["notPrincipal", "NotPrincipal"],
    ] as const) {
      if (s[field] === undefined) continue;
      const p = principal(s[field]);
      if (p === undefined) return undefined;
      out[element] = p;
    }
    if (s.conditions !== undefined) {
      if (!Array.isArray(s.conditions)) return undefined;
      if (s.conditions.length > 0) {
        const block: { [op: string]: { [key: string]: JsonValue } } = Object.create(null) as {
          [op: string]: { [key: string]: JsonValue };
        };
        for (const c of s.conditions) {
          if (
            !isObject(c) ||
            typeof c.operator !== "string" ||
            typeof c.key !== "string" ||
            !Array.isArray(c.values)
          )
            return undefined;
          const values: JsonValue[] = [];
          for (const v of c.values) {
            if (!isObject(v) || typeof v.text !== "string") return undefined;
            values.push(
              v.jsonType === "number"
                ? Number(v.text)
                : v.jsonType === "boolean"
                  ? v.text === "true"
                  : v.text,
            );
          }
          const byKey = (block[c.operator] ??= Object.create(null) as { [key: string]: JsonValue });
          if (Object.hasOwn(byKey, c.key)) return undefined;
          byKey[c.key] = values;
        }
        out.Condition = block as JsonValue;
      }
    }
    statements.push(out);
  }
  const document: { [key: string]: JsonValue } = { Statement: statements };
  if (value.versionGiven !== false && value.version !== undefined)
    document.Version = value.version as JsonValue;
  if (value.id !== undefined) document.Id = value.id as JsonValue;
  return document;
}
