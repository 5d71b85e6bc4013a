import { describe, expect, it } from "vitest";
import { losesPrecision } from "./exact-numbers.js";

describe("losesPrecision", () => {
  it.each([
    ["9007199254740991", false], // Number.MAX_SAFE_INTEGER
    ["9007199254740992", false], // 2^53: exact
    ["9007199254740993", true],
    ["-9007199254740993", true],
    ["1152921504606846976", false], // 2^60: exact although long
    ["10000000000000000000", false],
    ["123456789012345678", true],
    ["0.1", false],
    ["3.14159265358979", false], // 15 significant digits
    ["3.141592653589793238", true],
    ["1e400", false], // few digits (core sees Infinity; not a precision matter)
    ["1.0000000000000000001", true],
    ["0.000000000000000000001", false],
    ["42", false],
  ])("%s -> %s", (raw, expected) => {
    expect(losesPrecision(raw)).toBe(expected);
  });
});
