// Shared by the peer-case tables: every request is decided twice, by evaluate() and by a compiled
// engine, and the two must agree (docs/architecture.md: compile(p).evaluate(r) equals evaluate({...r, policies: p})).
import { appendFileSync } from "node:fs";
import { expect } from "vitest";
import { compile, evaluate } from "../../src/evaluation/index.js";
import type { EvaluationRequest, EvaluationResult } from "../../src/types.js";

export type { Doc } from "../helpers.js";
export { allow, deny, policy } from "../helpers.js";

/** Where a row's fact comes from: an AWS page or a peer engine's test. */
export const AWS = {
  operators: "AWS UG: Condition operators",
  conditionElement: "AWS UG: IAM JSON policy elements: Condition",
  multiKeys: "AWS UG: Conditions with multiple context keys or values",
  singleVsMulti: "AWS UG: Single-valued vs. multivalued context keys",
  multiExamples: "AWS UG: Multivalued context key examples",
  globalKeys: "AWS UG: AWS global condition context keys",
  variables: "AWS UG: IAM policy elements: Variables and tags",
  version: "AWS UG: IAM JSON policy elements: Version",
  action: "AWS UG: IAM JSON policy elements: Action",
  notAction: "AWS UG: IAM JSON policy elements: NotAction",
  resource: "AWS UG: IAM JSON policy elements: Resource",
  notResource: "AWS UG: IAM JSON policy elements: NotResource",
  principal: "AWS UG: AWS JSON policy elements: Principal",
  notPrincipal: "AWS UG: AWS JSON policy elements: NotPrincipal",
  evaluation: "AWS UG: Policy evaluation logic",
  denyAllow: "AWS UG: How AWS enforcement code logic evaluates requests",
  singleAccount: "AWS UG: Policy evaluation for requests within a single account",
  crossAccount: "AWS UG: Cross-account policy evaluation logic",
  boundaries: "AWS UG: Permissions boundaries for IAM entities",
  sessionPolicies: "AWS UG: Policies and permissions (session policies)",
  scp: "AWS Organizations: Service control policies (SCP evaluation)",
  rcp: "AWS Organizations: Resource control policies",
  arns: "AWS UG: IAM identifiers / ARNs",
  grammar: "AWS UG: Grammar of the IAM JSON policy language",
  examples: "AWS UG: Example IAM identity-based policies",
} as const;

/** A fact taken from cloud-copilot/iam-simulate's test suite (the fact, not its code). */
export function sim(file: string, name: string): string {
  return `iam-simulate test ${file}: ${name}`;
}

/** Decides with evaluate() and with compile(); fails the test if they differ or if either errors. */
export function decide(request: EvaluationRequest): EvaluationResult["decision"] {
  const direct = evaluate(request);
  if ("error" in direct) throw new Error(`unexpected error: ${direct.error.message}`);
  const { policies, ...rest } = request;
  const compiled = compile(policies).evaluate(rest);
  if ("error" in compiled)
    throw new Error(`unexpected error (compiled): ${compiled.error.message}`);
  expect(compiled.decision, "compile() and evaluate() agree").toBe(direct.decision);
  expect(compiled.otherDecision, "compile() and evaluate() agree on uncertainty").toBe(
    direct.otherDecision,
  );
  countUncertain(request, direct);
  return direct.decision;
}

/**
 * With IAMSPEC_UNCERTAIN_LOG set to a file, each decided row appends one line: 1 when the result is
 * uncertain, 0 otherwise, then the decisions, reading codes, action, and 1 when a statement could not
 * be evaluated (for the counts in docs/uncertain-readings.md).
 */
function countUncertain(request: EvaluationRequest, r: EvaluationResult): void {
  const log = process.env.IAMSPEC_UNCERTAIN_LOG;
  if (log === undefined || log === "") return;
  const codes = (r.readings ?? []).map((x) => x.code).join(",");
  const unevaluable = (r.notes ?? []).some((n) => n.code === "STATEMENT_NOT_EVALUABLE") ? 1 : 0;
  appendFileSync(
    log,
    `${r.uncertain ? 1 : 0} ${r.decision} ${r.otherDecision ?? "-"} ${codes || "-"} ${request.action} ${unevaluable}\n`,
  );
}

/** The full result (notes, deciding statements) from evaluate(). */
export function result(request: EvaluationRequest): EvaluationResult {
  const outcome = evaluate(request);
  if ("error" in outcome) throw new Error(`unexpected error: ${outcome.error.message}`);
  countUncertain(request, outcome);
  return outcome;
}
