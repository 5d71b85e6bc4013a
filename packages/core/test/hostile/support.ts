// Shared helpers for the hostile-input and fuzz suites: outcome predicates, policy builders and
// the Object.prototype integrity check.
import process from "node:process";
import { expect } from "vitest";
import type {
  Diagnostic,
  EvaluationErrorResult,
  EvaluationOutcome,
  EvaluationResult,
} from "../../src/index.js";

export function isErrorOutcome(outcome: EvaluationOutcome): outcome is EvaluationErrorResult {
  return "error" in outcome;
}

/** The decision, or `"error"` for a request that could not be evaluated. */
export function decisionOf(outcome: EvaluationOutcome): EvaluationResult["decision"] | "error" {
  return isErrorOutcome(outcome) ? "error" : outcome.decision;
}

/** A policy document as JSON text, Version 2012-10-17. */
export function policyText(...statements: readonly object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const ALLOW_ALL = { Effect: "Allow", Action: "*", Resource: "*" } as const;

/** Every own property of Object.prototype, so a test can prove nothing was added or replaced. */
export function prototypeSnapshot(): Map<string | symbol, PropertyDescriptor | undefined> {
  const snapshot = new Map<string | symbol, PropertyDescriptor | undefined>();
  for (const key of Reflect.ownKeys(Object.prototype)) {
    snapshot.set(key, Object.getOwnPropertyDescriptor(Object.prototype, key));
  }
  return snapshot;
}

export function expectPrototypeUntouched(
  before: Map<string | symbol, PropertyDescriptor | undefined>,
): void {
  const after = prototypeSnapshot();
  expect([...after.keys()].map(String).sort()).toEqual([...before.keys()].map(String).sort());
  for (const [key, descriptor] of before) {
    const now = after.get(key);
    expect(now?.value, String(key)).toBe(descriptor?.value);
    expect(now?.get, String(key)).toBe(descriptor?.get);
    expect(now?.set, String(key)).toBe(descriptor?.set);
  }
  // A polluted prototype shows up on a fresh object literal.
  const fresh: Record<string, unknown> = {};
  for (const probe of ["polluted", "isAdmin", "Effect", "Allow", "decision", "aws:sourceip"]) {
    expect(fresh[probe], probe).toBeUndefined();
  }
}

/** Diagnostics must always carry a code, a severity, a message and a JSON path. */
export function expectWellFormedDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(typeof d.code).toBe("string");
    expect(d.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"]).toContain(d.severity);
    expect(typeof d.message).toBe("string");
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.path.startsWith("$")).toBe(true);
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
    if (d.column !== undefined) expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

/** Nested arrays `depth` deep, built without recursion. */
export function nestedArrays(depth: number, innermost: unknown = "x"): unknown {
  let value: unknown = innermost;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/**
 * Set by stryker.config.mjs: the suite runs once per mutant, so tests that take seconds by design
 * (100,000 statements, 10 MB strings, the whole managed corpus) skip themselves.
 */
export const MUTATION_RUN = process.env.IAMSPEC_MUTATION === "1";
