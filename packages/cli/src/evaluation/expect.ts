// `--expect` and test files: `Denied` accepts either kind of denial.
import type { Decision } from "@iamspec/core";

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
