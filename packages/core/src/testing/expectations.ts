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

/** The decision fields an expectation looks at (a result of `evaluate`). */
export interface ExpectationSubject {
  decision: Decision;
  uncertain?: true;
  otherDecision?: Decision;
}

/**
 * Why a result does not meet an expectation, in words; undefined when it does. An uncertain result
 * (issue 15) meets it only when the decision under the other reading does too, or when
 * `allowUncertain` accepts the fail-safe decision alone.
 */
export function expectationFailure(
  result: ExpectationSubject,
  expected: ExpectedDecision,
  allowUncertain = false,
): string | undefined {
  if (!matchesExpectation(result.decision, expected))
    return `expected ${expected}, got ${result.decision}`;
  if (result.uncertain === true && !allowUncertain && result.otherDecision !== undefined) {
    if (!matchesExpectation(result.otherDecision, expected))
      return `expected ${expected}, got ${result.decision}, but uncertain: ${result.otherDecision} under the other reading (--allow-uncertain accepts it)`;
  }
  return undefined;
}
