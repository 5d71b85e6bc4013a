import { describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "@iamspec/core";
import { serializeOutcome } from "./serialize-outcome.js";

const statement = {
  policyType: "identity" as const,
  policyIndex: 0,
  policyName: "EC2ImageBuilderExecutionPolicy",
  statementIndex: 0,
  sid: "RunInstancesPermissions",
  effect: "Allow" as const,
};

const outcomes: [string, EvaluationOutcome][] = [
  ["an allowed result with an id", { id: 7, decision: "Allowed", decidedBy: [statement] }],
  [
    "a string id",
    {
      id: 'a"b',
      decision: "Allowed",
      decidedBy: [statement, { ...statement, statementIndex: 3, sid: "Other" }],
    },
  ],
  ["no id and no deciding statement", { decision: "ImplicitlyDenied", decidedBy: [] }],
  [
    "notes",
    {
      decision: "Allowed",
      decidedBy: [statement],
      notes: [{ code: "RESOURCE_POLICY_UNKNOWN", message: "m" }],
    },
  ],
  ["an undefined id", { id: undefined, decision: "ImplicitlyDenied", decidedBy: [] }],
  ["an error", { id: 1, error: { message: "bad", path: "$.action" } }],
  [
    "an explanation",
    { decision: "ImplicitlyDenied", decidedBy: [], explain: { summary: "s", policies: [] } },
  ],
];

describe("serializeOutcome", () => {
  it.each(outcomes)("writes the same JSON as JSON.stringify for %s", (_, outcome) => {
    const cache = new Map();
    expect(serializeOutcome(outcome, cache)).toBe(JSON.stringify(outcome));
    // A second time, from the cache.
    expect(serializeOutcome(outcome, cache)).toBe(JSON.stringify(outcome));
  });
});
