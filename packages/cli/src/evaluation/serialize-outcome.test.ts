import { describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "@iamspec/core";
import fc from "fast-check";
import { compile } from "@iamspec/core";
import { createStatementCache, serializeOutcome } from "./serialize-outcome.js";

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
  [
    "an uncertain result",
    {
      id: 2,
      decision: "ImplicitlyDenied",
      decidedBy: [],
      notes: [{ code: "STATEMENT_NOT_EVALUABLE", message: "m" }],
      uncertain: true,
      otherDecision: "Allowed",
      readings: [{ code: "C", where: "w", reading: "r", otherReading: "o", source: "docs/x.md#y" }],
    },
  ],
];

describe("serializeOutcome", () => {
  it.each(outcomes)("writes the same JSON as JSON.stringify for %s", (_, outcome) => {
    const cache = createStatementCache();
    expect(serializeOutcome(outcome, cache)).toBe(JSON.stringify(outcome));
    // A second time, from the cache.
    expect(serializeOutcome(outcome, cache)).toBe(JSON.stringify(outcome));
  });
});

describe("serializeOutcome on core's own results", () => {
  // Core's results: frozen shared deciding statements, fields in core's order, notes.
  const engine = compile({
    identity: [
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: "Queue", Effect: "Allow", Action: "sqs:*", Resource: "*" },
          { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
          { Sid: "NoDelete", Effect: "Deny", Action: "sqs:Delete*", Resource: "*" },
        ],
      },
    ],
  });
  const request = fc.record(
    {
      id: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()),
      principal: fc.constantFrom(
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:root",
        "ec2.amazonaws.com",
      ),
      action: fc.constantFrom("sqs:SendMessage", "sqs:DeleteQueue", "s3:GetObject", "s3:PutObject"),
      resource: fc.constantFrom(
        "arn:aws:sqs:us-east-1:111122223333:q",
        "arn:aws:sqs:us-east-1:444455556666:q",
        "arn:aws:s3:::b/k",
      ),
    },
    { requiredKeys: ["action", "resource"] },
  );

  it("writes exactly what JSON.stringify writes", () => {
    const cache = createStatementCache();
    fc.assert(
      fc.property(request, (r) => {
        const outcome = engine.evaluate(r);
        expect(serializeOutcome(outcome, cache)).toBe(JSON.stringify(outcome));
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
