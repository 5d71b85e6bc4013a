import { describe, expect, it } from "vitest";
import { jsonPathAppend } from "./path.js";
import { jsonPathSegments, locateJsonPath } from "./locate.js";
import { parseJson } from "./parse.js";

const text = `{
  "cases": [
    { "action": "s3:GetObject",
      "expected": "Nope" }
  ],
  "odd.key": { "x": 1 },
  "d": 1, "d": [true]
}`;

function root() {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.root;
}

describe("locating a JSON path in parsed text", () => {
  it("splits the paths jsonPathAppend writes back into keys and indexes", () => {
    const path = jsonPathAppend(jsonPathAppend(jsonPathAppend("$", "cases"), 0), "odd.key");
    expect(path).toBe('$.cases[0]["odd.key"]');
    expect(jsonPathSegments(path)).toEqual(["cases", 0, "odd.key"]);
    expect(jsonPathSegments("$")).toEqual([]);
  });

  it("finds the line and column of a value at a path", () => {
    expect(locateJsonPath(root(), "$.cases[0].expected")).toEqual({ line: 4, column: 19 });
    expect(locateJsonPath(root(), '$["odd.key"].x')).toEqual({ line: 6, column: 21 });
  });

  it("falls back to the nearest existing ancestor, so a missing field points at its object", () => {
    expect(locateJsonPath(root(), "$.cases[0].name")).toEqual({ line: 3, column: 5 });
    expect(locateJsonPath(root(), "$.cases[7]")).toEqual({ line: 2, column: 12 });
  });

  it("follows the last of duplicate keys, as JSON.parse does", () => {
    expect(locateJsonPath(root(), "$.d[0]")).toEqual({ line: 7, column: 17 });
  });
});
