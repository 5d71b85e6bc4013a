import { describe, expect, it } from "vitest";
import {
  jsonNodeFromValue,
  jsonPathAppend,
  jsonValueFromNode,
  MAX_JSON_DEPTH,
  parseJson,
} from "../src/json/index.js";

function errorOf(text: string) {
  const result = parseJson(text);
  if (result.ok) throw new Error("expected a syntax error");
  return result.error;
}

describe("parseJson", () => {
  it("parses every JSON value kind with 1-based positions", () => {
    const result = parseJson('{\n  "a": [1, -2.5e3, true, false, null, "x\\u0041\\n"]\n}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const root = result.root;
    expect(root.type).toBe("object");
    if (root.type !== "object") return;
    const entry = root.entries[0]!;
    expect(entry.key).toBe("a");
    expect(entry.keyLoc).toEqual({ offset: 4, line: 2, column: 3, endOffset: 7 });
    expect(entry.value.loc).toMatchObject({ line: 2, column: 8 });
    expect(jsonValueFromNode(root)).toEqual({ a: [1, -2500, true, false, null, "xA\n"] });
    const arr = entry.value;
    if (arr.type !== "array") throw new Error("array expected");
    const num = arr.items[1]!;
    expect(num).toMatchObject({ type: "number", raw: "-2.5e3", value: -2500 });
    expect(root.loc).toEqual({ offset: 0, line: 1, column: 1, endOffset: 54 });
  });

  it("keeps duplicate keys in order", () => {
    const result = parseJson('{"Effect":"Allow","Effect":"Deny"}');
    if (!result.ok || result.root.type !== "object") throw new Error("object expected");
    expect(
      result.root.entries.map((e) => [e.key, e.value.type === "string" ? e.value.value : ""]),
    ).toEqual([
      ["Effect", "Allow"],
      ["Effect", "Deny"],
    ]);
  });

  it.each([
    ["", "Empty input", 1, 1],
    ["{", "expected a property name", 1, 2],
    ['{"a":1,}', "expected a property name", 1, 8],
    ["[1,]", "trailing comma", 1, 4],
    ['{"a" 1}', "expected ':'", 1, 6],
    ["[1 2]", "expected ',' or ']'", 1, 4],
    ['"abc', "Unterminated string", 1, 1],
    ['"a\nb"', "line break inside a string", 1, 3],
    ['"\\x"', "Invalid escape", 1, 2],
    ['"\\u12G4"', "four hexadecimal digits", 1, 2],
    ["01", "leading zeros", 1, 1],
    ["1.", "after the decimal point", 1, 3],
    ["1e", "exponent", 1, 3],
    ["-", "expected a digit", 1, 2],
    ["tru", "expected a JSON value", 1, 1],
    ["{}\n  x", "after the end", 2, 3],
    ["{'a':1}", "double quotes", 1, 2],
    ["NaN", "expected a JSON value", 1, 1],
  ])("rejects %j with a clear message and position", (text, message, line, column) => {
    const error = errorOf(text);
    expect(error.message).toContain(message);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it("survives 100,000-deep nesting with a depth-limit error instead of a stack overflow", () => {
    const error = errorOf("[".repeat(100_000) + "]".repeat(100_000));
    expect(error.message).toContain(`limit of ${MAX_JSON_DEPTH} levels`);
    expect(errorOf('{"a":'.repeat(100_000)).message).toContain("limit");
  });

  it("accepts nesting up to the documented limit", () => {
    const result = parseJson("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH));
    expect(result.ok).toBe(true);
  });

  it("skips a leading byte-order mark", () => {
    const result = parseJson('\uFEFF{"a":1}');
    expect(result.ok && result.root.loc.column).toBe(1);
  });

  it("never pollutes prototypes with __proto__ keys", () => {
    const result = parseJson('{"__proto__":{"polluted":true},"constructor":1}');
    if (!result.ok) throw new Error("parse failed");
    const value = jsonValueFromNode(result.root) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(null);
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("jsonNodeFromValue", () => {
  it("builds nodes with unknown locations (line 0)", () => {
    const node = jsonNodeFromValue({ a: [1, "x", true, null] });
    expect(node.loc.line).toBe(0);
    expect(jsonValueFromNode(node)).toEqual({ a: [1, "x", true, null] });
  });

  it.each([
    [{ a: undefined }, "$.a"],
    [{ a: [1, Number.NaN] }, "$.a[1]"],
    [{ "b:c": () => 1 }, '$["b:c"]'],
  ])("rejects values JSON cannot represent (%#)", (value, path) => {
    expect(() => jsonNodeFromValue(value)).toThrow(expect.objectContaining({ path }));
  });

  it("rejects cycles", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonNodeFromValue(cyclic)).toThrow(
      expect.objectContaining({ message: "Circular reference" }),
    );
  });

  it("accepts the same object twice when it is not a cycle", () => {
    const shared = { x: 1 };
    expect(jsonValueFromNode(jsonNodeFromValue([shared, shared]))).toEqual([{ x: 1 }, { x: 1 }]);
  });
});

describe("jsonPathAppend", () => {
  it("writes identifiers with dots, indexes and other keys in brackets", () => {
    let path = jsonPathAppend("$", "Statement");
    path = jsonPathAppend(path, 0);
    path = jsonPathAppend(path, "Condition");
    path = jsonPathAppend(path, "aws:RequestTag/x");
    expect(path).toBe('$.Statement[0].Condition["aws:RequestTag/x"]');
  });
});
