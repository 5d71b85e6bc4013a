import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { losesPrecision, mayHoldImpreciseNumber } from "./exact-numbers.js";

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

describe("mayHoldImpreciseNumber", () => {
  it.each([
    ['{"n": 1234567890123456}', true],
    ['{"n": 123456789012345}', false],
    ["1234567.890123456", true],
    ["x123456789012345x1234567", false],
    ["", false],
  ])("%s -> %s", (text, expected) => {
    expect(mayHoldImpreciseNumber(text)).toBe(expected);
  });

  it("finds a run of 16 digits or dots wherever it starts (the regular expression it replaces)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("1", "2", "3", ".", "0", "9", "7", "a", '"'), { maxLength: 80 }),
        (chars) => {
          const text = chars.join("");
          expect(mayHoldImpreciseNumber(text)).toBe(/[0-9.]{16}/.test(text));
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});
