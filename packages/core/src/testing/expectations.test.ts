import { describe, expect, it } from "vitest";
import type { Decision } from "../types.js";
import { EXPECTED_DECISIONS, isExpectedDecision, matchesExpectation } from "./expectations.js";
import type { ExpectedDecision } from "./expectations.js";

describe("an expected decision", () => {
  it.each<[ExpectedDecision, Decision, boolean]>([
    ["Allowed", "Allowed", true],
    ["Allowed", "ImplicitlyDenied", false],
    ["Allowed", "ExplicitlyDenied", false],
    ["ImplicitlyDenied", "ImplicitlyDenied", true],
    ["ImplicitlyDenied", "ExplicitlyDenied", false],
    ["ImplicitlyDenied", "Allowed", false],
    ["ExplicitlyDenied", "ExplicitlyDenied", true],
    ["ExplicitlyDenied", "ImplicitlyDenied", false],
    ["ExplicitlyDenied", "Allowed", false],
    // `Denied` is for tests that only care that access is refused.
    ["Denied", "ImplicitlyDenied", true],
    ["Denied", "ExplicitlyDenied", true],
    ["Denied", "Allowed", false],
  ])("%s is met by %s: %s", (expected, decision, met) => {
    expect(matchesExpectation(decision, expected)).toBe(met);
  });

  it("is one of the four names, spelt exactly", () => {
    expect(EXPECTED_DECISIONS).toEqual([
      "Allowed",
      "ImplicitlyDenied",
      "ExplicitlyDenied",
      "Denied",
    ]);
    for (const name of EXPECTED_DECISIONS) expect(isExpectedDecision(name)).toBe(true);
    for (const other of ["allowed", "Deny", "", undefined, 1, null]) {
      expect(isExpectedDecision(other)).toBe(false);
    }
  });
});
