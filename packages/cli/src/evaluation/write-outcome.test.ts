import { describe, expect, it } from "vitest";
import type { EvaluationOutcome } from "@iamspec/core";
import fc from "fast-check";
import { compile } from "@iamspec/core";
import { createBufferPool } from "./buffer-pool.js";
import { ResultBytes } from "./result-bytes.js";
import { createOutcomeBytesCache, writeOutcome } from "./serialize-outcome.js";
import type { OutcomeBytesCache } from "./serialize-outcome.js";

const statement = Object.freeze({
  policyType: "identity" as const,
  policyIndex: 0,
  policyName: "EC2ImageBuilderExecutionPolicy",
  statementIndex: 0,
  sid: "RunInstancesPermissions",
  effect: "Allow" as const,
});
const other = Object.freeze({ ...statement, statementIndex: 32, sid: "Élan" });
const note = Object.freeze({ code: "KMS_KEY_POLICY_REQUIRED", message: "m — «n»" });

const outcomes: [string, EvaluationOutcome][] = [
  ["an allowed result with an id", { id: 7, decision: "Allowed", decidedBy: [statement] }],
  ["id 0", { id: 0, decision: "Allowed", decidedBy: [statement] }],
  ["id -0", { id: -0, decision: "Allowed", decidedBy: [statement] }],
  ["a negative id", { id: -120, decision: "Allowed", decidedBy: [statement] }],
  ["the largest safe integer", { id: 2 ** 53 - 1, decision: "Allowed", decidedBy: [] }],
  ["the smallest safe integer", { id: -(2 ** 53 - 1), decision: "Allowed", decidedBy: [] }],
  ["an integer past 2^53", { id: 2 ** 60, decision: "Allowed", decidedBy: [] }],
  ["an integer past 1e21", { id: 1e21, decision: "Allowed", decidedBy: [] }],
  ["a fraction", { id: -0.5, decision: "Allowed", decidedBy: [] }],
  ["a non-finite number", { id: Infinity, decision: "Allowed", decidedBy: [] }],
  ["a string id", { id: 'a"b\u2028é😀\ud800', decision: "Allowed", decidedBy: [statement, other] }],
  [
    "an id of another type",
    { id: { a: [1] } as unknown as string, decision: "Allowed", decidedBy: [] },
  ],
  ["no id and no deciding statement", { decision: "ImplicitlyDenied", decidedBy: [] }],
  ["an undefined id", { id: undefined, decision: "ImplicitlyDenied", decidedBy: [] }],
  ["frozen notes", { id: 3, decision: "Allowed", decidedBy: [other], notes: [note, note] }],
  ["an empty list of notes", { id: 3, decision: "Allowed", decidedBy: [other], notes: [] }],
  [
    "notes that are not frozen",
    {
      decision: "Allowed",
      decidedBy: [statement],
      notes: [note, { code: "RESOURCE_POLICY_UNKNOWN", message: "m" }],
    },
  ],
  [
    "statements that are not frozen",
    {
      id: "x",
      decision: "ExplicitlyDenied",
      decidedBy: [{ ...statement }, { ...statement, effect: "Deny" }],
    },
  ],
];

function written(outcome: EvaluationOutcome, cache: OutcomeBytesCache): string | false {
  const out = new ResultBytes(createBufferPool());
  if (!writeOutcome(outcome, cache, out)) return false;
  return Buffer.from(out.finish()).toString("utf8");
}

describe("writeOutcome", () => {
  it.each(outcomes)("writes the bytes of JSON.stringify and a newline for %s", (_, outcome) => {
    const cache = createOutcomeBytesCache();
    const expected = `${JSON.stringify(outcome)}\n`;
    expect(written(outcome, cache)).toBe(expected);
    // A second time, from the cache.
    expect(written(outcome, cache)).toBe(expected);
  });

  it("leaves errors, explanations and uncertain results to the text path, writing nothing", () => {
    const cache = createOutcomeBytesCache();
    const out = new ResultBytes(createBufferPool());
    for (const outcome of [
      { id: 1, error: { message: "bad", path: "$.action" } },
      { decision: "ImplicitlyDenied", decidedBy: [], explain: { summary: "s", policies: [] } },
      {
        decision: "ImplicitlyDenied",
        decidedBy: [],
        uncertain: true,
        otherDecision: "Allowed",
        readings: [],
      },
    ] as EvaluationOutcome[])
      expect(writeOutcome(outcome, cache, out)).toBe(false);
    expect(out.finish().length).toBe(0);
  });

  it("keeps text lines and written lines in order across buffer growth", () => {
    const pool = createBufferPool();
    const out = new ResultBytes(pool);
    const cache = createOutcomeBytesCache();
    let expected = "";
    // Past the pool's 2 MiB buffers, with text lines between written ones.
    for (let i = 0; i < 30_000; i++) {
      if (i % 7 === 0) {
        const text = `{"error":"line ${i} ✓ ${"x".repeat(i % 300)}"}`;
        out.add(text);
        expected += `${text}\n`;
      } else {
        const outcome: EvaluationOutcome = {
          id: i % 3 === 0 ? `r${i}` : i,
          decision: "Allowed",
          decidedBy: i % 2 === 0 ? [statement] : [statement, other],
        };
        expect(writeOutcome(outcome, cache, out)).toBe(true);
        expected += `${JSON.stringify(outcome)}\n`;
      }
    }
    const bytes = out.finish();
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(Buffer.from(bytes).toString("utf8")).toBe(expected);
  });
});

describe("writeOutcome on core's own results", () => {
  const engine = compile({
    identity: [
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: "Queue", Effect: "Allow", Action: "sqs:*", Resource: "*" },
          { Effect: "Allow", Action: ["s3:GetObject", "kms:Decrypt"], Resource: "*" },
          { Sid: "NoDelete", Effect: "Deny", Action: "sqs:Delete*", Resource: "*" },
        ],
      },
    ],
  });
  const request = fc.record(
    {
      id: fc.oneof(
        fc.integer(),
        fc.maxSafeInteger(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.string({ unit: "grapheme" }),
      ),
      principal: fc.constantFrom(
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:root",
        "ec2.amazonaws.com",
      ),
      action: fc.constantFrom(
        "sqs:SendMessage",
        "sqs:DeleteQueue",
        "s3:GetObject",
        "s3:PutObject",
        "kms:Decrypt",
      ),
      resource: fc.constantFrom(
        "arn:aws:sqs:us-east-1:111122223333:q",
        "arn:aws:sqs:us-east-1:444455556666:q",
        "arn:aws:s3:::b/k",
        "arn:aws:kms:us-east-1:111122223333:key/k",
      ),
    },
    { requiredKeys: ["action", "resource"] },
  );

  it("writes exactly what JSON.stringify writes", () => {
    const cache = createOutcomeBytesCache();
    fc.assert(
      fc.property(request, (r) => {
        const outcome = engine.evaluate(r);
        const bytes = written(outcome, cache);
        if (bytes !== false) expect(bytes).toBe(`${JSON.stringify(outcome)}\n`);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
