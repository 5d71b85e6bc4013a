import { describe, expect, it } from "vitest";
import type { Decision } from "../types.js";
import {
  EXPECTED_DECISIONS,
  expectationFailure,
  isExpectedDecision,
  matchesExpectation,
} from "./expectations.js";
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

describe("an expectation of an uncertain result (issue 15)", () => {
  const unsure = {
    decision: "ImplicitlyDenied",
    uncertain: true,
    otherDecision: "Allowed",
  } as const;
  it("fails when the other reading's decision does not meet it, unless uncertainty is allowed", () => {
    expect(expectationFailure(unsure, "ImplicitlyDenied")).toBe(
      "expected ImplicitlyDenied, got ImplicitlyDenied, but uncertain: Allowed under the other reading (--allow-uncertain accepts it)",
    );
    expect(expectationFailure(unsure, "ImplicitlyDenied", true)).toBeUndefined();
    expect(expectationFailure(unsure, "Allowed", true)).toBe(
      "expected Allowed, got ImplicitlyDenied",
    );
  });
  it("passes when both readings meet it (Denied for two kinds of denial)", () => {
    const denied = {
      decision: "ExplicitlyDenied",
      uncertain: true,
      otherDecision: "ImplicitlyDenied",
    } as const;
    expect(expectationFailure(denied, "Denied")).toBeUndefined();
    expect(expectationFailure(denied, "ExplicitlyDenied")).toMatch(/but uncertain/);
  });
  it("a certain result is judged on its decision alone", () => {
    expect(expectationFailure({ decision: "Allowed" }, "Allowed")).toBeUndefined();
    expect(expectationFailure({ decision: "Allowed" }, "Denied")).toBe(
      "expected Denied, got Allowed",
    );
  });
});
