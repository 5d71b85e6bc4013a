// What a test case may expect of a decision. `Denied` accepts either kind of denial, for
// tests that only care that access is refused, not whether a Deny statement refused it.
import type { Decision } from "../types.js";

export const EXPECTED_DECISIONS = [
  "Allowed",
  "ImplicitlyDenied",
  "ExplicitlyDenied",
  "Denied",
] as const;
export type ExpectedDecision = (typeof EXPECTED_DECISIONS)[number];

export function isExpectedDecision(value: unknown): value is ExpectedDecision {
  return typeof value === "string" && (EXPECTED_DECISIONS as readonly string[]).includes(value);
}

export function matchesExpectation(decision: Decision, expected: ExpectedDecision): boolean {
  return expected === "Denied" ? decision !== "Allowed" : decision === expected;
}
